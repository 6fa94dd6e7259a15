"""The DuckDB store: idempotent ingest, story and event dedup, analytics, bad store files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb
import pytest

from tidings import analytics, search, store as store_module
from tidings.corpus import ingest
from tidings.rows import attributed_to, quote_id
from tidings.errors import ConfigError, InputError
from tidings.records import FACTUALITIES, Article, Attribution
from tidings.store import SCHEMA_VERSION, Keeper, Store, StoreError

FIXTURES = Path(__file__).parent / "fixtures"
QUOTED = FIXTURES / "quotes" / "relayed.jsonl"

# The store schema 1 as tidings 0.x wrote it (tidings/store.py before schema 2), to build old files.
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, story_id VARCHAR, title VARCHAR, date DATE, url VARCHAR,
    outlet VARCHAR, source VARCHAR, text VARCHAR, n_sentences INTEGER, n_events INTEGER,
    warnings VARCHAR[], coder_version VARCHAR, kb_version VARCHAR, added_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR, sentence INTEGER, paragraph INTEGER, char_start INTEGER, char_end INTEGER,
    text VARCHAR, PRIMARY KEY (article_id, sentence));
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY, event_id VARCHAR, article_id VARCHAR, story_id VARCHAR,
    sentence INTEGER, paragraph INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    event_type VARCHAR, mode VARCHAR, cameo VARCHAR, quad_class TINYINT, goldstein DOUBLE,
    factuality VARCHAR, confidence DOUBLE,
    trigger_text VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
    date DATE, date_precision VARCHAR, date_source VARCHAR,
    actor_key VARCHAR, recipient_key VARCHAR, outlet VARCHAR, url VARCHAR,
    coder_version VARCHAR, kb_version VARCHAR);
CREATE TABLE IF NOT EXISTS event_actors (
    mention_id VARCHAR, role VARCHAR, position TINYINT, text VARCHAR, char_start INTEGER, char_end INTEGER,
    country VARCHAR, sector VARCHAR, name VARCHAR, kb_id VARCHAR);
CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id VARCHAR, sentence INTEGER, text VARCHAR, char_start INTEGER, char_end INTEGER,
    country VARCHAR, sector VARCHAR, name VARCHAR, kb_id VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, event_type VARCHAR, mode VARCHAR, cameo VARCHAR, quad_class TINYINT,
    goldstein DOUBLE, actor_key VARCHAR, recipient_key VARCHAR,
    actor_country VARCHAR, actor_sector VARCHAR, actor_name VARCHAR,
    recipient_country VARCHAR, recipient_sector VARCHAR, recipient_name VARCHAR,
    date DATE, last_date DATE, factuality VARCHAR, is_root BOOLEAN,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, num_stories INTEGER,
    confidence DOUBLE, first_mention_id VARCHAR, source_url VARCHAR, date_added TIMESTAMP,
    coder_version VARCHAR, kb_version VARCHAR);
CREATE TABLE IF NOT EXISTS signatures (article_id VARCHAR PRIMARY KEY, minhash UINTEGER[]);
CREATE TABLE IF NOT EXISTS bands (band SMALLINT, key UBIGINT, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, text VARCHAR, char_start INTEGER, char_end INTEGER,
    cue VARCHAR, speaker_text VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR,
    speaker_name VARCHAR, outlets VARCHAR[]);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, text VARCHAR, char_start INTEGER, char_end INTEGER, name VARCHAR,
    country VARCHAR, fips VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    feature VARCHAR);
CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, modified VARCHAR, last_polled TIMESTAMP,
    last_ok TIMESTAMP, failures INTEGER, last_error VARCHAR);
CREATE TABLE IF NOT EXISTS feed_items (feed_url VARCHAR, item_key VARCHAR, seen_at TIMESTAMP,
    PRIMARY KEY (feed_url, item_key));
CREATE TABLE IF NOT EXISTS problems (source VARCHAR, line INTEGER, message VARCHAR, seen_at TIMESTAMP,
    PRIMARY KEY (source, line, message));
"""
V1_TABLES = ("articles", "sentences", "mentions", "event_actors", "actor_mentions", "events", "signatures", "bands",
             "places", "feeds", "feed_items", "problems")


def quoted() -> list[Article]:
    return [Article(**json.loads(line)) for line in QUOTED.read_text(encoding="utf-8").splitlines()]


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


def test_events_view_gives_the_page_and_count_that_the_plain_queries_give(copies_store):
    store, _ = copies_store
    outlet = store.query("SELECT outlet FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")[1][0][0]
    for filters in ({}, {"event_type": "AGREE"}, {"outlet": outlet}, {"outlet": outlet, "event_type": "CONSULT"},
                    {"text": "patrol"}, {"outlet": "no such outlet"}):
        for order, offset in (("date", 0), ("goldstein", 1), ("num_sources", 50)):
            page, total = analytics.events_view(store, filters, order, True, 2, offset)
            assert total == analytics.count_events(store, filters), filters
            plain = analytics.events_page(store, filters, order, True, 2, offset)
            assert page.columns == plain.columns and page.rows == plain.rows, (filters, order)
    assert analytics.events_view(store, {"outlet": outlet})[1] > 0


