#!/usr/bin/env bash
# Load test of GET /v1/stations/along (issue 17) against /healthz in the same run: wrk for DURATION
# seconds each (default 30), 2 threads, 64 connections, on a release build serving the bundled sample
# ledger. The route is the benchmarks' 30 km, 500-position one through the centre (AlongBench polyline),
# asked at six departure times with both open policies. Prints both rates and their ratio.
# Set ROUNDS=3 for three pairs and the median ratio. Needs: wrk (apt-get install wrk).
# Usage: scripts/bench_http_along.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
port="${PORT:-18081}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
# BIN=path/to/stationfinder runs a given binary instead (e.g. an older build, to compare the two).
if [ -z "${BIN:-}" ]; then swift build -c release --product stationfinder >/dev/null; fi
bin="${BIN:-$(swift build -c release --show-bin-path)/stationfinder}"
# ALONG_BENCH=path/to/AlongBench takes the route from a given build of the benchmark.
if [ -z "${ALONG_BENCH:-}" ]; then swift build -c release --package-path Benchmarks --product AlongBench >/dev/null; fi
polyline="$("${ALONG_BENCH:-$(swift build -c release --package-path Benchmarks --show-bin-path)/AlongBench}" polyline |
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip(), safe=""))')"
db="$(mktemp -d)/bench.db"
"$bin" setup --geodata geodata --sample --db "$db" >/dev/null
"$bin" serve --host 127.0.0.1 --port "$port" --db "$db" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/v1/stations/along?polyline=$polyline&at=2026-11-23T10:00&compact=true" |
  python3 -c 'import json, sys; print("check: %d stations along the route at 10:00" % len(json.load(sys.stdin)["results"]))'

run() { wrk -t2 -c64 -d"${duration}s" --latency "$@"; }
rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
rounds="${ROUNDS:-1}"
ratios=()
for round in $(seq 1 "$rounds"); do
  echo "== round $round: /healthz"; health=$(run -s scripts/wrk/along.lua "http://127.0.0.1:$port" -- healthz); echo "$health"
  echo "== round $round: /v1/stations/along"
  along=$(run -s scripts/wrk/along.lua "http://127.0.0.1:$port" -- along "$polyline"); echo "$along"
  h=$(rps "$health"); a=$(rps "$along")
  ratio=$(awk -v a="$a" -v b="$h" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio")
  echo "round $round: healthz_rps=$h along_rps=$a ratio=$ratio along_p99=$(awk '/ 99%/ {print $2}' <<<"$along") errors: $(awk '/Non-2xx|Socket errors/ {print}' <<<"$along")"
done
echo "ratios: ${ratios[*]}; median: $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
