#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (the Swift toolchain's -sanitize=fuzzer).
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: hours | query | ledger | route | all   (default 30 s each)
#
# Targets (entry points in Fuzz/):
#   hours   the opening-hours parser, then the evaluator and the compiled schedule (StationCore)
#   query   the HTTP API's query-string reader and the list/vocabulary readers of its values
#   ledger  the CSV and GeoJSON ledger readers of `import` and POST /v1/stations/import
#   route   the GeoJSON route and encoded-polyline readers of `along`
#
# Built with swiftc directly, outside SwiftPM (so `swift build` never sees an entry point without a
# main): StationCore once as an instrumented static library, then each target from its entry file and
# the few source files it tests, all in release mode with libFuzzer's coverage instrumentation, into
# .build/fuzz/. Seed corpora are made at run time from the opening-hours conformance cases
# (../shared/conformance, when present), geodata/, the test fixtures and examples/. A crash or hang
# (-timeout=10 s per input) leaves its input in .build/fuzz/crashes/ and fails the script; make it a
# regression test (Tests/*/FuzzRegressionTests.swift) with the input committed.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: scripts/fuzz.sh hours|query|ledger|route|all [SECONDS]}
SECONDS_EACH=${2:-30}
OUT=.build/fuzz
mkdir -p "$OUT/crashes"
SWIFTC=${SWIFTC:-swiftc}
FLAGS=(-O -parse-as-library -sanitize=fuzzer -swift-version 6)

# StationCore, rebuilt when any of its sources is newer than the library.
build_core() {
    local lib=$OUT/libStationCore.a
    if [ ! -f "$lib" ] || [ -n "$(find Sources/StationCore -name '*.swift' -newer "$lib" | head -1)" ]; then
        echo "fuzz: building StationCore with -sanitize=fuzzer" >&2
        "$SWIFTC" "${FLAGS[@]}" -module-name StationCore -emit-module -emit-module-path "$OUT/StationCore.swiftmodule" \
            -emit-library -static -o "$lib" $(find Sources/StationCore -name '*.swift' | sort)
    fi
}

# The sources each target compiles together with its entry file (besides the StationCore library).
target_sources() {
    case $1 in
        hours) echo Fuzz/HoursFuzz.swift ;;
        query) echo Fuzz/QueryFuzz.swift Sources/StationServer/Routing/QueryParameters.swift ;;
        ledger) echo Fuzz/LedgerFuzz.swift Sources/StationStore/Import/CSVReader.swift Sources/StationStore/Import/CSVLedgerReader.swift \
            Sources/StationStore/Import/GeoJSONLedgerReader.swift Sources/StationStore/Import/LedgerRecord.swift \
            Sources/StationStore/Import/LedgerField.swift Sources/StationStore/Import/LedgerText.swift \
            Sources/StationStore/Import/ImportReport.swift ;;
        route) echo Fuzz/RouteFuzz.swift Sources/StationGeometry/Routes/RouteInput.swift \
            Sources/StationGeometry/Districts/GeoJSONGeometryParser.swift Sources/StationGeometry/Districts/DistrictShape.swift \
            Sources/StationGeometry/Districts/GeometryInputError.swift ;;
        *) echo "fuzz: unknown target '$1'; expected hours, query, ledger, route or all" >&2; exit 2 ;;
    esac
}

build_target() {
    local binary=$OUT/fuzz-$1 sources
    sources=$(target_sources "$1")
    # shellcheck disable=SC2086
    if [ ! -x "$binary" ] || [ -n "$(find $sources "$OUT/libStationCore.a" -newer "$binary" | head -1)" ]; then
        echo "fuzz: building $1" >&2
        # shellcheck disable=SC2086
        "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz_$1" -I "$OUT" -L "$OUT" -lStationCore $sources -o "$binary"
    fi
}

# One file per seed input in $OUT/seeds-TARGET (remade each run; libFuzzer adds what it finds to
# $OUT/corpus-TARGET, which is kept between runs).
make_seeds() {
    local dir=$OUT/seeds-$1
    rm -rf "$dir"; mkdir -p "$dir" "$OUT/corpus-$1"
    case $1 in
        hours)
            local cases=../shared/conformance/opening-hours/cases.jsonl
            if [ -f "$cases" ]; then
                python3 - "$cases" "$dir" <<'EOF'