def test_the_meeting_is_one_event_with_five_sources(copies_store):
    store, _ = copies_store
    _, rows = store.query(
        "SELECT num_mentions, num_sources, num_articles, num_stories, date, date_precision FROM events "
        "WHERE event_type = 'CONSULT' AND recipient_key = 'MYSGOV'")
    assert len(rows) == 1
    mentions, sources, articles, stories, date, precision = rows[0]
    assert precision == "day"
    assert (mentions, sources, articles, stories) == (5, 5, 5, 1)
    assert str(date) == "2025-02-11"  # "on Tuesday" in four copies; "this week" (its Monday) in one does not move it
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


# ---- schema 2: factuality cues, attribution, quotes -----------------------------------------------

@pytest.fixture(scope="module")
def quoted_store(tmp_path_factory, coder) -> tuple[Store, Article]:
    store = Store(str(tmp_path_factory.mktemp("quoted") / "quoted.duckdb"))
    ingest(five_copies() + quoted(), store, coder, batch_size=4)
    article = coder.code(quoted()[0])  # the same coding, kept in memory to compare with
    return store, article


def test_quotes_round_trip_through_the_store(quoted_store):
    store, article = quoted_store
    assert article.quotes and any(q.outlets for q in article.quotes) and any(q.speaker for q in article.quotes)
    names, rows = store.query("SELECT * FROM quotes WHERE article_id = ? ORDER BY char_start", [article.id])
    stored = [dict(zip(names, row)) for row in rows]
    assert len(stored) == len(article.quotes)
    for row, quote in zip(stored, sorted(article.quotes, key=lambda q: q.start)):
        assert row["id"] == quote_id(article.id, quote.start, quote.end)
        assert (row["kind"], row["text"], row["char_start"], row["char_end"], row["sentence"]) == (
            quote.kind, quote.text, quote.start, quote.end, quote.sentence)
        assert article.text[row["char_start"]:row["char_end"]] == row["text"]
        assert (row["cue"], row["cue_start"], row["cue_end"]) == (
            (quote.cue.text, quote.cue.start, quote.cue.end) if quote.cue else (None, None, None))
        speaker = quote.speaker
        assert (row["speaker_text"], row["speaker_start"], row["speaker_country"], row["speaker_name"]) == (
            (speaker.text, speaker.start, speaker.country, speaker.name) if speaker else (None,) * 4)
        assert row["outlets"] == [o.name for o in quote.outlets]
        assert row["outlet_countries"] == [o.country for o in quote.outlets]
        assert json.loads(row["outlets_json"]) == [o.to_dict() for o in quote.outlets]
    assert analytics.article_quotes(store, article.id)[0]["outlets"] == json.loads(stored[0]["outlets_json"])


def test_mentions_keep_factuality_cue_and_attribution(quoted_store):
    store, article = quoted_store
    names, rows = store.query("SELECT * FROM mentions WHERE article_id = ?", [article.id])
    by_id = {r[0]: dict(zip(names, r)) for r in rows}
    assert set(by_id) == {e.id for e in article.events}
    for event in article.events:
        row = by_id[event.id]
        assert row["factuality"] == event.factuality
        cue = event.factuality_cue
        assert (row["factuality_cue"], row["factuality_cue_start"], row["factuality_cue_end"]) == (
            (cue.text, cue.start, cue.end) if cue else (None, None, None))
        if cue:
            assert article.text[cue.start:cue.end] == row["factuality_cue"]
        assert json.loads(row["attribution"]) == [a.to_dict() for a in event.attribution]
        assert row["attributed_to"] == attributed_to(event.attribution)
    kcna = [r for r in by_id.values() if r["attributed_to"] == "Korean Central News Agency"]
    assert len(kcna) == 1 and kcna[0]["factuality"] == "negated" and kcna[0]["factuality_cue"] == "not"


def test_attributed_to_prefers_the_farthest_named_outlet():
    speaker = Attribution("speaker", "Kim", 0, 3, "PRK", "Kim Jong Un")
    kcna = Attribution("outlet", "KCNA", 10, 14, "PRK", "Korean Central News Agency")
    generic = Attribution("outlet", "state media", 20, 31, None, "state media")
    assert attributed_to([speaker, kcna, generic]) == "Korean Central News Agency"
    assert attributed_to([speaker, generic]) == "state media"
    assert attributed_to([Attribution("speaker", "a police spokesman", 0, 18)]) == "a police spokesman"
    assert attributed_to([]) is None


def test_event_detail_shows_each_mentions_cue_and_chain(quoted_store):
    store, article = quoted_store
    event = next(e for e in article.events if e.factuality_cue and e.attribution)
    _, rows = store.query("SELECT event_id FROM mentions WHERE id = ?", [event.id])
    detail = analytics.event_detail(store, rows[0][0])
    mention = next(m for m in detail["mentions"] if m["id"] == event.id)
    assert mention["factuality"] == event.factuality
    assert mention["factuality_cue"] == event.factuality_cue.to_dict()
    assert mention["attribution"] == [a.to_dict() for a in event.attribution]
    text = mention["sentence_text"]
    roles = {}
    for h in mention["highlights"]:
        assert text[h["start"]:h["end"]] == h["text"]
        roles.setdefault(h["role"], []).append(h["text"])
    assert roles["cue"] == [event.factuality_cue.text]
    assert "Kim Jong Un" in roles["speaker"][0] and "KCNA" in roles["outlet"]
    filtered = analytics.events_page(store, {"attributed": "Korean Central News Agency"}).dicts()
    assert [e["id"] for e in filtered] == [detail["id"]]


