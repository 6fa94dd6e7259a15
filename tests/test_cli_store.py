"""The store commands through the real CLI: ingest, query, dyads, actors, network."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEMO = Path(__file__).parent.parent / "corpus" / "demo"


def tidings(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("cli-store")
    corpus = root / "corpus"
    (corpus / "nested").mkdir(parents=True)
    for name in ("01_kim_visits_china.txt", "12_russia_expels_british_diplomats.txt"):
        shutil.copy(DEMO / name, corpus / name)
    shutil.copy(DEMO / "13_ethiopia_eritrea_end_war.txt", corpus / "nested" / "03.txt")
    (corpus / "records.jsonl").write_text(
        json.dumps({"id": "ok-1", "date": "2024-03-02", "text": "Germany and Poland signed a border agreement on "
                    "Saturday in Warsaw, officials said."}) + "\n"
        + json.dumps({"id": "bad-1", "date": "2024-03-02"}) + "\n", encoding="utf-8")
    db = root / "store.duckdb"
    result = tidings("ingest", str(corpus), "--db", str(db), "--date", "2019-01-08")
    return db, result


def test_ingest_reports_problems_and_stores_the_rest(ingested):
    db, result = ingested
    assert result.returncode == 1  # one record failed
    assert "records.jsonl:2" in result.stderr and "text" in result.stderr
    assert "read 4 articles, coded 4 new" in result.stderr
    assert "skipped 1 ×" in result.stderr
    again = tidings("ingest", str(db.parent / "corpus" / "01_kim_visits_china.txt"), "--db", str(db), "--date", "2019-01-08")
    assert again.returncode == 0
    assert "coded 0 new" in again.stderr and "1 already stored" in again.stderr


def test_query_outputs_csv_and_jsonl(ingested):
    db, _ = ingested
    result = tidings("query", "SELECT id, title FROM articles ORDER BY id", "--db", str(db), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "title"] and len(rows) == 5
    assert ["ok-1", ""] in rows  # the JSONL record has no title
    result = tidings("query", "SELECT count(*) AS n FROM events", "--db", str(db), "--format", "jsonl")
    assert json.loads(result.stdout)["n"] > 0


def test_query_cannot_write_and_bad_sql_is_one_line(ingested):
    db, _ = ingested
    result = tidings("query", "DROP TABLE events", "--db", str(db))
    assert result.returncode == 1 and "read-only" in result.stderr.lower()
    target = db.parent / "leak.csv"
    result = tidings("query", f"COPY (SELECT * FROM articles) TO '{target}'", "--db", str(db))
    assert result.returncode == 1 and "disabled" in result.stderr and not target.exists()
    result = tidings("query", "SELEC nonsense", "--db", str(db))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "query failed" in result.stderr


def test_dyads_actors_network(ingested):
    db, _ = ingested
    result = tidings("dyads", "--db", str(db), "--by", "year", "--actor", "rus", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["actor"] == "RUS" for r in rows)
    assert any(r["recipient"] == "GBR" and int(r["events"]) >= 1 for r in rows)
    result = tidings("actors", "--db", str(db), "--top", "3", "--format", "jsonl")
    top = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(top) == 3 and top[0]["events"] >= top[2]["events"]
    result = tidings("network", "--db", str(db), "--format", "csv")
    edges = list(csv.DictReader(io.StringIO(result.stdout)))
    assert edges and {"Source", "Target", "Weight"} <= set(edges[0])
    assert any(e["Source"] == "RUS" and e["Target"] == "GBR" for e in edges)


def test_store_problems_are_one_line_errors(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"not a database" * 200)
    result = tidings("ingest", str(DEMO / "01_kim_visits_china.txt"), "--db", str(bad))
    assert result.returncode == 1 and "not a DuckDB database" in result.stderr and "Traceback" not in result.stderr
    result = tidings("dyads", "--db", str(tmp_path / "missing.duckdb"))
    assert result.returncode == 1 and "no such store" in result.stderr
    result = tidings("ingest", str(DEMO / "01_kim_visits_china.txt"), "--db", str(tmp_path / "x.duckdb"), "--column", "body")
    assert result.returncode == 1 and "FIELD=NAME" in result.stderr
