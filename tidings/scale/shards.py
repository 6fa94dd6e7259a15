"""Worker side of the Dask engine: code one partition of articles and write it as one Parquet shard.

A shard holds one row per article the driver sent, in input order:

    seq       int64   the article's position in the input stream (what the driver merges by)
    id        string  the article id
    n_events  int32   events found (0 when coding failed)
    article   string  the article as JSON (``Article.to_dict()``): coded, or as given when coding failed;
                      null when ``rows`` holds it
    error     string  why the article could not be coded; null when it was
    rows      binary  the coded article's rows ready for the store (:class:`~tidings.rows.StoreRows`,
                      pickled), when the driver stores the run; null in a ``--out`` dataset

A run into the store ships the rows so that the driver, whose one process merges every
worker's output, only inserts them: building them is per-article work that the workers
share (rebuilding the article from JSON, its rows and its MinHash signature cost the
driver ~4 ms per article). The pickle never leaves the run: its shards are deleted once
merged, and a ``--out`` dataset holds JSON only. The driver unpickles what the workers wrote, so
the shard folder (``--shards``) must be writable only by the cluster's own processes.

The shard is written under a temporary name and renamed into place, so a partition
that runs again (its worker died) rewrites the same file whole, and a reader never
sees half a shard. Shards live in a folder, or under any URI that ``pyarrow.fs``
opens (``s3://…``), shared by the workers and the driver.
"""

from __future__ import annotations

import json
import os
import pickle
import threading
import uuid
from dataclasses import asdict, dataclass
from typing import Callable, Iterator

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ..api import get_coder
from ..errors import InputError
from ..pipeline import Coder
from ..records import Article
from ..rows import StoreRows, store_rows

SCHEMA = pa.schema([("seq", pa.int64()), ("id", pa.string()), ("n_events", pa.int32()),
                    ("article", pa.string()), ("error", pa.string()), ("rows", pa.binary())])
PROGRESS_EVERY = 8  # articles coded between two progress events
_LOADING = threading.Lock()
_CODING = threading.Lock()  # a worker with several threads codes one chunk at a time: the coder is not shared safely


@dataclass(frozen=True)
class PartitionTask:
    """What the driver sends a worker: raw articles (as dicts) and where to write the shard."""

    run: str
    number: int
    seqs: list[int]
    articles: list[dict]
    location: str
    actors_file: str | None = None
    rows: bool = False  # ship each article's store rows too (the run goes into a store)


@dataclass(frozen=True)
class ShardInfo:
    """What a worker returns for a partition it coded and wrote."""

    number: int
    path: str
    articles: int
    events: int
    failed: int
    pid: int
    attempt: str


@dataclass(frozen=True)
class WorkerProgress:
    """A worker's progress through one attempt at a partition (sent as a Dask event)."""

    run: str
    number: int
    attempt: str
    pid: int
    coded: int
    size: int
    done: bool = False


def progress_topic(run: str) -> str:
    return f"tidings-progress-{run}"


def shard_name(number: int) -> str:
    return f"part-{number:06d}.parquet"


def code_partition(task: PartitionTask) -> ShardInfo:
    """Code the task's articles with this process's coder and write their shard (runs on a worker)."""
    attempt = uuid.uuid4().hex[:8]
    report = _reporter(task, attempt)
    report(0)
    coder = worker_coder(task.actors_file)
    rows: list[dict] = []
    for start in range(0, len(task.articles), PROGRESS_EVERY):
        stop = start + PROGRESS_EVERY
        rows += _code_chunk(coder, task.seqs[start:stop], task.articles[start:stop], task.rows)
        report(min(stop, len(task.articles)))
    path = ShardFolder(task.location).write(task.number, rows, attempt)
    report(len(rows), done=True)
    return ShardInfo(task.number, path, len(rows), sum(r["n_events"] for r in rows),
                     sum(r["error"] is not None for r in rows), os.getpid(), attempt)


def worker_coder(actors_file: str | None) -> Coder:
    """This process's coder: loaded by the first partition, reused by every later one."""
    with _LOADING:
        return get_coder(actors_file)


def _code_chunk(coder: Coder, seqs: list[int], dicts: list[dict], with_rows: bool) -> list[dict]:
    articles = [Article.from_dict(d) for d in dicts]
    try:
        with _CODING:
            coder.code_many(articles)
    except Exception:  # some article broke the chunk: code them one by one to find which
        return [_code_one(coder, seq, d, with_rows) for seq, d in zip(seqs, dicts)]
    return [_row(seq, a, with_rows) for seq, a in zip(seqs, articles)]


