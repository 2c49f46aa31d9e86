#!/usr/bin/env bash
# Issue 18's figures on a release build, in one run: write-to-visible between two replicas (100 writes),
# the 9,650-station sample imported into PostgreSQL, and nearest through nginx over two replicas
# against one replica alone. Starts its own cluster (scripts/cluster.sh) and stops it at the end.
# Needs: postgresql, nginx and wrk (Debian). Usage: scripts/bench_replicas.sh [WRK_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
export CLUSTER_DIR="${CLUSTER_DIR:-${TMPDIR:-/tmp}/stationfinder-bench-cluster}"
export CLUSTER_PORT="${CLUSTER_PORT:-8190}" REPLICA_PORTS="${REPLICA_PORTS:-8191 8192}" CLUSTER_PG_PORT="${CLUSTER_PG_PORT:-55450}"
balancer="$(bash scripts/cluster.sh start)"
trap 'bash scripts/cluster.sh stop' EXIT
bin="$(swift build -c release --show-bin-path)/stationfinder"
url="$(PG_TEST_DIR="$CLUSTER_DIR/postgres" PG_TEST_PORT="$CLUSTER_PG_PORT" bash scripts/pg_test_server.sh url)"
read -r port_a port_b <<<"$REPLICA_PORTS"

echo "== write-to-visible"
python3 scripts/bench_replicas.py --db "$url" --a "http://127.0.0.1:$port_a" --b "http://127.0.0.1:$port_b" --bin "$bin" --writes 100

echo "== import of the 9,650-station sample into an empty PostgreSQL ledger (setup, then import; 3 runs)"
base="${url%%\?*}"
for run in 1 2 3; do
  db="${base%/*}/import_bench_$run?sslmode=disable"
  PGPASSWORD=stationfinder-test psql -q -h 127.0.0.1 -p "$CLUSTER_PG_PORT" -U stationfinder -d stationfinder \
    -c "DROP DATABASE IF EXISTS import_bench_$run" -c "CREATE DATABASE import_bench_$run"
  "$bin" setup --geodata geodata --db "$db" >/dev/null
  TIMEFORMAT="import run $run: %R s wall"
  time "$bin" import geodata/stations-sample.csv --db "$db" --actor bench
done

wrk_nearest() { wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/wrk/requests.lua "$1" -- nearest 2026-11-23T10:00; }
echo "== nearest through nginx, two replicas"
wrk_nearest "$balancer"
echo "== nearest on one replica alone"
wrk_nearest "http://127.0.0.1:$port_a"
