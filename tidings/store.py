"""Store stage: coded articles into one embedded DuckDB file.

Tables (``tidings query "DESCRIBE events"`` shows the columns):

    articles        one row per article; ``story_id`` links near-duplicate copies
    sentences       every sentence with its character offsets
    mentions        one row per event found in one article sentence (the evidence)
    event_actors    actors and recipients of each mention, with offsets and codes
    actor_mentions  every actor mention in the articles
    events          mentions of the same event across articles, merged (``num_*``)
    signatures      MinHash signatures and LSH band keys for near-duplicate search
    quotes          what the articles report someone as saying: content, cue, speaker, outlets
    places          every resolved toponym of every article, with offsets, codes and coordinates
    times           every time expression of every article, normalised TIMEX3-style
    sentence_words  the word index of the sentences that report events (tidings.search), kept sorted
    feeds, feed_items  what ``tidings watch`` has polled and seen
    problems        inputs that could not be read or coded, with the reason

DuckDB lets one process write a file, and no other process open it meanwhile, so
a writer writes one batch at a time (a single transaction). An ingest keeps the
file open between its batches (:meth:`Store.holding`) and closes it when a reader
or writer of another process asks for a turn; readers open it read-only between batches.
Both retry while the other holds the lock. A batch either lands whole or not at all, and every id is a
content hash, so an interrupted ingest can simply be run again.

The ``meta`` table records the schema version. A file of an older version is
upgraded in place, in one transaction, the first time this tidings opens it for
writing (:data:`MIGRATIONS`); a reader that meets one upgrades it the same way if
it can write the file, and otherwise says which command to run.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import duckdb
import pyarrow as pa

from . import search
from .errors import ConfigError, TidingsError

SCHEMA_VERSION = "5"
DEFAULT_DB = "tidings.duckdb"
LOCK_WAIT_SECONDS = 60.0
# readers: no files read or written from SQL (COPY … TO, read_csv); DuckDB refuses to turn it back on
SEALED = {"enable_external_access": False}
LOCK_MESSAGES = ("Could not set lock on file", "Conflicting lock")

QUOTES_TABLE = """CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, sentence INTEGER, kind VARCHAR, text VARCHAR,
    char_start INTEGER, char_end INTEGER, cue VARCHAR, cue_start INTEGER, cue_end INTEGER,
    speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_country VARCHAR,
    speaker_sector VARCHAR, speaker_name VARCHAR, speaker_kb_id VARCHAR,
    outlets VARCHAR[], outlet_countries VARCHAR[], outlets_json VARCHAR);"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, story_id VARCHAR, title VARCHAR, date DATE, url VARCHAR,
    outlet VARCHAR, source VARCHAR, text VARCHAR, n_sentences INTEGER, n_events INTEGER,
    warnings VARCHAR[], coder_version VARCHAR, kb_version VARCHAR, added_at TIMESTAMP,
    date_source VARCHAR);
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
    coder_version VARCHAR, kb_version VARCHAR,
    factuality_cue VARCHAR, factuality_cue_start INTEGER, factuality_cue_end INTEGER,
    attribution VARCHAR, attributed_to VARCHAR,
    {mention_v3}, sentence_key UBIGINT, event_key UBIGINT);
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
    coder_version VARCHAR, kb_version VARCHAR,
    {event_v3}, event_key UBIGINT);
{sentence_words}
CREATE TABLE IF NOT EXISTS signatures (article_id VARCHAR PRIMARY KEY, minhash UINTEGER[]);
CREATE TABLE IF NOT EXISTS bands (band SMALLINT, key UBIGINT, article_id VARCHAR);
{quotes}
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, text VARCHAR, char_start INTEGER, char_end INTEGER, name VARCHAR,
    country VARCHAR, fips VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    feature VARCHAR, confidence DOUBLE);
{times}
CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY, etag VARCHAR, modified VARCHAR, last_polled TIMESTAMP,
    last_ok TIMESTAMP, failures INTEGER, last_error VARCHAR);
CREATE TABLE IF NOT EXISTS feed_items (feed_url VARCHAR, item_key VARCHAR, seen_at TIMESTAMP,
    PRIMARY KEY (feed_url, item_key));
CREATE TABLE IF NOT EXISTS problems (source VARCHAR, line INTEGER, message VARCHAR, seen_at TIMESTAMP,
    PRIMARY KEY (source, line, message));
