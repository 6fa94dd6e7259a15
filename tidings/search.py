"""Word search over the sentences that report events: the store's ``sentence_words`` index.

A scan of every stored sentence (``ILIKE '%…%'``) takes over a second on a store of a million
events, so each sentence that reports an event is indexed when it is stored: one row per
distinct word, ``(word, sentence_key)``, both 64-bit keys. A search finds the sentences that
hold every word of the query (case-insensitive, whole words: "talks" finds "Talks" but not
"talked"), one list per word intersected, then the events they report, through
``mentions.sentence_key`` and ``mentions.event_key`` (the event's id as a 64-bit key, kept
in ``events.event_key`` too: joins on numbers cost a fraction of joins on hex strings).

Words and keys are made in SQL, the same way at ingest, in the schema upgrade and in the
query, so they always agree: a word is a run of letters, marks and digits (``[\\pL\\pM\\pN]+``)
of the lower-cased text, and a key is the first 16 hex digits of the string's MD5 (``md5`` is
standard and stable across DuckDB versions, unlike ``hash()``; ``md5_number`` changed its type
between versions and is ten times slower here). :func:`key` computes the same key in
Python. Scripts written without spaces (Chinese, Japanese, Thai) are indexed by whole runs of
characters, so their search finds a run only whole.

The index is kept sorted by word, so that DuckDB's zone maps (the smallest and largest value
of each block of rows) let a lookup skip every block but the word's own: on a million events,
one word's sentences are found in a few milliseconds instead of a 40 ms scan. New rows are
appended unsorted at the end; :func:`keep_sorted` rewrites the table in order once that tail
has grown past a quarter of the sorted part (and past :data:`SORT_AFTER_ROWS`), so a store
pays for sorting a few times over its life, not on every batch.
"""

from __future__ import annotations

import hashlib
import threading

import duckdb
import pyarrow as pa

from .errors import ConfigError

WORD = r"[\pL\pM\pN]+"


def key_sql(expression: str) -> str:
    """SQL for the 64-bit key of a VARCHAR expression (see :func:`key`)."""
    return f"('0x' || left(md5({expression}), 16))::UBIGINT"


def key(text: str) -> int:
    """The 64-bit key of a string, as :func:`key_sql` makes it in DuckDB: the first 16 hex digits of its MD5."""
    return int(hashlib.md5(text.encode("utf-8")).hexdigest()[:16], 16)


def sentence_key(article_id: str, sentence: int) -> int:
    """The key of one stored sentence (``mentions.sentence_key``, ``sentence_words.sentence_key``)."""
    return key(f"{article_id}\x1f{sentence}")


SENTENCE_KEY_SQL = key_sql("article_id || chr(31) || sentence::VARCHAR")

# the words of a text column ``text`` as rows ``w``
_WORDS_OF = f"unnest(regexp_extract_all(lower(text), '{WORD}')) AS t(w)"

# index the rows of a relation with columns (sentence_key, text)
INDEX_SQL = ("INSERT INTO sentence_words SELECT DISTINCT {word}, sentence_key FROM {{source}}, {words}"
             .format(word=key_sql("w"), words=_WORDS_OF))

MAX_WORDS = 16
_QUERY_WORDS = f"SELECT DISTINCT {key_sql('w')} FROM (SELECT ? AS text), {_WORDS_OF}"
_query_con: duckdb.DuckDBPyConnection | None = None
_query_lock = threading.Lock()


def word_keys(text: str) -> list[int]:
    """The keys of the distinct words of a query, made by DuckDB exactly as the index made them."""
    global _query_con
    with _query_lock:  # one small in-memory database for the process; the web server asks from many threads
        if _query_con is None:
            _query_con = duckdb.connect(":memory:")
        rows = _query_con.execute(_QUERY_WORDS, [text]).fetchall()
    return sorted(r[0] for r in rows)


def text_filter(text: str) -> tuple[str, list[int]]:
    """The events filter for a text query: events with a mention whose sentence holds every word.

    One lookup per word in the sorted index, the sentence lists intersected, then the events of
    those sentences by number. A query without a word (punctuation only) matches nothing.
    """
    words = word_keys(text)
    if not words:
        return "FALSE", []
    if len(words) > MAX_WORDS:
        raise ConfigError(f"the text filter takes at most {MAX_WORDS} different words, not {len(words)}; "
                          "keep the ones that matter most")
    sentences = " INTERSECT ".join(["SELECT sentence_key FROM sentence_words WHERE word = ?"] * len(words))
    return f"event_key IN (SELECT event_key FROM mentions WHERE sentence_key IN ({sentences}))", words


# schema upgrade: index what an older store already holds
BACKFILL_SQL = INDEX_SQL.format(source=(
    f"(SELECT {SENTENCE_KEY_SQL} AS sentence_key, text FROM sentences "
    "SEMI JOIN (SELECT DISTINCT article_id, sentence FROM mentions) m USING (article_id, sentence))"))


def index_sentences(con: duckdb.DuckDBPyConnection, sentences: list[tuple[int, str]]) -> None:
    """Index ``(sentence_key, text)`` pairs inside the caller's transaction."""
    if not sentences:
        return
    rows = pa.table({"sentence_key": pa.array([k for k, _ in sentences], pa.uint64()),
                     "text": pa.array([t for _, t in sentences], pa.string())})
    con.register("_sentences", rows)
    try:
        con.execute(INDEX_SQL.format(source="_sentences"))
    finally:
        con.unregister("_sentences")


SORT_AFTER_ROWS = 1_000_000  # an unsorted tail smaller than this costs a lookup under 2 ms: not worth a sort
SORTED_META = "sentence_words_sorted"  # meta: how many rows at the start of sentence_words are in word order
SORT_SQL = f"""
CREATE TABLE _sentence_words_sorted AS SELECT word, sentence_key FROM sentence_words ORDER BY word, sentence_key;
DROP TABLE sentence_words;
ALTER TABLE _sentence_words_sorted RENAME TO sentence_words;
INSERT OR REPLACE INTO meta VALUES ('{SORTED_META}', (SELECT count(*) FROM sentence_words)::VARCHAR);
"""


def unsorted_rows(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """How many rows of the index are in word order (at its start) and how many were appended since."""
    total = con.execute("SELECT count(*) FROM sentence_words").fetchone()[0]
    row = con.execute("SELECT value FROM meta WHERE key = ?", [SORTED_META]).fetchone()
    done = min(int(row[0]), total) if row else 0
    return done, total - done


def keep_sorted(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Rewrite the index in word order inside the caller's transaction when its unsorted tail has grown
    past a quarter of the sorted part and :data:`SORT_AFTER_ROWS` (or when ``force``d); say whether it did.

    On 32M rows (a million events) the rewrite takes about 10 s, so it happens seldom: each one is
    followed by at least a quarter as many new rows again before the next.
    """
    done, tail = unsorted_rows(con)
    if not tail or (not force and (tail < SORT_AFTER_ROWS or tail * 4 < done)):
        return False
    con.execute(SORT_SQL)
    return True
