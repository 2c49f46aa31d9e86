#!/usr/bin/env python3
"""Writes geodata/stations-sample.csv: a SYNTHETIC station ledger for Beijing (not real stations).

Deterministic: a fixed seed, the Python standard library only, and geodata/districts.geojson.
Run: python3 scripts/make_sample_stations.py [--seed 20180101] [--out FILE]

What is made up and what is not
- Total 9,650 stations (Beijing's 2018 figure). Per district: Xicheng 1,236 (900 in 2018-19 plus
  332 built in 2020, rounded as published: "about 1,236"), Dongcheng 644 (2018), Changping
  1,094 (2023); the other 13 districts share the rest in proportion to their 2020 census
  population (geodata/district-population.csv), by largest remainder.
- Every other field is synthetic: names, ids, addresses, phones, organizations say so.

Density model (positions)
Each station's position is drawn from a mixture inside its district polygon:
- with probability 0.70 around one of the district's CENTRES below (chosen by weight), as an
  isotropic Gaussian offset with the centre's sigma in km;
- with probability 0.30 uniformly over the district polygon.
Draws falling outside the district polygon (point-in-polygon, even-odd rule over all rings)
are rejected and redrawn, so every point lies inside its own district.
"""

import argparse
import csv
import io
import json
import math
import os
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEODATA = REPO / "geodata"
TOTAL = 9650
FIXED_COUNTS = {"110102": 1236, "110101": 644, "110114": 1094}
CENTRE_SHARE = 0.70

# Built-up centres per district: (label, lon, lat, weight, sigma_km), WGS-84, approximate to
# about 1-2 km. The first centre is the district government seat; the others are well-known
# town or business centres. Source: general public knowledge of where each district seat and
# centre lies (they only shape a synthetic density; nothing depends on their precision).
CENTRES = {
    "110101": [("钱粮胡同 district seat", 116.410, 39.927, 3, 1.5), ("王府井", 116.404, 39.913, 3, 1.2),
               ("东直门", 116.428, 39.940, 2, 1.2), ("崇文门-天坛", 116.411, 39.893, 2, 1.5)],
    "110102": [("二龙路 district seat", 116.360, 39.911, 3, 1.5), ("西单", 116.367, 39.906, 3, 1.2),
               ("新街口", 116.361, 39.939, 2, 1.2), ("大栅栏-广安门", 116.344, 39.890, 2, 1.5)],
    "110105": [("日坛北路 district seat", 116.437, 39.919, 3, 2.0), ("国贸 CBD", 116.455, 39.907, 3, 1.5),
               ("望京", 116.466, 39.996, 3, 2.0), ("三里屯", 116.448, 39.932, 2, 1.5),
               ("亚运村-奥体", 116.397, 39.997, 2, 2.0), ("双井-劲松", 116.456, 39.890, 2, 1.5),
               ("常营-管庄", 116.590, 39.925, 1, 2.5)],
    "110106": [("丰台镇 district seat", 116.281, 39.857, 3, 2.0), ("六里桥", 116.303, 39.883, 2, 1.5),
               ("方庄", 116.423, 39.862, 2, 1.5), ("角门-马家堡", 116.368, 39.845, 2, 1.5),
               ("北京南站", 116.373, 39.864, 1, 1.5)],
    "110107": [("石景山路 district seat", 116.217, 39.905, 3, 1.5), ("苹果园", 116.172, 39.926, 2, 1.5),
               ("鲁谷", 116.240, 39.900, 2, 1.5)],
    "110108": [("长春桥 district seat", 116.292, 39.959, 3, 2.0), ("中关村", 116.310, 39.982, 3, 1.5),
               ("五道口-学院路", 116.333, 39.992, 2, 1.5), ("公主坟-五棵松", 116.300, 39.906, 2, 2.0),
               ("上地", 116.301, 40.032, 2, 2.0)],
    "110109": [("新桥大街 district seat", 116.096, 39.940, 3, 2.0), ("永定", 116.118, 39.905, 2, 2.0)],
    "110111": [("良乡 district seat", 116.133, 39.734, 3, 2.5), ("长阳", 116.194, 39.767, 2, 2.5),
               ("燕山", 115.970, 39.720, 1, 2.0), ("城关", 115.985, 39.698, 1, 2.0)],
    "110112": [("通州老城 district seat", 116.651, 39.908, 3, 2.5), ("城市副中心 (潞城)", 116.710, 39.915, 2, 2.5),
               ("梨园", 116.626, 39.880, 2, 2.0), ("马驹桥", 116.556, 39.760, 1, 2.5)],
    "110113": [("顺义城区 district seat", 116.648, 40.128, 3, 2.5), ("后沙峪-天竺", 116.560, 40.090, 2, 2.5),
               ("空港 (north of the airport, whose grounds are a Chaoyang exclave)", 116.585, 40.110, 1, 2.0)],
    "110114": [("昌平城区 district seat", 116.225, 40.220, 3, 2.5), ("回龙观", 116.330, 40.070, 3, 2.0),
               ("天通苑", 116.414, 40.068, 3, 2.0), ("沙河", 116.285, 40.130, 2, 2.5),
               ("北七家", 116.426, 40.115, 1, 2.5)],
    "110115": [("黄村 district seat", 116.335, 39.726, 3, 2.5), ("亦庄", 116.500, 39.790, 3, 2.5),
               ("西红门", 116.330, 39.790, 2, 2.0), ("旧宫", 116.450, 39.805, 1, 2.0)],
    "110116": [("怀柔城区 district seat", 116.625, 40.315, 3, 2.5), ("雁栖", 116.670, 40.390, 1, 3.0),
               ("杨宋", 116.555, 40.305, 1, 3.0)],
    "110117": [("平谷城区 district seat", 117.115, 40.140, 3, 2.5), ("马坊", 117.020, 40.080, 1, 3.0)],
    "110118": [("密云城区 district seat", 116.837, 40.375, 3, 2.5), ("十里堡", 116.815, 40.350, 1, 2.5)],
    "110119": [("延庆城区 district seat", 115.968, 40.455, 3, 2.5), ("康庄", 115.890, 40.420, 1, 3.0),
               ("八达岭", 116.010, 40.360, 1, 3.0)],
}

