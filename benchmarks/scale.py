"""Scale-out benchmarks (issue 7): the Dask engine against the local engine, and memory over a long stream.

    .venv/bin/python benchmarks/scale.py throughput [--articles 1024] [--repeat 3] [--batch-size N]
    .venv/bin/python benchmarks/scale.py memory [--articles 20000] [--workers 2]
    .venv/bin/python benchmarks/scale.py memory --articles 100000 --dataset --short

throughput  The same synthetic articles ingested into a fresh store: by the local engine
            in this process (model loaded beforehand), and by ``ingest_dask`` on a
            LocalCluster of 1 and of 2 worker processes (models loaded beforehand, so the
            timings compare steady states); and coded by ``code_to_dataset`` (``--out``:
            coding only, no store) on 1 and 2 workers. Each of ``--repeat`` rounds runs
            every setup within a few minutes, and first measures what the machine gives two
            CPU-bound processes against one (its ceiling for 2 workers / 1 worker); ratios are
            taken within a round, and their median is reported (the machine is shared).
memory      ``--articles`` synthetic articles streamed (a generator, never a list) through
            ``ingest_dask``; every worker's RSS and the driver's are sampled every few
            seconds, and the slope of RSS against articles done is fitted on the second half
            (after warm-up). ``--dataset`` codes to a Parquet dataset instead (the workers
            alone, as ``ingest --out``); ``--short`` draws 2-3 body sentences, not 5-9, so
            that a 100,000-article stream fits in a session on two cores.

Synthetic articles are drawn from the demo corpus's sentences (a title, 5-9 body
sentences, a numbered closing line, about eight articles a day in date order), so they are
distinct stories rather than thousands of copies of 24, arriving as a news stream does:
near-duplicate search and event merging then cost what they would on real news.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Callable, Iterator

import psutil

import tidings
from tidings.corpus import BATCH_SIZE, PRECODED_BATCH_SIZE, ingest
from tidings.records import Article
from tidings.scale import ScaleOptions, Watch, code_to_dataset, connect, ingest_dask
from tidings.store import Store

ROOT = Path(__file__).resolve().parents[1]


def sentence_pool() -> tuple[list[str], list[str]]:
    """Titles and body sentences of the demo corpus."""
    titles, body = [], []
    for path in sorted((ROOT / "corpus" / "demo").glob("*.txt")):
        title, _, rest = path.read_text(encoding="utf-8").partition("\n")
        titles.append(title.strip())
        body += [s for s in re.split(r"(?<=[.!?])\s+", rest.replace("\n", " ").strip()) if len(s) > 30]
    return titles, body


def synthetic(n: int, seed: int = 7, short: bool = False, start: Date = Date(2015, 1, 1)) -> Iterator[Article]:
    titles, body = sentence_pool()
    draw = random.Random(seed)
    for i in range(n):
        picked = draw.sample(body, draw.randint(2, 3) if short else draw.randint(5, 9))
        text = f"{draw.choice(titles)}\n\n" + "\n\n".join(picked) + f"\n\nThis is dispatch {i} of the wire desk."
        day = start + timedelta(days=i // 8 + draw.randint(0, 2))  # a stream: about 8 articles a day, in order
        yield Article(text=text, id=f"syn-{i}", date=day.isoformat(), outlet=f"outlet{i % 40}.example")


def throughput(n: int, partition_size: int, batch_size: int | None, repeat: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="tidings-scale-"))
    coder = tidings.get_coder()
    coder.code_many([Article(text="Japan imposed sanctions on North Korea.", date="2017-09-01")])
    options = ScaleOptions(partition_size=partition_size, batch_size=batch_size)
    rounds: list[dict[str, float]] = []

    def clock(rates: dict[str, float], name: str, run: Callable[..., object], *args: object) -> None:
        started = time.perf_counter()
        run(synthetic(n), *args)
        rates[name] = n / (time.perf_counter() - started)

    for number in range(repeat):  # a round runs every setup within a few minutes: its ratios are comparable
        busy, ours, started = machine_busy(), our_cpu(), time.perf_counter()
        rates = {"ceiling": two_process_ceiling()}
        clock(rates, "local", ingest, Store(str(folder / f"local{number}.duckdb")), coder, batch_size)
        for workers in (1, 2):
            with connect(workers=workers) as client:
                client.run(tidings.get_coder)  # load the model on every worker, outside the timing
                store = Store(str(folder / f"dask{workers}-{number}.duckdb"))
                clock(rates, f"store{workers}", ingest_dask, store, client, options)
                clock(rates, f"out{workers}", code_to_dataset, str(folder / f"out{workers}-{number}"), client, options)
        rates["others"] = (machine_busy() - busy - (our_cpu() - ours)) / (time.perf_counter() - started)
        rounds.append(rates)
    batches = f"{batch_size}" if batch_size else f"{BATCH_SIZE} local, {PRECODED_BATCH_SIZE} dask"
    print(f"articles: {n} per run, partition size {partition_size}, store batch {batches}; articles/s per round:")
    print("  round   local   1 worker: store / --out   2 workers: store / --out   2 spinners / 1   others' cores")
    for number, r in enumerate(rounds, 1):
        print(f"  {number:>5} {r['local']:7.1f}   {r['store1']:14.1f} / {r['out1']:5.1f}   {r['store2']:15.1f} / "
              f"{r['out2']:5.1f}   {r['ceiling']:14.2f}   {r['others']:13.2f}")
    ratios = {"2 workers / 1 worker, into the store": [r["store2"] / r["store1"] for r in rounds],
              "2 workers / 1 worker, --out": [r["out2"] / r["out1"] for r in rounds],
              "dask 1 worker / local engine": [r["store1"] / r["local"] for r in rounds],
              "machine: 2 CPU-bound processes / 1": [r["ceiling"] for r in rounds]}
    for name, values in ratios.items():
        print(f"{name:<38} median {statistics.median(values):.2f}   rounds {', '.join(f'{v:.2f}' for v in values)}")


def two_process_ceiling(loops: int = 20_000_000) -> float:
    """How much faster two CPU-bound processes finish twice the work than one process does it once."""
    spin = [sys.executable, "-c", f"x = 0\nfor i in range({loops}): x += i * i % 7"]
    started = time.perf_counter()
    subprocess.run(spin, check=True)
    one = time.perf_counter() - started
    started = time.perf_counter()
    pair = [subprocess.Popen(spin) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * one / (time.perf_counter() - started)


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + getattr(times, "irq", 0) + getattr(times, "softirq", 0)


def our_cpu() -> float:
    """CPU seconds used by this process and its children, live (the cluster's workers) or ended."""
    me = psutil.Process().cpu_times()
    total = me.user + me.system + me.children_user + me.children_system
    for process in psutil.Process().children(recursive=True):
        try:
            cpu = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += cpu.user + cpu.system
    return total


def memory(n: int, workers: int, partition_size: int, dataset: bool = False, short: bool = False) -> None:
    folder = Path(tempfile.mkdtemp(prefix="tidings-scale-"))
    done = [0]
    samples: list[tuple[int, float, list[float]]] = []
    stop = threading.Event()
    with connect(workers=workers) as client:
        client.run(tidings.get_coder)

        def sample() -> None:
            while not stop.wait(5.0):
                rss = client.run(lambda: psutil.Process().memory_info().rss / 2**20)
                samples.append((done[0], psutil.Process().memory_info().rss / 2**20, [rss[w] for w in sorted(rss)]))

        def stored(report, _count: int) -> None:
            done[0] = report.read

        def shipped() -> Iterator[Article]:  # --dataset: no store batches to count, so count articles sent
            for number, article in enumerate(synthetic(n, short=short), start=1):
                done[0] = number
                yield article

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        if dataset:
            report = code_to_dataset(shipped(), str(folder / "coded"), client, ScaleOptions(partition_size=partition_size))
        else:
            report = ingest_dask(synthetic(n, short=short), Store(str(folder / "memory.duckdb")), client,
                                 ScaleOptions(partition_size=partition_size), Watch(stored=stored))
        seconds = time.perf_counter() - started
        stop.set()
        sampler.join()
    print(f"articles: {report.read} ({report.events} events) on {workers} workers in {seconds:.0f} s "
          f"({report.read / seconds:.1f} articles/s), partition size {partition_size}")
    print("  articles done   driver MB   worker MB")
    step = max(1, len(samples) // 12)
    for count, driver, rss in samples[::step] + samples[-1:]:
        print(f"  {count:>13,}   {driver:9.0f}   {' / '.join(f'{r:.0f}' for r in rss)}")
    half = [s for s in samples if s[0] >= n / 2]
    if len(half) >= 2:
        done_counts = [s[0] for s in half]
        driver = 1e4 * slope(done_counts, [s[1] for s in half])
        per_worker = [1e4 * slope(done_counts, [s[2][i] for s in half]) for i in range(workers)]
        print(f"RSS slope over the second half, MB per 10,000 articles: driver {driver:+.1f}, "
              + ", ".join(f"worker {i + 1} {w:+.1f}" for i, w in enumerate(per_worker)))


def slope(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("part", choices=["throughput", "memory"])
    parser.add_argument("--articles", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--batch-size", type=int,
                        help="articles per store transaction, both engines (default: each engine's own, 32 and 128)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the throughput setups")
    parser.add_argument("--dataset", action="store_true",
                        help="memory: code to a Parquet dataset (ingest --out): the workers alone, no store")
    parser.add_argument("--short", action="store_true", help="memory: 2-3 body sentences per article, not 5-9")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, "
          f"python {platform.python_version()}")
    if args.part == "throughput":
        # 1024 = 16 partitions of 64, eight per worker (whole partitions per worker: with 480, 7.5 partitions,
        # one worker coded a partition more than the other). Fixed costs of a run (the first partitions
        # reaching the workers, the last store transaction after the last partition, one worker finishing
        # before the other) are the same at any length and weigh less the longer the run: 2 workers / 1 worker
        # into the store was 1.79 over 512 articles and 1.85 over 1024 (docs/benchmarks.md, ninth session);
        # a scale-out run is meant for far longer streams
        throughput(args.articles or 1024, args.partition_size, args.batch_size, args.repeat)
    else:
        memory(args.articles or 20000, args.workers, args.partition_size, args.dataset, args.short)
    return 0


if __name__ == "__main__":
    sys.exit(main())
