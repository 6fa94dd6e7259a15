"""Driver side of the Dask engine: partition the input, keep a window of partitions on the cluster, merge in order.

The driver reads the inputs itself (cheap next to coding), numbers every item, and
groups them into partitions of ``partition_size`` articles. It sends each partition's
articles that the store does not hold yet to the cluster (:func:`.shards.code_partition`),
keeping at most ``window`` partitions in hand, so its memory stays flat however long the
input. Finished partitions are merged strictly in input order: their coded articles,
with the read problems at their places, go through :func:`tidings.corpus.ingest` with
the same batches as the local engine, so story links and merged events, which depend
on arrival order, come out the same whatever the partitioning.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from distributed import Client, Future, wait

from ..corpus import IngestReport, Progress, _reason, ingest
from ..errors import ConfigError, InputError, TidingsError
from ..ingest import Item
from ..records import Article
from ..store import Store
from .shards import PartitionTask, ShardFolder, ShardInfo, WorkerProgress, code_partition, progress_topic

PARTITION_SIZE = 64
_PROGRESS_FIELDS = [f.name for f in dataclasses.fields(WorkerProgress)]


class ScaleError(TidingsError):
    """A partition could not be coded on the cluster, or its shard could not be read."""


@dataclass(frozen=True)
class ScaleOptions:
    """How to cut the input and where the shards go.

    ``partition_size``: articles per task; ``batch_size``: articles per store transaction
    (``None``: :data:`~tidings.corpus.PRECODED_BATCH_SIZE`, as they arrive coded); ``window``:
    partitions the driver holds at once (default four per worker, plus two); ``shards``: a folder or URI that workers and driver share
    (default: beside the store).
    """

    partition_size: int = PARTITION_SIZE
    batch_size: int | None = None
    window: int | None = None
    shards: str | None = None
    actors_file: str | None = None

    def __post_init__(self) -> None:
        for flag, value in (("--partition-size", self.partition_size), ("--batch-size", self.batch_size),
                            ("window", self.window)):
            if value is not None and value < 1:
                raise ConfigError(f"{flag} {value}: give at least 1")


@dataclass
class Watch:
    """Callbacks: ``stored`` after each store batch, ``on_problem`` per bad input, and ``on_worker``
    per worker progress event (called on the Dask client's event-loop thread)."""

    stored: Progress | None = None
    on_problem: Callable[[InputError], None] | None = None
    on_worker: Callable[[WorkerProgress], None] | None = None


@dataclass
class ScaleReport(IngestReport):
    """An :class:`~tidings.corpus.IngestReport` plus what the cluster did."""

    partitions: int = 0
    retried: int = 0
    workers: int = 0
    attempts: dict[int, set[str]] = field(default_factory=dict, repr=False)


@dataclass
class Partition:
    """Items as read, numbered; ``shipped`` holds the seqs of the articles sent to be coded."""

    number: int
    items: list[tuple[int, Item]]
    shipped: list[int] = field(default_factory=list)


def ingest_dask(items: Iterable[Item], store: Store, client: Client, options: ScaleOptions = ScaleOptions(),
                watch: Watch | None = None) -> ScaleReport:
    """Code the new articles of ``items`` on the cluster and store them as the local engine would."""
    watch = watch or Watch()
    store.create()
    run = uuid.uuid4().hex[:12]
    base = options.shards or os.path.dirname(os.path.abspath(store.path))
    shards = ShardFolder(f"{base.rstrip('/')}/.tidings-shards-{run}")
    report = ScaleReport(workers=worker_count(client))
    try:
        with store.holding(), _listening(client, run, report, watch):
            partitions = _ordered(client, _partitions(items, options.partition_size, _unstored(store)), run, shards,
                                  options, report, rows=True)
            merged = ingest(_merged(partitions, shards), store, None, options.batch_size, watch.stored,
                            watch.on_problem)
    finally:
        shards.remove()
    return _with_cluster_counts(merged, report)


def code_to_dataset(items: Iterable[Item], out: str, client: Client, options: ScaleOptions = ScaleOptions(),
                    watch: Watch | None = None) -> ScaleReport:
    """Code every article of ``items`` on the cluster into a Parquet dataset at ``out`` (a new folder or URI).

    No store is touched and no dedup runs; :func:`load_dataset` merges the dataset into a store later.
    """
    watch = watch or Watch()
    shards = ShardFolder(out)
    if not shards.is_empty():
        raise ConfigError(f"--out {out} already holds files; give a new or empty folder for the dataset")
    report = ScaleReport(workers=worker_count(client))
    run = uuid.uuid4().hex[:12]
    with _listening(client, run, report, watch):
        for partition, info in _ordered(client, _partitions(items, options.partition_size), run, shards, options,
                                        report, rows=False):
            _count_partition(partition, info, shards, report, watch)
    shards.clear_temporaries()
    report.retried = sum(len(a) > 1 for a in report.attempts.values())
    return report


def load_dataset(path: str, store: Store, batch_size: int | None = None, progress: Progress | None = None,
                 on_problem: Callable[[InputError], None] | None = None) -> IngestReport:
    """Merge a dataset written by :func:`code_to_dataset` (``ingest --out``) into a store, in input order."""
    shards = ShardFolder(path)
    items = (item for number in shards.numbers() for _, item in shards.read(number))
    return ingest(items, store, None, batch_size, progress, on_problem)


def worker_count(client: Client) -> int:
    return len(client.nthreads())


def _partitions(items: Iterable[Item], size: int, keep: Callable[[list[Article]], set[int]] | None = None,
                ) -> Iterator[Partition]:
    """Number the items and cut them into partitions of ``size`` articles; mark the articles to code."""
    number, current, articles = 0, [], 0
    for seq, item in enumerate(items):
        current.append((seq, item))
        articles += isinstance(item, Article)
        if articles >= size:
            yield _ship(number, current, keep)
            number, current, articles = number + 1, [], 0
    if current:
        yield _ship(number, current, keep)


def _ship(number: int, items: list[tuple[int, Item]], keep: Callable[[list[Article]], set[int]] | None) -> Partition:
    articles = [(seq, item) for seq, item in items if isinstance(item, Article)]
    wanted = keep([a for _, a in articles]) if keep else set(range(len(articles)))
    return Partition(number, items, [seq for i, (seq, _) in enumerate(articles) if i in wanted])


def _unstored(store: Store) -> Callable[[list[Article]], set[int]]:
    """A filter giving the positions of the articles whose id and URL the store does not hold yet."""

    def keep(articles: list[Article]) -> set[int]:
        with store.writer() as con:  # the ingest's own connection (Store.holding), not a second one
            ids = {r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))",
                                             [[a.id for a in articles]]).fetchall()}
            urls = {r[0] for r in con.execute("SELECT url FROM articles WHERE url IN (SELECT unnest(?))",
                                              [[a.url for a in articles if a.url]]).fetchall()}
        return {i for i, a in enumerate(articles) if a.id not in ids and not (a.url and a.url in urls)}

    return keep