import json, sys, os
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    expr = json.loads(line)["expr"]
    if expr not in seen:
        seen.add(expr)
        open(os.path.join(sys.argv[2], f"case-{len(seen)}"), "w", encoding="utf-8").write(expr)
EOF
            fi
            python3 - geodata/stations-sample.csv "$dir" <<'EOF'
import csv, sys, os
for i, hours in enumerate(sorted({row["opening_hours"] for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))})):
    open(os.path.join(sys.argv[2], f"sample-{i}"), "w", encoding="utf-8").write(hours)
EOF
            ;;
        query)
            printf '%s' 'lon=116.3975&lat=39.9087&amenities=toilet,heating&limit=3' > "$dir/nearest"
            printf '%s' 'lon=116.39&lat=39.90&crs=gcj02&at=2026-11-23T05:00%2B08:00&grades=A&grades=B&mode=ebike' > "$dir/crs"
            printf '%s' 'amenities=%E5%8E%95%E6%89%80%EF%BC%8C%E5%8F%96%E6%9A%96&open=now&compact=true' > "$dir/chinese"
            printf '%s' 'district=%E8%A5%BF%E5%9F%8E%E5%8C%BA&district=110101,Chaoyang&radius=500&any_time=true' > "$dir/district"
            printf '%s' 'polyline=%7BlqrFgaaeURw%7CAR_cBRw%7CARsyA%3FsyASw%7CAS_q%40&precision=5#frag' > "$dir/polyline"
            ;;
        ledger)
            local n=0 file
            for file in Tests/StationStoreTests/Fixtures/*.csv; do
                n=$((n + 1)); { printf '\0'; cat "$file"; } > "$dir/csv-$n"
            done
            for file in Tests/StationStoreTests/Fixtures/*.geojson; do
                n=$((n + 1)); { printf '\1'; cat "$file"; } > "$dir/geojson-$n"
            done
            { printf '\0'; head -40 geodata/stations-sample.csv; } > "$dir/sample-head"
            ;;
        route)
            { printf '\0'; cat examples/route-changan.geojson; } > "$dir/geojson"
            printf '\0{"type":"LineString","coordinates":[[116.3,39.9],[116.4,39.91]]}' > "$dir/linestring"
            printf '\1%s' '_p~iF~ps|U_ulLnnqC_mqNvxq`@' > "$dir/polyline5"
            printf '\2%s' '{lqrFgaaeURw|AR_cBRw|ARsyA?syASw|AS_q@' > "$dir/polyline6"
            printf '\3{"type":"Polygon","coordinates":[[[116.3,39.9],[116.4,39.9],[116.4,40.0],[116.3,39.9]]]}' > "$dir/polygon"
            python3 - Tests/StationStoreTests/Fixtures/geodata/districts.geojson "$dir" <<'EOF2'
import json, sys, os
for i, feature in enumerate(json.load(open(sys.argv[1], encoding="utf-8"))["features"][:4]):
    open(os.path.join(sys.argv[2], f"district-{i}"), "wb").write(b"\3" + json.dumps(feature["geometry"]).encode())
EOF2
            ;;
    esac
}

run_target() {
    build_core
    build_target "$1"
    make_seeds "$1"
    echo "fuzz: $1 for $SECONDS_EACH s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: runaway memory is a failure too.
    if ! "$OUT/fuzz-$1" "$OUT/corpus-$1" "$OUT/seeds-$1" -max_total_time="$SECONDS_EACH" -timeout=10 \
            -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$OUT/crashes/$1-" -print_final_stats=1 \
            >"$OUT/log-$1.txt" 2>&1; then
        tail -60 "$OUT/log-$1.txt" >&2
        echo "fuzz: $1 found a crash or hang; input in $OUT/crashes/ (see the log above)" >&2
        return 1
    fi
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|cov:' "$OUT/log-$1.txt" | tail -3
}

if [ "$TARGET" = all ]; then
    for t in hours query ledger route; do run_target "$t"; done
else
    run_target "$TARGET"
fi