def test_merged_event_is_asserted_when_any_mention_is(tmp_path, coder):
    store = Store(str(tmp_path / "merge.duckdb"))
    said = "Japan sent aid to Turkey on Monday, the foreign ministry in Tokyo said."
    denied = "Japan denied sending aid to Turkey on Monday."
    ingest([Article(text=denied, date="2023-02-13", id="d1"), Article(text=said, date="2023-02-13", id="s1")],
           store, coder)
    _, rows = store.query("SELECT e.id, e.factuality, list(m.factuality ORDER BY m.article_id), "
                          "list(m.factuality_cue ORDER BY m.article_id) FROM events e JOIN mentions m "
                          "ON m.event_id = e.id WHERE e.event_type = 'AID' GROUP BY ALL")
    assert len(rows) == 1
    event_id, merged, factualities, cues = rows[0]
    assert merged == "asserted" and factualities == ["negated", "asserted"] and cues == ["denied", None]
    detail = analytics.event_detail(store, event_id)
    assert {m["article_id"]: (m["factuality"], (m["factuality_cue"] or {}).get("text"))
            for m in detail["mentions"]} == {"d1": ("negated", "denied"), "s1": ("asserted", None)}


def test_reingesting_adds_no_quotes(quoted_store, coder):
    store, _ = quoted_store
    before = store.query("SELECT count(*), list(id ORDER BY id) FROM quotes")[1]
    assert before[0][0] > 0
    report = ingest(quoted() + five_copies(), store, coder, batch_size=3)
    assert report.coded == 0 and report.duplicates == 6
    assert store.query("SELECT count(*), list(id ORDER BY id) FROM quotes")[1] == before


def test_facets_list_every_factuality(quoted_store):
    store, _ = quoted_store
    facets = analytics.facets(store)
    assert facets["factualities"][:6] == list(FACTUALITIES)
    assert "Korean Central News Agency" in facets["attributed"]


# ---- schema 1 files: upgraded in place ----------------------------------------------------------

def make_v1_store(path: Path, source: Store | None = None) -> Path:
    """A schema 1 file; with ``source``, holding the source store's rows in the schema 1 columns."""
    con = duckdb.connect(str(path))
    try:
        con.execute(V1_SCHEMA)
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        if source is not None:
            con.execute(f"ATTACH '{source.path}' AS src (READ_ONLY)")
            for table in V1_TABLES:
                columns = ", ".join(r[0] for r in con.execute(f"DESCRIBE {table}").fetchall())
                con.execute(f"INSERT INTO {table} SELECT {columns} FROM src.{table}")
            con.execute("DETACH src")
    finally:
        con.close()
    return path


