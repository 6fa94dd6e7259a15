"""Scoring coded events against hand-annotated gold (used by the tests and the benchmarks).

Gold records look like ``{"id", "text", "date", "events": [{"event_type", "actor":
[{"text", "country"}], "recipient": [...]}]}``. A coded event matches a gold event
when the types are equal and its actors (and recipients, when the gold has any)
overlap the gold phrases or share their country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from .records import Actor, Event


@dataclass
class Scores:
    """Event-level counts and the figures derived from them."""

    gold: int = 0
    coded: int = 0
    matched_gold: int = 0
    matched_coded: int = 0
    sentences: int = 0
    empty_sentences: int = 0
    empty_with_events: int = 0
    actor_country_right: int = 0
    actor_country_total: int = 0
    per_type: Counter = field(default_factory=Counter)
    per_type_found: Counter = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched_coded / self.coded if self.coded else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty_precision(self) -> float:
        """Share of no-event sentences that were (rightly) left without events."""
        return 1 - self.empty_with_events / self.empty_sentences if self.empty_sentences else 1.0

    @property
    def actor_country_accuracy(self) -> float:
        return self.actor_country_right / self.actor_country_total if self.actor_country_total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
            "empty_precision": round(self.empty_precision, 4),
            "actor_country_accuracy": round(self.actor_country_accuracy, 4),
            "events_per_sentence": round(self.coded / self.sentences, 4) if self.sentences else 0.0,
        }


def _gold_spans(text: str, parties: list[dict]) -> list[tuple[int, int, str | None]]:
    spans = []
    for party in parties:
        start = text.find(party["text"])
        if start >= 0:
            spans.append((start, start + len(party["text"]), party.get("country")))
    return spans


def _side_matches(coded: list[Actor], gold: list[tuple[int, int, str | None]]) -> bool:
    if not gold:
        return True
    for actor in coded:
        for start, end, country in gold:
            if actor.start < end and start < actor.end:
                return True
            if country and actor.country == country:
                return True
    return False


def matches(event: Event, gold_event: dict, text: str) -> bool:
    if event.event_type != gold_event["event_type"]:
        return False
    actors = _gold_spans(text, gold_event.get("actor", []))
    recipients = _gold_spans(text, gold_event.get("recipient", []))
    return _side_matches(event.actor, actors) and _side_matches(event.recipient, recipients)


def score(records: Iterable[dict], coded: Iterable[list[Event]]) -> Scores:
    """Score each gold record against the events coded from its text."""
    scores = Scores()
    for record, events in zip(records, coded):
        text, gold_events = record["text"], record["events"]
        scores.sentences += 1
        scores.gold += len(gold_events)
        scores.coded += len(events)
        if not gold_events:
            scores.empty_sentences += 1
            scores.empty_with_events += bool(events)
        for gold_event in gold_events:
            scores.per_type[gold_event["event_type"]] += 1
            hit = next((e for e in events if matches(e, gold_event, text)), None)
            if hit is not None:
                scores.matched_gold += 1
                scores.per_type_found[gold_event["event_type"]] += 1
                wanted = {a.get("country") for a in gold_event.get("actor", [])}
                scores.actor_country_total += 1
                scores.actor_country_right += bool(wanted & {a.country for a in hit.actor})
        scores.matched_coded += sum(any(matches(e, g, text) for g in gold_events) for e in events)
    return scores
