"""Dedup at two levels: near-duplicate articles, and the same event across articles.

**Stories.** Wire copies and syndicated rewrites of one article share most of their
word 3-grams. Each article gets a MinHash signature (datasketch) of those 3-grams,
split into LSH bands; the store keeps the band keys in a table, so finding the
candidate copies of a new article is one join, however large the store. A
candidate whose estimated Jaccard similarity reaches :data:`STORY_SIMILARITY`
joins that article's story.

An article joins the story of its most similar earlier copy, so story links
follow arrival order (re-running the same input gives the same links).

**Events.** Mentions with the same event type, actor codes and recipient codes
are the same event when they come from one story, or when their dates lie within
:data:`WINDOW_DAYS` of the first report. When a batch adds mentions, the events
they can touch (those of their stories, and those reaching into the window of the
new dates) are rebuilt from their mentions.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date as Date
from typing import Iterable

import numpy as np
from datasketch import MinHash

from .records import Actor

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.5 meet in a band 87 % of the time, at 0.6 in 99 %
ROWS = NUM_PERM // BANDS
STORY_SIMILARITY = 0.45
SHINGLE = 3
WINDOW_DAYS = 1
WORD = re.compile(r"\w+", re.UNICODE)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of the text's word 3-grams."""
    words = WORD.findall(text.lower())
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return minhash.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 64-bit key per LSH band."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS:(band + 1) * ROWS].tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little"))
    return keys


def similarity(a: Iterable[int], b: Iterable[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    x, y = np.asarray(list(a), dtype=np.uint32), np.asarray(list(b), dtype=np.uint32)
    return float(np.mean(x == y))


def actor_key(actors: list[Actor]) -> str:
    """Codes of a list of actors, order-free: ``CHNGOV;PRKGOV``; unknown actors by name."""
    codes = set()
    for actor in actors:
        if actor.country:
            codes.add(f"{actor.country}{actor.sector or ''}")
        else:
            codes.add("~" + (actor.name or actor.text).lower())
    return ";".join(sorted(codes))


@dataclass
class MentionRow:
    """What coreference needs to know about one mention."""

    id: str
    story_id: str
    date: Date | None


def clusters(mentions: list[MentionRow], window_days: int = WINDOW_DAYS) -> list[list[MentionRow]]:
    """Group the mentions of one event key into events.

    Mentions from one story always go together; story groups join the open event
    while their first date is within ``window_days`` of the event's first date.
    Undated story groups stay events of their own.
    """
    by_story: dict[str, list[MentionRow]] = {}
    for mention in mentions:
        by_story.setdefault(mention.story_id, []).append(mention)
    units = sorted(by_story.values(), key=_unit_order)
    events: list[list[MentionRow]] = []
    start: Date | None = None
    for unit in units:
        first = _first_date(unit)
        if first is not None and start is not None and (first - start).days <= window_days:
            events[-1].extend(unit)
            continue
        events.append(list(unit))
        start = first
    return events


def _first_date(unit: list[MentionRow]) -> Date | None:
    dates = [m.date for m in unit if m.date is not None]
    return min(dates) if dates else None


def _unit_order(unit: list[MentionRow]) -> tuple:
    first = _first_date(unit)
    return (first is None, first or Date.min, min(m.id for m in unit))


def event_id(key: tuple[str, str, str], members: list[MentionRow]) -> str:
    """Stable id of an event: its key and its earliest mention."""
    first = min(members, key=lambda m: (m.date is None, m.date or Date.min, m.id))
    return hashlib.sha1("|".join([*key, first.id]).encode()).hexdigest()[:16]


def most_common(values: list, default=None):
    """The most frequent value, ties broken by first appearance."""
    values = [v for v in values if v is not None]
    if not values:
        return default
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)
