"""Poll feeds on a schedule and ingest only what is new.

Each round reads the feed list again (so it can be edited while the watcher
runs), then for each feed due for a poll sends a conditional request with the
ETag and Last-Modified it saw last (``304 Not Modified`` costs nothing), skips
entries it has seen before, and ingests the rest. A feed that fails is retried
later and later (the poll interval doubled per failure, at most
:data:`MAX_BACKOFF`); the other feeds go on. State lives in the store's
``feeds`` and ``feed_items`` tables, so a restarted watcher carries on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import feedparser

from .corpus import IngestReport, ingest
from .errors import ConfigError, InputError, TidingsError
from .ingest import ReadOptions
from .ingest.feeds import article_from_entry
from .ingest.fetch import FetchError, fetch
from .pipeline import Coder
from .records import Article
from .store import Store, StoreError

MAX_BACKOFF = 6 * 3600.0
DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m', '30s', '1h', '900' → seconds."""
    match = DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every {text!r}: give a duration such as 30s, 15m or 1h")
    return float(match.group(1)) * UNITS[match.group(2)]


def read_feed_list(path: str) -> list[str]:
    """Feed URLs, one per line; blank lines and # comments are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the feed list ({exc.strerror or exc})") from None
    feeds = [line.split("#", 1)[0].strip() for line in lines]
    return [f for f in feeds if f]


@dataclass
class Round:
    """What one polling round did."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new_items: int = 0
    report: IngestReport = field(default_factory=IngestReport)


@dataclass
class Watcher:
    """Polls the feeds of a list into a store."""

    feeds_file: str
    store: Store
    coder: Coder
    every: float = 900.0
    options: ReadOptions = field(default_factory=ReadOptions)
    on_event: Callable[[str], None] = lambda message: None

    def run(self, rounds: int | None = None, sleep: Callable[[float], None] = time.sleep) -> list[Round]:
        """Poll round after round until stopped (Ctrl-C) or ``rounds`` are done."""
        done: list[Round] = []
        try:
            while rounds is None or len(done) < rounds:
                started = time.monotonic()
                done.append(self.poll_once())
                if rounds is None or len(done) < rounds:
                    sleep(max(0.0, self.every - (time.monotonic() - started)))
        except KeyboardInterrupt:
            self.on_event("stopped")
        return done

    def poll_once(self) -> Round:
        """Poll every feed that is due, once."""
        result = Round()
        now = _now()
        for url in read_feed_list(self.feeds_file):
            try:
                self.store.create()
                state = self._state(url)
            except StoreError as exc:  # the store is busy (an export, a notebook): try next round
                self.on_event(f"store busy, skipping this round: {exc}")
                break
            if not _due(state, now, self.every):
                continue
            result.polled += 1
            try:
                self._poll(url, state, result)
            except TidingsError as exc:
                result.failed += 1
                self.on_event(f"{url}: {exc}")
                self._try_record(url, state, str(exc))
        return result

    def _try_record(self, url: str, state: dict, error: str) -> None:
        try:
            self._record(url, state, ok=False, error=error)
        except StoreError as exc:
            self.on_event(f"could not record the failure of {url}: {exc}")

    def _poll(self, url: str, state: dict, result: Round) -> None:
        try:
            response = fetch(url, state.get("etag"), state.get("modified"), timeout=self.options.timeout)
        except FetchError as exc:
            result.failed += 1
            self._record(url, state, ok=False, error=str(exc))
            self.on_event(f"{url}: {exc.message}; retrying in {_backoff(self.every, state['failures'] + 1):.0f} s")
            ingest([exc], self.store, self.coder)  # logs the problem in the store
            return
        if response.status == 304:
            result.not_modified += 1
            self._record(url, state, ok=True)
            return
        parsed = feedparser.parse(io.BytesIO(response.body), response_headers={"content-location": response.url})
        if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
            problem = InputError(url, f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception') or 'no feed'})",
                                 hint="check the URL in the feed list")
            result.failed += 1
            ingest([problem], self.store, self.coder)
            self._record(url, state, ok=False, error=str(problem))  # keeps the old ETag: the next poll asks again
            self.on_event(str(problem))
            return
        pairs = self._new_items(url, parsed)
        result.new_items += len(pairs)
        report = ingest([item for _, item in pairs], self.store, self.coder)
        _merge(result.report, report)
        # an entry counts as seen only once it is stored; entries that failed are tried again next poll
        stored = [key for key, item in pairs if isinstance(item, Article)]
        self._record(url, state, ok=True, etag=response.etag, modified=response.last_modified, keys=stored)
        self.on_event(f"{url}: {len(pairs)} new entries, {report.coded} articles coded, {report.events} events")

    def _new_items(self, url: str, parsed) -> list[tuple[str, Article | InputError]]:
        with self.store.reader() as con:
            seen = {r[0] for r in con.execute("SELECT item_key FROM feed_items WHERE feed_url = ?", [url]).fetchall()}
        outlet = str(parsed.feed.get("title") or "") or None
        pairs: list[tuple[str, Article | InputError]] = []
        for number, entry in enumerate(parsed.entries, start=1):
            key = entry_key(entry)
            if key in seen or any(key == k for k, _ in pairs):
                continue
            pairs.append((key, article_from_entry(entry, f"{url}#entry-{number}", outlet, self.options)))
        return pairs

    def _state(self, url: str) -> dict:
        with self.store.reader() as con:
            row = con.execute("SELECT etag, modified, last_polled, failures FROM feeds WHERE url = ?", [url]).fetchone()
        if row is None:
            return {"etag": None, "modified": None, "last_polled": None, "failures": 0}
        return {"etag": row[0], "modified": row[1], "last_polled": row[2], "failures": row[3] or 0}

    def _record(self, url: str, state: dict, ok: bool, error: str | None = None, etag: str | None = None,
                modified: str | None = None, keys: Iterator[str] = ()) -> None:
        now = _now()
        failures = 0 if ok else state["failures"] + 1
        with self.store.writer() as con:
            con.execute(
                "INSERT INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = coalesce(excluded.etag, feeds.etag), modified = coalesce(excluded.modified, feeds.modified), "
                "last_polled = excluded.last_polled, last_ok = coalesce(excluded.last_ok, feeds.last_ok), "
                "failures = excluded.failures, last_error = excluded.last_error",
                [url, etag, modified, now, now if ok else None, failures, error])
            for key in keys:
                con.execute("INSERT OR IGNORE INTO feed_items VALUES (?, ?, ?)", [url, key, now])


def entry_key(entry) -> str:
    """What identifies a feed entry across polls: its id, else its link, else a hash of its text."""
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    text = f"{entry.get('title', '')}|{entry.get('summary', '')}"
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def _backoff(every: float, failures: int) -> float:
    return min(every * 2 ** min(failures, 30), max(MAX_BACKOFF, every)) if failures else every


def _due(state: dict, now: dt.datetime, every: float) -> bool:
    if state["last_polled"] is None:
        return True
    waited = (now - state["last_polled"]).total_seconds()
    return waited >= _backoff(every, state["failures"]) - every / 2  # rounds start every `every` seconds


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _merge(total: IngestReport, part: IngestReport) -> None:
    for name in ("read", "coded", "events", "duplicates", "near_duplicates"):
        setattr(total, name, getattr(total, name) + getattr(part, name))
    total.skipped.update(part.skipped)
    total.problems += part.problems
