#!/usr/bin/env bash
# Crash injection: kill -9 an import at a random moment, N times, and check that the ledger survived.
#
#   scripts/crash_inject.sh [N] [SEED]        (default N=20, SEED=19; BIN=path/to/stationfinder)
#
# Each loop copies a set-up database holding the "old" ledger (the synthetic sample, 9,650 stations),
# then replaces it with a "new" ledger (every station renamed, one in twenty left out, so the import
# updates and deletes): odd loops with `stationfinder import --replace` (the CLI), even loops through a
# live server's `POST /v1/stations/import?replace=true` with an editor key. After a seeded random delay
# between 0 and 1.2 times the measured length of an unkilled import, the process gets SIGKILL. Then:
#   - `PRAGMA integrity_check` answers ok (the sqlite3 command-line tool, Debian's sqlite3 package);
#   - the stations table and the whole history (every column but the wall-clock time) are exactly
#     those of the old ledger or exactly those of the new one: never a mixture;
#   - `stationfinder stations list` still reads the file.
# Exits 1 on the first loop that breaks any of these, naming the loop, its delay and the seed.
#
# With LEDGER_URL=postgres://USER:PASSWORD@HOST:PORT/DB (a role that may create databases, such as
# scripts/pg_test_server.sh's), the same loops run against a PostgreSQL ledger: the old ledger is set up
# once in a database of its own and each loop starts from a copy of it (CREATE DATABASE ... TEMPLATE);
# instead of integrity_check, amcheck's bt_index_check verifies every B-tree index of the copy
# (Debian's postgresql package ships the extension; psql is its client).
set -euo pipefail
cd "$(dirname "$0")/.."
LOOPS=${1:-20}
SEED=${2:-19}
BIN=${BIN:-$(swift build --show-bin-path)/stationfinder}
LEDGER_URL=${LEDGER_URL:-}
if [ -n "$LEDGER_URL" ]; then
    command -v psql >/dev/null || { echo "crash_inject: psql is missing (apt-get install postgresql)" >&2; exit 1; }
else
    command -v sqlite3 >/dev/null || { echo "crash_inject: the sqlite3 tool is missing (apt-get install sqlite3)" >&2; exit 1; }
fi
[ -x "$BIN" ] || { echo "crash_inject: no stationfinder binary at $BIN (swift build --product stationfinder)" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/stationfinder-crash.XXXXXX")
SERVER_PID=""

# The ledger each engine works on: a file, or a database on the PostgreSQL server.
if [ -n "$LEDGER_URL" ]; then
    # The server's URL with another database name (the query string, e.g. sslmode, kept).
    pg_url() { local path=${LEDGER_URL%%\?*} query=""; [ "$path" != "$LEDGER_URL" ] && query="?${LEDGER_URL#*\?}"; echo "${path%/*}/$1$query"; }
    pg() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -At -v ON_ERROR_STOP=1 "$(pg_url "$1")" -c "$2"; }
    BASE=$(pg_url crash_inject_base)
    RUN=$(pg_url crash_inject_run)
    cleanup_ledgers() {
        pg postgres "DROP DATABASE IF EXISTS crash_inject_run WITH (FORCE)" 2>/dev/null || true
        pg postgres "DROP DATABASE IF EXISTS crash_inject_base WITH (FORCE)" 2>/dev/null || true
    }
    setup_base() {
        cleanup_ledgers
        pg postgres "CREATE DATABASE crash_inject_base"
        pg crash_inject_base "CREATE EXTENSION IF NOT EXISTS amcheck"
    }
    fresh_copy() {
        pg postgres "DROP DATABASE IF EXISTS crash_inject_run WITH (FORCE)"
        pg postgres "CREATE DATABASE crash_inject_run TEMPLATE crash_inject_base"
    }
    fingerprint() {
        { pg crash_inject_run "SELECT * FROM stations ORDER BY id"
          pg crash_inject_run "SELECT seq, station_id, actor, action, changes FROM station_history ORDER BY seq"; } | sha256sum | cut -c1-16
    }
    # Every B-tree index checked; prints ok, or the first error.
    integrity() {
        pg crash_inject_run "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                             JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE a.amname = 'btree' AND n.nspname = 'public'" >/dev/null 2>"$WORK/amcheck.err" \
            && echo ok || head -1 "$WORK/amcheck.err"
    }
