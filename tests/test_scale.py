"""The Dask engine on a real LocalCluster: same store as the local engine, a real worker kill, the Parquet dataset."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import main
from tidings.cli_scale import ClusterProgress
from tidings.corpus import ingest
from tidings.errors import InputError
from tidings.ingest import ReadOptions, read_dates, read_inputs
from tidings.records import Article
from tidings.scale import (
    SCHEMA, ScaleOptions, ShardFolder, Watch, code_partition, code_to_dataset, connect, dashboard_link, ingest_dask,
    load_dataset,
)
from tidings.scale.shards import PartitionTask
from tidings.store import Store

DEMO = Path(__file__).parent.parent / "corpus" / "demo"
DEMO_INPUTS = [str(p) for p in sorted(DEMO.glob("*.txt"))] + [str(DEMO / "wire_copies.jsonl")]
BATCH = 8  # small store batches, so that batch and partition boundaries fall in different places
SAME = ("SELECT id, story_id FROM articles ORDER BY id",
        "SELECT id, num_mentions, num_sources, num_articles FROM events ORDER BY id",
        "SELECT id, event_id FROM mentions ORDER BY id")


def demo_items():
    return read_inputs(DEMO_INPUTS, ReadOptions(dates=read_dates(str(DEMO / "dates.tsv"))))


def three_rounds() -> list[Article]:
    """72 articles: the demo corpus three times over, each copy with its own closing line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    return [Article(id=f"r{r}-{n}", date=f"2024-0{r + 1}-1{n % 10}", text=text + f"\n\nThis is copy {r} of story {n}.")
            for r in range(3) for n, text in enumerate(texts)]


def answer(store: Store) -> list[list[tuple]]:
    return [store.query(sql)[1] for sql in SAME]


def no_duplicates(store: Store) -> bool:
    _, rows = store.query("SELECT (SELECT count(*) - count(DISTINCT id) FROM articles), "
                          "(SELECT count(*) - count(DISTINCT id) FROM mentions), "
                          "(SELECT count(*) - count(DISTINCT article_id) FROM signatures)")
    return rows[0] == (0, 0, 0)


@pytest.fixture(scope="module")
def client():
    with connect(workers=2) as client:
        yield client


@pytest.fixture(scope="module")
def reference(tmp_path_factory, coder) -> Store:
    store = Store(str(tmp_path_factory.mktemp("scale") / "local.duckdb"))
    ingest(demo_items(), store, coder, batch_size=BATCH)
    return store


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory, client):
    """The demo corpus ingested on two workers, in partitions of 5 articles, with the CLI's progress bars."""
    store = Store(str(tmp_path_factory.mktemp("scale") / "dask.duckdb"))
    progress = ClusterProgress(quiet=True, total=29, partition_size=5, storing=True)
    events = []
    watch = progress.watch()
    watch.on_worker = lambda event: (events.append(event), progress.on_worker(event))
    report = ingest_dask(demo_items(), store, client, ScaleOptions(partition_size=5, batch_size=BATCH), watch)
    return store, report, progress, events


def test_dask_engine_stores_the_same_answer_as_the_local_engine(dask_run, reference):
    store, report, _, _ = dask_run
    assert report.read == report.coded == 29 and report.partitions == 6 and not report.failed
    assert report.near_duplicates == 4  # the five wire copies are one story
    assert answer(store) == answer(reference)
    assert no_duplicates(store)


@pytest.mark.parametrize("partition_size, window", [(1, 1), (7, 2)])
def test_partitioning_does_not_change_the_answer(tmp_path, client, reference, partition_size, window):
    store = Store(str(tmp_path / "parts.duckdb"))
    options = ScaleOptions(partition_size=partition_size, batch_size=BATCH, window=window)
    report = ingest_dask(demo_items(), store, client, options)
    assert report.partitions == -(-29 // partition_size)
    assert answer(store) == answer(reference)


def test_each_worker_loads_the_model_once(dask_run, client):
    _, _, _, events = dask_run
    pids = client.run(os.getpid)
    loads = client.run(lambda: tidings.api._coder.cache_info().misses)
    used = {e.pid for e in events}
    assert used and all(loads[address] == 1 for address, pid in pids.items() if pid in used)
    partitions_per_pid = {pid: {e.number for e in events if e.pid == pid} for pid in used}
    assert max(len(numbers) for numbers in partitions_per_pid.values()) > 1  # a later partition reused the coder


def test_the_local_cluster_runs_without_the_diagnostics_that_cost_the_driver(client):
    # the scheduler (in this process) and every worker: slow event-loop ticks, no work stealing, no profiler
    def settings():
        return (dask.config.get("distributed.admin.tick.interval"), dask.config.get("distributed.worker.profile.enabled"))

    assert set(client.run(settings).values()) == {("500ms", False)}
    assert "stealing" not in client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.extensions))


