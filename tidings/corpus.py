"""Ingest a corpus: read inputs, code the new articles, write each batch to the store.

:func:`ingest` is what ``tidings ingest`` and ``tidings watch`` call. It reads
items in a stream, skips articles the store already holds (same content id, or
same URL) before coding them, codes the rest in batches, and writes each batch
in one transaction: articles, sentences, mentions (with each event's date and
location and their evidence), actors, quotes, time expressions, places, story
links, merged events and the problems met. Memory holds one batch at a time.

A merged event's mentions are taken in order: the most precisely dated first (day, then
week, month, year, then undated), the earliest among equals, then by id. The first is the
event's first mention: the event's ``date``, ``date_precision`` and ``date_source`` are its
(a copy that says "this week", stored as its Monday, does not move an event another copy
dates to the day), and ``last_date`` is the latest date of any mention. The event's
location is that of the first mention whose location the text gives for the event itself
(``clause``), else the first whose sentence names a place (``sentence``), else the first
with the article's place (``article``); at the same level a city beats a region and a
region a country ("arrives in Beijing" over "traveled to China"). ``location_mention_id``
names that mention.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, TypeVar

import duckdb
import pyarrow as pa

from . import dedup, search
from .errors import InputError, TidingsError
from .pipeline import Coder
from .records import Article
from .rows import TABLES, StoreRows, store_rows
from .store import Store, insert

BATCH_SIZE = 32  # articles coded and stored together by the local engine
# Articles that arrive coded (the Dask engine's shards, a --out dataset) are stored in larger
# transactions: each costs a fixed ~40 ms of queries (story candidates, coreference, one INSERT per
# table) whatever its size, and the driver has no coding to overlap them with; 128 takes the store's
# CPU per article from ~8 to ~4.6 ms (benchmarks/scale.py, docs/benchmarks.md).
PRECODED_BATCH_SIZE = 128
Coded = Article | StoreRows  # what is stored: an article (coded here, or arriving coded), or its rows ready
_Item = TypeVar("_Item", Article, StoreRows)


@dataclass
class IngestReport:
    """What an ingest run did. ``failed`` is true when any input could not be read."""

    read: int = 0
    coded: int = 0
    events: int = 0
    stored_events: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped: Counter = field(default_factory=Counter)
    problems: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict:
        return {
            "read": self.read, "coded": self.coded, "events": self.events, "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates, "skipped": dict(self.skipped), "problems": len(self.problems),
        }


Progress = Callable[[IngestReport, int], None]  # called after each batch with the report and articles done


def ingest(
    items: Iterable[Article | StoreRows | InputError],
    store: Store,
    coder: Coder | None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    on_problem: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Code and store every new article in ``items``; return what happened.

    ``coder=None`` when the articles arrive coded: as articles (a ``--out`` dataset), or as their
    rows ready to store (:class:`~tidings.rows.StoreRows`, the Dask engine's shards). They are
    checked against the store and written, in one transaction per batch. With a coder, the
    store is written on a second thread. ``batch_size`` defaults to :data:`BATCH_SIZE` with a
    coder and to :data:`PRECODED_BATCH_SIZE` without. The store stays open for writing throughout
    (:meth:`Store.holding`): other processes get turns between batches, but nothing in this
    process (``items``, ``progress``, ``on_problem``) may open it read-only meanwhile.
    """
    if batch_size is None:
        batch_size = BATCH_SIZE if coder is not None else PRECODED_BATCH_SIZE
    with store.holding():
        return _ingest(items, store, coder, batch_size, progress, on_problem)


