"""The DuckDB store: idempotent ingest, story and event dedup, analytics, bad store files."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tidings import analytics
from tidings.corpus import ingest
from tidings.errors import InputError
from tidings.records import Article
from tidings.store import Store, StoreError

FIXTURES = Path(__file__).parent / "fixtures"


def five_copies() -> list[Article]:
    lines = (FIXTURES / "dedup" / "five_copies.jsonl").read_text(encoding="utf-8").splitlines()
    return [Article(**json.loads(line)) for line in lines]


@pytest.fixture(scope="module")
def copies_store(tmp_path_factory, coder) -> tuple[Store, object]:
    store = Store(str(tmp_path_factory.mktemp("store") / "copies.duckdb"))
    report = ingest(five_copies(), store, coder, batch_size=2)
    return store, report


def test_five_rewritten_copies_are_one_story(copies_store):
    store, report = copies_store
    assert report.coded == 5 and report.near_duplicates == 4
    _, rows = store.query("SELECT count(*), count(DISTINCT story_id), min(story_id) FROM articles")
    assert rows[0] == (5, 1, "wire-1")


def test_the_meeting_is_one_event_with_five_sources(copies_store):
    store, _ = copies_store
    _, rows = store.query(
        "SELECT num_mentions, num_sources, num_articles, num_stories, date FROM events "
        "WHERE event_type = 'CONSULT' AND recipient_key = 'MYSGOV'")
    assert len(rows) == 1
    mentions, sources, articles, stories, date = rows[0]
    assert (mentions, sources, articles, stories) == (5, 5, 5, 1)
    assert str(date) == "2025-02-11"
    _, links = store.query(
        "SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event_id "
        "WHERE e.event_type = 'CONSULT' AND e.recipient_key = 'MYSGOV'")
    assert links[0][0] == 5


def test_every_mention_belongs_to_an_event_and_counts_add_up(copies_store):
    store, _ = copies_store
    _, rows = store.query("SELECT count(*) FILTER (event_id IS NULL), count(*) FROM mentions")
    assert rows[0][0] == 0
    _, total = store.query("SELECT sum(num_mentions) FROM events")
    assert total[0][0] == rows[0][1]
    _, per_article = store.query("SELECT sum(n_events) FROM articles")
    assert per_article[0][0] == rows[0][1]


def test_mentions_keep_offsets_into_the_article(copies_store):
    store, _ = copies_store
    _, rows = store.query(
        "SELECT a.text, m.trigger_text, m.trigger_start, m.trigger_end, ea.text, ea.char_start, ea.char_end "
        "FROM mentions m JOIN articles a ON a.id = m.article_id JOIN event_actors ea ON ea.mention_id = m.id")
    assert rows
    for text, trigger, t_start, t_end, actor, a_start, a_end in rows:
        assert text[t_start:t_end] == trigger
        assert text[a_start:a_end] == actor


def test_reingesting_adds_nothing(copies_store, coder):
    store, _ = copies_store
    before = _counts(store)
    report = ingest(five_copies(), store, coder)
    assert report.coded == 0 and report.duplicates == 5
    assert _counts(store) == before


def test_same_url_with_new_text_is_skipped(tmp_path, coder):
    store = Store(str(tmp_path / "urls.duckdb"))
    first = Article(text="Japan and India held talks on trade in Tokyo on Monday.", url="https://x.example/a")
    second = Article(text="Japan and India held talks on trade in Tokyo on Monday, officials said.",
                     url="https://x.example/a")
    report = ingest([first, second], store, coder)
    assert report.coded == 1 and report.skipped["already stored (same URL)"] == 1


def test_same_url_in_a_later_batch_is_skipped(tmp_path, coder):
    store = Store(str(tmp_path / "urls2.duckdb"))
    ingest([Article(text="Japan and India held talks on trade in Tokyo on Monday.", url="https://x.example/b")],
           store, coder)
    report = ingest([Article(text="Japan and India held talks on trade in Tokyo on Monday, officials said.",
                             url="https://x.example/b")], store, coder)
    assert report.coded == 0 and report.skipped["already stored (same URL)"] == 1
    assert store.query("SELECT count(*) FROM articles")[1] == [(1,)]


def test_batch_size_does_not_change_the_store(tmp_path, coder):
    extra = [Article(text="Russia and Ukraine exchanged prisoners on Friday, officials in Kyiv said.",
                     date="2025-02-11", id="x1"),
             Article(text="Malaysian and Indonesian officials met again in Kuala Lumpur to discuss piracy.",
                     date="2025-02-12", id="x2")]
    results = []
    for size in (1, 3, 32):
        store = Store(str(tmp_path / f"size{size}.duckdb"))
        ingest(five_copies() + extra, store, coder, batch_size=size)
        results.append([store.query(sql)[1] for sql in (
            "SELECT id, story_id FROM articles ORDER BY id",
            "SELECT id, num_mentions, num_sources, num_stories, date, last_date FROM events ORDER BY id",
            "SELECT id, event_id FROM mentions ORDER BY id")])
    assert results[0] == results[1] == results[2]


def test_problems_are_stored_once(tmp_path, coder):
    store = Store(str(tmp_path / "problems.duckdb"))
    problem = InputError("feed.xml", "could not be fetched: timed out", hint="try again later")
    article = Article(text="Russia and Ukraine exchanged prisoners on Friday.", date="2024-05-03")
    for _ in range(2):
        report = ingest([problem, article], store, coder)
        assert report.failed
    _, rows = store.query("SELECT source, message FROM problems")
    assert rows == [("feed.xml", str(problem))]


def test_events_record_coder_and_kb_versions(copies_store, coder):
    store, _ = copies_store
    _, rows = store.query("SELECT DISTINCT coder_version, kb_version FROM events")
    assert rows == [(coder.coder_version, coder.kb_version)]


def test_dyads_count_merged_events(copies_store):
    store, _ = copies_store
    table = analytics.dyads(store, by="month")
    rows = table.dicts()
    assert rows and all(str(r["period"]) == "2025-02-01" for r in rows)
    mys = [r for r in rows if r["recipient"] == "MYS"]
    assert sum(r["events"] for r in mys) >= 1
    assert sum(r["sources"] for r in mys) >= 5
    with pytest.raises(Exception, match="--by must be"):
        analytics.dyads(store, by="fortnight")


def test_top_actors_and_network(copies_store):
    store, _ = copies_store
    top = analytics.top_actors(store, top=5).dicts()
    counts = [r["events"] for r in top]
    assert counts == sorted(counts, reverse=True) and all(r["as_actor"] + r["as_recipient"] == r["events"] for r in top)
    assert any(r["country"] == "MYS" for r in top)
    edges = analytics.network_edges(store)
    graph = ET.fromstring(analytics.network_graphml(edges).split("\n", 1)[1])
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graph.findall(".//g:edge", ns)) == len(edges.rows)
    assert {n.get("id") for n in graph.findall(".//g:node", ns)} == {r[0] for r in edges.rows} | {r[1] for r in edges.rows}


def test_query_is_read_only(copies_store):
    store, _ = copies_store
    with pytest.raises(StoreError, match="query failed"):
        store.query("DELETE FROM events")
    with pytest.raises(StoreError, match="one SQL statement"):
        store.query("SELECT 1; SELECT 2")
    assert _counts(store)[0] == 5


def test_missing_and_corrupt_store_files(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(str(tmp_path / "none.duckdb")).query("SELECT 1")
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store(str(bad)).create()


def test_locked_store_is_reported_after_waiting(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store(str(path)).create()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="another process has held the database"):
            Store(str(path), lock_wait=0.5).create()
    finally:
        holder.kill()
        holder.wait()
    Store(str(path), lock_wait=5).create()  # free again once the holder is gone


def _counts(store: Store) -> tuple:
    _, rows = store.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
                          "(SELECT count(*) FROM events), (SELECT count(*) FROM event_actors), "
                          "(SELECT count(*) FROM sentences), (SELECT count(*) FROM bands)")
    return rows[0]