def _ordered(client: Client, partitions: Iterator[Partition], run: str, shards: ShardFolder, options: ScaleOptions,
             report: ScaleReport, rows: bool) -> Iterator[tuple[Partition, ShardInfo | None]]:
    """Send partitions to the cluster and yield them back, coded, in input order (with their store rows
    when ``rows``).

    At most ``window`` partitions are held (sent, running, or finished and waiting for an
    earlier one), and at most two per worker are sent ahead, so every worker always has
    its next partition queued.
    """
    workers = max(report.workers, 1)
    window = options.window or 4 * workers + 2
    ahead = min(window, 2 * workers)
    held: deque[tuple[Partition, Future | None]] = deque()
    source = iter(partitions)
    exhausted = False
    try:
        while True:
            while not exhausted and len(held) < window and _running(held) < ahead:
                partition = next(source, None)
                if partition is None:
                    exhausted = True
                else:
                    held.append((partition, _submit(client, partition, run, shards, options, rows)))
                    report.partitions += 1
            if not held:
                return
            partition, future = held[0]
            if future is None or future.done():
                held.popleft()
                yield partition, _result(partition, future)
            else:
                wait([f for _, f in held if f is not None and not f.done()], return_when="FIRST_COMPLETED")
    finally:  # stopped early (an error, Ctrl-C): nobody will merge what is still on the cluster
        client.cancel([f for _, f in held if f is not None])