"""

# Columns schema 3 added (event dates with their evidence, event locations), in table order.
MENTION_COLUMNS_V3 = (
    ("date_value", "VARCHAR"), ("date_start", "INTEGER"), ("date_end", "INTEGER"),
    ("location_text", "VARCHAR"), ("location_start", "INTEGER"), ("location_end", "INTEGER"),
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_fips", "VARCHAR"),
    ("location_admin1", "VARCHAR"), ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"),
    ("location_geonameid", "BIGINT"), ("location_feature", "VARCHAR"), ("location_confidence", "DOUBLE"),
    ("location_source", "VARCHAR"))
EVENT_COLUMNS_V3 = (
    ("location_name", "VARCHAR"), ("location_country", "VARCHAR"), ("location_fips", "VARCHAR"),
    ("location_lat", "DOUBLE"), ("location_lon", "DOUBLE"), ("location_geonameid", "BIGINT"),
    ("location_admin1", "VARCHAR"), ("location_feature", "VARCHAR"), ("location_source", "VARCHAR"),
    ("location_mention_id", "VARCHAR"), ("date_precision", "VARCHAR"), ("date_source", "VARCHAR"))
# schema 4: the word index of the sentences that report events (tidings.search)
SENTENCE_WORDS_TABLE = "CREATE TABLE IF NOT EXISTS sentence_words (word UBIGINT, sentence_key UBIGINT);"
TIMES_TABLE = """CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR, text VARCHAR, char_start INTEGER, char_end INTEGER, type VARCHAR, value VARCHAR,
    precision VARCHAR);"""


def _columns(columns: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{name} {kind}" for name, kind in columns)


def _add_columns(table: str, columns: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"ALTER TABLE {table} ADD COLUMN {name} {kind};\n" for name, kind in columns)


SCHEMA = (SCHEMA.replace("{quotes}", QUOTES_TABLE).replace("{times}", TIMES_TABLE)
          .replace("{sentence_words}", SENTENCE_WORDS_TABLE)
          .replace("{mention_v3}", _columns(MENTION_COLUMNS_V3)).replace("{event_v3}", _columns(EVENT_COLUMNS_V3)))

# Upgrades of an older file, in place, by the first writer that opens it: every step from the file's
# version to SCHEMA_VERSION runs in one transaction, so a file is either upgraded whole or left as it was.
# New columns go at the end of their table, where a new file has them too: every file this
# tidings writes has the same column order, which ``insert`` relies on (it caches the layout).
MIGRATIONS = {
    "1": """
ALTER TABLE mentions ADD COLUMN factuality_cue VARCHAR;
ALTER TABLE mentions ADD COLUMN factuality_cue_start INTEGER;
ALTER TABLE mentions ADD COLUMN factuality_cue_end INTEGER;
ALTER TABLE mentions ADD COLUMN attribution VARCHAR;
ALTER TABLE mentions ADD COLUMN attributed_to VARCHAR;
DROP TABLE IF EXISTS quotes;
""" + QUOTES_TABLE + """
UPDATE meta SET value = '2' WHERE key = 'schema_version';
""",
    "2": "ALTER TABLE articles ADD COLUMN date_source VARCHAR;\n"
         + _add_columns("mentions", MENTION_COLUMNS_V3)
         + _add_columns("events", EVENT_COLUMNS_V3)
         + "ALTER TABLE places ADD COLUMN confidence DOUBLE;\n"
         + TIMES_TABLE + """
UPDATE meta SET value = '3' WHERE key = 'schema_version';
""",
    "3": "ALTER TABLE mentions ADD COLUMN sentence_key UBIGINT;\n"
         f"UPDATE mentions SET sentence_key = {search.SENTENCE_KEY_SQL};\n"
         + SENTENCE_WORDS_TABLE + "\n"
         + search.BACKFILL_SQL + """;
UPDATE meta SET value = '4' WHERE key = 'schema_version';
""",
    # schema 5: events and mentions carry the event id as a 64-bit key, and the word index is sorted (tidings.search)
    "4": "ALTER TABLE mentions ADD COLUMN event_key UBIGINT;\n"
         f"UPDATE mentions SET event_key = {search.key_sql('event_id')};\n"
         "ALTER TABLE events ADD COLUMN event_key UBIGINT;\n"
         f"UPDATE events SET event_key = {search.key_sql('id')};\n"
         + search.SORT_SQL + """
