"""Word search over the sentences that report events: the store's ``sentence_words`` index.

A scan of every stored sentence (``ILIKE '%…%'``) takes over a second on a store of a million
events, so each sentence that reports an event is indexed when it is stored: one row per
distinct word, ``(word, sentence_key)``, both 64-bit keys. A search finds the sentences that
hold every word of the query (case-insensitive, whole words: "talks" finds "Talks" but not
"talked"), then the events they report, through ``mentions.sentence_key``.

Words and keys are made in SQL, the same way at ingest, in the schema upgrade and in the
query, so they always agree: a word is a run of letters, marks and digits (``[\\pL\\pM\\pN]+``)
of the lower-cased text, and a key is the first 16 hex digits of the string's MD5 (``md5`` is
standard and stable across DuckDB versions, unlike ``hash()``; ``md5_number`` changed its type
between versions and is ten times slower here). :func:`sentence_key` computes the same key in
Python. Scripts written without spaces (Chinese, Japanese, Thai) are indexed by whole runs of
characters, so their search finds a run only whole.
"""

from __future__ import annotations

import hashlib

import duckdb
import pyarrow as pa

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

# the events filter: events with a mention whose sentence holds every word of the query
# (two parameters, both the query)
FILTER_SQL = (
    "id IN (SELECT event_id FROM mentions WHERE sentence_key IN ("
    f"SELECT sentence_key FROM sentence_words WHERE word IN ("
    f"SELECT {key_sql('w')} FROM (SELECT ? AS text), {_WORDS_OF}) "
    "GROUP BY sentence_key HAVING count(DISTINCT word) = ("
    f"SELECT count(DISTINCT w) FROM (SELECT ? AS text), {_WORDS_OF})))"
)

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