def _ingest(items: Iterable[Article | StoreRows | InputError], store: Store, coder: Coder | None, batch_size: int,
            progress: Progress | None, on_problem: Callable[[InputError], None] | None) -> IngestReport:
    store.create()
    report = IngestReport()
    batch: list[Coded] = []
    problems: list[InputError] = []
    # Coding is CPU work on this thread; the store is touched only by one store thread (never two
    # DuckDB connections of this process at once), and DuckDB releases the GIL there, so batch N is
    # written while batch N+1 is coded. Batch N+1 is checked against the store before batch N is
    # written (a copy in both is coded twice and dropped when written); at most one coded batch waits.
    # Precoded articles (the Dask engine's shards) have nothing to overlap with, and their reader opens
    # the store itself, so they are written on this thread.
    with (ThreadPoolExecutor(max_workers=1, thread_name_prefix="tidings-store") if coder is not None
          else _Inline()) as store_thread:
        waiting: tuple | None = None  # a coded batch not yet handed to the store thread
        writing: Future | None = None

        def hand_over() -> None:
            nonlocal waiting, writing
            if writing is not None:
                _collect(writing, report, progress)
                writing = None
            if waiting is not None:
                writing = store_thread.submit(_write_new, store, *waiting, coder is None)
                waiting = None

        def flush() -> None:
            nonlocal waiting, batch, problems
            check = store_thread.submit(_unstored, batch, store) if coder is not None else None
            hand_over()
            fresh, dropped = check.result() if check is not None else (batch, Counter())
            if coder is not None:
                coder.code_many(fresh)
            waiting = (fresh, problems, dropped, len(batch) + len(problems))
            batch, problems = [], []
            if coder is None:
                hand_over()  # nothing to overlap with: write it now

        try:
            for item in items:
                if isinstance(item, InputError):
                    report.problems.append(item)
                    report.skipped[_reason(item)] += 1
                    problems.append(item)
                    if on_problem:
                        on_problem(item)
                    continue
                if coder is not None and isinstance(item, StoreRows):
                    raise TypeError(f"article {item.id} arrived as store rows (coded already): pass coder=None")
                report.read += 1
                batch.append(item)
                if len(batch) >= batch_size:
                    flush()
            if batch or problems:
                flush()
        except BaseException:  # reading or coding failed, or Ctrl-C: keep what is already coded
            with contextlib.suppress(Exception):
                hand_over()
                hand_over()
            raise
        hand_over()  # the last coded batch goes to the store thread …
        hand_over()  # … and what writing it did is collected
    return report


class _Inline:
    """An executor that runs each call at once on the calling thread."""

    def __enter__(self) -> "_Inline":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def submit(self, call: Callable, *args) -> Future:
        future: Future = Future()
        try:
            future.set_result(call(*args))
        except Exception as exc:  # raised where the result is collected, as from a thread
            future.set_exception(exc)
        return future


@dataclass
class _Written:
    """What writing one batch did; merged into the report on the ingesting thread."""

    coded: int
    events: int
    near_duplicates: int
    dropped: Counter
    done: int


def _collect(pending: Future, report: IngestReport, progress: Progress | None) -> None:
    written: _Written = pending.result()  # a store error of that batch is raised here
    report.coded += written.coded
    report.events += written.events
    report.near_duplicates += written.near_duplicates
    report.duplicates += sum(written.dropped.values())
    report.skipped.update(written.dropped)
    if progress:
        progress(report, written.done)


def estimate_articles(paths: Iterable[str]) -> int | None:
    """How many articles the paths hold, counted cheaply; ``None`` when that can't be known up front
    (stdin, URLs, feeds, WARC archives)."""
    from .ingest.discover import expand

    total = 0
    for name in paths:
        if name == "-" or "://" in name:
            return None
        for path in expand(name):
            if isinstance(path, InputError):
                continue
            suffix = path.name.lower().rsplit(".", 1)[-1]
            if suffix in ("txt", "html", "htm"):
                total += 1
            elif suffix in ("jsonl", "csv", "tsv"):
                with open(path, "rb") as handle:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
                total += max(0, lines - (suffix != "jsonl"))
            else:
                return None
    return total


def _reason(problem: InputError) -> str:
    return problem.message.split(" (")[0][:60]


def _unstored(batch: list[Article], store: Store) -> tuple[list[Article], Counter]:
    """The articles of the batch that the store does not hold yet (on the store thread)."""
    with store.writer() as con:
        return _new_articles(con, batch)


def _write_new(store: Store, fresh: list[Coded], problems: list[InputError], dropped: Counter, done: int,
               precoded: bool) -> _Written:
    """Write one batch in one transaction (on the store thread)."""
    with store.writer() as con:
        fresh, late = _new_articles(con, fresh)  # another writer may have stored some meanwhile
        if precoded:
            _check_coded(fresh)
        rows = [item if isinstance(item, StoreRows) else store_rows(item) for item in fresh]
        near = write_batch(con, rows, problems)
        search.keep_sorted(con)  # seldom does anything (a cheap check); rewrites the word index in order
    return _Written(len(rows), sum(r.events for r in rows), near, dropped + late, done)


def _check_coded(articles: list[Coded]) -> None:
    uncoded = [a.id for a in articles if not a.coder_version]  # coding stamps every article with its version
    if uncoded:
        raise TidingsError(f"articles {', '.join(uncoded[:3])} arrived uncoded; nothing of this batch was stored")