def test_progress_bars_track_partitions_and_articles_across_workers(dask_run):
    _, _, progress, events = dask_run
    tasks = {task.description: task for task in progress.bar.tasks}
    assert tasks["partitions"].completed == 6
    assert tasks["coded"].completed == 29
    assert tasks["stored"].completed == 29
    assert {e.number for e in events if e.done} == set(range(6))


def test_rerun_adds_nothing_and_sends_nothing_to_the_cluster(dask_run, client, reference):
    store, _, _, _ = dask_run
    report = ingest_dask(demo_items(), store, client, ScaleOptions(partition_size=5, batch_size=BATCH))
    assert report.coded == 0 and report.duplicates == 29
    assert report.attempts == {}  # every article was known to the store before it was sent
    assert answer(store) == answer(reference)


def test_a_bad_article_becomes_a_problem_and_the_rest_is_stored(tmp_path, client):
    good = three_rounds()[:3]
    bad = Article(text="Japan and India held talks on trade in Tokyo on Monday.", id="bad", date="the 5th of May")
    store = Store(str(tmp_path / "bad.duckdb"))
    report = ingest_dask([good[0], bad, *good[1:]], store, client, ScaleOptions(partition_size=2))
    assert report.failed and report.coded == 3
    assert len(report.problems) == 1 and "could not be coded" in str(report.problems[0])
    assert "the 5th of May" in str(report.problems[0])
    assert store.query("SELECT id FROM articles ORDER BY id")[1] == [(a.id,) for a in sorted(good, key=lambda a: a.id)]
    assert store.query("SELECT count(*) FROM problems")[1] == [(1,)]


def test_code_partition_keeps_each_article_and_its_error(tmp_path):
    articles = [Article(text="Russia and Ukraine exchanged prisoners on Friday.", id="ok", date="2024-05-03"),
                Article(text="Germany and Poland signed a border agreement.", id="bad", date="not a date")]
    task = PartitionTask("run", 3, [10, 11], [a.to_dict() for a in articles], str(tmp_path / "shards"))
    info = code_partition(task)
    assert (info.number, info.articles, info.failed) == (3, 2, 1)
    assert info.path == str(tmp_path / "shards" / "part-000003.parquet")
    table = pq.read_table(info.path)
    assert table.schema.names == SCHEMA.names and table.column("seq").to_pylist() == [10, 11]
    (seq_ok, coded), (seq_bad, problem) = ShardFolder(str(tmp_path / "shards")).read(3)
    assert (seq_ok, seq_bad) == (10, 11)
    assert isinstance(coded, Article) and coded.events and coded.coder_version
    assert isinstance(problem, InputError) and "not a date" in str(problem)
    assert code_partition(task).articles == 2  # running a partition again rewrites its shard whole
    assert [p.name for p in (tmp_path / "shards").iterdir()] == ["part-000003.parquet"]


def test_uncoded_articles_are_refused_when_they_should_arrive_coded(tmp_path):
    store = Store(str(tmp_path / "uncoded.duckdb"))
    with pytest.raises(tidings.TidingsError, match="arrived uncoded"):
        ingest([Article(text="Russia and Ukraine exchanged prisoners on Friday.", id="raw")], store, None)
    assert store.query("SELECT count(*) FROM articles")[1] == [(0,)]


def test_out_writes_a_parquet_dataset_that_loads_into_the_same_store(tmp_path, client, reference):
    out = tmp_path / "dataset"
    report = code_to_dataset(demo_items(), str(out), client, ScaleOptions(partition_size=10))
    assert report.coded == 29 and report.partitions == 3 and not report.failed
    assert sorted(p.name for p in out.iterdir()) == [f"part-00000{i}.parquet" for i in range(3)]
    table = pq.read_table(out)
    assert table.num_rows == 29 and table.column("error").null_count == 29
    assert sum(table.column("n_events").to_pylist()) == report.events
    article = Article.from_dict(json.loads(table.column("article")[0].as_py()))
    assert article.events and article.sentences
    store = Store(str(tmp_path / "loaded.duckdb"))
    load_dataset(str(out), store, batch_size=BATCH)
    assert answer(store) == answer(reference)  # dedup and coreference run at the merge, not per partition
    with pytest.raises(tidings.ConfigError, match="already holds files"):
        code_to_dataset(demo_items(), str(out), client)