def _running(held: deque[tuple[Partition, Future | None]]) -> int:
    return sum(f is not None and not f.done() for _, f in held)


def _submit(client: Client, partition: Partition, run: str, shards: ShardFolder, options: ScaleOptions,
            rows: bool) -> Future | None:
    if not partition.shipped:
        return None
    wanted = set(partition.shipped)
    articles = [item.to_dict() for seq, item in partition.items if seq in wanted]
    task = PartitionTask(run, partition.number, partition.shipped, articles, shards.location, options.actors_file, rows)
    return client.submit(code_partition, task, key=f"tidings-{run}-{partition.number:06d}", pure=False, retries=1)


def _result(partition: Partition, future: Future | None) -> ShardInfo | None:
    if future is None:
        return None
    try:
        return future.result()
    except TidingsError:
        raise
    except Exception as exc:  # the task raised on the worker, or its workers kept dying (KilledWorker)
        reason = (str(exc).strip().splitlines() or [""])[0]
        raise ScaleError(f"partition {partition.number} could not be coded on the cluster: "
                         f"{type(exc).__name__}: {reason}") from exc


def _merged(partitions: Iterator[tuple[Partition, ShardInfo | None]], shards: ShardFolder) -> Iterator[Item]:
    """Each partition's items in input order, its shipped articles replaced by their coded versions."""
    for partition, info in partitions:
        coded = _coded(partition, info, shards)
        for seq, item in partition.items:
            yield coded.get(seq, item)
        if info is not None:
            shards.delete(partition.number)


def _coded(partition: Partition, info: ShardInfo | None, shards: ShardFolder) -> dict[int, Item]:
    if info is None:
        return {}
    try:
        coded = dict(shards.read(partition.number))
    except (OSError, ValueError) as exc:
        raise ScaleError(f"the shard of partition {partition.number} cannot be read from {shards.location}: {exc}; "
                         "give --shards a folder that the workers and this machine share") from exc
    missing = set(partition.shipped) - coded.keys()
    if missing:
        raise ScaleError(f"the shard of partition {partition.number} lacks {len(missing)} of its articles")
    return coded


def _count_partition(partition: Partition, info: ShardInfo | None, shards: ShardFolder, report: ScaleReport,
                     watch: Watch) -> None:
    """Tally a partition written to a dataset: articles, events, and the problems (read or coding)."""
    problems = [item for _, item in partition.items if isinstance(item, InputError)]
    if info is not None and info.failed:
        problems += [item for _, item in shards.read(partition.number) if isinstance(item, InputError)]
    report.read += sum(isinstance(item, Article) for _, item in partition.items)
    report.coded += info.articles - info.failed if info else 0
    report.events += info.events if info else 0
    for problem in problems:
        report.problems.append(problem)
        report.skipped[_reason(problem)] += 1
        if watch.on_problem:
            watch.on_problem(problem)


class _listening:
    """Subscribe to the run's worker progress events for the duration of a ``with`` block."""

    def __init__(self, client: Client, run: str, report: ScaleReport, watch: Watch) -> None:
        self.client, self.topic, self.report, self.watch = client, progress_topic(run), report, watch

    def __enter__(self) -> None:
        self.client.subscribe_topic(self.topic, self._handle)

    def __exit__(self, *exc: object) -> None:
        self.client.unsubscribe_topic(self.topic)

    def _handle(self, event: tuple[float, dict]) -> None:
        progress = WorkerProgress(**{name: event[1][name] for name in _PROGRESS_FIELDS})  # Dask adds "worker"
        self.report.attempts.setdefault(progress.number, set()).add(progress.attempt)
        if self.watch.on_worker:
            self.watch.on_worker(progress)


def _with_cluster_counts(merged: IngestReport, cluster: ScaleReport) -> ScaleReport:
    values = {f.name: getattr(merged, f.name) for f in dataclasses.fields(IngestReport)}
    report = ScaleReport(**values, partitions=cluster.partitions, workers=cluster.workers, attempts=cluster.attempts)
    report.retried = sum(len(a) > 1 for a in cluster.attempts.values())
    return report
