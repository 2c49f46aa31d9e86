#!/usr/bin/env bash
# Load test of the HTTP API on loopback (issue 6): /healthz, then /v1/stations/nearest, each with
# wrk for DURATION seconds (default 30) on 2 threads and 64 connections, against a release build
# serving the bundled sample ledger. Prints both request rates, their ratio and the latencies.
# Set ROUNDS=3 to repeat the pair of runs and report the median ratio; PLAIN_HEALTHZ=1 to also run
# /healthz the plain way (no Lua), for comparison; AT=2026-11-23T10:00 to ask every nearest query at
# that local time instead of now.
# Needs: wrk (apt-get install wrk). Usage: scripts/bench_http.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
port="${PORT:-18080}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
# BIN=path/to/stationfinder runs a given binary instead (e.g. an older build, to compare the two).
if [ -z "${BIN:-}" ]; then swift build -c release --product stationfinder >/dev/null; fi
bin="${BIN:-$(swift build -c release --show-bin-path)/stationfinder}"
db="$(mktemp -d)/bench.db"
"$bin" setup --geodata geodata --sample --db "$db" >/dev/null
"$bin" serve --host 127.0.0.1 --port "$port" --db "$db" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

run() { wrk -t2 -c64 -d"${duration}s" --latency "$@"; }
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' <<<"$1"; }
# Each round runs /healthz then /v1/stations/nearest. The machine is a shared virtual one whose speed
# drifts by up to 2x within minutes, so ROUNDS=3 repeats the pair and reports every round's ratio and
# their median (default: one round).
rounds="${ROUNDS:-1}"
ratios=()
for round in $(seq 1 "$rounds"); do
  # Both runs go through a Lua request() that hands out pre-formatted requests, so the load generator
  # (sharing the machine's two cores with the server) does the same work per request in both.
  echo "== round $round: /healthz"; health=$(run -s scripts/wrk/requests.lua "http://127.0.0.1:$port" -- healthz); echo "$health"
  echo "== round $round: /v1/stations/nearest ${AT:+at $AT}"
  nearest=$(run -s scripts/wrk/requests.lua "http://127.0.0.1:$port" -- nearest ${AT:+"$AT"}); echo "$nearest"
  if [ -n "${PLAIN_HEALTHZ:-}" ]; then
    echo "== /healthz without a Lua script"; plain=$(run "http://127.0.0.1:$port/healthz"); echo "$plain"
  fi
  h=$(rps "$health"); n=$(rps "$nearest")
  ratio=$(awk -v a="$n" -v b="$h" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  echo "round $round: healthz_rps=$h nearest_rps=$n ratio=$ratio nearest_p99=$(awk '/ 99%/ {print $2}' <<<"$nearest") errors: $(errors "$nearest")"
  if [ -n "${PLAIN_HEALTHZ:-}" ]; then
    p=$(rps "$plain")
    echo "plain_healthz_rps=$p ratio_to_plain=$(awk -v a="$n" -v b="$p" 'BEGIN {printf "%.2f", a / b}')"
  fi
done
echo "ratios: ${ratios[*]}; median: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