def _v1_rows(path: str) -> dict[str, list]:
    con = duckdb.connect(path, read_only=True)
    try:
        out = {}
        for table in V1_TABLES:
            columns = [r[0] for r in duckdb.connect().execute(V1_SCHEMA + f"DESCRIBE {table}").fetchall()]
            out[table] = sorted(con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        con.close()


def _layout(path: str) -> dict[str, list]:
    con = duckdb.connect(path, read_only=True)
    try:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {t: con.execute(f"DESCRIBE {t}").fetchall() for t in tables}
    finally:
        con.close()


def _schema(path: str) -> str:
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        con.close()


def test_a_v1_store_is_upgraded_in_place_by_the_first_writer(copies_store, tmp_path, coder):
    source, _ = copies_store
    old = make_v1_store(tmp_path / "old.duckdb", source)
    kept = _v1_rows(str(old))
    assert kept["mentions"] and _schema(str(old)) == "1"
    fresh = tmp_path / "fresh.duckdb"
    Store(str(fresh)).create()
    Store(str(old)).create()
    assert _schema(str(old)) == SCHEMA_VERSION
    assert _layout(str(old)) == _layout(str(fresh))  # same columns in the same order: insert's cached layout holds
    assert _v1_rows(str(old)) == kept
    store = Store(str(old))
    assert store.query("SELECT count(*) FILTER (factuality_cue IS NOT NULL OR attribution IS NOT NULL "
                       "OR attributed_to IS NOT NULL), count(*) FROM mentions")[1] == [(0, len(kept["mentions"]))]
    # an event stored under schema 1 still opens: no cue, no chain recorded
    event_id = store.query("SELECT id FROM events ORDER BY id LIMIT 1")[1][0][0]
    assert all(m["factuality_cue"] is None and m["attribution"] == []
               for m in analytics.event_detail(store, event_id)["mentions"])
    # and new articles bring their quotes; the old ones are still recognised as stored
    report = ingest(five_copies() + quoted(), store, coder)
    assert report.duplicates == 5 and report.coded == 1
    assert store.query("SELECT count(*) FROM quotes")[1][0][0] == len(quoted_article_quotes(coder))
    assert store.query("SELECT count(*) FROM mentions WHERE attribution IS NOT NULL")[1][0][0] > 0


def quoted_article_quotes(coder) -> list:
    return coder.code(quoted()[0]).quotes


def test_a_reader_upgrades_a_v1_store_it_can_write(copies_store, tmp_path):
    source, _ = copies_store
    old = make_v1_store(tmp_path / "old.duckdb", source)
    store = Store(str(old))
    assert store.query("SELECT count(*) FROM mentions WHERE attribution IS NULL")[1][0][0] > 0
    assert _schema(str(old)) == SCHEMA_VERSION
    assert store.query("SELECT count(*) FROM quotes")[1] == [(0,)]
    other = make_v1_store(tmp_path / "kept.duckdb")
    keeper = Keeper(Store(str(other)), idle=30)
    with keeper.cursor() as cursor:  # the explorer's way in
        assert cursor.execute("SELECT count(*) FROM mentions WHERE factuality_cue IS NULL").fetchone() == (0,)
    keeper.close()
    assert _schema(str(other)) == SCHEMA_VERSION


def test_a_reader_that_cannot_write_a_v1_store_is_told_what_to_run(tmp_path, monkeypatch):
    old = make_v1_store(tmp_path / "readonly.duckdb")
    monkeypatch.setattr(store_module, "_unwritable", lambda path: "the file is read-only")
    for attempt in range(2):  # not remembered as checked: asked again, told again
        with pytest.raises(StoreError, match=r"schema 1, this tidings reads schema 5.*file is read-only.*"
                                             r"run any write command on it once \(e\.g\. tidings ingest"):
            Store(str(old)).query("SELECT count(*) FROM events")
    assert _schema(str(old)) == "1"
    monkeypatch.undo()
    Store(str(old)).create()  # a writer upgrades it
    assert Store(str(old)).query("SELECT count(*) FROM quotes")[1] == [(0,)]


@pytest.mark.parametrize("failing", sorted(store_module.MIGRATIONS))
def test_a_failed_upgrade_step_leaves_the_v1_store_as_it_was(copies_store, tmp_path, monkeypatch, failing):
    """1 -> 2 -> 3 -> 4 run in one transaction: whichever step fails, the steps before it are rolled back too."""
    source, _ = copies_store
    old = make_v1_store(tmp_path / "old.duckdb", source)
    kept, layout = _v1_rows(str(old)), _layout(str(old))
    monkeypatch.setitem(store_module.MIGRATIONS, failing,
                        store_module.MIGRATIONS[failing] + "SELECT no_such_column FROM meta;")
    with pytest.raises(StoreError, match="cannot prepare the store"):
        Store(str(old)).create()
    assert _schema(str(old)) == "1" and _layout(str(old)) == layout and _v1_rows(str(old)) == kept
    monkeypatch.undo()
    Store(str(old)).create()
    fresh = tmp_path / "fresh.duckdb"
    Store(str(fresh)).create()
    assert _schema(str(old)) == SCHEMA_VERSION and _layout(str(old)) == _layout(str(fresh))
    assert _v1_rows(str(old)) == kept


def test_a_store_from_a_newer_tidings_is_refused(tmp_path):
    path = tmp_path / "newer.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '9')")
    con.close()
    with pytest.raises(StoreError, match="schema 9, this tidings reads schema 5"):
        Store(str(path)).query("SELECT 1")
    with pytest.raises(ConfigError, match="schema 9, this tidings writes schema 5"):
        Store(str(path)).create()


def _counts(store: Store) -> tuple:
    _, rows = store.query("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), "
                          "(SELECT count(*) FROM events), (SELECT count(*) FROM event_actors), "
                          "(SELECT count(*) FROM sentences), (SELECT count(*) FROM bands)")
    return rows[0]


# ---- schema 3: event dates and locations, places, times -------------------------------------------

def make_v2_store(path: Path, source: Store | None = None) -> Path:
    """A schema 2 file, as tidings with schema 2 upgraded (and wrote) it: schema 1 plus its migration."""
    make_v1_store(path, source)
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(store_module.MIGRATIONS["1"])
        con.execute("COMMIT")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def located_store(tmp_path_factory) -> Store:
    from located import located_articles

    store = Store(str(tmp_path_factory.mktemp("located") / "located.duckdb"))
    report = ingest(located_articles(), store, None, batch_size=4)
    assert report.coded == 6
    return store


def _row(store: Store, sql: str, params=None) -> dict:
    names, rows = store.query(sql, params)
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0]))


def test_mentions_keep_the_event_date_and_location_with_offsets(located_store):
    from located import located_articles

    by_id = {a.id: a for a in located_articles()}
    names, rows = located_store.query("SELECT m.*, a.text AS article_text FROM mentions m "
                                      "JOIN articles a ON a.id = m.article_id")
    assert len(rows) == 6
    for row in (dict(zip(names, r)) for r in rows):
        event = by_id[row["article_id"]].events[0]
        text = row["article_text"]
        assert (row["date_value"], row["date_precision"], row["date_source"], row["date_start"], row["date_end"]) == (
            event.date.value, event.date.precision, event.date.source, event.date.start, event.date.end)
        if event.date.start is not None:
            assert text[row["date_start"]:row["date_end"]].startswith("on ")
        place = event.location
        if place is None:
            assert all(row[f"location_{k}"] is None for k in ("text", "name", "country", "lat", "source"))
            continue
        assert text[row["location_start"]:row["location_end"]] == row["location_text"] == place.text
        assert (row["location_name"], row["location_country"], row["location_fips"], row["location_admin1"],
                row["location_lat"], row["location_lon"], row["location_geonameid"], row["location_feature"],
                row["location_source"]) == (place.name, place.country, place.fips, place.admin1, place.lat, place.lon,
                                            place.geonameid, place.feature, place.source)
    kharkiv = _row(located_store, "SELECT date, date_value FROM mentions WHERE article_id = 'loc-kharkiv-1'")
    assert str(kharkiv["date"]) == "2022-03-04"


