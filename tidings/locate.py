"""Anchor each event in time and place: the date and location that govern its clause.

A time expression or a toponym belongs to an event when, walking up the parse from the
expression, the first verb reached is the event's trigger (or the verb a noun trigger
hangs from): "met *on Monday*", "*On Monday*, X met Y", "talks *in Beijing*", "clashes
*near Kharkiv*". Otherwise the event falls back to what the sentence is about (the first
place named in the sentence) and then to the article (its most named place), and the
date falls back to the publication date. Each result says where it came from.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from spacy.tokens import Token

from .records import EventDate, Place, TimeMention

DATED_TYPES = {"DATE", "TIME"}
CLIMB = 5


def _root(token_doc, start: int, end: int) -> Token | None:
    span = token_doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _anchors(trigger: Token) -> set[int]:
    """The trigger, and the verb a noun trigger hangs from ("held talks", "talks were held")."""
    anchors = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        anchors.add(trigger.head.i)
    return anchors


def governs(trigger: Token, root: Token) -> bool:
    """Is the phrase headed by ``root`` attached to the trigger's own clause?"""
    anchors = _anchors(trigger)
    node = root
    for _ in range(CLIMB):
        if node.i in anchors:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in anchors:
            return True
        if node.pos_ in ("VERB", "AUX") or node.dep_ in ("relcl", "acl", "ccomp", "advcl"):
            return False
    return False


def event_date(trigger: Token, block_start: int, times: list[TimeMention], article_date: str | None,
               article_year: str | None = None) -> tuple[EventDate, TimeMention | None]:
    """The event's date and the time expression it came from (None for the publication date).

    ``article_year`` is a publication year known only from the text ("Copyright 2019"), used
    at year precision when there is no publication date.
    """
    doc = trigger.doc
    sent = trigger.sent
    lo, hi = block_start + sent.start_char, block_start + sent.end_char
    for time in times:
        if not (lo <= time.start < hi) or time.type not in DATED_TYPES or not _concrete(time.value):
            continue
        root = _root(doc, time.start - block_start, time.end - block_start)
        if root is not None and governs(trigger, root):
            return EventDate(time.value, time.precision, "expression", time.start, time.end), time
    if article_date:
        return EventDate(article_date, "day", "publication"), None
    if article_year:
        return EventDate(article_year, "year", "publication"), None
    return EventDate(None), None


COPYRIGHT = re.compile(r"(?:Copyright|©|\(c\))\s*(?:©\s*)?((?:19|20)\d\d)\b")


def year_from_text(text: str) -> str | None:
    """A publication year from a clue in the text ("Copyright 2019", "© 2021"), the latest one."""
    years = COPYRIGHT.findall(text)
    return max(years) if years else None


SPECIFIC = {"city": 0, "admin2": 1, "admin1": 2, "area": 2, "country": 3}


def _rank(trigger: Token, root: Token, place: Place) -> tuple[int, int, int]:
    """Prefer a place in a phrase on the verb itself ("captured off Mogadishu") over one inside its
    subject or object ("a ship bound for Kenya"), then the most specific, then the nearest."""
    on_verb = root.head.dep_ == "prep" and root.head.head.i in _anchors(trigger) or root.head.i in _anchors(trigger)
    return (0 if on_verb else 1, SPECIFIC.get(place.feature or "", 1), abs(root.i - trigger.i))


def _concrete(value: str | None) -> bool:
    """A value that names a calendar date, week, month or year (not PRESENT_REF, not XXXX)."""
    return bool(value) and value[:1].isdigit() and "X" not in value[:4]


def event_location(trigger: Token, block_start: int, places: list[Place], article_place: Place | None
                   ) -> Place | None:
    """The place the event's clause names, else the sentence's first place, else the article's."""
    doc = trigger.doc
    sent = trigger.sent
    lo, hi = block_start + sent.start_char, block_start + sent.end_char
    in_sentence = [p for p in places if lo <= p.start < hi and not p.guessed]
    attached = []
    for place in in_sentence:
        root = _root(doc, place.start - block_start, place.end - block_start)
        if root is not None and governs(trigger, root):
            attached.append((_rank(trigger, root, place), place))
    if attached:  # the most specific place the verb itself takes: "shelled villages near Aleppo in Syria" → Aleppo
        return dataclasses.replace(min(attached, key=lambda pair: pair[0])[1], source="clause")
    if in_sentence:
        return dataclasses.replace(in_sentence[0], source="sentence")
    if article_place is not None:
        return dataclasses.replace(article_place, source="article")
    return None


def article_place(places: list[Place]) -> Place | None:
    """The place the article is about: its most often named place (the earliest on a tie); guesses
    for names the gazetteer does not know do not count."""
    places = [p for p in places if not p.guessed]
    if not places:
        return None
    counts = Counter((p.geonameid, p.name) for p in places)
    best = max(counts.values())
    return next(p for p in places if counts[(p.geonameid, p.name)] == best)
