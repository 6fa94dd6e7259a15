"""Accuracy gate for quotes: our own hand-written set (tests/gold/quotes.jsonl) against recorded floors.

Gold quotes become attributions (content, source = the speaker mention, cue) and are scored by
:func:`tidings.evaluate.match_attributions`; for matched quotes the speaker's resolved country and the
outlet names are compared too. The floors are in tests/gold/floors.json under "quotes".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tidings
from tidings.evaluate import match_attributions

GOLD = Path(__file__).parent / "gold"


def attributions(record: dict) -> list[dict]:
    out = []
    for q in record["quotes"]:
        start = q["content_start"]
        item = {"content": [[start, start + len(q["content"])]]}
        if q.get("speaker") and q.get("speaker_start") is not None:
            item["source"] = [[q["speaker_start"], q["speaker_start"] + len(q["speaker"]["text"])]]
        if q.get("cue") and q.get("cue_start") is not None:
            item["cue"] = [[q["cue_start"], q["cue_start"] + len(q["cue"])]]
        out.append(item)
    return out


def score(records: list[dict]) -> dict[str, float]:
    coder = tidings.get_coder()
    articles = coder.code_many([tidings.Article(text=r["text"], date=r["date"]) for r in records])
    for article in articles:  # this set marks what was said; stances are scored in tests/test_stances.py
        article.quotes = [q for q in article.quotes if q.kind != "stance"]
    totals = {"gold": 0, "pred": 0, "matched": 0, "source": 0, "cue": 0, "country_right": 0, "country_total": 0,
              "outlets_right": 0, "warned": 0, "malformed": 0}
    for record, article in zip(records, articles):
        gold = attributions(record)
        match = match_attributions(record["text"], article.quotes, gold, outlet_fallback=False)
        totals["gold"] += len(gold)
        totals["pred"] += len(article.quotes)
        totals["matched"] += len(match.pairs)
        totals["source"] += match.scores.speaker_matched.overlap
        totals["cue"] += match.scores.cue_matched.exact
        for i, j, _ in match.pairs:
            quote, expected = article.quotes[i], record["quotes"][j]
            country = (expected.get("speaker") or {}).get("country")
            if country:
                totals["country_total"] += 1
                totals["country_right"] += quote.speaker is not None and quote.speaker.country == country
            totals["outlets_right"] += [o.name for o in quote.outlets] == expected["outlets"]
        if record.get("malformed"):
            totals["malformed"] += 1
            totals["warned"] += bool(article.warnings)
    precision = totals["matched"] / totals["pred"]
    recall = totals["matched"] / totals["gold"]
    return {
        "content_f1": 2 * precision * recall / (precision + recall),
        "speaker_given_content": totals["source"] / totals["matched"],
        "cue_given_content": totals["cue"] / totals["matched"],
        "speaker_country": totals["country_right"] / totals["country_total"],
        "outlets_given_content": totals["outlets_right"] / totals["matched"],
        "malformed_warned": totals["warned"] / max(1, totals["malformed"]),
    }


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in (GOLD / "quotes.jsonl").open(encoding="utf-8") if line.strip()]


def test_gold_quotes_cover_every_kind(records):
    kinds = {q["kind"] for r in records for q in r["quotes"]}
    assert {"direct", "partial", "indirect"} <= kinds and sum(len(r["quotes"]) for r in records) >= 100


def test_quote_scores_stay_above_floors(records):
    floors = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))["quotes"]
    scores = score(records)
    for name, floor in floors.items():
        assert scores[name] >= floor, f"{name} fell to {scores[name]:.3f}, below the floor {floor} ({scores})"
