"""Factuality: one test per cue family, the tricky cases, and the floor on our own gold set.

Every sentence here was written for these tests; the gold set is tests/gold/factuality.jsonl.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tidings
from tidings.evaluate import score_factuality
from tidings.records import FACTUALITIES

GOLD = Path(__file__).parent / "gold"


def event_on(text: str, trigger: str, date: str = "2019-03-01"):
    article = tidings.code(text, date=date)
    start = text.index(trigger)
    found = [e for e in article.events if e.trigger.start == start]
    assert found, f"no event on {trigger!r}: {[(e.trigger.text, e.event_type) for e in article.events]}"
    return found[0]


CASES = [
    # negation
    ("Russia has not attacked the convoy, the ministry said.", "attacked", "negated", "not"),
    ("Moscow denied attacking the hospital in Kharkiv.", "attacking", "negated", "denied"),
    ("North Korea held no talks with the United States in March.", "held", "negated", "no"),
    ("No Americans were killed in the attack, the Pentagon said.", "killed", "negated", "No"),
    ("Iran has never recognised the state of Israel.", "recognised", "negated", "never"),
    ("Mali no longer cooperates with France.", "cooperates", "negated", "no longer"),
    # refusals are asserted REJECT events, not negated meetings
    ("North Korea has refused to engage in working-level talks with the U.S.", "refused", "asserted", None),
    ("Canada did not hesitate to expel the Indian diplomats.", "expel", "asserted", None),
    ("Japan not only imposed sanctions on Pyongyang but also froze its assets.", "imposed", "asserted", None),
    # hypothetical and modal
    ("Turkey could send troops to Libya within weeks.", "send", "hypothetical", "could"),
    ("Pakistan might be forced to strike the militants.", "forced", "hypothetical", "might"),
    ("If Iran enriches further, Israel would attack its nuclear sites.", "attack", "hypothetical", "If"),
    ("Analysts believe North Korea is betting everything on a second summit with the United States.", "summit", "hypothetical", "betting"),
    ("Israel would have bombed Iran had Washington not objected.", "bombed", "hypothetical", "would"),
    # future and intent (PLOVER: future meetings are AGREE)
    ("Moon Jae-in and Donald Trump will meet in Washington next month.", "meet", "future", "will"),
    ("Chinese President Xi Jinping plans to visit Pyongyang in June.", "visit", "future", "plans"),
    ("Russian President Vladimir Putin and Kim Jong Un are to sign a partnership treaty.", "sign", "future", "are"),
    ("The Foreign Ministry said Japan would send aid to Turkey.", "send", "future", "would"),
    # historical, against the publication date
    ("Russia annexed Crimea in 2014.", "annexed", "historical", "in 2014"),
    ("The United States withdrew from the Iran nuclear deal in 2018.", "withdrew", "historical", "in 2018"),
    ("Iraq invaded Kuwait in August 1990.", "invaded", "historical", "in August 1990"),
    ("Ethiopia and Eritrea fought a border war two decades ago.", "fought", "historical", "two decades ago"),
    ("Israel bombed Syria last year.", "bombed", "historical", "last year"),
    # reported and uncertain
    ("Russian troops reportedly shelled Kharkiv overnight.", "shelled", "reported", "reportedly"),
    ("Kim Jong Un and Vladimir Putin are believed to have met in Vladivostok.", "met", "reported", "believed"),
    ("Hezbollah allegedly funded the militia.", "funded", "reported", "allegedly"),
    ("Unconfirmed reports said Eritrean troops attacked Ethiopian forces.", "attacked", "reported", "Unconfirmed reports"),
    # asserted
    ("Japan imposed sanctions on North Korea.", "imposed", "asserted", None),
    ("Russian forces attacked the port of Odesa on Monday, Ukraine's military said.", "attacked", "asserted", None),
    ("Despite not being invited, Macron met Scholz in Berlin.", "met", "asserted", None),
]


@pytest.mark.parametrize("text, trigger, value, cue", CASES, ids=[f"{c[2]}-{c[1]}" for c in CASES])
def test_cue_families(text, trigger, value, cue):
    event = event_on(text, trigger)
    assert event.factuality == value
    if cue is None:
        assert event.factuality_cue is None
    else:
        assert event.factuality_cue is not None and cue in text[event.factuality_cue.start:event.factuality_cue.end + 8]
        assert event.factuality_cue.text == text[event.factuality_cue.start:event.factuality_cue.end]


def test_historical_needs_the_publication_date_to_be_later():
    text = "Russia annexed Crimea in 2014."
    assert event_on(text, "annexed", date="2014-03-18").factuality == "asserted"
    assert event_on(text, "annexed", date="2015-01-01").factuality == "historical"
    assert event_on(text, "annexed", date=None).factuality == "asserted"  # unknown date: no claim


def test_negation_beats_other_cues():
    event = event_on("Russia did not attack Ukraine last year.", "attack")
    assert event.factuality == "negated"


def test_every_value_round_trips_through_json():
    article = tidings.code("Russian troops reportedly shelled Kharkiv. Moscow denied attacking the hospital.", date="2022-05-01")
    again = type(article).from_dict(json.loads(json.dumps(article.to_dict())))
    assert [(e.factuality, e.factuality_cue) for e in again.events] == [(e.factuality, e.factuality_cue) for e in article.events]
    assert {e.factuality for e in article.events} <= set(FACTUALITIES)


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in (GOLD / "factuality.jsonl").open(encoding="utf-8") if line.strip()]


def test_gold_set_covers_all_six_values(gold):
    counts = {v: sum(r["factuality"] == v for r in gold) for v in FACTUALITIES}
    assert len(gold) >= 80 and min(counts.values()) >= 10, counts


def test_gold_factuality_stays_above_floors(gold):
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))["factuality"]
    coder = tidings.get_coder()
    articles = coder.code_many([tidings.Article(text=r["text"], date=r["date"]) for r in gold])
    scores = score_factuality(gold, articles)
    assert scores.coverage >= floors["coverage"], f"coverage {scores.coverage:.3f} < {floors['coverage']}"
    assert scores.macro_f1() >= floors["macro_f1"], f"macro-F1 {scores.macro_f1():.3f} < {floors['macro_f1']}"
    assert scores.macro_f1(covered_only=False) >= floors["macro_f1_all"]


def test_held_out_factuality_meets_the_target():
    """tests/gold/factuality_heldout.jsonl was written after the rules and is never used to tune them."""
    rows = [json.loads(line) for line in (GOLD / "factuality_heldout.jsonl").open(encoding="utf-8") if line.strip()]
    floor = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))["factuality_heldout"]["macro_f1"]
    articles = tidings.get_coder().code_many([tidings.Article(text=r["text"], date=r["date"]) for r in rows])
    scores = score_factuality(rows, articles)
    assert len(rows) >= 60 and scores.macro_f1(covered_only=False) >= floor