def test_places_times_and_date_source_are_stored(located_store):
    from located import located_articles

    articles = located_articles()
    names, rows = located_store.query("SELECT p.*, a.text AS article_text FROM places p JOIN articles a ON a.id = p.article_id "
                                      "ORDER BY p.article_id, p.char_start")
    assert len(rows) == sum(len(a.places) for a in articles)
    for row in (dict(zip(names, r)) for r in rows):
        assert row["article_text"][row["char_start"]:row["char_end"]] == row["text"]
        assert row["confidence"] == 0.9 and row["country"] and row["fips"] and row["geonameid"]
    hanoi = [dict(zip(names, r)) for r in rows if r[0] == "loc-hanoi-2"]
    assert [(p["name"], p["feature"]) for p in hanoi] == [("Hanoi", "city"), ("Vietnam", "country")]
    names, rows = located_store.query("SELECT * FROM times ORDER BY article_id")
    assert [(r[0], r[1], r[5], r[6]) for r in rows] == [
        ("loc-hanoi-1", "on Wednesday", "2019-02-27", "day"), ("loc-kharkiv-1", "on Friday", "2022-03-04", "day")]
    sources = dict(located_store.query("SELECT id, date_source FROM articles")[1])
    assert sources["loc-hanoi-1"] == "input" and sources["loc-none-1"] == "html"


def test_reingesting_located_articles_adds_nothing(located_store):
    from located import located_articles

    tables = ("articles", "mentions", "events", "places", "times", "event_actors")
    before = [located_store.query(f"SELECT count(*) FROM {t}")[1] for t in tables]
    report = ingest(located_articles(), located_store, None)
    assert report.coded == 0 and report.duplicates == 6
    assert [located_store.query(f"SELECT count(*) FROM {t}")[1] for t in tables] == before


def test_meetings_placed_in_different_countries_are_different_events(located_store):
    _, rows = located_store.query(
        "SELECT location_name, location_country, location_source, num_mentions, num_articles, date "
        "FROM events WHERE event_type = 'CONSULT' ORDER BY location_name")
    assert [r[:5] for r in rows] == [("Beijing", "CHN", "clause", 1, 1), ("Hanoi", "VNM", "clause", 2, 2)]
    assert {str(r[5]) for r in rows} == {"2019-02-27"}


def test_merged_event_location_prefers_a_clause_then_sentence_then_article(tmp_path):
    from located import KIM, TRUMP, article

    store = Store(str(tmp_path / "order.duckdb"))
    # the article-level mention is the event's first (earliest) mention, the clause one comes later
    first = article("a-first", "Summit in Hanoi", "Reporters gathered as U.S. President Donald Trump met "
                    "North Korean leader Kim Jong Un.", actor=TRUMP, recipient=KIM, where="Hanoi",
                    where_source="article", date="2019-02-26")
    second = article("b-second", "Talks", "U.S. President Donald Trump met North Korean leader Kim Jong Un "
                     "at a lakeside hotel in Hanoi, aides said.", actor=TRUMP, recipient=KIM, where="Hanoi")
    third = article("c-third", "Vietnam hosts", "In Vietnam, U.S. President Donald Trump met North Korean leader "
                    "Kim Jong Un for a second time.", actor=TRUMP, recipient=KIM, where="Vietnam",
                    where_source="sentence")
    ingest([first, third], store, None)
    event = _row(store, "SELECT * FROM events")
    assert event["num_mentions"] == 2 and event["first_mention_id"] == first.events[0].id
    assert (event["location_name"], event["location_source"], event["location_mention_id"]) == (
        "Vietnam", "sentence", third.events[0].id)
    ingest([second], store, None)
    event = _row(store, "SELECT * FROM events")
    assert event["num_mentions"] == 3
    assert (event["location_name"], event["location_country"], event["location_fips"], event["location_lat"],
            event["location_lon"], event["location_geonameid"], event["location_admin1"], event["location_feature"],
            event["location_source"], event["location_mention_id"]) == (
        "Hanoi", "VNM", "VM", 21.0245, 105.84117, 1581130, "44", "city", "clause", second.events[0].id)
    assert (event["date_precision"], event["date_source"]) == ("day", "publication")


