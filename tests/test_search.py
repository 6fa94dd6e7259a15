"""The word index behind the explorer's text filter (tidings.search), on a real store."""

from __future__ import annotations

import duckdb
import pytest

from tidings import analytics, search
from tidings.errors import ConfigError
from tidings.corpus import ingest
from tidings.records import Article
from tidings.store import Store

ARTICLES = [
    Article(id="s1", date="2024-03-04", outlet="Wire A",
            text="Ceasefire talks\n\nIsrael and Hamas held ceasefire talks in Cairo on Monday."),
    Article(id="s2", date="2024-03-05", outlet="Wire B",
            text="Strikes go on\n\nRussia attacked Kharkiv on Tuesday. The Zürich-based group condemned Russia."),
    Article(id="s3", date="2024-03-06", outlet="Wire C",
            text="No truce\n\nEgypt urged Israel to accept a cease-fire, officials said."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory, coder) -> Store:
    store = Store(str(tmp_path_factory.mktemp("search") / "search.duckdb"))
    ingest(ARTICLES, store, coder)
    return store


def articles_found(store: Store, words: str) -> set[str]:
    ids = [r["id"] for r in analytics.events_page(store, {"text": words}, limit=1000).dicts()]
    if not ids:
        return set()
    _, rows = store.query("SELECT DISTINCT article_id FROM mentions WHERE event_id IN (SELECT unnest(?))", [ids])
    return {r[0] for r in rows}


def test_every_word_must_be_in_one_reporting_sentence(store):
    assert articles_found(store, "ceasefire") == {"s1"}
    assert articles_found(store, "CEASEFIRE Talks") == {"s1"}
    assert articles_found(store, "ceasefire Kharkiv") == set()  # the words are in different articles
    assert articles_found(store, "cease fire") == {"s3"}  # "cease-fire" is two words
    assert articles_found(store, "kharkiv") == {"s2"}


def test_whole_words_not_substrings(store):
    assert articles_found(store, "cease") == {"s3"}  # "cease-fire", not "ceasefire"
    assert articles_found(store, "kharki") == set()
    assert articles_found(store, "!!!") == set()  # no word at all finds nothing


def test_letters_beyond_ascii_are_words(store):
    assert articles_found(store, "Zürich") == articles_found(store, "zürich based") == {"s2"}
    words = duckdb.connect().execute(
        f"SELECT regexp_extract_all(lower('Zürich-based État'), '{search.WORD}')").fetchone()[0]
    assert words == ["zürich", "based", "état"]


def test_only_sentences_that_report_events_are_indexed(store):
    _, rows = store.query("SELECT count(DISTINCT sentence_key) FROM sentence_words")
    _, reporting = store.query("SELECT count(DISTINCT (article_id, sentence)) FROM mentions")
    assert rows[0][0] == reporting[0][0] > 0
    headline_key = search.sentence_key("s1", 0)
    _, mentions = store.query("SELECT count(*) FROM mentions WHERE article_id = 's1' AND sentence = 0")
    _, indexed = store.query("SELECT count(*) FROM sentence_words WHERE sentence_key = ?", [headline_key])
    assert (mentions[0][0] == 0) == (indexed[0][0] == 0)


def test_python_and_sql_keys_agree(store):
    _, rows = store.query(f"SELECT article_id, sentence, sentence_key, {search.SENTENCE_KEY_SQL} FROM mentions")
    assert rows and all(key == search.sentence_key(a, s) == sql_key for a, s, key, sql_key in rows)
    assert duckdb.connect().execute(f"SELECT {search.key_sql(chr(39) + 'talks' + chr(39))}").fetchone()[0] \
        == search.key("talks")


def test_text_filter_counts_and_pages_agree(store):
    for words in ("ceasefire", "russia", "israel"):
        page, total = analytics.events_view(store, {"text": words})
        assert total == len(page.rows) == analytics.count_events(store, {"text": words}) > 0


def test_many_words_must_all_be_in_the_sentence(store):
    assert articles_found(store, "Israel Hamas Cairo ceasefire talks") == {"s1"}
    assert articles_found(store, "Israel Hamas Cairo ceasefire Kharkiv") == set()
    assert articles_found(store, "talks talks TALKS") == {"s1"}  # a repeated word counts once


def test_too_many_words_is_a_clear_error(store):
    words = " ".join(f"w{i}" for i in range(search.MAX_WORDS + 1))
    with pytest.raises(ConfigError, match=f"at most {search.MAX_WORDS} different words"):
        analytics.events_page(store, {"text": words})


def test_events_and_mentions_carry_the_event_id_as_a_number(store):
    _, events = store.query("SELECT id, event_key FROM events")
    _, mentions = store.query("SELECT event_id, event_key FROM mentions")
    assert events and mentions
    assert all(key == search.key(eid) for eid, key in events + mentions)
    assert "event_key" not in analytics.events_page(store).columns  # a join key, not shown to readers


def test_the_index_is_rewritten_in_word_order_when_its_tail_grows(tmp_path, coder, monkeypatch):
    store = Store(str(tmp_path / "sorted.duckdb"))
    ingest(ARTICLES[:1], store, coder)  # a small tail is left unsorted
    with store.writer() as con:
        done, first = search.unsorted_rows(con)
    assert done == 0 and first > 0
    monkeypatch.setattr(search, "SORT_AFTER_ROWS", first + 1)
    ingest(ARTICLES[1:], store, coder)  # the tail passes the threshold: the batch ends with a rewrite
    with store.writer() as con:
        done, tail = search.unsorted_rows(con)
        stored = con.execute("SELECT word, sentence_key FROM sentence_words").fetchall()  # in storage order
    assert tail == 0 and done == len(stored) > first + 1
    assert stored == sorted(stored)
    assert articles_found(store, "ceasefire talks") == {"s1"} and articles_found(store, "kharkiv") == {"s2"}
    with store.writer() as con:  # sorted and without a tail: nothing to do, even forced
        assert not search.keep_sorted(con, force=True)