# Host types of non-employer (grade A/B) stations and their share of them.
HOST_MIX = [("bank", 0.17), ("convenience_store", 0.15), ("gas_station", 0.08), ("union_office", 0.12),
            ("community_centre", 0.25), ("shop", 0.10), ("restaurant", 0.06), ("other", 0.07)]
SHARE_C = 0.10  # grade C: inside one employer, members only

# Probability that a station of this host type is grade A (the rest are B).
GRADE_A = {"bank": 0.85, "convenience_store": 0.25, "gas_station": 0.30, "union_office": 0.35,
           "community_centre": 0.26, "shop": 0.10, "restaurant": 0.10, "other": 0.12}

# opening_hours (OSM syntax) per host type with weights.
HOURS = {
    "bank": [("Mo-Fr 09:00-17:00; Sa,Su 09:30-16:00; PH off", 60), ("Mo-Fr 09:00-17:00; PH off", 22),
             ("Mo-Su 09:00-17:00", 12), ("24/7", 6)],
    "convenience_store": [("24/7", 20), ("Mo-Su 07:00-23:00", 50), ("Mo-Su 06:30-22:30", 30)],
    "gas_station": [("24/7", 35), ("Mo-Su 06:00-22:00", 65)],
    "union_office": [("Mo-Fr 08:30-17:30; PH off", 70), ("Mo-Fr 08:00-12:00,13:30-17:30; PH off", 30)],
    "community_centre": [("Mo-Fr 08:30-17:30; PH off", 30), ("Mo-Fr 08:00-12:00,13:30-17:30", 25),
                         ("Mo-Su 08:00-20:00", 25), ("Mo-Su 05:00-20:00", 20)],
    "shop": [("Mo-Su 09:00-21:00", 60), ("Tu-Su 09:00-20:00; Mo off", 25), ("Mo-Su 10:00-22:00", 15)],
    "restaurant": [("Mo-Su 10:00-22:00", 50), ("Mo-Su 10:30-14:00,16:30-21:30", 30), ("Mo-Su 06:00-21:00", 20)],
    "other": [("Mo-Su 08:00-20:00", 50), ("Tu-Su 09:00-20:00; Mo off", 30), ("Mo-Su 05:00-20:00", 20)],
    "employer": [("Mo-Su 05:00-20:00", 35), ("Mo-Fr 08:00-12:00,13:30-17:30", 30), ("Mo-Sa 07:00-19:00", 25),
                 ("24/7", 10)],
}

