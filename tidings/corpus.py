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
import hashlib
import json
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from . import dedup, search
from .errors import InputError, TidingsError
from .outlets import GENERIC
from .pipeline import Coder
from .records import Article, Attribution, Event, Place, Quote
from .store import Store, insert

BATCH_SIZE = 32
GENERIC_OUTLETS = {name for name, _ in GENERIC.values()}  # "state media", "local media" …


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
    items: Iterable[Article | InputError],
    store: Store,
    coder: Coder | None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    on_problem: Callable[[InputError], None] | None = None,
) -> IngestReport:
    """Code and store every new article in ``items``; return what happened.

    ``coder=None`` when the articles arrive coded (the Dask engine's shards): they are
    checked against the store and written, in one transaction per batch. With a coder, the
    store is written on a second thread. The store stays open for writing throughout
    (:meth:`Store.holding`): other processes get turns between batches, but nothing in this
    process (``items``, ``progress``, ``on_problem``) may open it read-only meanwhile.
    """
    with store.holding():
        return _ingest(items, store, coder, batch_size, progress, on_problem)


def _ingest(items: Iterable[Article | InputError], store: Store, coder: Coder | None, batch_size: int,
            progress: Progress | None, on_problem: Callable[[InputError], None] | None) -> IngestReport:
    store.create()
    report = IngestReport()
    batch: list[Article] = []
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


def _write_new(store: Store, fresh: list[Article], problems: list[InputError], dropped: Counter, done: int,
               precoded: bool) -> _Written:
    """Write one batch in one transaction (on the store thread)."""
    with store.writer() as con:
        fresh, late = _new_articles(con, fresh)  # another writer may have stored some meanwhile
        if precoded:
            _check_coded(fresh)
        near = write_batch(con, fresh, problems)
        search.keep_sorted(con)  # seldom does anything (a cheap check); rewrites the word index in order
    return _Written(len(fresh), sum(len(a.events) for a in fresh), near, dropped + late, done)


def _check_coded(articles: list[Article]) -> None:
    uncoded = [a.id for a in articles if not a.coder_version]  # coding stamps every article with its version
    if uncoded:
        raise TidingsError(f"articles {', '.join(uncoded[:3])} arrived uncoded; nothing of this batch was stored")


def _new_articles(con: duckdb.DuckDBPyConnection, batch: list[Article]) -> tuple[list[Article], Counter]:
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


