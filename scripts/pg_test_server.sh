#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests and the local cluster, from Debian's binaries
# (apt-get install postgresql): initdb into a scratch directory, listen on loopback only.
#
#   scripts/pg_test_server.sh start   # prints the server's URL on stdout (postgres://...)
#   scripts/pg_test_server.sh url     # the same URL, when it is running
#   scripts/pg_test_server.sh stop    # stops it and deletes the directory
#   scripts/pg_test_server.sh pause   # stops the server, keeping its data (an outage, for the tests)
#   scripts/pg_test_server.sh resume  # starts it again on the same data and port
#
# Settings: PG_TEST_DIR (default $TMPDIR/stationfinder-pg-test), PG_TEST_PORT (default 55432),
# PG_BIN (default /usr/lib/postgresql/15/bin). PostgreSQL refuses to run as root: when run as root,
# the server runs as the `postgres` user the Debian package creates.
set -euo pipefail

DIR="${PG_TEST_DIR:-${TMPDIR:-/tmp}/stationfinder-pg-test}"
PORT="${PG_TEST_PORT:-55432}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
USER_NAME=stationfinder
# A test server's password: loopback only, deleted with the directory; tests also check a wrong one is refused.
PASSWORD=stationfinder-test
DATABASE=stationfinder

say() { echo "pg_test_server: $*" >&2; }

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DATABASE?sslmode=disable"; }

running() { [ -f "$DIR/data/postmaster.pid" ] && as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    say "no PostgreSQL server binaries at $PG_BIN; install them with: apt-get install postgresql"
    exit 1
  fi
  if running; then url; return; fi
  rm -rf "$DIR"
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
  as_server_user sh -c "umask 077; printf '%s\n' '$PASSWORD' > '$DIR/pwfile'"
  as_server_user "$PG_BIN/initdb" -D "$DIR/data" -U "$USER_NAME" --pwfile="$DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
  # fsync off: a test server trades durability for speed; the data dies with the directory anyway.
  as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }
  as_server_user "$PG_BIN/createdb" -h "$DIR" -p "$PORT" -U "$USER_NAME" "$DATABASE"
  say "PostgreSQL running on 127.0.0.1:$PORT (data in $DIR)"
  url
}

stop() {
  if running; then
    as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    say "stopped"
  fi
  rm -rf "$DIR"
}

pause() {
  as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
}

resume() {
  as_server_user "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url ;;
  pause) pause ;;
  resume) resume ;;
  *) echo "usage: $0 start|stop|url|pause|resume" >&2; exit 2 ;;
esac
