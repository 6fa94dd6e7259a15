"""Events get a date and a place through the whole coder; the CLI lists times and places."""

from __future__ import annotations

import json

from click.testing import CliRunner

import tidings
from tidings.cli import main


def test_an_event_is_dated_and_located_by_its_clause():
    article = tidings.code("Kim Jong Un met Xi Jinping in Beijing on Tuesday.", date="2019-03-01")
    event = article.events[0]
    assert (event.date.value, event.date.precision, event.date.source) == ("2019-02-26", "day", "expression")
    assert article.text[event.date.start:event.date.end] == "Tuesday"
    assert (event.location.name, event.location.country, event.location.fips, event.location.source) == \
        ("Beijing", "CHN", "CH", "clause")
    assert event.location.lat is not None and event.location.geonameid


def test_a_capital_as_speaker_is_an_actor_not_a_place():
    article = tidings.code("Beijing said on Friday that talks in Hanoi would go ahead.", date="2019-02-22")
    assert "Hanoi" in [p.name for p in article.places]
    assert "Beijing" not in [p.text for p in article.places]


def test_a_dated_clause_before_the_publication_year_is_historical():
    event = tidings.code("Russia annexed Crimea in March 2014.", date="2019-03-01").events[0]
    assert (event.factuality, event.date.value, event.date.precision) == ("historical", "2014-03", "month")


def test_publication_date_sources():
    assert tidings.code("Japan imposed sanctions on North Korea.", date="2017-09-01").date_source == "input"
    clue = tidings.code("Japan imposed sanctions on North Korea.\n\nCopyright 2017 Example Wire.")
    assert clue.date_source == "text" and clue.events[0].date.value == "2017"
    assert clue.events[0].date.precision == "year"
    none = tidings.code("Japan imposed sanctions on North Korea.")
    assert none.date_source is None and none.events[0].date.precision == "unknown"


def test_the_article_place_is_the_fallback():
    article = tidings.code("Fighting in Kharkiv\n\nShelling hit Kharkiv again.\n\nRussia attacked the power grid.",
                           date="2022-10-10")
    grid = next(e for e in article.events if e.trigger.text == "attacked")
    assert grid.location is not None and grid.location.name == "Kharkiv" and grid.location.source in ("sentence", "article")


def test_cli_times_and_places(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks in Geneva\n\nIranian and U.S. envoys met in Geneva on Monday and will meet again next week.",
                    encoding="utf-8")
    times = CliRunner().invoke(main, ["times", str(path), "--date", "2019-03-06", "--format", "jsonl", "--quiet"])
    assert times.exit_code == 0, times.output
    values = {json.loads(line)["text"]: json.loads(line)["value"] for line in times.stdout.splitlines()}
    assert values["Monday"] == "2019-03-04" and values["next week"].startswith("2019-W")
    places = CliRunner().invoke(main, ["places", str(path), "--date", "2019-03-06", "--format", "jsonl", "--quiet"])
    assert places.exit_code == 0, places.output
    rows = [json.loads(line) for line in places.stdout.splitlines()]
    assert {(r["name"], r["country"], r["fips"]) for r in rows} == {("Geneva", "CHE", "SZ")}
    table = CliRunner().invoke(main, ["places", str(path), "--date", "2019-03-06", "--quiet"])
    assert table.exit_code == 0 and "Geneva" in table.stdout
