"""Hand-built coded articles whose events carry dates and locations (schema 3 fixtures).

They go through the store as coded articles (``ingest(..., coder=None)``), so the store,
export and web tests do not depend on the time and place stages of the coder.
"""

from __future__ import annotations

from tidings.records import Actor, Article, Event, EventDate, Place, Sentence, Span, TimeMention

CODER = "tidings-test+located"
KB = "kb-test"

# name, country, fips, admin1, lat, lon, geonameid, feature
GAZETTEER = {
    "Hanoi": ("Hanoi", "VNM", "VM", "44", 21.0245, 105.84117, 1581130, "city"),
    "Beijing": ("Beijing", "CHN", "CH", "22", 39.9075, 116.39723, 1816670, "city"),
    "Kharkiv": ("Kharkiv", "UKR", "UP", "07", 49.98081, 36.25272, 706483, "city"),
    "Vietnam": ("Vietnam", "VNM", "VM", None, 16.16667, 107.83333, 1562822, "country"),
    "Texas": ("Texas", "USA", "US", "TX", 31.25044, -99.25061, 4736286, "admin1"),
}
TIME_VALUES = {"on Wednesday": ("2019-02-27", "day"), "on Friday": ("2022-03-04", "day"),
               "last week": ("2019-W08", "week"), "in March": ("2021-03", "month")}


def place(text: str, word: str, source: str | None = None, confidence: float = 0.9) -> Place:
    """The toponym ``word`` (its first occurrence in ``text``), resolved through GAZETTEER."""
    start = text.index(word)
    name, country, fips, admin1, lat, lon, gid, feature = GAZETTEER[word]
    return Place(word, start, start + len(word), name, country, fips, admin1, lat, lon, gid, feature, confidence,
                 source)


def article(aid: str, headline: str, sentence: str, *, actor: tuple[str, str, str], recipient: tuple[str, str, str],
            trigger: str = "met", event_type: str = "CONSULT", cameo: str = "040", quad_class: int = 1,
            goldstein: float = 1.0, date: str | None = "2019-02-27", when: str | None = None,
            where: str | None = None, where_source: str = "clause", date_source: str = "input",
            url: str | None = None, outlet: str | None = None) -> Article:
    """One coded article: a headline and one sentence holding one event.

    ``when`` is a time expression in the sentence that dates the event (else the publication
    date does); ``where`` a toponym in the text that locates it, with ``where_source``.
    """
    text = f"{headline}\n\n{sentence}"
    base = len(headline) + 2
    sentences = [Sentence(0, headline, 0, len(headline), 0), Sentence(1, sentence, base, len(text), 1)]

    def span_of(words: str) -> tuple[int, int]:
        start = base + sentence.index(words)
        return start, start + len(words)

    def who(spec: tuple[str, str, str]) -> Actor:
        words, country, sector = spec
        start, end = span_of(words)
        return Actor(words, start, end, country, sector, words)

    places = [place(text, w) for w in GAZETTEER if w in text]
    times = []
    if when:
        start, end = span_of(when)
        value, precision = TIME_VALUES[when]
        times.append(TimeMention(when, start, end, "DATE", value, precision))
        event_date = EventDate(value, precision, "expression", start, end)
    else:
        event_date = EventDate(date, "day" if date else "unknown", "publication" if date else "unknown")
    location = None
    if where:
        located = place(text, where, where_source)
        if where_source != "article":  # the toponym in the event's own sentence
            start, end = span_of(where)
            located.start, located.end = start, end
        location = located
    t_start, t_end = span_of(trigger)
    event = Event(aid, event_type, None, cameo, quad_class, goldstein, [who(actor)], [who(recipient)],
                  Span(trigger, t_start, t_end), sentences[1], date=event_date, location=location,
                  confidence=0.9, coder_version=CODER, kb_version=KB)
    return Article(text, id=aid, title=headline, date=date, url=url, outlet=outlet, sentences=sentences,
                   events=[event], times=times, places=places, date_source=date_source if date else None,
                   coder_version=CODER, kb_version=KB)


TRUMP = ("U.S. President Donald Trump", "USA", "GOV")
KIM = ("North Korean leader Kim Jong Un", "PRK", "GOV")


def located_articles() -> list[Article]:
    """A small corpus: one summit reported twice in Hanoi, a same-day meeting placed in Beijing, an
    event placed by its sentence, one placed only by the article, and one with no place at all."""
    return [
        article("loc-hanoi-1", "Second summit opens in Hanoi",
                "U.S. President Donald Trump met North Korean leader Kim Jong Un in Hanoi on Wednesday, "
                "officials said.", actor=TRUMP, recipient=KIM, when="on Wednesday", where="Hanoi",
                url="https://a.example/hanoi", outlet="Alpha News"),
        article("loc-hanoi-2", "Handshake at the Metropole",
                "Cameras watched as U.S. President Donald Trump met North Korean leader Kim Jong Un at a hotel "
                "in Hanoi, the capital of Vietnam.", actor=TRUMP, recipient=KIM, where="Hanoi",
                url="https://b.example/metropole", outlet="Beta Wire"),
        article("loc-beijing-1", "Surprise talks reported",
                "A state broadcaster claimed U.S. President Donald Trump met North Korean leader Kim Jong Un in "
                "Beijing, without giving details.", actor=TRUMP, recipient=KIM, where="Beijing",
                url="https://c.example/beijing", outlet="Gamma Daily"),
        article("loc-kharkiv-1", "Shelling in the east",
                "In Kharkiv, Russian forces shelled Ukrainian positions on Friday, the governor said.",
                actor=("Russian forces", "RUS", "MIL"), recipient=("Ukrainian positions", "UKR", "MIL"),
                trigger="shelled", event_type="ASSAULT", cameo="195", quad_class=4, goldstein=-10.0,
                date="2022-03-04", when="on Friday", where="Kharkiv", where_source="sentence",
                url="https://a.example/kharkiv", outlet="Alpha News"),
        article("loc-texas-1", "Texas flooding: aid arrives",
                "Mexico sent rescue teams to the United States after the floods.",
                actor=("Mexico", "MEX", "GOV"), recipient=("the United States", "USA", "GOV"), trigger="sent",
                event_type="AID", cameo="070", quad_class=2, goldstein=7.0, date="2021-06-02", where="Texas",
                where_source="article", url="https://b.example/texas", outlet="Beta Wire"),
        article("loc-none-1", "Aid for Turkey", "Japan sent emergency aid to Turkey after the earthquake.",
                actor=("Japan", "JPN", "GOV"), recipient=("Turkey", "TUR", "GOV"), trigger="sent",
                event_type="AID", cameo="070", quad_class=2, goldstein=7.0, date="2023-02-13", date_source="html",
                url="https://c.example/turkey", outlet="Gamma Daily"),
    ]
