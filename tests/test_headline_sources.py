"""Headlines that name their source: "Zelensky: Russia attacked …", "… - UN", "…: Pentagon".

Headlines written for these tests. The source becomes the speaker of a quote holding the claim,
so the claim's events are attributed to it, and it is no party to them.
"""

from __future__ import annotations

import pytest

import tidings
from tidings.headlines import told_by


@pytest.mark.parametrize("line, source, claim", [
    ("Zelensky: Russia attacked civilians in Kharkiv", "Zelensky", "Russia attacked civilians in Kharkiv"),
    ("Militants killed dozens of villagers in central Mali - UN", "UN", "Militants killed dozens of villagers in central Mali"),
    ("Houthis fire missiles at US warship: Pentagon", "Pentagon", "Houthis fire missiles at US warship"),
    ("Israeli strike kills 12 in Gaza school – health ministry", "health ministry", "Israeli strike kills 12 in Gaza school"),
])
def test_where_a_headline_may_name_its_source(line, source, claim):
    assert (source, claim) in [(line[slice(*t.source)], line[slice(*t.claim)]) for t in told_by(line)]


@pytest.mark.parametrize("line", ["Russia launches drone attack on Kyiv", "Ceasefire: talks", "Kyiv - 40 drones hit the city overnight"])
def test_no_source_is_seen_where_there_is_none(line):
    assert told_by(line) == []  # no mark; a claim of two words; a "source" of six words


def _told(text: str):
    article = tidings.code(text, date="2025-03-01")
    return article, [(q.speaker.text if q.speaker else None, q.text) for q in article.quotes if q.kind == "indirect"]


@pytest.mark.parametrize("text, speaker, actor", [
    ("Zelensky: Russia attacked civilians in Kharkiv", "Zelensky", "Russia"),
    ("Militants killed dozens of villagers in central Mali - UN", "UN", "Militants"),
    ("Houthis fire missiles at US warship: Pentagon", "Pentagon", "Houthis"),
    ("POLICE: GUNMEN KILL FIVE IN LAGOS - REUTERS", "POLICE", "GUNMEN"),
    ("North Korea fires ballistic missile into sea, Seoul says", "Seoul", "North Korea"),  # a capital that speaks
])
def test_the_source_is_the_speaker_and_no_party(text, speaker, actor):
    article, quotes = _told(text)
    assert [s for s, _ in quotes] == [speaker]
    assert article.events and all([a.text for a in e.actor] == [actor] for e in article.events)
    for event in article.events:
        assert [(link.role, link.text) for link in event.attribution][:1] == [("speaker", speaker)]
        assert all(speaker not in p.text for p in event.actor + event.recipient)
        for span in [event.trigger, *event.actor, *event.recipient]:
            assert span.text == text[span.start:span.end]
    for quote in article.quotes:
        assert quote.text == text[quote.start:quote.end]
        assert quote.speaker is None or quote.speaker.text == text[quote.speaker.start:quote.speaker.end]


@pytest.mark.parametrize("text", [
    "Ukraine war: Russia launches drone attack on Kyiv",  # a topic
    "Live: Israeli jets strike targets in Gaza",  # a label
    "Gaza: Israeli strikes kill 20 in Rafah",  # a place: left out of the parse, but no one's word
])
def test_topics_labels_and_places_are_no_source(text):
    article, quotes = _told(text)
    assert quotes == []
    assert all(not e.attribution for e in article.events)


def test_a_place_before_a_colon_stays_a_place():
    article = tidings.code("Gaza: Israeli strikes kill 20 in Rafah", date="2025-03-01")
    assert [[a.text for a in e.actor] for e in article.events] == [["Israeli strikes"]]
    assert [q for q in article.quotes if q.kind == "indirect"] == []


@pytest.mark.parametrize("text, speaker", [
    ("Middle East crisis: Iran threatens Israel", None),  # one colon: a topic, and the claim is no source
    ("Blinken in Beijing: China must stop arming Russia", None),  # a phrase with "in" is no name
    ("Zelensky to Putin: Ukraine will never surrender", None),
    ("IDF: Hezbollah fired 50 rockets at northern Israel", "IDF"),  # a KB name the tagger calls a noun
    ("Human Rights Watch: Egypt jails activists", "Human Rights Watch"),
])
def test_review_sources(text, speaker):
    article, quotes = _told(text)
    assert [s for s, _ in quotes] == ([speaker] if speaker else [])
    assert article.events


def test_a_demand_told_by_the_headlines_source():
    article = tidings.code("Kurti: EU must lift sanctions on Kosovo", date="2025-03-01")
    assert [(e.event_type, e.cameo, [a.text for a in e.actor], [r.text for r in e.recipient]) for e in article.events] == \
        [("REQUEST", "1054", ["Kurti"], ["EU"])]


def test_a_source_that_says_it_after_a_comma():
    # the speaker, the actor and the offsets of "…, Seoul says" are checked with the other sources above
    article = tidings.code("North Korea fires ballistic missile into sea, Seoul says", date="2026-11-30")
    assert [e.event_type for e in article.events] == ["MOBILIZE"]
    assert [a.text for a in article.events[0].attribution] == ["Seoul"]
    article = tidings.code("Two soldiers killed in Kashmir, police said", date="2026-11-30")
    assert [(e.event_type, [r.text for r in e.recipient]) for e in article.events] == [("ASSAULT", ["Two soldiers"])]
    assert [a.text for a in article.events[0].attribution] == ["police"]