# The 14 amenities (StationVocabulary.swift order) with a base probability.
AMENITIES = [("drinking_water", 0.97), ("hot_water", 0.85), ("seating", 0.95), ("toilet", 0.60),
             ("heating", 0.80), ("air_conditioning", 0.78), ("microwave", 0.55), ("phone_charging", 0.85),
             ("ebike_charging", 0.15), ("wifi", 0.65), ("first_aid", 0.70), ("reading", 0.45),
             ("storage", 0.30), ("nursing_room", 0.06)]
# Host types where a toilet / e-bike charging is much more (or less) likely than the base.
TOILET = {"bank": 0.45, "convenience_store": 0.25, "gas_station": 0.95, "union_office": 0.90,
          "community_centre": 0.90, "shop": 0.35, "restaurant": 0.85, "employer": 0.90, "other": 0.55}
EBIKE = {"gas_station": 0.35, "community_centre": 0.25, "employer": 0.25}

EMPLOYER_KINDS = ["环卫", "物业", "快递", "外卖配送", "保安服务", "出租汽车", "园林绿化", "市政养护"]
STREET_WORDS = ["示例路", "示例街", "示例大街", "示例胡同", "示例西路", "示例东路", "示例南里", "示例北里"]


def load_districts():
    fc = json.loads((GEODATA / "districts.geojson").read_text(encoding="utf-8"))
    districts = {}
    for f in fc["features"]:
        p = f["properties"]
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        rings = [ring for poly in polys for ring in poly]
        xs = [x for r in rings for x, _ in r]
        ys = [y for r in rings for _, y in r]
        districts[p["adcode"]] = {"name": p["name"], "pinyin": p["pinyin"], "rings": rings,
                                  "bbox": (min(xs), min(ys), max(xs), max(ys))}
    return districts


def load_population():
    with open(GEODATA / "district-population.csv", encoding="utf-8") as f:
        return {r["adcode"]: int(r["population"]) for r in csv.DictReader(f)}


def inside(rings, lon, lat):
    """Even-odd ray casting over every ring (outer rings and holes alike)."""
    c = False
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                c = not c
            j = i
    return c


def district_counts(districts, population):
    counts = dict(FIXED_COUNTS)
    rest = [a for a in sorted(districts) if a not in FIXED_COUNTS]
    remaining = TOTAL - sum(counts.values())
    pop = sum(population[a] for a in rest)
    exact = {a: remaining * population[a] / pop for a in rest}
    for a in rest:
        counts[a] = int(exact[a])
    short = remaining - sum(counts[a] for a in rest)
    for a in sorted(rest, key=lambda a: (-(exact[a] - int(exact[a])), a))[:short]:
        counts[a] += 1
    return counts


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def draw_position(rng, d, centres):
    west, south, east, north = d["bbox"]
    for _ in range(10000):
        if rng.random() < CENTRE_SHARE:
            label, clon, clat, _, sigma = weighted(rng, [(c, c[3]) for c in centres])
            km_per_deg_lat = 111.2
            km_per_deg_lon = 111.2 * math.cos(math.radians(clat))
            lon = clon + rng.gauss(0, sigma) / km_per_deg_lon
            lat = clat + rng.gauss(0, sigma) / km_per_deg_lat
        else:
            label = centres[0][0]
            lon = rng.uniform(west, east)
            lat = rng.uniform(south, north)
        if inside(d["rings"], lon, lat):
            return round(lon, 6), round(lat, 6)
    raise SystemExit(f"error: could not place a point inside {d['name']}")


def random_date(rng, start, end):
    return (start + timedelta(days=rng.randrange((end - start).days + 1))).isoformat()


