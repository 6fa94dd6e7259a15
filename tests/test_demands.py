"""Demands in reported speech: "X said Y must do Z" is X's REQUEST of Y, not Z done by Y.

Sentences written for these tests. CAMEO codes a demand by what is demanded (1054: demand the
easing of economic sanctions) and an appeal ("should") under its own root (0254); PLOVER codes both
as REQUEST (tidings/data/demand_codes.tsv).
"""

from __future__ import annotations

import pytest

import tidings


def _events(text: str):
    return [(e.event_type, e.cameo, [a.text for a in e.actor], [r.text for r in e.recipient], e.factuality)
            for e in tidings.code(text, date="2025-03-01").events]


@pytest.mark.parametrize("text, expected", [
    ("Germany says Israel must allow aid into Gaza.", ("REQUEST", "1055", ["Germany"], ["Israel"], "asserted")),
    ("Zelensky said the West must send more air defence systems to Ukraine.",
     ("REQUEST", "1032", ["Zelensky"], ["West"], "asserted")),
    ("EU must lift sanctions on Kosovo, Kurti says", ("REQUEST", "1054", ["Kurti"], ["EU"], "asserted")),
    ("Kurti: EU must lift sanctions on Kosovo", ("REQUEST", "1054", ["Kurti"], ["EU"], "asserted")),
    ("Macron said Europe needs to send more weapons to Ukraine.", ("REQUEST", "1032", ["Macron"], ["Europe"], "asserted")),
    ("Germany says Israel has to allow aid into Gaza.", ("REQUEST", "1055", ["Germany"], ["Israel"], "asserted")),
])
def test_a_reported_demand_is_the_speakers_request(text, expected):
    assert _events(text) == [expected]


def test_should_is_an_appeal_and_stopping_is_no_demand_for_the_act():
    # an appeal (02), and a call to stop arming Taiwan is not an appeal for arms (0232)
    assert _events("China said the United States should stop arming Taiwan.") == \
        [("REQUEST", "020", ["China"], ["United States"], "asserted")]
    # a demand not to attack asks for de-escalation
    assert _events("The foreign minister said Russia must not attack civilians.")[0][:2] == ("REQUEST", "1056")


def test_a_modal_with_no_speaker_is_not_told_as_done():
    assert [e[4] for e in _events("The West must send more weapons to Ukraine.")] == ["hypothetical"]
    # an inference ("must have attacked") is no demand either
    assert [(e[0], e[4]) for e in _events("Russia must have attacked the convoy, officials said.")] == \
        [("ASSAULT", "hypothetical")]


def test_the_same_sentence_without_a_modal_is_unchanged():
    assert _events("Germany says Israel allowed aid into Gaza.")[0][:4] == ("RETREAT", "0863", ["Israel"], ["Gaza"])


@pytest.mark.parametrize("text, expected", [
    # "US" is the country, never the pronoun "us"
    ("Iran said the US must lift sanctions.", ("REQUEST", "1054", ["Iran"], ["US"])),
    # "ought to" is an appeal
    ("Borrell said Israel ought to allow humanitarian access to Gaza.", ("REQUEST", "0255", ["Borrell"], ["Israel"])),
    # "will have to" is still a demand, coded by the act the lexicon names, not by its frame
    ("Russia will have to withdraw its troops, Zelensky said.", ("REQUEST", "1056", ["Zelensky"], ["Russia"])),
    # to stop an attack is to de-escalate, with a verb or a noun
    ("Israel must stop bombing Rafah, the minister said.", ("REQUEST", "1056", ["minister"], ["Israel"])),
    ("The US said China must stop its military drills around Taiwan.", ("REQUEST", "1056", ["US"], ["China"])),
    # a clause the parse hangs on "statement"
    ("The ministry said in a statement that Azerbaijan must withdraw its troops.",
     ("REQUEST", "1056", ["ministry"], ["Azerbaijan"])),
])
def test_review_demands(text, expected):
    assert [e[:4] for e in _events(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Russia had to withdraw from Kherson, Zelensky said.", ("RETREAT", "asserted")),  # done
    ("Iran said Israel must pay for the attack on its consulate.", ("ASSAULT", "asserted")),  # the attack was made
    ("Russia has to withdraw from Ukraine.", ("RETREAT", "hypothetical")),  # no speaker, not done
    ("Iran and the United States should resume talks next week, officials said.", ("CONSULT", "future")),  # expected
])
def test_what_is_no_demand(text, expected):
    assert {(e[0], e[4]) for e in _events(text)} == {expected}


def test_a_speakers_own_must_is_an_intention():
    # the same as "will": a threat, a refusal, told as to come
    assert [(e[0], e[1], e[4]) for e in _events("Netanyahu said Israel must destroy Hamas.")] == [("THREATEN", "138", "future")]
    assert [(e[0], e[4]) for e in _events("Khamenei said Iran should not negotiate with the United States.")] == \
        [("REJECT", "future")]


def test_what_has_yet_to_happen_did_not_happen():
    assert [(e[0], e[4]) for e in _events("Russia has yet to withdraw its troops from the plant.")] == [("RETREAT", "negated")]
    assert [(e[0], e[4]) for e in _events("Iran has yet to sign the deal.")] == [("SUPPORT", "negated")]
    assert [(e[0], e[4]) for e in _events("The EU stopped short of imposing sanctions on Israel.")] == [("COERCE", "negated")]
    assert [(e[0], e[4]) for e in _events("Russia withdrew its troops from the plant.")] == [("RETREAT", "asserted")]


def test_an_inverted_should_is_a_condition():
    text = "Should the negotiations in Cairo collapse, Israel could launch a ground assault on Rafah, officials said."
    assert [(e[0], e[4]) for e in _events(text)] == [("ASSAULT", "hypothetical")]
