"""Command line for ``tidings ingest --engine dask``: connect, show progress across workers, summarise.

Called from the ``ingest`` command in :mod:`tidings.cli_store`; the engine itself is
:mod:`tidings.scale`, imported only when a Dask run is asked for (Dask takes a second to import).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from .cli import err
from .corpus import IngestReport, estimate_articles
from .errors import ConfigError, InputError
from .ingest import ReadOptions, read_inputs
from .store import Store

if TYPE_CHECKING:
    from .scale import ScaleReport, Watch, WorkerProgress


@dataclass(frozen=True)
class DaskSettings:
    """The ``ingest`` options that only the Dask engine reads."""

    address: str | None = None
    workers: int | None = None
    partition_size: int | None = None
    out: str | None = None
    shards: str | None = None

    def given(self) -> list[str]:
        names = {"address": "--address", "workers": "--workers", "partition_size": "--partition-size",
                 "out": "--out", "shards": "--shards"}
        return [flag for name, flag in names.items() if getattr(self, name) is not None]


def check_engine(engine: str, settings: DaskSettings) -> None:
    """Refuse Dask-only options on the local engine, rather than ignore them."""
    if engine != "dask" and settings.given():
        given = settings.given()
        raise ConfigError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} only for --engine dask")
    if settings.out and settings.shards:
        raise ConfigError("--out is where the shards go; give --out or --shards, not both")


def ingest_on_dask(inputs: Iterable[str], options: ReadOptions, store: Store, actors_file: str | None,
                   batch_size: int | None, quiet: bool, settings: DaskSettings) -> ScaleReport:
    """Run ``tidings ingest --engine dask`` with a progress bar and a closing summary on stderr."""
    from . import scale

    inputs = list(inputs)
    size = scale.PARTITION_SIZE if settings.partition_size is None else settings.partition_size
    scale_options = scale.ScaleOptions(partition_size=size, batch_size=batch_size, shards=settings.shards,
                                       actors_file=actors_file)
    total = None if quiet else estimate_articles(inputs)
    started = time.monotonic()
    with scale.connect(settings.address, settings.workers) as client:
        if not quiet:
            link = scale.dashboard_link(client)
            err.print(f"coding on {scale.describe(client)}" + (f"; dashboard: {link}" if link else ""),
                      highlight=False)
        items = read_inputs(inputs, options)
        with ClusterProgress(quiet, total, scale_options.partition_size, storing=not settings.out) as bar:
            if settings.out:
                report = scale.code_to_dataset(items, settings.out, client, scale_options, bar.watch())
            else:
                report = scale.ingest_dask(items, store, client, scale_options, bar.watch())
    if not quiet:
        _summary(report, store, settings.out, time.monotonic() - started)
    return report


class ClusterProgress:
    """Rich bars for partitions coded, articles coded across workers, and articles stored."""

    def __init__(self, quiet: bool, total: int | None, partition_size: int, storing: bool) -> None:
        self.bar = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                            TaskProgressColumn(), TextColumn("{task.fields[note]}"), TimeElapsedColumn(),
                            console=err, transient=True, disable=quiet)
        parts = math.ceil(total / partition_size) if total else None
        self.partitions = self.bar.add_task("partitions", total=parts, note="")
        self.coding = self.bar.add_task("coded", total=total, note="")
        self.storing = self.bar.add_task("stored", total=total, note="") if storing else None
        self.coded: dict[int, int] = {}
        self.finished: set[int] = set()
        self.pids: set[int] = set()
        self.started = time.monotonic()

    def __enter__(self) -> ClusterProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def watch(self) -> Watch:
        from .scale import Watch

        return Watch(stored=self.on_stored, on_problem=self.on_problem, on_worker=self.on_worker)

    def on_worker(self, event: WorkerProgress) -> None:
        """A worker's progress event (on Dask's event thread; rich's bars take a lock)."""
        self.coded[event.number] = max(self.coded.get(event.number, 0), event.coded)
        self.pids.add(event.pid)
        if event.done:
            self.finished.add(event.number)
        self.bar.update(self.partitions, completed=len(self.finished))
        self.bar.update(self.coding, completed=sum(self.coded.values()),
                        note=f"{len(self.pids)} worker processes seen · {self._rate(sum(self.coded.values()))}")

    def on_stored(self, report: IngestReport, done: int) -> None:
        self.bar.update(self.storing, advance=done, note=f"{report.events} events · {self._rate(report.read)}")

    def on_problem(self, problem: InputError) -> None:
        self.bar.console.print(f"[yellow]skipped[/] {problem}", highlight=False)

    def _rate(self, articles: int) -> str:
        return f"{articles / max(time.monotonic() - self.started, 1e-6):.1f} articles/s"


def _summary(report: ScaleReport, store: Store, out: str | None, seconds: float) -> None:
    from .cli_store import _summary as store_summary

    retried = f", {report.retried} run again after a worker was lost" if report.retried else ""
    if out is None:
        store_summary(report, store, seconds)
        err.print(f"dask: {report.partitions} partitions on {report.workers} workers{retried}", highlight=False)
        return
    line = (f"coded {report.coded} of {report.read} articles ({report.events} events) in {seconds:.1f} s "
            f"into {report.partitions} Parquet shards in {out} ({report.workers} workers{retried})")
    if report.problems:
        line += f"; {len(report.problems)} inputs failed"
    err.print(line, highlight=False)
    for reason, count in report.skipped.most_common():
        err.print(f"  skipped {count} × {reason}", highlight=False)
