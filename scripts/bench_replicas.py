#!/usr/bin/env python3
"""Write-to-visible between two replicas on one PostgreSQL (issue 18).

Against a running cluster (scripts/cluster.sh start): N times, an editor changes one station's name
through replica A (PUT /v1/stations/{id}); the time until replica B's /healthz reports a ledger version
at least A's after the write is recorded, from the moment A acknowledged the write (and from the moment
it was sent). B learns of the write by LISTEN/NOTIFY and swaps in a rebuilt snapshot.

Usage: scripts/bench_replicas.py --db URL --a http://127.0.0.1:8091 --b http://127.0.0.1:8092 [--bin PATH] [--writes N]
"""
import argparse
import json
import statistics
import subprocess
import time
import urllib.request


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.load(r)


def put(url, body, key):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="PUT",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.load(r)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="the cluster's PostgreSQL URL (to make an editor key)")
    parser.add_argument("--a", required=True, help="replica that takes the writes")
    parser.add_argument("--b", required=True, help="replica that must see them")
    parser.add_argument("--bin", required=True, help="the stationfinder binary")
    parser.add_argument("--writes", type=int, default=100)
    parser.add_argument("--station", default="SAMPLE-110101-0141")
    args = parser.parse_args()

    made = subprocess.run([args.bin, "keys", "create", "--role", "editor", "--db", args.db],
                          check=True, capture_output=True, text=True).stdout
    key = next(line.split()[1] for line in made.splitlines() if line.startswith("secret:"))
    station = get(f"{args.a}/v1/stations/{args.station}")
    body = {k: station[k] for k in ("id", "name", "lon", "lat", "grade", "host_type", "opening_hours", "amenities")
            if k in station}
    if station.get("organization"):
        body["organization"] = station["organization"]

    from_ack, from_send = [], []
    for i in range(args.writes):
        body["name"] = f"bench write {i}"
        sent = time.perf_counter()
        put(f"{args.a}/v1/stations/{args.station}", body, key)
        acked = time.perf_counter()
        target = get(f"{args.a}/healthz")["ledger_version"]
        while get(f"{args.b}/healthz")["ledger_version"] < target:
            if time.perf_counter() - acked > 10:
                raise SystemExit(f"write {i}: replica B did not reach version {target} within 10 s")
            time.sleep(0.002)
        seen = time.perf_counter()
        from_ack.append((seen - acked) * 1000)
        from_send.append((seen - sent) * 1000)

    def line(name, values):
        return (f"{name}: median {statistics.median(values):.1f} ms, p90 {percentile(values, 90):.1f} ms, "
                f"p99 {percentile(values, 99):.1f} ms, max {max(values):.1f} ms")
    print(f"{args.writes} writes through {args.a}, visible on {args.b}")
    print(line("from A's acknowledgement to B's snapshot", from_ack))
    print(line("from sending the write to B's snapshot   ", from_send))


if __name__ == "__main__":
    main()
