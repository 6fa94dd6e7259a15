"""Linking time expressions and places to the event whose clause they belong to (tidings/locate.py)."""

from __future__ import annotations

import pytest

from tidings.locate import article_place, event_date, event_location
from tidings.nlp import load_model
from tidings.records import Place, TimeMention


def parse(text: str, trigger: str):
    doc = load_model()(text)
    return next(t for t in doc if t.text == trigger)


def times(text: str, *pairs: tuple[str, str]) -> list[TimeMention]:
    return [TimeMention(w, text.index(w), text.index(w) + len(w), "DATE", v, "day") for w, v in pairs]


def places(text: str, *words: str) -> list[Place]:
    return [Place(w, text.index(w), text.index(w) + len(w), w) for w in words]


@pytest.mark.parametrize("text, trigger, word, value", [
    ("Kim met Xi in Beijing on Tuesday.", "met", "Tuesday", "2019-01-08"),
    ("On Monday, Russian troops shelled Kharkiv.", "shelled", "Monday", "2019-01-07"),
])
def test_a_time_in_the_clause_dates_the_event(text, trigger, word, value):
    date, used = event_date(parse(text, trigger), 0, times(text, (word, value)), "2019-01-10")
    assert (date.value, date.source, date.start) == (value, "expression", text.index(word))
    assert used is not None and used.text == word


def test_a_time_that_dates_the_reporting_verb_does_not_date_the_event():
    text = "The minister said on Monday that Russia attacked the port."
    date, used = event_date(parse(text, "attacked"), 0, times(text, ("Monday", "2019-01-07")), "2019-01-10")
    assert (date.value, date.source, used) == ("2019-01-10", "publication", None)


def test_no_date_at_all_is_unknown():
    date, _ = event_date(parse("Russia attacked the port.", "attacked"), 0, [], None)
    assert (date.value, date.precision, date.source) == (None, "unknown", "unknown")


@pytest.mark.parametrize("text, trigger, word", [
    ("Kim met Xi in Beijing on Tuesday.", "met", "Beijing"),
    ("Clashes near Kharkiv killed two soldiers.", "Clashes", "Kharkiv"),
    ("Kim Jong Un has traveled to China at the request of Xi Jinping.", "traveled", "China"),
])
def test_a_place_in_the_clause_locates_the_event(text, trigger, word):
    place = event_location(parse(text, trigger), 0, places(text, word), None)
    assert place is not None and (place.text, place.source) == (word, "clause")


def test_fallbacks_sentence_then_article():
    text = "Russia's forces attacked the port, officials in Kyiv said."
    sentence_place = event_location(parse(text, "attacked"), 0, places(text, "Kyiv"), None)
    assert sentence_place.source == "sentence"
    about = Place("Odesa", 100, 105, "Odesa", geonameid=698740)
    assert event_location(parse(text, "attacked"), 0, [], about).source == "article"


def test_article_place_is_the_most_named():
    named = [Place("Kyiv", 0, 4, "Kyiv", geonameid=1), Place("Odesa", 10, 15, "Odesa", geonameid=2),
             Place("Odesa", 20, 25, "Odesa", geonameid=2)]
    assert article_place(named).name == "Odesa" and article_place([]) is None
