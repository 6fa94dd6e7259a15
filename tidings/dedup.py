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
:data:`WINDOW_DAYS` of the first report, unless the text places them in different
countries: two mentions whose locations come from their own clause or sentence
(:data:`PLACE_SOURCES`) and name different countries are never one event ("talks in
Hanoi" and "talks in Beijing" on the same day are two meetings). A location that only
falls back to the article's main place does not split events: rewrites of one report
often differ in the places they mention most. When a batch adds mentions, the events
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
PLACE_SOURCES = ("clause", "sentence")  # locations the text gives for the event's own sentence


_EMPTY = MinHash(num_perm=NUM_PERM, seed=1)


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32 values) of the text's word 3-grams."""
    words = WORD.findall(text.lower())
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = _EMPTY.copy()  # shares the permutations: drawing them anew was half the cost of a signature
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
    country: str | None = None  # where the text places it (ISO3), from :func:`place_country`


def place_country(source: str | None, country: str | None) -> str | None:
    """The location country that keeps mentions apart: only one the sentence itself gives."""
    return country if source in PLACE_SOURCES else None


def clusters(mentions: list[MentionRow], window_days: int = WINDOW_DAYS) -> list[list[MentionRow]]:
    """Group the mentions of one event key into events.

    Mentions from one story go together, except that mentions placed in different
    countries are split (a mention with no country joins its story's most common
    country). Story groups then join the latest event whose first date is within
    ``window_days`` of theirs and whose country does not differ from theirs.
    Undated story groups stay events of their own.
    """
    by_story: dict[str, list[MentionRow]] = {}
    for mention in mentions:
        by_story.setdefault(mention.story_id, []).append(mention)
    units = sorted((u for story in by_story.values() for u in _split_by_country(story)), key=_unit_order)
    events: list[list[MentionRow]] = []
    starts: list[Date | None] = []
    countries: list[str | None] = []
    for unit in units:
        first, country = _first_date(unit), _country(unit)
        target = None
        if first is not None:
            for i in range(len(events) - 1, -1, -1):
                if starts[i] is None or (first - starts[i]).days > window_days:
                    break  # events are in date order: earlier ones are farther still
                if country is None or countries[i] is None or countries[i] == country:
                    target = i
                    break
        if target is None:
            events.append(list(unit))
            starts.append(first)
            countries.append(country)
        else:
            events[target].extend(unit)
            countries[target] = countries[target] or country
    return events


def _split_by_country(story: list[MentionRow]) -> list[list[MentionRow]]:
    """One story's mentions, one group per location country; mentions with none join the most common one."""
    ordered = sorted(story, key=lambda m: (m.date is None, m.date or Date.min, m.id))
    main = most_common([m.country for m in ordered])
    groups: dict[str | None, list[MentionRow]] = {}
    for mention in ordered:
        groups.setdefault(mention.country or main, []).append(mention)
    return list(groups.values())


def _country(unit: list[MentionRow]) -> str | None:
    return next((m.country for m in unit if m.country), None)


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