def make_station(rng, adcode, seq, d, centres):
    short = d["name"][:-1] if d["name"].endswith("区") and len(d["name"]) > 2 else d["name"]
    lon, lat = draw_position(rng, d, centres)
    if rng.random() < SHARE_C:
        host, grade = "employer", "C"
        organization = f"示例{rng.choice(EMPLOYER_KINDS)}单位 {adcode}-{rng.randrange(1, 60):03d} (synthetic)"
    else:
        host = weighted(rng, HOST_MIX)
        grade = "A" if rng.random() < GRADE_A[host] else "B"
        if host == "bank":
            organization = f"示例合作银行{rng.randrange(1, 9)} {short}支行 (synthetic)"
        elif host == "union_office":
            organization = f"{d['name']}示例工会服务站 (synthetic)"
        else:
            organization = ""
    hours = weighted(rng, HOURS[host])
    amenities = []
    for name, p in AMENITIES:
        if name == "toilet":
            p = TOILET[host]
        elif name == "ebike_charging":
            p = EBIKE.get(host, p)
        if grade == "A":
            p = min(0.99, p + 0.15)  # A stations are "fully equipped"
        elif grade == "C":
            p = max(0.02, p - 0.10)  # C stations offer simpler services
        if rng.random() < p:
            amenities.append(name)
    if "drinking_water" not in amenities and "hot_water" not in amenities:
        amenities.insert(0, "drinking_water")
    u = rng.random()
    status = "active" if u < 0.955 else ("suspended" if u < 0.985 else "closed")
    if grade == "A":
        rating = rng.choice([4, 4, 5, 5, 5])
    elif grade == "B":
        rating = rng.choice([3, 3, 4, 4, 4, 5])
    else:
        rating = rng.choice([3, 3, 4])
    if status == "closed":
        inspected = random_date(rng, date(2024, 1, 1), date(2024, 12, 31))
    else:
        inspected = random_date(rng, date(2024, 6, 1), date(2026, 10, 31))
    street = f"{rng.choice(STREET_WORDS)}{rng.randrange(1, 200)}号"
    return {
        "id": f"SAMPLE-{adcode}-{seq:04d}",
        "name": f"示例驿站 {short}-{seq:04d} (synthetic)",
        "lon": f"{lon:.6f}", "lat": f"{lat:.6f}",
        "address": f"北京市{d['name']}{street} (synthetic)",
        "district": adcode, "grade": grade, "organization": organization, "host_type": host,
        "opening_hours": hours, "amenities": ";".join(amenities),
        "phone": f"010-{rng.randrange(5, 9)}{rng.randrange(0, 10**7):07d}",
        "status": status, "rating": str(rating), "last_inspected": inspected,
    }


FIELDS = ["id", "name", "lon", "lat", "address", "district", "grade", "organization", "host_type",
          "opening_hours", "amenities", "phone", "status", "rating", "last_inspected"]


def main():
    ap = argparse.ArgumentParser(description="Writes the synthetic sample ledger geodata/stations-sample.csv.")
    ap.add_argument("--seed", type=int, default=20180101)
    ap.add_argument("--out", default=str(GEODATA / "stations-sample.csv"))
    args = ap.parse_args()

    districts = load_districts()
    population = load_population()
    if set(CENTRES) != set(districts):
        raise SystemExit("error: CENTRES and districts.geojson disagree on the adcodes")
    for adcode, centres in sorted(CENTRES.items()):
        for label, lon, lat, _, _ in centres:
            if not inside(districts[adcode]["rings"], lon, lat):
                raise SystemExit(f"error: centre {label} ({lon}, {lat}) is outside {districts[adcode]['name']}")
    counts = district_counts(districts, population)
    rng = random.Random(args.seed)
    rows = []
    for adcode in sorted(districts):
        for seq in range(1, counts[adcode] + 1):
            rows.append(make_station(rng, adcode, seq, districts[adcode], CENTRES[adcode]))

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    out = Path(args.out)
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, out)

    n = len(rows)
    print(f"wrote {out.name}: {n} synthetic stations (seed {args.seed})")
    print("per district (adcode name count population per-10k-people):")
    for adcode in sorted(districts):
        d = districts[adcode]
        print(f"  {adcode} {d['pinyin']:<12} {counts[adcode]:5d}  {counts[adcode] / population[adcode] * 1e4:5.2f}")
    for label, key in [("grade", "grade"), ("host_type", "host_type"), ("status", "status")]:
        c = Counter(r[key] for r in rows)
        print(f"{label}: " + ", ".join(f"{k} {v} ({v / n:.1%})" for k, v in sorted(c.items(), key=lambda kv: -kv[1])))
    always = sum(r["opening_hours"] == "24/7" for r in rows)
    print(f"open 24/7: {always} ({always / n:.1%})")
    hours = Counter(r["opening_hours"] for r in rows)
    print(f"distinct opening_hours expressions: {len(hours)}")
    am = Counter(a for r in rows for a in r["amenities"].split(";") if a)
    print("amenities: " + ", ".join(f"{k} {v / n:.0%}" for k, v in am.most_common()))


if __name__ == "__main__":
    main()
