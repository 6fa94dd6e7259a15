"""Accuracy gate: the coder on our own hand-annotated gold set must stay above recorded floors.

The floors live in tests/gold/floors.json. Raising them after an improvement is
welcome; lowering one is a deliberate act: edit the file and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tidings
import tidings.ontology
from tidings.evaluate import score

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in (GOLD / "events.jsonl").open(encoding="utf-8") if line.strip()]


@pytest.fixture(scope="module")
def floors() -> dict:
    return json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


def test_gold_set_is_big_enough_and_covers_every_type(records):
    types = {e["event_type"] for r in records for e in r["events"]}
    assert len(records) >= 60
    assert types == set(tidings.ontology.PLOVER_TYPES)


def test_end_to_end_scores_stay_above_floors(records, floors):
    coded = [tidings.code(r["text"], date=r.get("date"), id=r["id"]).events for r in records]
    scores = score(records, coded).as_dict()
    for name, floor in floors["end_to_end"].items():
        assert scores[name] >= floor, f"{name} fell to {scores[name]:.3f}, below the floor {floor}"


def test_type_given_actors_stays_above_floor(records, floors):
    right = total = 0
    for record in records:
        for event in record["events"]:
            actor = event["actor"][0]["text"] if event["actor"] else None
            recipient = event["recipient"][0]["text"] if event["recipient"] else None
            if actor is None:
                continue
            a = record["text"].find(actor)
            r = record["text"].find(recipient) if recipient else -1
            result = tidings.classify(record["text"], [a, a + len(actor)], [r, r + len(recipient)] if r >= 0 else None,
                                      date=record.get("date"))
            total += 1
            right += result.event_type == event["event_type"]
    accuracy = right / total
    assert accuracy >= floors["type_given_actors"]["accuracy"], f"accuracy fell to {accuracy:.3f}"
