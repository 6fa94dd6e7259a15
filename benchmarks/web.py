"""Web explorer latency (issue 6): a real HTTP client against a running `tidings serve`.

    .venv/bin/python benchmarks/web.py                               # builds a 1,000,000-event store
    .venv/bin/python benchmarks/web.py --reuse /tmp/bench/synthetic.duckdb
    .venv/bin/python benchmarks/web.py --events 100000               # quicker

The store is the synthetic one of ``benchmarks/store.py`` (same builder). The server runs as a
subprocess of the installed CLI, exactly as users start it; each request is timed end to end
with httpx over a kept-alive connection: the first ("cold") call, then p50/p95 over
``--repeats`` calls. Target: p95 < 200 ms for filtered table pages and the timeline.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from store import build_synthetic, machine  # noqa: E402

TARGET_MS = 200.0
CASES = [  # (name, path, params, held to the target?)
    ("table page, no filter", "/api/events", {}, True),
    ("table page, actor + recipient", "/api/events", {"actor": "CHN", "recipient": "PRK"}, True),
    ("table page, dates + type", "/api/events", {"date_from": "2020-01-01", "date_to": "2020-12-31",
                                                  "event_type": "CONSULT"}, True),
    ("table page, QuadClass + factuality", "/api/events", {"quad_class": 4, "factuality": "asserted"}, True),
    ("table page, sorted by Goldstein", "/api/events", {"order": "goldstein", "actor": "USA"}, True),
    ("table page, deep offset 5000", "/api/events", {"actor": "USA", "offset": 5000}, True),
    ("table page, outlet", "/api/events", {"outlet": "OUTLET"}, True),
    ("table page, text: one word", "/api/events", {"text": "ceasefire"}, True),
    ("table page, text: a frequent word", "/api/events", {"text": "talks"}, True),
    ("table page, text: two words", "/api/events", {"text": "ceasefire talks"}, True),
    ("table page, text + actor", "/api/events", {"text": "talks", "actor": "CHN"}, True),
    ("timeline by month, no filter", "/api/timeline", {}, True),
    ("timeline by week, actor", "/api/timeline", {"by": "week", "actor": "RUS"}, True),
    ("event detail", "/api/events/ID", {}, False),
    ("network", "/api/network", {}, False),
    ("map places", "/api/places", {}, False),
    ("facets", "/api/facets", {}, False),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    tidings = Path(sys.executable).parent / "tidings"
    process = subprocess.Popen([str(tidings), "serve", db, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/facets", timeout=30).raise_for_status()
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("tidings serve did not start: " + process.stderr.read())


def timed(client: httpx.Client, path: str, params: dict) -> float:
    started = time.perf_counter()
    answer = client.get(path, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    answer.raise_for_status()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--reuse", help="an existing synthetic store instead of building one")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="tidings-web-bench-"))
    db = args.reuse
    if not db:
        db = str(workdir / "synthetic.duckdb")
        print(f"building a {args.events:,}-event store in {db} …", flush=True)
        build_synthetic(db, args.events, lambda message: None)
    port = free_port()
    server = start_server(db, port)
    rows = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            facets = client.get("/api/facets").json()
            some_event = client.get("/api/events", params={"limit": 1}).json()["rows"][0]["id"]
            outlet = facets["outlets"][min(9, len(facets["outlets"]) - 1)]
            total = facets["events"]
            for name, path, params, held in CASES:
                path = path.replace("ID", some_event)
                params = {k: (outlet if v == "OUTLET" else v) for k, v in params.items()}
                cold = timed(client, path, params)
                times = sorted(timed(client, path, params) for _ in range(args.repeats))
                p50 = statistics.median(times)
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                rows.append((name, cold, p50, p95, held))
    finally:
        server.terminate()
        server.wait(timeout=10)
    size = os.path.getsize(db) / 2**20
    print(f"\n{total:,} events, {size:,.0f} MiB, {args.repeats} repeats; {machine()}\n")
    print("| request | cold ms | p50 ms | p95 ms | target |")
    print("|---|---|---|---|---|")
    for name, cold, p50, p95, held in rows:
        verdict = (f"< {TARGET_MS:.0f} ms p95 {'✓' if p95 < TARGET_MS else '✗'}") if held else "—"
        print(f"| {name} | {cold:.0f} | {p50:.0f} | {p95:.0f} | {verdict} |")
    return 0 if all(p95 < TARGET_MS for _, _, _, p95, held in rows if held) else 1


if __name__ == "__main__":
    sys.exit(main())
