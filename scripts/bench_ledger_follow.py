#!/usr/bin/env python3
"""How soon a running server answers from a ledger another process changed (issue 20's "never stale").

Against a release build serving the bundled sample ledger: N times, `stationfinder import` (a separate
process, as a clerk would run it) changes one station's name; the time from the import's exit to the
first /healthz that reports the new ledger_version is recorded. The server checks the ledger every
500 ms (its default), so the expected figures are about 250 ms median and under 600 ms worst.

Usage: scripts/bench_ledger_follow.py [--bin PATH] [--runs N]
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ledger_version(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
        return json.load(r)["ledger_version"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/stationfinder")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sf-follow-")
    db = os.path.join(work, "ledger.db")
    subprocess.run([args.bin, "setup", "--geodata", "geodata", "--sample", "--db", db], check=True,
                   stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([args.bin, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", db,
                               "--log-level", "warning", "--quiet"])
    try:
        for _ in range(100):
            try:
                before = ledger_version(port)
                break
            except OSError:
                time.sleep(0.1)
        delays_ms = []
        for run in range(args.runs):
            edit = os.path.join(work, f"edit-{run}.csv")
            with open(edit, "w", encoding="utf-8") as f:
                f.write("id,name,lon,lat,grade,host_type,opening_hours,amenities\n"
                        f"FOLLOW-1,Follow run {run},116.4002,39.90,A,bank,24/7,drinking_water\n")
            subprocess.run([args.bin, "import", edit, "--db", db, "--actor", "bench"], check=True,
                           stdout=subprocess.DEVNULL)
            done = time.monotonic()
            while ledger_version(port) == before:
                time.sleep(0.005)
            delays_ms.append((time.monotonic() - done) * 1000)
            before = ledger_version(port)
        delays_ms.sort()
        p99 = delays_ms[min(len(delays_ms) - 1, int(len(delays_ms) * 0.99))]
        print(f"{args.runs} CLI imports: visible on the server after median {statistics.median(delays_ms):.0f} ms, "
              f"p99 {p99:.0f} ms, max {delays_ms[-1]:.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