class StubClient:
    """Just what ``dashboard_link`` asks a client."""

    dashboard_link = "http://scheduler:8787/status"

    def __init__(self, services: dict, bokeh: bool) -> None:
        self.services, self.bokeh = services, bokeh

    def scheduler_info(self) -> dict:
        return {"services": self.services}

    def run_on_scheduler(self, function) -> bool:
        return self.bokeh


@pytest.mark.parametrize("services, bokeh, link", [
    ({"dashboard": 8787}, True, "http://scheduler:8787/status"),
    ({"dashboard": 8787}, False, None),  # the page would only say to install bokeh
    ({}, True, None),
])
def test_the_dashboard_link_is_given_only_when_there_is_a_dashboard(services, bokeh, link):
    assert dashboard_link(StubClient(services, bokeh)) == link


def test_cli_on_the_scheduler_named_by_the_environment(tmp_path, client, reference):
    db = tmp_path / "cli.duckdb"
    env = {**os.environ, "DASK_SCHEDULER_ADDRESS": client.scheduler.address}
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "ingest", *DEMO_INPUTS, "--dates", str(DEMO / "dates.tsv"), "--db", str(db),
         "--engine", "dask", "--partition-size", "5", "--batch-size", str(BATCH)],
        capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert "coding on 2 Dask workers" in result.stderr
    assert "dask: 6 partitions on 2 workers" in result.stderr
    assert answer(Store(str(db))) == answer(reference)


def test_cli_local_cluster_writes_a_dataset(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "ingest", *DEMO_INPUTS[:4], "--date", "2024-01-01", "--engine", "dask",
         "--workers", "1", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "coding on 1 Dask worker on a local cluster" in result.stderr
    assert "coded 4 of 4 articles" in result.stderr
    assert pq.read_table(out).num_rows == 4


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cli_names_a_dead_scheduler_address_in_one_line(tmp_path, how):
    address = "tcp://127.0.0.1:9"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    args = ["--address", address] if how == "option" else []
    if how == "environment":
        env["DASK_SCHEDULER_ADDRESS"] = address
    result = subprocess.run(
        [sys.executable, "-m", "tidings", "ingest", DEMO_INPUTS[0], "--db", str(tmp_path / "x.duckdb"),
         "--engine", "dask", *args], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "dask scheduler" in lines[0]


@pytest.mark.parametrize("args, message", [
    (["--workers", "2"], "--workers is only for --engine dask"),
    (["--out", "x", "--partition-size", "4"], "--partition-size, --out are only for --engine dask"),
    (["--engine", "dask", "--out", "x", "--shards", "y"], "give --out or --shards, not both"),
])
def test_cli_refuses_dask_options_that_would_be_ignored(args, message):
    result = CliRunner().invoke(main, ["ingest", DEMO_INPUTS[0], *args])
    assert result.exit_code == 1 and message in result.output


def test_a_worker_killed_mid_partition_loses_and_duplicates_nothing(tmp_path, client, coder):
    """Runs last: it kills one of the module cluster's workers (its nanny starts a new one)."""
    reference = Store(str(tmp_path / "local.duckdb"))
    ingest(three_rounds(), reference, coder, batch_size=BATCH)
    killed: dict = {}
    events = []

    def kill_first_busy_worker(event) -> None:
        events.append(event)
        if not killed and 0 < event.coded < event.size:
            os.kill(event.pid, signal.SIGKILL)
            killed.update(number=event.number, pid=event.pid, attempt=event.attempt)

    store = Store(str(tmp_path / "dask.duckdb"))
    report = ingest_dask(three_rounds(), store, client, ScaleOptions(partition_size=24, batch_size=BATCH),
                         Watch(on_worker=kill_first_busy_worker))
    assert killed, "no worker was caught mid-partition"
    attempts = [e for e in events if e.number == killed["number"]]
    assert not any(e.done for e in attempts if e.attempt == killed["attempt"])  # killed before it finished
    assert any(e.done and e.pid != killed["pid"] for e in attempts)  # and run again by another worker
    assert report.retried == 1 and report.coded == 72 and not report.failed
    assert answer(store) == answer(reference)
    assert no_duplicates(store)
    assert store.query("SELECT count(*) FROM bands")[1] == reference.query("SELECT count(*) FROM bands")[1]