def write_batch(con: duckdb.DuckDBPyConnection, articles: list[Article], problems: list[InputError]) -> int:
    """Write coded articles and problems inside the caller's transaction; return near-duplicates found."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for article in articles:
        article.events = list({e.id: e for e in article.events}.values())
    stories, near = _assign_stories(con, articles)
    insert(con, "articles", [_article_row(a, stories[a.id], now) for a in articles])
    insert(con, "sentences", [
        {"article_id": a.id, "sentence": s.index, "paragraph": s.paragraph, "char_start": s.start,
         "char_end": s.end, "text": s.text} for a in articles for s in a.sentences])
    mentions, actors = [], []
    for article in articles:
        for event in article.events:
            mentions.append(_mention_row(article, event, stories[article.id]))
            for role, group in (("actor", event.actor), ("recipient", event.recipient)):
                actors += [_actor_row(event.id, role, i, a) for i, a in enumerate(group)]
    insert(con, "mentions", mentions)
    reporting = {(a.id, e.sentence.index) for a in articles for e in a.events}
    search.index_sentences(con, [(search.sentence_key(a.id, s.index), s.text) for a in articles
                                 for s in a.sentences if (a.id, s.index) in reporting])
    insert(con, "event_actors", actors)
    insert(con, "actor_mentions", [
        {"article_id": a.id, "sentence": m.sentence, "text": m.actor.text, "char_start": m.actor.start,
         "char_end": m.actor.end, "country": m.actor.country, "sector": m.actor.sector, "name": m.actor.name,
         "kb_id": m.actor.kb_id} for a in articles for m in a.mentions])
    quotes: dict[str, dict] = {}  # by id: two quotes of one article with the same offsets are one row
    for article in articles:
        for quote in article.quotes:
            row = _quote_row(article, quote)
            quotes[row["id"]] = row
    insert(con, "quotes", list(quotes.values()))
    insert(con, "places", [_place_row(a.id, p) for a in articles for p in a.places])
    insert(con, "times", [
        {"article_id": a.id, "text": t.text, "char_start": t.start, "char_end": t.end, "type": t.type,
         "value": t.value, "precision": t.precision} for a in articles for t in a.times])
    for problem in problems:
        con.execute("INSERT OR IGNORE INTO problems VALUES (?, ?, ?, ?)",
                    [problem.source, problem.line or 0, str(problem), now])
    corefer(con, mentions, now)
    return near


def _article_row(article: Article, story_id: str, now: dt.datetime) -> dict:
    return {
        "id": article.id, "story_id": story_id, "title": article.title, "date": _date(article.date),
        "url": article.url, "outlet": article.outlet, "source": article.source, "text": article.text,
        "n_sentences": len(article.sentences), "n_events": len(article.events), "warnings": article.warnings,
        "coder_version": article.coder_version, "kb_version": article.kb_version, "added_at": now,
        "date_source": article.date_source,
    }


def _place_row(article_id: str, place: Place) -> dict:
    return {"article_id": article_id, "text": place.text, "char_start": place.start, "char_end": place.end,
            "name": place.name, "country": place.country, "fips": place.fips, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid, "feature": place.feature,
            "confidence": place.confidence}


def _mention_row(article: Article, event: Event, story_id: str) -> dict:
    date = event.date
    cue = event.factuality_cue
    return {
        "id": event.id, "event_id": None, "article_id": article.id, "story_id": story_id,
        "sentence": event.sentence.index, "paragraph": event.sentence.paragraph,
        "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
        "event_type": event.event_type, "mode": event.mode, "cameo": event.cameo, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "factuality": event.factuality, "confidence": event.confidence,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "date": _date(date.value if date else None), "date_precision": date.precision if date else "unknown",
        "date_source": date.source if date else "unknown",
        "actor_key": dedup.actor_key(event.actor), "recipient_key": dedup.actor_key(event.recipient),
        "outlet": article.outlet or _host(article.url), "url": article.url or article.source,
        "coder_version": event.coder_version, "kb_version": event.kb_version,
        "factuality_cue": cue.text if cue else None, "factuality_cue_start": cue.start if cue else None,
        "factuality_cue_end": cue.end if cue else None,
        "attribution": json.dumps([a.to_dict() for a in event.attribution], ensure_ascii=False),
        "attributed_to": attributed_to(event.attribution),
        "date_value": date.value if date else None,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        **_location_columns(event.location),
        "sentence_key": search.sentence_key(article.id, event.sentence.index),
        "event_key": None,  # set with event_id, when the mention is merged into an event (corefer)
    }


LOCATION_FIELDS = ("text", "start", "end", "name", "country", "fips", "admin1", "lat", "lon", "geonameid", "feature",
                   "confidence", "source")


def _location_columns(place: Place | None) -> dict:
    """The ``location_*`` columns of a mention row."""
    return {f"location_{name}": getattr(place, name) if place is not None else None for name in LOCATION_FIELDS}


def attributed_to(chain: list[Attribution]) -> str | None:
    """Whom the article credits with the claim: the farthest named outlet that relayed it (a generic one such
    as "state media" only when no outlet is named), else the nearest speaker."""
    outlets = [a for a in chain if a.role == "outlet"]
    named = [a for a in outlets if (a.name or a.text) not in GENERIC_OUTLETS]
    if named or outlets:
        link = (named or outlets)[-1]
    elif chain:
        link = chain[0]
    else:
        return None
    return link.name or link.text


def quote_id(article_id: str, start: int, end: int) -> str:
    """A content hash of the article and the quote's offsets."""
    return hashlib.sha1(f"{article_id}|quote|{start}|{end}".encode()).hexdigest()[:16]