def test_coreference_keeps_apart_only_what_the_sentences_place_apart(tmp_path):
    from located import KIM, TRUMP, article

    def meeting(aid: str, where: str | None, source: str = "clause"):
        words = {"Hanoi": "in Hanoi", "Beijing": "in Beijing", None: "again"}[where]
        return article(aid, f"Report {aid}", f"Witnesses in report {aid} say U.S. President Donald Trump met North "
                       f"Korean leader Kim Jong Un {words}.", actor=TRUMP, recipient=KIM, where=where,
                       where_source=source)

    store = Store(str(tmp_path / "coref.duckdb"))
    ingest([meeting("m1", "Hanoi"), meeting("m2", "Beijing"), meeting("m3", None), meeting("m4", "Hanoi")],
           store, None, batch_size=1)
    _, rows = store.query("SELECT location_country, num_mentions FROM events ORDER BY location_country")
    assert rows == [("CHN", 1), ("VNM", 3)]  # the unplaced report joins the first event it fits
    # an article-level place says what the article is about, not where the event was: it does not split
    store = Store(str(tmp_path / "article.duckdb"))
    ingest([meeting("m1", "Hanoi", "article"), meeting("m2", "Beijing", "article")], store, None)
    _, rows = store.query("SELECT num_mentions, location_source FROM events")
    assert rows == [(2, "article")]


def test_one_storys_copies_placed_in_different_countries_are_split():
    from tidings import dedup
    from tidings.dedup import MentionRow

    day = dt.date(2019, 2, 27)
    rows = [MentionRow("a", "s1", day, "VNM"), MentionRow("b", "s1", day, "CHN"), MentionRow("c", "s1", day, None),
            MentionRow("d", "s1", day, "VNM"), MentionRow("e", "s2", day + dt.timedelta(days=1), "CHN"),
            MentionRow("f", "s3", day + dt.timedelta(days=1), None)]
    groups = sorted(sorted(m.id for m in group) for group in dedup.clusters(rows))
    assert groups == [["a", "c", "d"], ["b", "e", "f"]]  # c joins its story's main country; f the latest event
    assert dedup.clusters([MentionRow("x", "s", day), MentionRow("y", "t", day)]) == [
        [MentionRow("x", "s", day), MentionRow("y", "t", day)]]  # no places: as before
    assert dedup.place_country("article", "VNM") is None and dedup.place_country("clause", "VNM") == "VNM"


@pytest.mark.parametrize("value, day", [
    ("2019-01-07", "2019-01-07"), ("2019-01-07T10:30", "2019-01-07"), ("2019-W02", "2019-01-07"),
    ("2019-01", "2019-01-01"), ("2018", "2018-01-01"), ("2019-Q3", "2019-07-01"), ("2019-SU", "2019-01-01"),
    ("20190107", "2019-01-07"), ("XXXX-XX-XX", None), ("PRESENT_REF", None), ("P4D", None),
    ("2019-02-30", None), ("2019-W60", None), (None, None), ("", None)])
def test_date_values_become_the_first_day_they_name(value, day):
    from tidings.rows import timex_day

    assert (str(timex_day(value)) if timex_day(value) else None) == day


def test_a_week_dated_event_is_stored_on_its_monday(tmp_path):
    from located import KIM, TRUMP, article

    store = Store(str(tmp_path / "week.duckdb"))
    ingest([article("w1", "Talks", "U.S. President Donald Trump met North Korean leader Kim Jong Un last week.",
                    actor=TRUMP, recipient=KIM, when="last week")], store, None)
    row = _row(store, "SELECT m.date, m.date_value, m.date_precision, e.date AS event_date, e.date_precision AS ep "
                      "FROM mentions m JOIN events e ON e.id = m.event_id")
    assert (str(row["date"]), row["date_value"], row["date_precision"], str(row["event_date"]), row["ep"]) == (
        "2019-02-18", "2019-W08", "week", "2019-02-18", "week")


def test_a_v2_store_is_upgraded_in_place_to_the_current_schema(copies_store, tmp_path, capsys):
    from located import located_articles

    source, _ = copies_store
    old = make_v2_store(tmp_path / "v2.duckdb", source)
    assert _schema(str(old)) == "2"
    kept = _v1_rows(str(old))
    fresh = tmp_path / "fresh.duckdb"
    Store(str(fresh)).create()
    capsys.readouterr()
    Store(str(old)).create()
    assert "upgrading the store from schema 2 to 5 in place" in capsys.readouterr().err
    assert _schema(str(old)) == SCHEMA_VERSION == "5"
    assert _layout(str(old)) == _layout(str(fresh))
    assert _v1_rows(str(old)) == kept
    store = Store(str(old))
    # schema 4: the word index is built for what the file held, so the text filter finds the old events
    for words in ("patrol", "PATROLS in the Malacca", "ministers agreed"):
        found = analytics.count_events(store, {"text": words})
        assert found == analytics.count_events(source, {"text": words}), words
    assert analytics.count_events(store, {"text": "patrol"}) > 0
    # schema 5: the event keys are filled in and the word index is sorted, with no tail
    assert store.query(f"SELECT count(*) FROM events WHERE event_key IS DISTINCT FROM {search.key_sql('id')}")[1] \
        == store.query(f"SELECT count(*) FROM mentions WHERE event_key IS DISTINCT FROM "
                       f"{search.key_sql('event_id')}")[1] == [(0,)]
    with store.writer() as con:
        assert search.unsorted_rows(con) == (con.execute("SELECT count(*) FROM sentence_words").fetchone()[0], 0)
    assert store.query("SELECT count(*) FILTER (location_name IS NOT NULL OR date_start IS NOT NULL), count(*) "
                       "FROM mentions")[1] == [(0, len(kept["mentions"]))]
    assert store.query("SELECT count(*) FROM times")[1] == [(0,)]
    event_id = store.query("SELECT id FROM events ORDER BY id LIMIT 1")[1][0][0]
    detail = analytics.event_detail(store, event_id)
    assert detail["location"] is None and all(m["location"] is None for m in detail["mentions"])
    assert analytics.places(store).rows  # the map still places the old events, at their capitals
    report = ingest(located_articles(), store, None)
    assert report.coded == 6
    assert store.query("SELECT count(*) FROM events WHERE location_country = 'VNM'")[1] == [(1,)]


