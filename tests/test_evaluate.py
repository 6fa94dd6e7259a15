"""The scorer behind the accuracy gate, on hand-built events (no model needed)."""

from tidings.evaluate import matches, score
from tidings.records import Actor, Event, Sentence, Span

TEXT = "Japan imposed sanctions on North Korea."


def event(kind: str, actor: Actor, recipient: list[Actor]) -> Event:
    return Event(article_id="a", event_type=kind, mode=None, cameo="163", quad_class=4, goldstein=-8.0,
                 actor=[actor], recipient=recipient, trigger=Span("imposed", 6, 13), sentence=Sentence(0, TEXT, 0, len(TEXT)))


GOLD = {"text": TEXT, "events": [{"event_type": "SANCTION", "actor": [{"text": "Japan", "country": "JPN"}],
                                  "recipient": [{"text": "North Korea", "country": "PRK"}]}]}
JAPAN = Actor("Japan", 0, 5, "JPN", "GOV")
NORTH_KOREA = Actor("North Korea", 27, 38, "PRK", "GOV")


def test_match_needs_type_actor_and_recipient():
    assert matches(event("SANCTION", JAPAN, [NORTH_KOREA]), GOLD["events"][0], TEXT)
    assert not matches(event("COERCE", JAPAN, [NORTH_KOREA]), GOLD["events"][0], TEXT)
    assert not matches(event("SANCTION", JAPAN, []), GOLD["events"][0], TEXT)


def test_country_alone_is_enough_when_spans_differ():
    elsewhere = Actor("Tokyo", 100, 105, "JPN", "GOV")
    assert matches(event("SANCTION", elsewhere, [NORTH_KOREA]), GOLD["events"][0], TEXT)


def test_scores_count_recall_precision_and_empty_sentences():
    empty = {"text": "Shares rose.", "events": []}
    result = score([GOLD, empty], [[event("SANCTION", JAPAN, [NORTH_KOREA]), event("ASSAULT", JAPAN, [])], [event("AID", JAPAN, [])]])
    assert (result.recall, result.precision) == (1.0, 1 / 3)
    assert result.empty_precision == 0.0
    assert result.actor_country_accuracy == 1.0