def _quote_row(article: Article, quote: Quote) -> dict:
    cue, speaker = quote.cue, quote.speaker
    return {
        "id": quote_id(article.id, quote.start, quote.end), "article_id": article.id, "sentence": quote.sentence,
        "kind": quote.kind, "text": quote.text, "char_start": quote.start, "char_end": quote.end,
        "cue": cue.text if cue else None, "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
        "speaker_text": speaker.text if speaker else None, "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None, "speaker_country": speaker.country if speaker else None,
        "speaker_sector": speaker.sector if speaker else None, "speaker_name": speaker.name if speaker else None,
        "speaker_kb_id": speaker.kb_id if speaker else None,
        "outlets": [o.name for o in quote.outlets], "outlet_countries": [o.country for o in quote.outlets],
        "outlets_json": json.dumps([o.to_dict() for o in quote.outlets], ensure_ascii=False),
    }


def _actor_row(mention_id: str, role: str, position: int, actor) -> dict:
    return {"mention_id": mention_id, "role": role, "position": position, "text": actor.text,
            "char_start": actor.start, "char_end": actor.end, "country": actor.country, "sector": actor.sector,
            "name": actor.name, "kb_id": actor.kb_id}


def _assign_stories(con: duckdb.DuckDBPyConnection, articles: list[Article]) -> tuple[dict[str, str], int]:
    """Link each article to the story of its most similar stored (or earlier) copy.

    One query finds the stored copies of the whole batch; copies within the batch are
    found in memory, in order, so an article can join the story of an earlier one.
    """
    signatures = [dedup.signature(a.text) for a in articles]
    keys = [dedup.band_keys(sig) for sig in signatures]
    stored = _stored_candidates(con, keys)
    earlier: dict[tuple[int, int], list[int]] = {}  # (band, key) -> positions in the batch
    stories: dict[str, str] = {}
    near = 0
    for i, article in enumerate(articles):
        mates = sorted({j for band, key in enumerate(keys[i]) for j in earlier.get((band, key), ())})
        rows = stored.get(i, []) + [(articles[j].id, signatures[j], stories[articles[j].id]) for j in mates]
        best = _best_story(article.id, signatures[i], rows)
        stories[article.id] = best or article.id
        near += best is not None
        for band, key in enumerate(keys[i]):
            earlier.setdefault((band, key), []).append(i)
    insert(con, "signatures", [{"article_id": a.id, "minhash": sig.tolist()} for a, sig in zip(articles, signatures)])
    insert(con, "bands", [{"band": band, "key": key, "article_id": a.id}
                          for a, article_keys in zip(articles, keys) for band, key in enumerate(article_keys)])
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


def _date(value: str | None) -> dt.date | None:
    """The first day a date value names: ``2019-01-07``, ``2019-01-07T10:00``, ``2019-W02`` (its Monday),
    ``2019-01``, ``2019``, ``2019-Q3``; ``None`` for what names no calendar day (``XXXX-XX-XX``,
    ``PRESENT_REF``, ``P4D``, an impossible date). The precision is kept beside it."""
    return timex_day(value)


def timex_day(value: str | None) -> dt.date | None:
    """See :func:`_date`."""
    if not value:
        return None
    text = value.strip()
    if len(text) == 8 and text.isdigit():  # 20190107
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        if len(text) >= 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text[:10])
        year = int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None
        if year is None or year < 1:
            return None
        rest = text[4:]
        if not rest:
            return dt.date(year, 1, 1)
        if rest[:2] == "-W" and rest[2:4].isdigit():
            return dt.date.fromisocalendar(year, int(rest[2:4]), 1)
        if rest[:2] == "-Q" and rest[2:3] in "1234" and rest[2:3]:
            return dt.date(year, 3 * int(rest[2]) - 2, 1)
        if rest[:1] == "-" and rest[1:3].isdigit():
            return dt.date(year, int(rest[1:3]), 1)
        return dt.date(year, 1, 1)  # a season, a half year …: the year is what is known
    except ValueError:
        return None


def _host(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
