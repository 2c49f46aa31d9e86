#!/usr/bin/env bash
# Soak test of the HTTP API (issue 19): a release server on a scratch copy of the bundled sample ledger,
# loaded with wrk the way the workers' app would load it, then stopped with SIGTERM while still loaded.
#
#   scripts/soak.sh [SECONDS]      (default 60; BIN=path/to/stationfinder runs a given build)
#
# Three phases:
#   1. nearest alone: after a 10 s warm-up, wrk for SECONDS at 256 connections (2 threads) on
#      /v1/stations/nearest (scripts/wrk/requests.lua: seeded random points in central Beijing), the
#      server's resident memory (VmRSS in /proc/PID/status) sampled every 5 s;
#   2. mixed: HEAVY_LOOPS (default 1) background loops request coverage (all districts), the coverage
#      export and Chaoyang's gaps one after another; after 30 s of warm-up with nearest under wrk
#      beside them (the export's buffers and the heavy workers' memory reach their working size),
#      the same wrk run for SECONDS with RSS sampled again;
#   3. SIGTERM under load: nearest under wrk, and in flight the stations as GeoJSON (3.8 MB), a gaps
#      and a coverage request for one district each, not computed before; then SIGTERM: those three must complete with 200
#      and whole JSON, and the server exit 0 within 5 s. (The export takes 10-20 s on two cores; a
#      SIGTERM during one waits for it, so it is not among them.)
# The server runs with --heavy-per-minute 0: the default per-client limit (60 a minute) would turn part
# of the background loop into cheap 429s, and the point is nearest's latency while heavy work runs.
#
# Prints the errors (wrk's non-2xx responses and socket errors, and the heavy loop's statuses), RSS
# after warm-up and at the end of each phase, nearest's p99 alone and beside the heavy routes (target
# < 20 ms), and the shutdown time and exit status. RSS growth (target < 10 %) is the peak of a phase's
# second half of samples against the peak of its first half: one export builds a 7.6 MB answer and
# its intermediates, so a single reading swings by 10-15 MB around 150 MB with where the export
# happens to be, while a leak would lift the later peaks. Exits 1 when there were errors, RSS grew by
# 10 % or more, or the SIGTERM check failed. The p99 target is reported, not
# enforced: on a 2-core machine that wrk, the server and the heavy routes (and other users) share, the
# tail depends on the scheduler more than on the service.
# Needs: wrk and curl (apt-get install wrk curl), python3 (to pick a free port).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-60}"
heavy_loops="${HEAVY_LOOPS:-1}"
command -v wrk >/dev/null || { echo "soak: wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
if [ -z "${BIN:-}" ]; then swift build -c release --product stationfinder >/dev/null; fi
bin="${BIN:-$(swift build -c release --show-bin-path)/stationfinder}"
[ -x "$bin" ] || { echo "soak: no stationfinder binary at $bin" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/stationfinder-soak.XXXXXX")
server=""; sampler=""; heavy_pids=()
cleanup() {
    for pid in "${heavy_pids[@]}" $sampler; do kill "$pid" 2>/dev/null || true; done
    [ -n "$server" ] && kill -9 "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" setup --geodata geodata --sample --db "$work/soak.db" >/dev/null
"$bin" serve --host 127.0.0.1 --port "$port" --db "$work/soak.db" --quiet --log-level warning \
    --heavy-per-minute 0 >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || { echo "soak: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }
# Appends "seconds-since-start RSS-kB" to $1 every 5 s until killed.
sample_rss() {
    local started=$SECONDS
    while kill -0 "$server" 2>/dev/null; do
        echo "$((SECONDS - started)) $(rss_kb)" >>"$1"
        sleep 5
    done
}
nearest_load() { wrk -t2 -c256 -d"$1s" --latency -s scripts/wrk/requests.lua "$base" -- nearest; }
# wrk's 99th percentile ("99%  12.34ms") in milliseconds.
p99_ms() {
    awk '$1 == "99%" {
        v = $2; unit = v; sub(/^[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
        f = (unit == "us") ? 0.001 : (unit == "ms") ? 1 : (unit == "s") ? 1000 : (unit == "m") ? 60000 : -1
        printf "%.2f", v * f }' <<<"$1"
}
# wrk's error count: non-2xx/3xx responses plus every kind of socket error.
wrk_errors() {
    awk '/Non-2xx or 3xx responses:/ {n += $NF}
         /Socket errors:/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i}
         END {print n + 0}' <<<"$1"
}
growth_pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b - a) * 100 / a}'; }
# "first-half-peak second-half-peak" (kB) of a file of "seconds kB" samples.
half_peaks() {
    awk '{kb[NR] = $2} END {h = int(NR / 2); for (i = 1; i <= NR; i++) if (i <= h) { if (kb[i] > a) a = kb[i] } else if (kb[i] > b) b = kb[i]; print a, b}' "$1"
}
heavy_urls=("/v1/coverage" "/v1/export/coverage.geojson" "/v1/gaps?district=110105")
# Requests the heavy routes in turn until $work/stop-heavy exists, one line per answer: "route status
# seconds". Stopping that way lets the request under way finish, so no export is still being computed
# when phase 3 sends SIGTERM.
heavy_loop() {
    while [ ! -e "$work/stop-heavy" ]; do
        for url in "${heavy_urls[@]}"; do
            [ -e "$work/stop-heavy" ] && break
            curl -s -o /dev/null -w "${url%%\?*} %{http_code} %{time_total}\n" "$base$url" >>"$1" || echo "${url%%\?*} curl-error 0" >>"$1"
        done
    done
}

# Nearest under wrk for $duration s with RSS sampled into $work/rss-$1: wrk's report in $work/wrk-$1,
# RSS (kB) before and after in $work/rss-$1-ends; prints both.
measured_nearest() {
    local before
    before=$(rss_kb)
    sample_rss "$work/rss-$1" & sampler=$!
    nearest_load "$duration" >"$work/wrk-$1"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; sampler=""
    echo "$before $(rss_kb)" >"$work/rss-$1-ends"
    cat "$work/wrk-$1"
    echo "RSS samples (s kB): $(tr '\n' ';' <"$work/rss-$1")"
}

failures=()

echo "== soak: $bin, $duration s per phase, port $port"
echo "== warm-up: nearest, 10 s"
warm=$(nearest_load 10)
warm_errors=$(wrk_errors "$warm")

echo "== phase 1: nearest alone, $duration s at 256 connections"
measured_nearest alone
alone=$(cat "$work/wrk-alone"); read -r rss_before_alone rss_after_alone <"$work/rss-alone-ends"

echo "== phase 2: nearest with $heavy_loops heavy loop(s) (coverage, export, gaps), 30 s warm-up then $duration s"
for _ in $(seq 1 "$heavy_loops"); do heavy_loop "$work/heavy" & heavy_pids+=($!); done
mixed_warm=$(nearest_load 30)
warm_errors=$(( warm_errors + $(wrk_errors "$mixed_warm") ))
measured_nearest mixed
mixed=$(cat "$work/wrk-mixed"); read -r rss_before_mixed rss_after_mixed <"$work/rss-mixed-ends"
touch "$work/stop-heavy"
for pid in "${heavy_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
heavy_pids=()
echo "heavy answers (route status count mean-seconds):"
awk '{n[$1" "$2]++; t[$1" "$2] += $3} END {for (k in n) printf "  %s %d %.2f\n", k, n[k], t[k] / n[k]}' "$work/heavy" | sort
heavy_errors=$(awk '$2 != "200" {n++} END {print n + 0}' "$work/heavy")

echo "== phase 3: SIGTERM under load"
nearest_load 8 >"$work/wrk-term" 2>&1 &
load=$!
sleep 2
inflight_urls=("/v1/stations?format=geojson" "/v1/gaps?district=110101&radius=600" "/v1/coverage?district=110102&radius=700")
for i in "${!inflight_urls[@]}"; do
    curl -s -o "$work/inflight-$i" -w "%{http_code} %{time_total}" "$base${inflight_urls[$i]}" >"$work/inflight-$i.status" 2>/dev/null &
    heavy_pids+=($!)
done
sleep 0.3
term_started=$(date +%s%3N)
kill -TERM "$server"
set +e; wait "$server"; term_status=$?; set -e
term_ms=$(( $(date +%s%3N) - term_started ))
server=""
inflight_ok=1
for pid in "${heavy_pids[@]}"; do wait "$pid" || true; done
heavy_pids=()
for i in "${!inflight_urls[@]}"; do
    status=none; seconds=?
    read -r status seconds <"$work/inflight-$i.status" || true
    if [ "$status" = 200 ] && python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/inflight-$i" 2>/dev/null; then
        echo "in flight at SIGTERM: ${inflight_urls[$i]} answered 200 with whole JSON ($(stat -c %s "$work/inflight-$i") bytes, $seconds s)"
    else
        echo "in flight at SIGTERM: ${inflight_urls[$i]} answered '$status', cut short or refused"; inflight_ok=0
    fi
done
wait "$load" 2>/dev/null || true
echo "server exit status $term_status, $term_ms ms after SIGTERM"

alone_errors=$(wrk_errors "$alone"); mixed_errors=$(wrk_errors "$mixed")
alone_p99=$(p99_ms "$alone"); mixed_p99=$(p99_ms "$mixed")
read -r alone_peak1 alone_peak2 < <(half_peaks "$work/rss-alone")
read -r mixed_peak1 mixed_peak2 < <(half_peaks "$work/rss-mixed")
alone_growth=$(growth_pct "$alone_peak1" "$alone_peak2")
mixed_growth=$(growth_pct "$mixed_peak1" "$mixed_peak2")
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }

echo
echo "== soak summary ($duration s per phase, 256 connections, heavy loops: $heavy_loops)"
echo "errors: warm-up $warm_errors, nearest alone $alone_errors, nearest mixed $mixed_errors, heavy routes $heavy_errors (target 0)"
echo "RSS nearest alone: $((rss_before_alone / 1024)) MB after warm-up -> $((rss_after_alone / 1024)) MB at end ($(growth_pct "$rss_before_alone" "$rss_after_alone") %);" \
     "peak $((alone_peak1 / 1024)) MB in the first half, $((alone_peak2 / 1024)) MB in the second: $alone_growth % (target < 10 %)"
echo "RSS mixed:         $((rss_before_mixed / 1024)) MB after 30 s mixed warm-up -> $((rss_after_mixed / 1024)) MB at end ($(growth_pct "$rss_before_mixed" "$rss_after_mixed") %);" \
     "peak $((mixed_peak1 / 1024)) MB in the first half, $((mixed_peak2 / 1024)) MB in the second: $mixed_growth % (target < 10 %)"
echo "nearest alone: $(rps "$alone") req/s, p99 $alone_p99 ms; with heavy routes: $(rps "$mixed") req/s, p99 $mixed_p99 ms (target < 20 ms; reported, not enforced)"
echo "SIGTERM under load: exit status $term_status after $term_ms ms (target 0 within 5000 ms); in-flight requests completed whole: $([ $inflight_ok = 1 ] && echo yes || echo no)"

(( warm_errors + alone_errors + mixed_errors + heavy_errors == 0 )) || failures+=("errors under load")
awk -v g="$alone_growth" 'BEGIN {exit !(g < 10)}' || failures+=("RSS grew $alone_growth % with nearest alone")
awk -v g="$mixed_growth" 'BEGIN {exit !(g < 10)}' || failures+=("RSS grew $mixed_growth % in the mixed run")
[ "$term_status" = 0 ] || failures+=("exit status $term_status after SIGTERM")
(( term_ms <= 5000 )) || failures+=("shutdown took $term_ms ms")
[ "$inflight_ok" = 1 ] || failures+=("an in-flight request did not complete")
if (( ${#failures[@]} )); then
    printf 'soak: FAILED: %s\n' "${failures[@]}" >&2; exit 1
fi
echo "soak: passed"