def _code_one(coder: Coder, seq: int, data: dict, with_rows: bool) -> dict:
    article = Article.from_dict(data)
    try:
        with _CODING:
            coder.code_many([article])
    except Exception as exc:  # one bad article must not fail its partition; the driver reports it
        return _row(seq, Article.from_dict(data), False, f"{type(exc).__name__}: {exc}")
    return _row(seq, article, with_rows)


def _row(seq: int, article: Article, with_rows: bool, error: str | None = None) -> dict:
    rows = pickle.dumps(store_rows(article), protocol=pickle.HIGHEST_PROTOCOL) if with_rows else None
    text = None if rows is not None else json.dumps(article.to_dict(), ensure_ascii=False)  # the rows say it all
    return {"seq": seq, "id": article.id, "n_events": 0 if error else len(article.events),
            "article": text, "error": error, "rows": rows}


def _reporter(task: PartitionTask, attempt: str) -> Callable[..., None]:
    from distributed import get_worker

    try:
        worker = get_worker()
    except ValueError:  # called outside a worker (tests, load_dataset): nobody to tell
        return lambda coded, done=False: None
    topic, size = progress_topic(task.run), len(task.articles)

    def report(coded: int, done: bool = False) -> None:
        worker.log_event(topic, asdict(WorkerProgress(task.run, task.number, attempt, os.getpid(), coded, size, done)))

    return report


class ShardFolder:
    """The folder (local, or a URI such as ``s3://bucket/prefix``) that holds a run's shards."""

    def __init__(self, location: str) -> None:
        self.location = location if "://" in location else os.path.abspath(location)
        if "://" in location:
            self.fs, self.folder = pafs.FileSystem.from_uri(location)
        else:
            self.fs, self.folder = pafs.LocalFileSystem(), self.location

    def path(self, number: int) -> str:
        return f"{self.folder}/{shard_name(number)}"

    def write(self, number: int, rows: list[dict], attempt: str) -> str:
        """Write the rows as the partition's shard, atomically (a temporary file renamed into place)."""
        self.fs.create_dir(self.folder, recursive=True)
        temporary = f"{self.folder}/.{shard_name(number)}.{attempt}.tmp"  # dot files are not part of the dataset
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), temporary, filesystem=self.fs)
        self.fs.move(temporary, self.path(number))
        return self.path(number)

    def read(self, number: int) -> Iterator[tuple[int, Article | StoreRows | InputError]]:
        """The shard's articles in input order, each coded (as its store rows when the shard has them),
        or the problem that stopped its coding."""
        return read_rows(pq.read_table(self.path(number), filesystem=self.fs))

    def delete(self, number: int) -> None:
        self.fs.delete_file(self.path(number))

    def numbers(self) -> list[int]:
        """The partition numbers of the shards present, in order."""
        return sorted(int(info.base_name[5:11]) for info in self._listing()
                      if info.base_name.startswith("part-") and info.base_name.endswith(".parquet"))

    def is_empty(self) -> bool:
        return not self._listing()

    def clear_temporaries(self) -> None:
        for info in self._listing():
            if info.base_name.startswith(".part-") and info.base_name.endswith(".tmp"):
                self.fs.delete_file(info.path)

    def remove(self) -> None:
        if self.fs.get_file_info(self.folder).type != pafs.FileType.NotFound:
            self.fs.delete_dir(self.folder)

    def _listing(self) -> list[pafs.FileInfo]:
        if self.fs.get_file_info(self.folder).type == pafs.FileType.NotFound:
            return []
        return self.fs.get_file_info(pafs.FileSelector(self.folder))


def read_rows(table: pa.Table) -> Iterator[tuple[int, Article | StoreRows | InputError]]:
    """Rows of a shard table as (seq, coded article, its store rows, or problem), in input order.

    An article whose store rows the shard holds is not rebuilt from its JSON at all.
    """
    table = table.sort_by("seq")
    ready = table.column("rows").to_pylist() if "rows" in table.column_names else [None] * table.num_rows
    columns = zip(table.column("seq").to_pylist(), table.column("error").to_pylist(), ready, table.column("article"))
    for seq, error, rows, text in columns:
        if error is None and rows is not None:
            yield seq, pickle.loads(rows)
            continue
        article = Article.from_dict(json.loads(text.as_py()))
        if error is None:
            yield seq, article
        else:
            where = article.source or f"article {article.id}"
            yield seq, InputError(where, f"could not be coded: {error}",
                                  hint="the other articles were coded; please report this one")
