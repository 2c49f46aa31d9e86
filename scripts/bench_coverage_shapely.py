#!/usr/bin/env python3
"""Shapely/pyproj reference for CoverageBench: the same 500 m coverage of the 16 districts.

Setup (once):  python3 -m venv .venv-bench && .venv-bench/bin/pip install shapely pyproj
Run:           .venv-bench/bin/python scripts/bench_coverage_shapely.py [--radius 500]

For each district: project it to a spherical azimuthal equidistant plane centred on its
lon/lat bounding-box centre (R = 6371008.8 m, like StationCore.AzimuthalEquidistant), take
every active station within the district's box grown by the radius, buffer each by the radius
(quad_segs=8, the radius scaled by sqrt(2*pi/(n*sin(2*pi/n))), n = 32, so each 32-gon has the
area of the true circle, exactly as the Swift side does), union them, intersect with the
district and compare areas. Prints per-district coverage % and the time of the geometry work
(file reading and projection setup excluded), best of --repeat runs.
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np
import shapely
from shapely.geometry import shape
from pyproj import Transformer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--radius", type=float, default=500.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    with open(os.path.join(ROOT, "geodata", "districts.geojson"), encoding="utf-8") as f:
        districts = json.load(f)["features"]
    lons, lats = [], []
    with open(os.path.join(ROOT, "geodata", "stations-sample.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] == "active":
                lons.append(float(row["lon"]))
                lats.append(float(row["lat"]))
    lons, lats = np.array(lons), np.array(lats)

    n = 32
    scale = math.sqrt(2 * math.pi / (n * math.sin(2 * math.pi / n)))

    # Projection set-up per district (not timed: the Swift side's equivalent is trivial arithmetic).
    prepared = []
    for feat in districts:
        geom = shape(feat["geometry"])
        minx, miny, maxx, maxy = geom.bounds
        lon0, lat0 = (minx + maxx) / 2, (miny + maxy) / 2
        tr = Transformer.from_crs(
            "EPSG:4326", f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +R=6371008.8 +units=m +no_defs", always_xy=True)
        projected = shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
        x, y = tr.transform(lons, lats)
        prepared.append((feat["properties"], shapely.make_valid(projected), np.asarray(x), np.asarray(y)))

    best, results = None, None
    for _ in range(args.repeat):
        start = time.perf_counter()
        out = []
        for props, district, x, y in prepared:
            minx, miny, maxx, maxy = district.bounds
            r = args.radius
            sel = (x >= minx - r) & (x <= maxx + r) & (y >= miny - r) & (y <= maxy + r)
            discs = shapely.buffer(shapely.points(x[sel], y[sel]), r * scale, quad_segs=8)
            covered = shapely.intersection(shapely.union_all(discs), district)
            out.append((props["adcode"], props.get("pinyin", ""), district.area / 1e6, covered.area / 1e6,
                        covered.area / district.area * 100))
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best, results = elapsed, out
    for adcode, pinyin, area, covered, pct in results:
        print(f"{adcode} {pinyin:<12} area {area:9.2f} km2  covered {covered:8.3f} km2  {pct:7.3f} %")
    print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}): {len(lons)} active stations, "
          f"radius {args.radius:g} m, best of {args.repeat}: {best:.3f} s")


if __name__ == "__main__":
    main()
