#!/usr/bin/env python3
"""Exact maximal covering (MCLP) with PuLP and CBC on RecommendBench's first instance, for scale.

Reads Benchmarks/.build/recommend-instance.json (written by
`swift run -c release --package-path Benchmarks RecommendBench`): demand weights, how many
existing stations reach each point, the points each candidate reaches, K and the required reach.
Solves   max sum w_i y_i   s.t.  need_i y_i <= sum_{j reaching i} x_j,  sum x_j = K,  x, y binary,
over the points the existing stations leave short, and prints CBC's time and optimum beside
StationFinder's greedy + swap answer and LP bound. Needs `pip install pulp` (CBC ships with it).
"""
import json
import pathlib
import sys
import time

import pulp

path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else \
    pathlib.Path(__file__).resolve().parent.parent / "Benchmarks" / ".build" / "recommend-instance.json"
data = json.loads(path.read_text())
weights, existing, reach = data["weights"], data["existing_reach"], data["reach"]
k, required = data["count"], data["required_reach"]

before = sum(w for w, c in zip(weights, existing) if c >= required)
reached_by = [[] for _ in weights]
for j, points in enumerate(reach):
    for i in points:
        reached_by[i].append(j)

start = time.perf_counter()
model = pulp.LpProblem("mclp", pulp.LpMaximize)
x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(len(reach))]
terms = []
for i, w in enumerate(weights):
    need = required - existing[i]
    if need <= 0 or w <= 0 or len(reached_by[i]) < need:
        continue
    y = pulp.LpVariable(f"y{i}", cat="Binary")
    model += need * y <= pulp.lpSum(x[j] for j in reached_by[i])
    terms.append(w * y)
model += pulp.lpSum(terms)
model += pulp.lpSum(x) == min(k, len(x))
built = time.perf_counter() - start
status = model.solve(pulp.PULP_CBC_CMD(msg=False))
total = time.perf_counter() - start
optimum = before + pulp.value(model.objective)

ours = data["stationfinder"]
print(f"instance: {len(weights)} demand points, {len(reach)} candidates, K={k}, required reach {required}")
print(f"CBC (PuLP {pulp.__version__}): status {pulp.LpStatus[status]}, optimum {optimum:.1f}, "
      f"{total:.3f} s ({built:.3f} s building the model)")
print(f"StationFinder greedy+swap: {ours['covered_after']:.1f} ({ours['covered_after'] / optimum * 100:.3f} % of the optimum), "
      f"LP bound {ours['upper_bound']:.3f}, {ours['seconds']:.3f} s including the bound")