else
    BASE="$WORK/base.db"
    RUN="$WORK/run.db"
    cleanup_ledgers() { :; }
    setup_base() { :; }
    fresh_copy() {
        rm -f "$WORK/run.db" "$WORK/run.db-wal" "$WORK/run.db-shm"
        cp "$WORK/base.db" "$WORK/run.db"
    }
    # What the ledger holds, as one digest: the stations, and the history without its wall-clock times.
    fingerprint() {
        sqlite3 "$RUN" "SELECT * FROM stations ORDER BY id;
                        SELECT seq, station_id, actor, action, changes FROM station_history ORDER BY seq;" | sha256sum | cut -c1-16
    }
    integrity() { sqlite3 "$RUN" 'PRAGMA integrity_check;'; }
fi

cleanup() {
    [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
    cleanup_ledgers
    rm -rf "$WORK"
}
trap cleanup EXIT

# The old ledger; for SQLite settled into the main file so that a plain copy carries all of it.
setup_base
"$BIN" setup --geodata geodata --sample --db "$BASE" >/dev/null
KEY=$("$BIN" keys create --role editor --db "$BASE" | sed -n 's/^secret: *//p')
[ -n "$LEDGER_URL" ] || sqlite3 "$WORK/base.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

# The new ledger: the same stations renamed, every twentieth left out (deleted by the replace).
awk -F, 'NR == 1 { print; next } NR % 20 != 0 { OFS = ","; $2 = $2 " (renamed)"; print }' \
    geodata/stations-sample.csv > "$WORK/new.csv"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a server on run.db and waits for it; sets SERVER_PID and PORT.
start_server() {
    PORT=$(free_port)
    "$BIN" serve --host 127.0.0.1 --port "$PORT" --db "$RUN" --quiet >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "crash_inject: the server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

cli_import() {
    "$BIN" import "$WORK/new.csv" --replace --yes --actor crash-test --db "$RUN" >/dev/null 2>&1
}

api_import() {
    curl -s -o /dev/null -X POST "http://127.0.0.1:$PORT/v1/stations/import?replace=true&confirm=true" \
        -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$WORK/new.csv"
}

now_ms() { date +%s%3N; }

# The two end states, and how long an unkilled import of each kind takes.
fresh_copy
OLD=$(fingerprint)
started=$(now_ms); cli_import; CLI_MS=$(( $(now_ms) - started ))
NEW_CLI=$(fingerprint)
fresh_copy; start_server
started=$(now_ms); api_import; API_MS=$(( $(now_ms) - started ))
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
NEW_API=$(fingerprint)
[ "$OLD" != "$NEW_CLI" ] && [ "$OLD" != "$NEW_API" ] || { echo "crash_inject: the import changed nothing" >&2; exit 1; }
echo "crash_inject: ${LEDGER_URL:+PostgreSQL, }$LOOPS loops, seed $SEED; an unkilled import takes $CLI_MS ms (CLI) and $API_MS ms (API)"

RANDOM=$SEED
old=0; new=0
for loop in $(seq 1 "$LOOPS"); do
    fresh_copy
    if (( loop % 2 == 1 )); then
        kind=cli; span=$CLI_MS; expected_new=$NEW_CLI
        delay=$(( (RANDOM * 32768 + RANDOM) % (span * 12 / 10 + 1) ))
        "$BIN" import "$WORK/new.csv" --replace --yes --actor crash-test --db "$RUN" >/dev/null 2>&1 &
        victim=$!
    else
        kind=api; span=$API_MS; expected_new=$NEW_API
        delay=$(( (RANDOM * 32768 + RANDOM) % (span * 12 / 10 + 1) ))
        start_server
        api_import &
        client=$!
        victim=$SERVER_PID
    fi
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$victim" 2>/dev/null || true
    wait "$victim" 2>/dev/null || true
    if [ "$kind" = api ]; then wait "$client" 2>/dev/null || true; SERVER_PID=""; fi

    integrity=$(integrity)
    state=$(fingerprint)
    if [ "$integrity" != ok ]; then
        echo "loop $loop ($kind, killed after $delay ms, seed $SEED): integrity check: $integrity" >&2; exit 1
    fi
    if [ "$state" = "$OLD" ]; then old=$((old + 1)); ended=old
    elif [ "$state" = "$expected_new" ]; then new=$((new + 1)); ended=new
    else
        echo "loop $loop ($kind, killed after $delay ms, seed $SEED): the ledger is neither the old nor the new one" >&2; exit 1
    fi
    "$BIN" stations list --db "$RUN" >/dev/null || {
        echo "loop $loop ($kind, killed after $delay ms): stations list cannot read the ledger" >&2; exit 1; }
    printf 'loop %2d  %s  killed after %5d ms  integrity ok  ledger %s\n' "$loop" "$kind" "$delay" "$ended"
done
echo "crash_inject: $LOOPS kills, integrity ok every time; wholly old $old times, wholly new $new times"