def test_map_places_located_events_and_falls_back_to_capitals(located_store):
    rows = analytics.places(located_store).dicts()
    located = {r["place"]: r for r in rows if r["source"] == "event location"}
    capitals = [r for r in rows if r["source"] == "actor country (capital)"]
    assert set(located) == {"Hanoi", "Beijing", "Kharkiv", "Texas"}
    assert located["Hanoi"]["events"] == 1 and located["Hanoi"]["country"] == "VNM"
    assert (located["Hanoi"]["lat"], located["Hanoi"]["lon"]) == (21.0245, 105.84117)
    assert [(r["country"], r["place"], r["events"]) for r in capitals] == [("JPN", "Tokyo", 1)]
    assert sum(r["events"] for r in rows) == located_store.query("SELECT count(*) FROM events")[1][0][0]
    assert {r["place"] for r in analytics.places(located_store, {"location_country": "vnm"}).dicts()} == {"Hanoi"}
    assert {r["location_name"] for r in analytics.events_page(located_store, {"location_country": "UKR"}).dicts()} == {
        "Kharkiv"}
    assert "VNM" in analytics.facets(located_store)["location_countries"]


def test_event_detail_shows_date_and_location_with_their_evidence(located_store):
    event_id = _row(located_store, "SELECT event_id FROM mentions WHERE article_id = 'loc-hanoi-1'")["event_id"]
    detail = analytics.event_detail(located_store, event_id)
    assert detail["location"]["name"] == "Hanoi" and detail["location"]["source"] == "clause"
    assert (detail["date_precision"], detail["date_source"]) == ("day", "expression")
    mention = next(m for m in detail["mentions"] if m["article_id"] == "loc-hanoi-1")
    assert mention["date"] == {"value": "2019-02-27", "precision": "day", "source": "expression",
                               "start": mention["date"]["start"], "end": mention["date"]["end"],
                               "text": "on Wednesday"}
    assert mention["location"]["text"] == "Hanoi" and mention["location"]["source"] == "clause"
    marks = {h["role"]: h for h in mention["highlights"]}
    text = mention["sentence_text"]
    assert text[marks["time"]["start"]:marks["time"]["end"]] == "on Wednesday"
    assert text[marks["place"]["start"]:marks["place"]["end"]] == "Hanoi"
    other = next(m for m in detail["mentions"] if m["article_id"] == "loc-hanoi-2")
    assert other["date"]["source"] == "publication" and "time" not in {h["role"] for h in other["highlights"]}
    # an article-level place lies outside the sentence: shown, not highlighted
    texas = _row(located_store, "SELECT event_id FROM mentions WHERE article_id = 'loc-texas-1'")["event_id"]
    mention = analytics.event_detail(located_store, texas)["mentions"][0]
    assert mention["location"]["source"] == "article" and "place" not in {h["role"] for h in mention["highlights"]}


def test_at_the_same_level_the_most_specific_place_wins(tmp_path):
    from located import KIM, TRUMP, article

    store = Store(str(tmp_path / "specific.duckdb"))
    country = article("c1", "Talks", "In Vietnam, U.S. President Donald Trump met North Korean leader Kim Jong Un.",
                      actor=TRUMP, recipient=KIM, where="Vietnam", date="2019-02-26")
    city = article("c2", "Talks", "U.S. President Donald Trump met North Korean leader Kim Jong Un in Hanoi.",
                   actor=TRUMP, recipient=KIM, where="Hanoi", where_source="sentence")
    city_clause = article("c3", "More talks", "U.S. President Donald Trump met North Korean leader Kim Jong Un "
                          "in Hanoi again.", actor=TRUMP, recipient=KIM, where="Hanoi")
    ingest([country, city], store, None)
    assert store.query("SELECT location_name, location_source, location_feature FROM events")[1] == [
        ("Vietnam", "clause", "country")]  # the clause level beats the sentence level, however specific
    ingest([city_clause], store, None)
    assert store.query("SELECT location_name, location_source, location_feature, num_mentions FROM events")[1] == [
        ("Hanoi", "clause", "city", 3)]


def test_a_store_deleted_and_made_again_in_one_process_gets_its_tables(tmp_path, coder):
    """A new file at the same path can reuse the old one's inode; the schema check must not be skipped."""
    path = tmp_path / "again.duckdb"
    article = Article(text="Japan sent aid to Turkey on Monday.", date="2023-02-13", id="again-1")
    for _ in range(3):
        for leftover in (path, Path(str(path) + ".wal")):
            leftover.unlink(missing_ok=True)
        report = ingest([article], Store(str(path)), coder)
        assert report.coded == 1
        assert Store(str(path)).query("SELECT count(*) FROM articles")[1][0][0] == 1


