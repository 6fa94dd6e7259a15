"""A coded article as the store takes it: its rows, table by table, and its MinHash signature.

:func:`store_rows` does everything that storing an article needs and that depends on the
article alone, so it can run wherever the article was coded: on a Dask worker, which ships
the result to the driver in its shard, or on the local engine's store thread. What depends
on the store (the story an article joins, the merged events) is left to
:func:`tidings.corpus.write_batch`: the rows carry ``story_id = None`` until then, and the
article row no ``added_at``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np

from . import dedup, search
from .outlets import GENERIC
from .records import Article, Attribution, Event, Place, Quote

GENERIC_OUTLETS = {name for name, _ in GENERIC.values()}  # "state media", "local media" …
TABLES = ("articles", "sentences", "mentions", "event_actors", "actor_mentions", "quotes", "places", "times")


@dataclass
class StoreRows:
    """One coded article, ready to store.

    ``tables`` maps each table of :data:`TABLES` to the article's rows (dicts keyed by column);
    ``index`` holds the ``(sentence_key, text)`` pairs of its sentences that report events, for
    the word index; ``signature`` and ``bands`` are its MinHash signature and LSH band keys.
    """

    id: str
    url: str | None
    coder_version: str
    events: int
    signature: np.ndarray
    bands: list[int]
    tables: dict[str, list[dict]] = field(default_factory=dict)
    index: list[tuple[int, str]] = field(default_factory=list)


def store_rows(article: Article) -> StoreRows:
    """The rows of a coded article (the same event found twice in it is one mention row)."""
    events = list({e.id: e for e in article.events}.values())
    quotes = {}  # by id: two quotes of one article with the same offsets are one row
    for quote in article.quotes:
        row = _quote_row(article, quote)
        quotes[row["id"]] = row
    reporting = sorted({e.sentence.index for e in events})
    texts = {s.index: s.text for s in article.sentences}
    signature = dedup.signature(article.text)
    tables = {
        "articles": [_article_row(article, len(events))],
        "sentences": [{"article_id": article.id, "sentence": s.index, "paragraph": s.paragraph, "char_start": s.start,
                       "char_end": s.end, "text": s.text} for s in article.sentences],
        "mentions": [_mention_row(article, event) for event in events],
        "event_actors": [_actor_row(event.id, role, i, actor) for event in events
                         for role, group in (("actor", event.actor), ("recipient", event.recipient))
                         for i, actor in enumerate(group)],
        "actor_mentions": [
            {"article_id": article.id, "sentence": m.sentence, "text": m.actor.text, "char_start": m.actor.start,
             "char_end": m.actor.end, "country": m.actor.country, "sector": m.actor.sector, "name": m.actor.name,
             "kb_id": m.actor.kb_id} for m in article.mentions],
        "quotes": list(quotes.values()),
        "places": [_place_row(article.id, p) for p in article.places if not p.guessed],
        "times": [{"article_id": article.id, "text": t.text, "char_start": t.start, "char_end": t.end, "type": t.type,
                   "value": t.value, "precision": t.precision} for t in article.times],
    }
    index = [(search.sentence_key(article.id, i), texts[i]) for i in reporting if i in texts]
    return StoreRows(article.id, article.url, article.coder_version, len(events), signature,
                     dedup.band_keys(signature), tables, index)


def _article_row(article: Article, events: int) -> dict:
    return {
        "id": article.id, "story_id": None, "title": article.title, "date": timex_day(article.date),
        "url": article.url, "outlet": article.outlet, "source": article.source, "text": article.text,
        "n_sentences": len(article.sentences), "n_events": events, "warnings": article.warnings,
        "coder_version": article.coder_version, "kb_version": article.kb_version, "added_at": None,
        "date_source": article.date_source,
    }


def _place_row(article_id: str, place: Place) -> dict:
    return {"article_id": article_id, "text": place.text, "char_start": place.start, "char_end": place.end,
            "name": place.name, "country": place.country, "fips": place.fips, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "geonameid": place.geonameid, "feature": place.feature,
            "confidence": place.confidence}


def _mention_row(article: Article, event: Event) -> dict:
    date = event.date
    cue = event.factuality_cue
    return {
        "id": event.id, "event_id": None, "article_id": article.id, "story_id": None,
        "sentence": event.sentence.index, "paragraph": event.sentence.paragraph,
        "sentence_start": event.sentence.start, "sentence_end": event.sentence.end,
        "event_type": event.event_type, "mode": event.mode, "cameo": event.cameo, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "factuality": event.factuality, "confidence": event.confidence,
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "date": timex_day(date.value if date else None), "date_precision": date.precision if date else "unknown",
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


def timex_day(value: str | None) -> dt.date | None:
    """The first day a date value names: ``2019-01-07``, ``2019-01-07T10:00``, ``2019-W02`` (its Monday),
    ``2019-01``, ``2019``, ``2019-Q3``; ``None`` for what names no calendar day (``XXXX-XX-XX``,
    ``PRESENT_REF``, ``P4D``, an impossible date). The precision is kept beside it."""
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