def _new_articles(con: duckdb.DuckDBPyConnection, batch: list[_Item]) -> tuple[list[_Item], Counter]:
    """The articles of the batch not yet stored, and why the others were dropped."""
    ids = [a.id for a in batch]
    urls = [a.url for a in batch if a.url]
    known_ids = {r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    known_urls = {r[0] for r in con.execute("SELECT url FROM articles WHERE url IN (SELECT unnest(?))", [urls]).fetchall()}
    fresh, seen_ids, seen_urls, dropped = [], set(), set(), Counter()
    for article in batch:
        if article.id in known_ids or article.id in seen_ids:
            dropped["already stored (same text or id)"] += 1
        elif article.url and (article.url in known_urls or article.url in seen_urls):
            dropped["already stored (same URL)"] += 1
        else:
            fresh.append(article)
            seen_ids.add(article.id)
            if article.url:
                seen_urls.add(article.url)
    return fresh, dropped


def write_batch(con: duckdb.DuckDBPyConnection, batch: list[StoreRows], problems: list[InputError]) -> int:
    """Write coded articles' rows and problems inside the caller's transaction; return near-duplicates found."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    stories, near = _assign_stories(con, batch)
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for item in batch:
        story_id = stories[item.id]
        item.tables["articles"][0].update(story_id=story_id, added_at=now)
        for mention in item.tables["mentions"]:
            mention["story_id"] = story_id
        for name in TABLES:
            tables[name] += item.tables[name]
    for name in ("articles", "sentences", "mentions"):
        insert(con, name, tables[name])
    search.index_sentences(con, [pair for item in batch for pair in item.index])
    for name in ("event_actors", "actor_mentions", "quotes", "places", "times"):
        insert(con, name, tables[name])
    for problem in problems:
        con.execute("INSERT OR IGNORE INTO problems VALUES (?, ?, ?, ?)",
                    [problem.source, problem.line or 0, str(problem), now])
    corefer(con, tables["mentions"], now)
    return near


def _assign_stories(con: duckdb.DuckDBPyConnection, batch: list[StoreRows]) -> tuple[dict[str, str], int]:
    """Link each article to the story of its most similar stored (or earlier) copy.

    One query finds the stored copies of the whole batch; copies within the batch are
    found in memory, in order, so an article can join the story of an earlier one.
    """
    keys = [item.bands for item in batch]
    stored = _stored_candidates(con, keys)
    earlier: dict[tuple[int, int], list[int]] = {}  # (band, key) -> positions in the batch
    stories: dict[str, str] = {}
    near = 0
    for i, item in enumerate(batch):
        mates = sorted({j for band, key in enumerate(keys[i]) for j in earlier.get((band, key), ())})
        rows = stored.get(i, []) + [(batch[j].id, batch[j].signature, stories[batch[j].id]) for j in mates]
        best = _best_story(item.id, item.signature, rows)
        stories[item.id] = best or item.id
        near += best is not None
        for band, key in enumerate(keys[i]):
            earlier.setdefault((band, key), []).append(i)
    insert(con, "signatures", [{"article_id": item.id, "minhash": item.signature.tolist()} for item in batch])
    insert(con, "bands", [{"band": band, "key": key, "article_id": item.id}
                          for item in batch for band, key in enumerate(item.bands)])
    return stories, near


def _best_story(article_id: str, sig, rows: list[tuple]) -> str | None:
    """The story of the most similar candidate at or above the threshold; ties go to the smaller story id."""
    best, best_score = None, 0.0
    for other_id, minhash, story_id in rows:
        score = dedup.similarity(sig, minhash)
        if other_id == article_id or score < dedup.STORY_SIMILARITY:
            continue
        if best is None or score > best_score or (score == best_score and story_id < best):
            best, best_score = story_id, score
    return best


def _stored_candidates(con: duckdb.DuckDBPyConnection, keys: list[list[int]]) -> dict[int, list[tuple]]:
    """Stored articles sharing a band key with each batch position: (id, minhash, story_id) rows."""
    if not keys:
        return {}
    probe = [{"pos": i, "band": band, "key": key} for i, article_keys in enumerate(keys)
             for band, key in enumerate(article_keys)]
    con.register("_probe", _probe_table(probe))
    try:
        rows = con.execute(
            "SELECT DISTINCT p.pos, s.article_id, s.minhash, a.story_id "
            "FROM _probe p JOIN bands b ON b.band = p.band AND b.key = p.key "
            "JOIN signatures s ON s.article_id = b.article_id "
            "LEFT JOIN articles a ON a.id = b.article_id ORDER BY p.pos, s.article_id"
        ).fetchall()
    finally:
        con.unregister("_probe")
    found: dict[int, list[tuple]] = {}
    for pos, *row in rows:
        found.setdefault(pos, []).append(tuple(row))
    return found


def _probe_table(rows: list[dict]):
    return pa.table({"pos": pa.array([r["pos"] for r in rows], pa.int32()),
                     "band": pa.array([r["band"] for r in rows], pa.int16()),
                     "key": pa.array([r["key"] for r in rows], pa.uint64())})


def corefer(con: duckdb.DuckDBPyConnection, new_mentions: list[dict], now: dt.datetime) -> None:
    """Rebuild the merged events that the new mentions (already inserted) can change.

    Per (type, actors, recipients) key, those are the events reaching within the window
    of the earliest new date, and the events of the stories the new mentions belong to;
    older events of a busy key are left alone, so a batch costs the same however large
    the store grows.
    """
    if not new_mentions:
        return
    scope: dict[tuple, dict] = {}
    for m in new_mentions:
        key = (m["event_type"], m["actor_key"], m["recipient_key"])
        entry = scope.setdefault(key, {"since": None, "stories": set()})
        if m["date"] is not None and (entry["since"] is None or m["date"] < entry["since"]):
            entry["since"] = m["date"]
        entry["stories"].add(m["story_id"])
    keys = pa.Table.from_pylist([
        {"event_type": k[0], "actor_key": k[1], "recipient_key": k[2], "since": v["since"]} for k, v in scope.items()],
        schema=pa.schema([("event_type", pa.string()), ("actor_key", pa.string()), ("recipient_key", pa.string()),
                          ("since", pa.date32())]))
    stories = pa.table({"story_id": pa.array(sorted({s for v in scope.values() for s in v["stories"]}), pa.string())})
    con.register("_keys", keys)
    con.register("_stories", stories)
    try:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _affected AS
            SELECT e.id FROM events e JOIN _keys k USING (event_type, actor_key, recipient_key)
            WHERE e.last_date >= k.since - INTERVAL {dedup.WINDOW_DAYS} DAY
            UNION
            SELECT m.event_id FROM mentions m JOIN _keys k USING (event_type, actor_key, recipient_key)
            WHERE m.event_id IS NOT NULL AND m.story_id IN (SELECT story_id FROM _stories)""")
        rows = con.execute(
            "SELECT m.id, m.story_id, m.date, m.event_type, m.actor_key, m.recipient_key, m.cameo, m.mode, "
            "m.quad_class, m.goldstein, m.factuality, m.confidence, m.paragraph, m.article_id, m.outlet, m.url, "
            "m.coder_version, m.kb_version, m.location_source, m.location_country, m.date_precision, m.date_source, "
            "m.location_feature "
            "FROM mentions m JOIN _keys k USING (event_type, actor_key, recipient_key) "
            "WHERE m.event_id IS NULL OR m.event_id IN (SELECT id FROM _affected)"
        ).fetchall()
        old = dict(con.execute("SELECT id, date_added FROM events WHERE id IN (SELECT id FROM _affected)").fetchall())
        con.execute("DELETE FROM events WHERE id IN (SELECT id FROM _affected)")
        con.execute("DROP TABLE _affected")
    finally:
        con.unregister("_keys")
        con.unregister("_stories")
    groups: dict[tuple, list[tuple]] = {}
    for row in rows:
        groups.setdefault((row[3], row[4], row[5]), []).append(row)
    events, links = [], []
    for key, members in groups.items():
        by_id = {r[0]: r for r in members}
        rows_in = [dedup.MentionRow(r[0], r[1], r[2], dedup.place_country(r[18], r[19])) for r in members]
        for cluster in dedup.clusters(rows_in):
            eid = dedup.event_id(key, cluster)
            events.append(_event_row(eid, key, [by_id[m.id] for m in cluster], old.get(eid, now)))
            links += [{"mention_id": m.id, "event_id": eid, "event_key": search.key(eid)} for m in cluster]
    _first_actors(con, events)
    _locations(con, events)
    insert(con, "events", events)
    if links:
        con.register("_links", pa.Table.from_pylist(links, schema=pa.schema(
            [("mention_id", pa.string()), ("event_id", pa.string()), ("event_key", pa.uint64())])))
        try:
            con.execute("UPDATE mentions SET event_id = l.event_id, event_key = l.event_key FROM _links l "
                        "WHERE mentions.id = l.mention_id AND mentions.event_id IS DISTINCT FROM l.event_id")
        finally:
            con.unregister("_links")


PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # finer first; anything else after


def _event_row(eid: str, key: tuple, members: list[tuple], added: dt.datetime) -> dict:
    # the first mention is the most precisely dated one, the earliest among equals: a copy that says
    # "this week" (stored as its Monday) does not move an event that another dates to the day
    members = sorted(members, key=lambda r: (r[2] is None, PRECISION_RANK.get(r[20], 9), r[2] or dt.date.min, r[0]))
    first = members[0]
    cameo = dedup.most_common([r[6] for r in members])
    chosen = next(r for r in members if r[6] == cameo)
    factualities = [r[10] for r in members]
    dates = [r[2] for r in members if r[2] is not None]
    return {
        "id": eid, "event_key": search.key(eid), "event_type": key[0], "actor_key": key[1], "recipient_key": key[2],
        "cameo": cameo, "mode": chosen[7], "quad_class": chosen[8], "goldstein": chosen[9],
        "factuality": "asserted" if "asserted" in factualities else dedup.most_common(factualities),
        "is_root": any((r[12] or 0) <= 1 for r in members),
        "date": first[2], "last_date": max(dates) if dates else None,
        "num_mentions": len(members),
        "num_sources": len({r[14] or r[13] for r in members}),
        "num_articles": len({r[13] for r in members}),
        "num_stories": len({r[1] for r in members}),
        "confidence": max(r[11] for r in members),
        "first_mention_id": first[0], "source_url": first[15], "date_added": added,
        "coder_version": first[16], "kb_version": first[17],
        "date_precision": first[20], "date_source": first[21],
        "location_mention_id": _placing_mention(members),
    }


