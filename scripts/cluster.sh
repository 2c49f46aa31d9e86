#!/usr/bin/env bash
# A local StationFinder cluster on loopback: PostgreSQL (Debian's postgresql 15), the bundled Beijing
# data loaded into it, two `serve` replicas, and nginx (Debian's) balancing between them.
#
#   scripts/cluster.sh start   # builds (release), starts everything, prints the URL
#   scripts/cluster.sh stop    # stops what start started and deletes its directory
#   scripts/cluster.sh status  # what runs, and each replica's /healthz
#
# Settings: CLUSTER_DIR (default $TMPDIR/stationfinder-cluster), CLUSTER_PORT (nginx, default 8090),
# REPLICA_PORTS (default "8091 8092"), CLUSTER_PG_PORT (default 55440). No root needed except that
# PostgreSQL refuses to run as root: as root, it runs as the `postgres` user (see pg_test_server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="${CLUSTER_DIR:-${TMPDIR:-/tmp}/stationfinder-cluster}"
PORT="${CLUSTER_PORT:-8090}"
REPLICA_PORTS="${REPLICA_PORTS:-8091 8092}"
PG_PORT="${CLUSTER_PG_PORT:-55440}"
NGINX="${NGINX:-/usr/sbin/nginx}"

say() { echo "cluster: $*" >&2; }

pg() { PG_TEST_DIR="$DIR/postgres" PG_TEST_PORT="$PG_PORT" bash scripts/pg_test_server.sh "$@"; }

start() {
  [ -x "$NGINX" ] || { say "nginx not found at $NGINX; install it with: apt-get install nginx"; exit 1; }
  if [ -f "$DIR/nginx.pid" ]; then say "already running (scripts/cluster.sh stop first)"; exit 1; fi
  say "building the release binary"
  swift build -c release --product stationfinder >&2
  local bin
  bin="$(swift build -c release --show-bin-path)/stationfinder"
  mkdir -p "$DIR"
  local url
  url="$(pg start)"
  say "loading districts, population and the sample ledger into PostgreSQL"
  "$bin" setup --geodata geodata --sample --db "$url" >&2
  local upstream=""
  for port in $REPLICA_PORTS; do
    "$bin" serve --db "$url" --host 127.0.0.1 --port "$port" --trusted-proxy 127.0.0.1 --quiet >"$DIR/replica-$port.log" 2>&1 &
    echo $! >"$DIR/replica-$port.pid"
    upstream="$upstream        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;\n"
  done
  mkdir -p "$DIR/nginx"
  # nginx as the current user in the foreground-less daemon mode, with everything under $DIR.
  printf '%b' "worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $DIR/nginx/body;
    proxy_temp_path $DIR/nginx/proxy;
    fastcgi_temp_path $DIR/nginx/fastcgi;
    uwsgi_temp_path $DIR/nginx/uwsgi;
    scgi_temp_path $DIR/nginx/scgi;
    upstream stationfinder {
$upstream        keepalive 32;
    }
    server {
        listen 127.0.0.1:$PORT;
        client_max_body_size 20m;
        location / {
            proxy_pass http://stationfinder;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_next_upstream error timeout http_502;
        }
    }
}
" >"$DIR/nginx.conf"
  # Wait for each replica to answer before putting the balancer in front.
  for port in $REPLICA_PORTS; do
    for _ in $(seq 1 100); do
      curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
      sleep 0.2
    done
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { say "replica on port $port did not start; see $DIR/replica-$port.log"; exit 1; }
  done
  "$NGINX" -c "$DIR/nginx.conf" -p "$DIR/nginx" -e "$DIR/nginx/error.log"
  say "PostgreSQL: ${url%%\?*} (password in the URL; loopback only)" 
  say "replicas: $(for p in $REPLICA_PORTS; do printf 'http://127.0.0.1:%s ' "$p"; done)"
  echo "http://127.0.0.1:$PORT"
}

stop() {
  if [ -f "$DIR/nginx.pid" ]; then
    "$NGINX" -c "$DIR/nginx.conf" -p "$DIR/nginx" -e "$DIR/nginx/error.log" -s quit 2>/dev/null || kill "$(cat "$DIR/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$DIR/nginx.pid" ] || break; sleep 0.1; done
  fi
  for pidfile in "$DIR"/replica-*.pid; do
    [ -f "$pidfile" ] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  pg stop || true
  rm -rf "$DIR"
  say "stopped"
}

status() {
  for port in $REPLICA_PORTS; do
    printf 'replica %s: ' "$port"; curl -fsS "http://127.0.0.1:$port/healthz" || printf 'not answering'; echo
  done
  printf 'balancer %s: ' "$PORT"; curl -fsS "http://127.0.0.1:$PORT/healthz" || printf 'not answering'; echo
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