def test_coded_batches_are_stored_when_the_input_stream_fails(tmp_path, coder):
    """The store thread writes batch N while batch N+1 is read and coded; if reading then fails, the
    batches already coded are still written, and the error reaches the caller."""
    store = Store(str(tmp_path / "failing.duckdb"))

    def items():
        for number in range(5):
            yield Article(text=f"Japan sent aid to Turkey on day {number}.", date="2023-02-13", id=f"f{number}")
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="disk went away"):
        ingest(items(), store, coder, batch_size=2)
    _, rows = store.query("SELECT id FROM articles ORDER BY id")
    assert [r[0] for r in rows] == ["f0", "f1", "f2", "f3"]  # both whole batches; f4 never made a batch


def test_a_backup_copied_over_a_store_is_checked_again(tmp_path, copies_store):
    """Copying an older file onto the store's path keeps the inode; the schema is read on every open."""
    source, _ = copies_store
    path = tmp_path / "live.duckdb"
    Store(str(path)).create()
    assert _schema(str(path)) == SCHEMA_VERSION
    old = make_v2_store(tmp_path / "backup.duckdb", source)
    with open(old, "rb") as backup, open(path, "r+b") as live:  # in place: same inode
        live.truncate(0)
        live.write(backup.read())
    Path(str(path) + ".wal").unlink(missing_ok=True)
    Store(str(path)).create()
    assert _schema(str(path)) == SCHEMA_VERSION
    assert analytics.count_events(Store(str(path)), {"text": "patrol"}) == analytics.count_events(source, {"text": "patrol"})


def test_holding_keeps_one_connection_and_hands_it_to_a_waiting_reader(tmp_path):
    store = Store(str(tmp_path / "held.duckdb"))
    with store.holding():
        with store.writer() as first:
            first.execute("INSERT INTO problems VALUES ('a', 1, 'x', now())")
        with store.writer() as second:
            assert second is first  # no reopen between batches
            # DuckDB's cache of the file is capped (every writer), so an ingest's memory does not grow with the store
            limit = second.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]  # e.g. '953.6 MiB'
            number, unit = limit.split()
            assert float(number) * {"MiB": 2**20, "GiB": 2**30, "MB": 10**6, "GB": 10**9}[unit] <= 10**9, limit
            # another writer of this process (e.g. one opening as the ingest lets go) gets the same configuration,
            # which DuckDB requires of two connections to one file in one process
            store._connect(read_only=False).close()
        with pytest.raises(StoreError):
            with store.writer() as con:
                con.execute("INSERT INTO problems VALUES ('lost', 1, 'x', now())")
                con.execute("INSERT INTO no_such_table VALUES (1)")
        with store.writer() as after_failure:  # the failed batch is rolled back and the next one reopens
            assert after_failure is not first
            after_failure.execute("INSERT INTO problems VALUES ('b', 1, 'y', now())")
        store_module._reader_waiting(store.path)  # what a process leaves when it finds the store locked
        try:
            with store.writer() as con:
                assert con is not after_failure  # closed for the other process's turn, then opened again
        finally:
            store_module._reader_done(store.path)
    assert store_module._HELD == {}
    assert Store(store.path).query("SELECT source FROM problems ORDER BY source")[1] == [("a",), ("b",)]


@pytest.mark.parametrize("other", ["reader", "writer"])
def test_another_process_gets_its_turn_while_an_ingest_holds_the_store_idle(tmp_path, monkeypatch, other):
    monkeypatch.setattr(store_module, "HELD_USES", 10**6)  # no periodic reopen: only the turn-taking can let it in
    store = Store(str(tmp_path / "turns.duckdb"))
    if other == "reader":
        code = "print(Store(sys.argv[1], lock_wait=4).query('SELECT count(*) FROM problems')[1][0][0])"
    else:
        code = ("with Store(sys.argv[1], lock_wait=4).writer() as con:\n"
                "    con.execute(\"INSERT INTO problems VALUES ('other', 1, 'z', now())\")\nprint(1)")
    script = "import sys\nfrom tidings.store import Store\n" + code
    with store.holding():
        with store.writer() as con:
            con.execute("INSERT INTO problems VALUES ('a', 1, 'x', now())")
        # the ingest is busy coding for longer than the other process will wait: no batch boundary comes
        result = subprocess.run([sys.executable, "-c", script, store.path], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "1"
        with store.writer() as con:  # and the ingest goes on afterwards
            con.execute("INSERT INTO problems VALUES ('b', 1, 'y', now())")
    expected = ["a", "b"] + (["other"] if other == "writer" else [])
    assert [r[0] for r in Store(store.path).query("SELECT source FROM problems ORDER BY source")[1]] == expected


def test_rows_ready_to_store_are_refused_with_a_coder(tmp_path):
    import tidings
    from tidings.rows import store_rows

    article = tidings.code("Japan imposed sanctions on North Korea.", date="2017-09-01")
    with pytest.raises(TypeError, match="coder=None"):
        ingest([store_rows(article)], Store(str(tmp_path / "s.duckdb")), tidings.get_coder())
    report = ingest([store_rows(article)], Store(str(tmp_path / "t.duckdb")), None)
    assert (report.coded, report.events) == (1, len(article.events)) and article.events