LOCATION_ORDER = ("clause", "sentence", "article")  # which mention gives a merged event its location
FEATURE_ORDER = ("city", "admin1", "area", "country")  # at the same level, the most specific place wins


def _placing_mention(members: list[tuple]) -> str | None:
    """The mention whose location the merged event takes (members in event order; see the module doc)."""
    best, best_rank = None, None
    for position, row in enumerate(members):
        if row[18] not in LOCATION_ORDER:
            continue
        feature = row[22] if row[22] in FEATURE_ORDER else None
        rank = (LOCATION_ORDER.index(row[18]), FEATURE_ORDER.index(feature) if feature else len(FEATURE_ORDER), position)
        if best_rank is None or rank < best_rank:
            best, best_rank = row[0], rank
    return best
EVENT_LOCATION_FIELDS = ("name", "country", "fips", "lat", "lon", "geonameid", "admin1", "feature", "source")


def _locations(con: duckdb.DuckDBPyConnection, events: list[dict]) -> None:
    """Fill each event's ``location_*`` columns from the mention chosen in :func:`_event_row`."""
    chosen = [e["location_mention_id"] for e in events if e["location_mention_id"]]
    found: dict[str, tuple] = {}
    if chosen:
        columns = ", ".join(f"location_{name}" for name in EVENT_LOCATION_FIELDS)
        con.register("_located", pa.table({"id": pa.array(chosen, pa.string())}))
        try:
            rows = con.execute(f"SELECT id, {columns} FROM mentions SEMI JOIN _located USING (id)").fetchall()
        finally:
            con.unregister("_located")
        found = {r[0]: r[1:] for r in rows}
    for event in events:
        values = found.get(event["location_mention_id"], (None,) * len(EVENT_LOCATION_FIELDS))
        for name, value in zip(EVENT_LOCATION_FIELDS, values):
            event[f"location_{name}"] = value


def _first_actors(con: duckdb.DuckDBPyConnection, events: list[dict]) -> None:
    """Fill the first actor and recipient of each event from its first mention."""
    if not events:
        return
    con.register("_firsts", pa.table({"mention_id": pa.array([e["first_mention_id"] for e in events], pa.string())}))
    try:
        rows = con.execute(
            "SELECT a.mention_id, a.role, a.country, a.sector, coalesce(a.name, a.text) FROM event_actors a "
            "SEMI JOIN _firsts f ON f.mention_id = a.mention_id WHERE a.position = 0").fetchall()
    finally:
        con.unregister("_firsts")
    firsts = {(r[0], r[1]): r[2:] for r in rows}
    for event in events:
        mid = event["first_mention_id"]
        for role in ("actor", "recipient"):
            country, sector, name = firsts.get((mid, role), (None, None, None))
            event[f"{role}_country"], event[f"{role}_sector"], event[f"{role}_name"] = country, sector, name