UPDATE meta SET value = '5' WHERE key = 'schema_version';
""",
}


# what an upgrade costs per million events, measured on the benchmark store: from schema 3 or older the
# word index is built (33 s), from schema 4 it is only sorted and the event keys filled in (11 s)
UPGRADE_SECONDS_FROM_4, UPGRADE_SECONDS_OLDER = 15, 45

# every column of an events row but ``event_key`` (the id as a number for joins, of no use to a reader)
EVENT_SELECT = "* EXCLUDE (event_key)"


class StoreError(TidingsError):
    """The store file cannot be opened or written."""


@dataclass(frozen=True)
class Store:
    """A DuckDB file of coded articles. Cheap to create: it opens the file per use."""

    path: str = DEFAULT_DB
    lock_wait: float = LOCK_WAIT_SECONDS

    def create(self) -> None:
        """Create the file and its tables if missing; check the schema version if present."""
        with self.writer():
            pass

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Keep one read-write connection for every :meth:`writer` of this store in the block.

        An ingest writes batch after batch; opening the file for each one (and checkpointing it
        at each close) cost about a third of the store's time. Inside the block the connection
        stays open between batches, and each batch is still its own transaction. Other processes
        still get their turns: a watcher thread closes the file, between transactions, as soon as
        a reader or writer of another process is waiting for it (their marker file), and the next
        batch opens it again after their turn. It is also reopened every :data:`HELD_USES`
        transactions. Threads of this process that write to the store in the block share the
        connection one transaction at a time; a read-only :meth:`reader` of the same file in this
        process fails while it is held (DuckDB refuses a second configuration of an open file).
        """
        key = _key(self.path)
        with _HELD_LOCK:
            held = _HELD.get(key)
            if held is None:
                held = _HELD[key] = _Held(self)
            held.holders += 1
        try:
            yield
        finally:
            with _HELD_LOCK:
                held.holders -= 1
                last = held.holders == 0
                if last:
                    del _HELD[key]
            if last:
                held.stop()

    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection inside one transaction, committed on success."""
        held = _HELD.get(_key(self.path)) if _HELD else None
        if held is not None:
            held.lock.acquire()  # one transaction at a time on the held connection
            try:
                con = held.take()
            except BaseException:
                held.lock.release()
                raise
        else:
            con = self._connect(read_only=False)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException as exc:
                con.execute("ROLLBACK")
                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"{self.path}: writing failed, nothing of this batch was stored: "
                                     f"{_first_line(exc)}") from exc
                raise
            try:
                con.execute("COMMIT")
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: the batch could not be committed: {_first_line(exc)}") from exc
        except BaseException:
            if held is not None:
                held.close()  # after a failed batch the next one starts from a fresh connection
            raise
        finally:
            if held is None:
                con.close()
            else:
                held.lock.release()

    @contextlib.contextmanager
    def reader(self, files: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; the file must exist.

        SQL on it cannot read or write other files (``COPY … TO``, ``read_csv``) unless
        ``files`` is set (Parquet export). Connections of one process share one DuckDB
        instance and must agree on that setting, so only a single-shot command such as
        ``tidings export`` should ask for ``files``.
        """
        if not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store (create one with: tidings ingest FILES --db {self.path})")
        con = self._connect(read_only=True, config=None if files else SEALED)
        try:
            con.execute("SET enable_progress_bar = false")  # per connection; DuckDB would draw it mid-export
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def session(self, keeper: "Keeper | None" = None) -> Iterator[None]:
        """Run every :meth:`query` of this thread in the block on one read-only connection.

        The web explorer wraps each request in one, with a :class:`Keeper` that keeps the
        file open between requests that come close together.
        """
        if getattr(_sessions, "held", None) is not None:
            yield
            return
        opened = keeper.cursor() if keeper is not None else self.reader()
        with opened as con:
            _sessions.held = (self.path, con)
            try:
                yield
            finally:
                _sessions.held = None

    def query(self, sql: str, params: Sequence[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Run one statement on a read-only connection that cannot touch files; return columns and rows."""
        held = getattr(_sessions, "held", None)
        if held is not None and held[0] == self.path:
            return _run(held[1], sql, params)
        with self.reader() as con:
            return _run(con, sql, params)

    def query_arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        """Like :meth:`query`, as an Arrow table (no Python object per value: fast for big results)."""
        held = getattr(_sessions, "held", None)
        if held is not None and held[0] == self.path:
            return _run_arrow(held[1], sql, params)
        with self.reader() as con:
            return _run_arrow(con, sql, params)

    def _connect(self, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
        con = self._open(read_only, config)
        try:
            if not read_only:
                self._migrate(con)
            else:
                older = self._older_schema(con)
                if older is not None:
                    con.close()
                    self._upgrade_for_reader(older)
                    con = self._open(read_only, config)
        except BaseException as exc:
            con.close()
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"{self.path}: cannot prepare the store: {_first_line(exc)}") from None
            raise
        return con

    def _open(self, read_only: bool, config: dict | None) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_wait
        delay = 0.05
        if not read_only:
            _yield_to_readers(self.path)
        try:
            while True:
                try:
                    return duckdb.connect(self.path, read_only=read_only, config=_config(read_only, config))
                except duckdb.IOException as exc:
                    message = str(exc)
                    if not any(sign in message for sign in LOCK_MESSAGES):
                        raise StoreError(_open_problem(self.path, message)) from None
                    if time.monotonic() > deadline:
                        raise StoreError(
                            f"{self.path}: another process has held the database for {self.lock_wait:.0f} s "
                            f"({_first_line(message)}); wait for it to finish or use another --db file"
                        ) from None
                    _reader_waiting(self.path)  # a reader or another writer: an ingest holding the file lets it in
                    time.sleep(delay)
                    delay = min(delay * 2, READER_RETRY if read_only else 1.0)
                except duckdb.Error as exc:
                    raise StoreError(_open_problem(self.path, str(exc))) from None
        finally:
            _reader_done(self.path)

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the tables of a new file; upgrade an older file in place.

        The version is read on every open (two small queries): a file at the same path, or even with
        the same inode, may have been replaced since (a new store, a backup copied back)."""
        version = _schema_version(con)
        if version is None:  # a new file (or one without a version row)
            con.execute(SCHEMA)
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        elif version != SCHEMA_VERSION:
            if version not in MIGRATIONS:
                raise ConfigError(
                    f"{self.path} has store schema {version}, this tidings writes schema {SCHEMA_VERSION}; "
                    "export it with the tidings that made it, or ingest into a new --db file"
                )
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
            cost = UPGRADE_SECONDS_FROM_4 if version == "4" else UPGRADE_SECONDS_OLDER
            sys.stderr.write(f"{self.path}: upgrading the store from schema {version} to {SCHEMA_VERSION} in place "
                             f"({events:,} events; about {cost} s per million events, once)\n")
            con.execute("BEGIN TRANSACTION")  # 1 -> 2 -> 3 … all at once: never a half-upgraded file
            try:
                while version != SCHEMA_VERSION:
                    con.execute(MIGRATIONS[version])
                    version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def _older_schema(self, con: duckdb.DuckDBPyConnection) -> str | None:
        """The schema version of a file a writer would upgrade, else None."""
        version = _schema_version(con)
        if version is None or version == SCHEMA_VERSION:  # None: not a tidings store; queries will say so
            return None
        if version not in MIGRATIONS:
            raise StoreError(f"{self.path} has store schema {version}, this tidings reads schema {SCHEMA_VERSION}; "
                             "open it with the tidings that made it")
        return version

    def _upgrade_for_reader(self, version: str) -> None:
        """A reader met an older file: upgrade it in place as a writer would, or say how to."""
        problem = _unwritable(self.path)
        if problem is None:
            try:
                with self.writer():
                    return
            except TidingsError as exc:
                problem = str(exc)
        raise StoreError(
            f"{self.path} has store schema {version}, this tidings reads schema {SCHEMA_VERSION}. "
            f"The first write upgrades the file in place, and this reader could not do it ({problem}): "
            f"run any write command on it once (e.g. tidings ingest FILES --db {self.path}) as a user "
            "who can write the file and its folder, then open it again"
        )


# Readers and writers of one store in different processes take turns (DuckDB lets a file be open
# for writing in one process and no other). An ingest writing batch after batch would hold the file
# nearly all the time, so a process that finds it locked (reader or writer) leaves a marker file;
# an ingest holding the file closes it between transactions when it sees a fresh marker
# (Store.holding), and a writer about to open the store waits (up to WRITER_YIELD seconds) while a
# fresh marker exists. Readers retry every READER_RETRY seconds at most, writers every second at
# most, so they get in within that window.
READER_RETRY = 0.2
WRITER_YIELD = 2.0


def _marker(path: str) -> str:
    return f"{path}.reader-waiting"


def _reader_waiting(path: str) -> None:
    with contextlib.suppress(OSError):  # a reader that cannot write the folder just waits its turn
        Path(_marker(path)).touch()


def _reader_done(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(_marker(path))


def _someone_waiting(path: str) -> bool:
    """Is a fresh marker there? (An older one was left behind by a process that was killed.)"""
    try:
        return time.time() - os.stat(_marker(path)).st_mtime <= WRITER_YIELD
    except OSError:
        return False


def _yield_to_readers(path: str) -> None:
    until = time.monotonic() + WRITER_YIELD
    while time.monotonic() < until and _someone_waiting(path):
        time.sleep(0.02)


def _config(read_only: bool, config: dict | None) -> dict:
    """Every read-write connection has the same cap on DuckDB's memory: one process may hold the file once
    only with one configuration (an ingest's held connection and another writer of the same process)."""
    return dict(config or {}) if read_only else {"memory_limit": WRITER_MEMORY, **(config or {})}


def _schema_version(con: duckdb.DuckDBPyConnection) -> str | None:
    # one query, and no meta table means no version: asking duckdb_tables() first cost every
    # per-call open ~12 ms more (on the 1M-event store, Store.query('SELECT 1') 70 -> 42 ms)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def _unwritable(path: str) -> str | None:
    """Why this process cannot write the store file (DuckDB also writes a .wal file beside it), or None."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only"
    return None


_sessions = threading.local()


class _Held:
    """The read-write connection that :meth:`Store.holding` keeps between transactions."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.con: duckdb.DuckDBPyConnection | None = None
        self.uses = 0
        self.holders = 0
        self.lock = threading.RLock()  # taken for each whole transaction, and by the watcher to close
        self._stopping = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="tidings-store-turns", daemon=True)
        self._watcher.start()

    def take(self) -> duckdb.DuckDBPyConnection:
        """The open connection (the caller holds :attr:`lock`)."""
        if self.con is not None and (_someone_waiting(self.store.path) or self.uses >= HELD_USES):
            self.close()
        if self.con is None:
            self.con = self.store._connect(read_only=False)  # waits while another process has its turn
            self.uses = 0
        self.uses += 1
        return self.con

    def close(self) -> None:
        with self.lock:
            if self.con is not None:
                con, self.con = self.con, None
                with contextlib.suppress(duckdb.Error):
                    con.close()

    def stop(self) -> None:
        self._stopping.set()
        self._watcher.join()  # never leave it running: a daemon stopped inside DuckDB's close aborts the process
        self.close()

    def _watch(self) -> None:
        """Between transactions, hand the file to a process waiting for it (the ingest may be coding for seconds)."""
        while not self._stopping.wait(READER_RETRY):
            if self.con is not None and _someone_waiting(self.store.path) and self.lock.acquire(blocking=False):
                try:
                    self.close()
                finally:
                    self.lock.release()


_HELD: dict[str, _Held] = {}  # by the file's real path
_HELD_LOCK = threading.Lock()


def _key(path: str) -> str:
    return os.path.realpath(path)


# A held connection is reopened after this many transactions: while the database is open DuckDB keeps
# what it has loaded (the primary-key indexes above all), so an ingest's memory would grow with the store.
# Measured on 4,800 precoded articles: RSS 260 -> 374 MB held throughout, 283 -> 336 MB reopened every 16
# (per-batch opening: 254 -> 282 MB, and a third more CPU). On those small stores the limit below did not
# help: it bounds the cache of a big store, not this growth.
HELD_USES = 16

# DuckDB's share of a writer's memory (an ingest's above all). Its cache of the file's blocks otherwise grows
# with the store (up to 80 % of RAM by default): storing 480 articles into a store of 1M events took RSS from
# 194 to 730 MB unbounded, to 488 MB at 256MB (6 % slower). With the spaCy model and the batch in flight an
# ingest stays well under 2 GB whatever the store's size; DuckDB evicts or spills beyond the limit.
WRITER_MEMORY = "1GB"


class Keeper:
    """Keeps one read-only connection to a store open while it is in use, and for ``idle``
    seconds after, so that a burst of requests opens the file once and keeps DuckDB's cache
    warm; then it closes the file, so that a writer in another process gets its turn."""

    def __init__(self, store: Store, idle: float = 2.0) -> None:
        self.store, self.idle = store, idle
        self._lock = threading.Lock()
        self._base: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last = 0.0
        self._closer: threading.Timer | None = None
        _KEEPERS.add(self)

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the kept connection (each thread gets its own cursor)."""
        with self._lock:
            if self._base is None:
                if not Path(self.store.path).exists():
                    raise StoreError(f"{self.store.path}: no such store")
                self._base = self.store._connect(read_only=True, config=SEALED)
            self._users += 1
            cursor = self._base.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                self._last = time.monotonic()
                self._schedule_close()

    def close(self) -> None:
        with self._lock:
            if self._closer is not None:
                self._closer.cancel()
            if self._base is not None:
                self._base.close()
                self._base = None

    def _schedule_close(self) -> None:
        if self._closer is None or not self._closer.is_alive():
            self._closer = threading.Timer(self.idle, self._close_if_idle)
            self._closer.daemon = True
            self._closer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            quiet = time.monotonic() - self._last
            if self._base is not None and self._users == 0 and quiet >= self.idle:
                self._base.close()
                self._base = None
            elif self._base is not None:
                self._closer = threading.Timer(max(0.05, self.idle - quiet), self._close_if_idle)
                self._closer.daemon = True
                self._closer.start()


# The closer is a daemon thread: at exit the interpreter stops such threads where they stand, and
# one stopped inside DuckDB's close aborts the process. Kept connections are closed before that.
_KEEPERS: "weakref.WeakSet[Keeper]" = weakref.WeakSet()


@atexit.register
def _close_keepers() -> None:
    for keeper in list(_KEEPERS):
        keeper.close()


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None) -> tuple[list[str], list[tuple]]:
    try:
        if len(con.extract_statements(sql)) != 1:
            raise StoreError("give one SQL statement at a time")
        cursor = con.execute(sql, params or [])
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {_first_line(exc)}") from None
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


def _run_arrow(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None) -> pa.Table:
    try:
        return con.sql(sql, params=params or None).to_arrow_table()
    except duckdb.Error as exc:
        raise StoreError(f"query failed: {_first_line(exc)}") from None


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    """Insert rows (dicts keyed by column name) through Arrow, in the table's column order."""
    if not rows:
        return 0
    columns, schema = _table_layout(con, table)
    arrow = pa.table({c: [r.get(c) for r in rows] for c in columns}, schema=schema)
    con.register("_rows", arrow)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
    finally:
        con.unregister("_rows")
    return len(rows)


_ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "TINYINT": pa.int8(), "SMALLINT": pa.int16(),
    "BIGINT": pa.int64(), "UBIGINT": pa.uint64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
    "UINTEGER[]": pa.list_(pa.uint32()),
}


# the schema is fixed by SCHEMA_VERSION (upgraded files get the new columns in the same order): read it once
_LAYOUTS: dict[str, tuple[list[str], pa.Schema]] = {}


def _table_layout(con: duckdb.DuckDBPyConnection, table: str) -> tuple[list[str], pa.Schema]:
    if table not in _LAYOUTS:
        described = con.execute(f"DESCRIBE {table}").fetchall()
        columns = [r[0] for r in described]
        _LAYOUTS[table] = columns, pa.schema([(r[0], _ARROW_TYPES[r[1]]) for r in described])
    return _LAYOUTS[table]


def _open_problem(path: str, message: str) -> str:
    if "not a valid DuckDB database" in message:
        return f"{path} is not a DuckDB database (move it aside, or pass another --db file)"
    if os.path.isdir(path):
        return f"{path} is a directory; --db takes a file name such as tidings.duckdb"
    return f"{path}: cannot open the store: {_first_line(message)}"


def _first_line(message: object) -> str:
    return str(message).strip().splitlines()[0]
