"""Crash safety and concurrent readers, with real subprocesses, a real kill -9 and the real CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tidings.store import Store, StoreError

DEMO = Path(__file__).parent.parent / "corpus" / "demo"
TIDINGS = [sys.executable, "-m", "tidings"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """72 articles: the demo corpus three times over, each copy with its own closing line."""
    path = tmp_path_factory.mktemp("crash") / "corpus.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as handle:
        for round_ in range(3):
            for number, text in enumerate(texts):
                record = {"id": f"r{round_}-{number}", "date": f"2024-0{round_ + 1}-1{number % 10}",
                          "text": text + f"\n\nThis is copy {round_} of story {number}."}
                handle.write(json.dumps(record) + "\n")
    return path


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([*TIDINGS, "ingest", str(corpus), "--db", str(db), "--batch-size", "4", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _state(db: Path) -> tuple:
    _, rows = Store(str(db)).query(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
        "(SELECT coalesce(sum(n_events), 0) FROM articles), (SELECT count(*) FROM mentions), "
        "(SELECT coalesce(sum(num_mentions), 0) FROM events), (SELECT count(*) FROM bands), "
        "(SELECT count(*) FROM sentences), (SELECT count(*) FROM event_actors)")
    return rows[0]


def test_kill_9_mid_ingest_then_rerun_loses_and_duplicates_nothing(corpus, tmp_path):
    reference_db = tmp_path / "reference.duckdb"
    assert _ingest(corpus, reference_db).wait(timeout=600) == 0
    reference = _state(reference_db)
    assert reference[0] == 72

    db = tmp_path / "killed.duckdb"
    process = _ingest(corpus, db)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        time.sleep(0.3)
        if db.exists() and process.poll() is None:
            try:
                stored = _state(db)[0]
            except StoreError as exc:  # the file is not created yet
                assert "no such store" in str(exc)
                continue
            if stored >= 8:
                break
    assert process.poll() is None, "the ingest finished before it could be killed; make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    interrupted = _state(db)
    assert 8 <= interrupted[0] < 72
    assert interrupted[0] == interrupted[1]  # no article twice
    assert interrupted[2] == interrupted[3] == interrupted[4]  # batches landed whole

    rerun = _ingest(corpus, db)
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read()
    assert _state(db) == reference
    for sql in ("SELECT id, story_id FROM articles ORDER BY id",
                "SELECT id, num_mentions, num_sources, num_articles, date FROM events ORDER BY id",
                "SELECT id, event_id FROM mentions ORDER BY id"):
        assert Store(str(db)).query(sql)[1] == Store(str(reference_db)).query(sql)[1], sql


def test_readers_see_consistent_data_while_ingesting(corpus, tmp_path):
    db = tmp_path / "busy.duckdb"
    process = _ingest(corpus, db)
    seen = []
    try:
        while process.poll() is None:
            if not db.exists():
                time.sleep(0.2)
                continue
            result = subprocess.run(
                [*TIDINGS, "query", "SELECT (SELECT count(*) FROM articles), (SELECT coalesce(sum(n_events), 0) "
                 "FROM articles), (SELECT count(*) FROM mentions) ", "--db", str(db), "--format", "csv"],
                capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stderr
            articles, events, mentions = map(int, result.stdout.splitlines()[1].split(","))
            assert events == mentions
            seen.append(articles)
    finally:
        process.wait(timeout=600)
    assert process.returncode == 0
    assert seen == sorted(seen) and len(seen) >= 2
    assert _state(db)[0] == 72
