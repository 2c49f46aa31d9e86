"""The issue's yardstick: scipy's cKDTree, unfiltered k=5 nearest, 10k and 1M points.

Measures the machine's state for the NearestBench figures (the same shared machine runs up to twice
as slow for minutes at a time): run it next to `NearestBench headline`. Points are uniform over
Beijing's box (115.4-117.5 E, 39.4-41.1 N) as 3D unit vectors, like the index's; queries are answered
in one batch call, so the per-query figure carries no Python call overhead.

Needs numpy and scipy (not part of the build): python3 -m venv .venv-ckd && .venv-ckd/bin/pip install scipy
"""
import sys
import time

import numpy as np
from scipy.spatial import cKDTree


def unit_vectors(rng, n):
    lon = np.radians(rng.uniform(115.4, 117.5, n))
    lat = np.radians(rng.uniform(39.4, 41.1, n))
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def main():
    rng = np.random.default_rng(2026)
    queries = unit_vectors(rng, 200_000)
    for n in (10_000, 1_000_000):
        tree = cKDTree(unit_vectors(rng, n))
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            tree.query(queries, k=5)
            runs.append((time.perf_counter() - t0) / len(queries) * 1e6)
        runs.sort()
        print(f"cKDTree, {n} points, k=5, {len(queries)} queries in one call: "
              f"best {runs[0]:.2f} us, median {runs[2]:.2f} us a query (5 runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
