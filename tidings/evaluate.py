"""Scoring coded events against hand-annotated gold (used by the tests and the benchmarks).

Gold records look like ``{"id", "text", "date", "events": [{"event_type", "actor":
[{"text", "country"}], "recipient": [...]}]}``. A coded event matches a gold event
when the types are equal and its actors (and recipients, when the gold has any)
overlap the gold phrases or share their country.

Also here: :func:`score_attribution` (quotes against span-annotated attributions) and
:func:`score_factuality` (event factuality against ``tests/gold/factuality.jsonl``); each
section below says how it matches.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from .records import Actor, Event


def label_scores(gold: list[str], pred: list[str], labels: Iterable[str] | None = None
                 ) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and gold support per label (default: every label in the gold, sorted)."""
    out = {}
    for label in sorted(set(gold)) if labels is None else labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = (precision, recall, f1, tp + fn)
    return out


def macro_f1(per_label: dict[str, tuple[float, float, float, int]]) -> float:
    """Mean F1 over the labels of :func:`label_scores` (0 when there are none)."""
    return sum(v[2] for v in per_label.values()) / len(per_label) if per_label else 0.0


def overlaps(actors: list[Actor], span: tuple[int, int] | None) -> bool:
    """Does any coded actor overlap the marked span? (Nothing marked: anything goes.)"""
    return span is None or any(a.start < span[1] and span[0] < a.end for a in actors)


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


# --------------------------------------------------------------------------------------------
# Attribution (quotes): predicted Quote records against span-annotated gold attributions.
#
# Gold format (one record per article), as the benchmarks build it::
#
#     {"text": "...", "attributions": [{"content": [[s, e], ...], "source": [[s, e], ...],
#                                       "cue": [[s, e], ...]}, ...]}
#
# Every part is a list of character spans into ``text`` (discontinuous parts have several;
# an absent source or cue is ``[]`` or missing). Before any comparison every span is trimmed
# of whitespace, quotation marks and the punctuation in TRIM_CHARS at both ends, so a gold
# content that includes its quotation marks equals a predicted content inside them (a part
# that would be trimmed to nothing, such as a cue ``:``, is kept as it is).
#
# Matching, per article: for every (predicted quote, gold attribution) pair the overlap is
# the number of characters the trimmed predicted content shares with the trimmed gold content.
# Pairs with overlap > 0 are taken greedily, largest overlap first (ties: lower predicted
# index, then lower gold index), each quote and each attribution at most once (one-to-one).
# - content ``overlap``: matched pairs; ``exact``: trimmed spans identical (a separate
#   one-to-one match on equality); ``strict``: untrimmed spans identical; ``soft``: characters
#   shared by the matched pairs over all predicted (precision) / all gold (recall) characters.
# - source and cue ``|matched``: over the matched pairs only; a pair counts as predicted when
#   the quote has one, as gold when the attribution has one, and as a hit (overlap / exact)
#   when both have one and they overlap / are identical.
# - ``joint``: the same hits over every predicted quote with a source (precision) and every
#   gold attribution with a source (recall): who said what, end to end.
# - ``all``: the distinct predicted source spans against the distinct gold source spans of the
#   article, matched one-to-one greedily by overlap in the same way, wherever they are.
# A quote with ``parts`` (a quotation interrupted by its attribution) has those pieces as its
# content, not ``start:end``. The predicted source of a quote is its speaker, or
# (``outlet_fallback``) its nearest outlet when it has no speaker. With ``merge_shared_cue``
# the quotes that share a cue span are first merged into one predicted attribution
# (:func:`group_quotes_by_cue`).
# --------------------------------------------------------------------------------------------

TRIM_CHARS = " \t\r\n\u00a0\"'“”‘’«»„‚`.,;:!?…-–—()[]"

Spans = tuple[tuple[int, int], ...]


# the short words a Title Case style leaves in lower case (articles, conjunctions, prepositions of three letters or fewer)
TITLE_MINOR = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off",
               "on", "per", "to", "up", "via", "vs"}


def restyled(records: Iterable[dict], style: str) -> list[dict]:
    """Copies of gold records with the text written as many outlets write headlines: in Title Case
    ("title": every word but short function words capitalised, "Cross-Border" too) or in capitals
    ("caps"). The case of letters is all that changes, so each party's text is the same slice of the
    new text."""
    out = []
    for record in records:
        text = record["text"]
        new = text.upper() if style == "caps" else _title_case(text)
        copy = dict(record, text=new)
        copy["events"] = [dict(event, **{side: [dict(party, text=_same_slice(text, new, party["text"]))
                                                for party in event.get(side, [])] for side in ("actor", "recipient")})
                          for event in record.get("events", [])]
        out.append(copy)
    return out


def _title_case(text: str) -> str:
    def capital(match: re.Match) -> str:
        word = match.group()
        if match.start() > 0 and word.lower() in TITLE_MINOR and text[match.start() - 1] != "-":
            return word
        return word[0].upper() + word[1:]
    return re.sub(r"[^\W\d_][\w'\u2019]*", capital, text)


def _same_slice(old: str, new: str, part: str) -> str:
    start = old.find(part)
    return new[start:start + len(part)] if start >= 0 else part


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` past TRIM_CHARS at both ends (an all-punctuation span becomes empty)."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def norm_spans(text: str, spans: Iterable[Iterable[int]] | None) -> Spans:
    """Trimmed, sorted, merged, non-empty spans (untrimmed when trimming leaves nothing, e.g. a cue ``:``)."""
    raw = [(int(s), int(e)) for s, e in (spans or [])]
    trimmed = [(s, e) for s, e in (trim_span(text, s, e) for s, e in raw) if e > s]
    out: list[list[int]] = []
    for start, end in sorted(trimmed or raw):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def span_chars(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def shared_chars(a: Spans, b: Spans) -> int:
    """Characters two sets of (merged) spans have in common."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def greedy_match(pred: list[Spans], gold: list[Spans]) -> list[tuple[int, int, int]]:
    """One-to-one matching by overlap size, largest first: ``[(pred index, gold index, shared chars)]``."""
    pairs = [(-shared_chars(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)]
    pairs = sorted(pair for pair in pairs if pair[0] < 0)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, -neg))
    return out


def _equal_count(pred: list[Spans], gold: list[Spans]) -> int:
    """Size of the multiset intersection (one-to-one exact matches)."""
    return sum((Counter(p for p in pred if p) & Counter(g for g in gold if g)).values())


@dataclass
class SpanScores:
    """Counts for one span kind; precision/recall/F1 for ``exact``, ``overlap``, ``strict`` and ``soft``."""

    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0
    strict: int = 0
    shared_chars: int = 0
    pred_chars: int = 0
    gold_chars: int = 0

    def prf(self, kind: str = "overlap") -> tuple[float, float, float]:
        if kind == "soft":
            p = self.shared_chars / self.pred_chars if self.pred_chars else 0.0
            r = self.shared_chars / self.gold_chars if self.gold_chars else 0.0
        else:
            hits = getattr(self, kind)
            p = hits / self.pred if self.pred else 0.0
            r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def f1(self, kind: str = "overlap") -> float:
        return self.prf(kind)[2]

    def add(self, other: SpanScores) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pred": self.pred, "gold": self.gold}
        for kind in ("exact", "overlap", "strict", "soft"):
            p, r, f = self.prf(kind)
            out[kind] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        return out


ATTRIBUTION_PARTS = ("content", "source_matched", "source_joint", "source_all", "speaker_matched",
                     "cue_matched", "cue_joint", "cue_all")


@dataclass
class AttributionScores:
    """Quote detection scored against gold attributions (see the comment block above)."""

    articles: int = 0
    content: SpanScores = field(default_factory=SpanScores)
    source_matched: SpanScores = field(default_factory=SpanScores)
    source_joint: SpanScores = field(default_factory=SpanScores)
    source_all: SpanScores = field(default_factory=SpanScores)
    speaker_matched: SpanScores = field(default_factory=SpanScores)
    cue_matched: SpanScores = field(default_factory=SpanScores)
    cue_joint: SpanScores = field(default_factory=SpanScores)
    cue_all: SpanScores = field(default_factory=SpanScores)

    def add(self, other: AttributionScores) -> None:
        self.articles += other.articles
        for part in ATTRIBUTION_PARTS:
            getattr(self, part).add(getattr(other, part))

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, **{part: getattr(self, part).as_dict() for part in ATTRIBUTION_PARTS}}


@dataclass
class ArticleMatch:
    """One article's matching, kept for error analysis: normalised spans and the matched pairs.

    ``pred_items`` are the predicted quotes as scored (:class:`QuoteGroup` objects when quotes
    sharing a cue were merged); the ``pred_*`` lists run parallel to them.
    """

    text: str
    pred_items: list[Any]
    pred_content: list[Spans]
    gold_content: list[Spans]
    pred_source: list[Spans]
    gold_source: list[Spans]
    pred_cue: list[Spans]
    gold_cue: list[Spans]
    pairs: list[tuple[int, int, int]]
    scores: AttributionScores

    @property
    def unmatched_pred(self) -> list[int]:
        done = {i for i, _, _ in self.pairs}
        return [i for i in range(len(self.pred_content)) if i not in done]

    @property
    def unmatched_gold(self) -> list[int]:
        done = {j for _, j, _ in self.pairs}
        return [j for j in range(len(self.gold_content)) if j not in done]


@dataclass
class QuoteGroup:
    """Quotes that share one cue, scored as one attribution with a discontinuous content.

    PolNeAR-style gold makes one attribution of the pieces of a quotation around its cue
    ("A," he said, "B."); a coder that gives each piece as a quote with the same cue span is
    scored on the pieces together when ``merge_shared_cue`` is on.
    """

    spans: tuple[tuple[int, int], ...]
    kind: str
    cue: Any = None
    speaker: Any = None
    outlets: list = field(default_factory=list)
    members: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def group_quotes_by_cue(quotes: list[Any]) -> list[QuoteGroup]:
    """Merge the quotes whose cue has the same offsets (quotes without a cue stay alone), in text order."""
    groups: list[QuoteGroup] = []
    by_cue: dict[tuple[int, int], QuoteGroup] = {}
    for index, quote in enumerate(quotes):
        key = (quote.cue.start, quote.cue.end) if quote.cue is not None else None
        group = by_cue.get(key) if key is not None else None
        if group is None:
            group = QuoteGroup(_content_raw(quote), quote.kind, quote.cue, quote.speaker, list(quote.outlets), [index])
            groups.append(group)
            if key is not None:
                by_cue[key] = group
            continue
        group.spans = tuple(sorted(set(group.spans) | set(_content_raw(quote))))
        group.members.append(index)
        if quote.kind not in group.kind.split("+"):
            group.kind += "+" + quote.kind
        group.speaker = group.speaker or quote.speaker
        group.outlets = group.outlets or list(quote.outlets)
    return groups


def _content_raw(quote: Any) -> tuple[tuple[int, int], ...]:
    spans = getattr(quote, "spans", None) or [(p.start, p.end) for p in getattr(quote, "parts", None) or []]
    return tuple(spans) if spans else ((quote.start, quote.end),)


def _quote_source(quote: Any, outlet_fallback: bool) -> Any:
    if quote.speaker is not None:
        return quote.speaker
    if outlet_fallback and quote.outlets:
        return quote.outlets[0]
    return None


def _one_span(text: str, item: Any) -> Spans:
    return norm_spans(text, [(item.start, item.end)]) if item is not None else ()


def _raw(spans: Any) -> Spans:
    return tuple((int(s), int(e)) for s, e in sorted(spans or []))


def _add_pair(scores: SpanScores, pred: Spans, gold: Spans, raw_pred: Spans, raw_gold: Spans) -> None:
    """Count one (predicted, gold) part of a matched pair into ``scores``."""
    scores.pred += bool(pred)
    scores.gold += bool(gold)
    scores.pred_chars += span_chars(pred)
    scores.gold_chars += span_chars(gold)
    if pred and gold:
        shared = shared_chars(pred, gold)
        scores.shared_chars += shared
        scores.overlap += shared > 0
        scores.exact += pred == gold
        scores.strict += raw_pred == raw_gold


def _all_spans(scores: SpanScores, pred: list[Spans], gold: list[Spans]) -> None:
    pred = list(dict.fromkeys(p for p in pred if p))
    gold = list(dict.fromkeys(g for g in gold if g))
    pairs = greedy_match(pred, gold)
    scores.pred += len(pred)
    scores.gold += len(gold)
    scores.overlap += len(pairs)
    scores.exact += _equal_count(pred, gold)
    scores.shared_chars += sum(shared for _, _, shared in pairs)
    scores.pred_chars += sum(span_chars(p) for p in pred)
    scores.gold_chars += sum(span_chars(g) for g in gold)


def match_attributions(text: str, quotes: list[Any], gold: list[dict], outlet_fallback: bool = True,
                       merge_shared_cue: bool = False) -> ArticleMatch:
    """Match one article's predicted quotes to its gold attributions and count everything."""
    items: list[Any] = group_quotes_by_cue(quotes) if merge_shared_cue else list(quotes)
    gold = [g for g in gold if norm_spans(text, g.get("content"))]
    pred_content = [norm_spans(text, _content_raw(q)) for q in items]
    gold_content = [norm_spans(text, g.get("content")) for g in gold]
    pred_source_items = [_quote_source(q, outlet_fallback) for q in items]
    pred_source = [_one_span(text, s) for s in pred_source_items]
    pred_speaker = [_one_span(text, q.speaker) for q in items]
    gold_source = [norm_spans(text, g.get("source")) for g in gold]
    pred_cue = [_one_span(text, q.cue) for q in items]
    gold_cue = [norm_spans(text, g.get("cue")) for g in gold]

    scores = AttributionScores(articles=1)
    pairs = greedy_match(pred_content, gold_content)
    c = scores.content
    c.pred, c.gold = sum(bool(p) for p in pred_content), len(gold_content)
    c.overlap = len(pairs)
    c.exact = _equal_count(pred_content, gold_content)
    c.strict = _equal_count([_raw(_content_raw(q)) for q in items], [_raw(g.get("content")) for g in gold])
    c.shared_chars = sum(shared for _, _, shared in pairs)
    c.pred_chars = sum(span_chars(p) for p in pred_content)
    c.gold_chars = sum(span_chars(g) for g in gold_content)

    for i, j, _ in pairs:
        q, g = items[i], gold[j]
        src = pred_source_items[i]
        raw_src = _raw([(src.start, src.end)]) if src is not None else ()
        _add_pair(scores.source_matched, pred_source[i], gold_source[j], raw_src, _raw(g.get("source")))
        raw_spk = _raw([(q.speaker.start, q.speaker.end)]) if q.speaker is not None else ()
        _add_pair(scores.speaker_matched, pred_speaker[i], gold_source[j], raw_spk, _raw(g.get("source")))
        raw_cue = _raw([(q.cue.start, q.cue.end)]) if q.cue is not None else ()
        _add_pair(scores.cue_matched, pred_cue[i], gold_cue[j], raw_cue, _raw(g.get("cue")))
    for joint, matched, pred, gold_spans in ((scores.source_joint, scores.source_matched, pred_source, gold_source),
                                             (scores.cue_joint, scores.cue_matched, pred_cue, gold_cue)):
        joint.add(matched)
        # precision and recall run over every quote / attribution, not only the matched ones
        joint.pred, joint.gold = sum(bool(p) for p in pred), sum(bool(g) for g in gold_spans)
        joint.pred_chars, joint.gold_chars = sum(map(span_chars, pred)), sum(map(span_chars, gold_spans))
    _all_spans(scores.source_all, pred_source, gold_source)
    _all_spans(scores.cue_all, pred_cue, gold_cue)
    return ArticleMatch(text, items, pred_content, gold_content, pred_source, gold_source, pred_cue, gold_cue, pairs,
                        scores)


def score_attribution(records: Iterable[dict], coded: Iterable[Any], outlet_fallback: bool = True,
                      merge_shared_cue: bool = False) -> AttributionScores:
    """Score each gold record (``{"text", "attributions"}``) against the quotes coded from it.

    ``coded`` holds, per record, a coded :class:`~tidings.records.Article` or its list of quotes.
    """
    total = AttributionScores()
    for record, item in zip(records, coded):
        quotes = item.quotes if hasattr(item, "quotes") else item
        total.add(match_attributions(record["text"], list(quotes), record.get("attributions", []), outlet_fallback,
                                     merge_shared_cue).scores)
    return total


# --------------------------------------------------------------------------------------------
# Event factuality against ``tests/gold/factuality.jsonl``: ``{"id", "text", "date", "trigger",
# "trigger_start", "factuality", "cue"}`` per line. The coded event scored for a record is the
# first whose ``trigger.start == trigger_start``; none there is the prediction ``"none"`` (a
# miss). ``cue`` is the gold cue text (or null); it is located at ``cue_start`` when the record
# has one, else at its occurrence nearest the trigger. The cue is right when the event's
# ``factuality_cue`` overlaps it.
# --------------------------------------------------------------------------------------------

MISSING = "none"


def _gold_cue_span(record: dict) -> tuple[int, int] | None:
    cue = record.get("cue")
    if not cue:
        return None
    if isinstance(cue, dict):
        if cue.get("start") is not None:
            return int(cue["start"]), int(cue.get("end", int(cue["start"]) + len(cue.get("text", ""))))
        cue = cue.get("text") or ""
        if not cue:
            return None
    text, anchor = record["text"], int(record.get("trigger_start") or 0)
    if record.get("cue_start") is not None:
        start = int(record["cue_start"])
        return start, start + len(cue)
    found, at = None, text.find(cue)
    while at >= 0:
        if found is None or abs(at - anchor) < abs(found - anchor):
            found = at
        at = text.find(cue, at + 1)
    return (found, found + len(cue)) if found is not None else None


@dataclass
class FactualityScores:
    """Gold and predicted factuality per record (``"none"`` where no event was coded at the trigger)."""

    gold: list[str] = field(default_factory=list)
    pred: list[str] = field(default_factory=list)
    cue_gold: int = 0
    cue_right: int = 0
    no_cue_gold: int = 0
    no_cue_right: int = 0
    ids: list[str] = field(default_factory=list)

    @property
    def items(self) -> int:
        return len(self.gold)

    @property
    def covered(self) -> int:
        return sum(p != MISSING for p in self.pred)

    @property
    def coverage(self) -> float:
        return self.covered / self.items if self.items else 0.0

    def _pairs(self, covered_only: bool) -> list[tuple[str, str]]:
        return [(g, p) for g, p in zip(self.gold, self.pred) if not covered_only or p != MISSING]

    def per_value(self, covered_only: bool = True) -> dict[str, tuple[float, float, float, int]]:
        """Precision, recall, F1 and gold support of each value that is in the gold or predicted."""
        from .records import FACTUALITIES

        pairs = self._pairs(covered_only)
        gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
        return label_scores(gold, pred, [v for v in FACTUALITIES if v in gold or v in pred])

    def macro_f1(self, covered_only: bool = True) -> float:
        """Mean F1 over the six values (those neither in the gold nor predicted are left out)."""
        return macro_f1(self.per_value(covered_only))

    def accuracy(self, covered_only: bool = True) -> float:
        pairs = self._pairs(covered_only)
        return sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0

    def confusion(self) -> dict[str, Counter]:
        """gold value -> Counter of predicted values (``"none"`` for misses)."""
        out: dict[str, Counter] = {}
        for g, p in zip(self.gold, self.pred):
            out.setdefault(g, Counter())[p] += 1
        return out

    @property
    def cue_accuracy(self) -> float:
        """Share of covered records with a gold cue whose predicted cue overlaps it."""
        return self.cue_right / self.cue_gold if self.cue_gold else 0.0

    @property
    def no_cue_accuracy(self) -> float:
        """Share of covered records without a gold cue that were given no cue either."""
        return self.no_cue_right / self.no_cue_gold if self.no_cue_gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items, "covered": self.covered, "coverage": round(self.coverage, 4),
            "macro_f1_covered": round(self.macro_f1(True), 4), "macro_f1_all": round(self.macro_f1(False), 4),
            "accuracy_covered": round(self.accuracy(True), 4), "accuracy_all": round(self.accuracy(False), 4),
            "per_value_covered": {k: [round(x, 4) for x in v[:3]] + [v[3]] for k, v in self.per_value(True).items()},
            "per_value_all": {k: [round(x, 4) for x in v[:3]] + [v[3]] for k, v in self.per_value(False).items()},
            "confusion": {g: dict(c) for g, c in self.confusion().items()},
            "cue_accuracy": round(self.cue_accuracy, 4), "cue_gold": self.cue_gold,
            "no_cue_accuracy": round(self.no_cue_accuracy, 4), "no_cue_gold": self.no_cue_gold,
        }


def factuality_event(record: dict, item: Any) -> Event | None:
    """The coded event at the record's trigger (``item``: an Article or its list of events)."""
    events = item.events if hasattr(item, "events") else item
    start = int(record["trigger_start"])
    return next((e for e in events if e.trigger.start == start), None)


def score_factuality(records: Iterable[dict], coded_articles: Iterable[Any]) -> FactualityScores:
    """Score the factuality of the event at each record's trigger (see the comment block above)."""
    scores = FactualityScores()
    for record, item in zip(records, coded_articles):
        event = factuality_event(record, item)
        scores.ids.append(str(record.get("id", "")))
        scores.gold.append(record["factuality"])
        scores.pred.append(event.factuality if event is not None else MISSING)
        if event is None:
            continue
        gold_cue = _gold_cue_span(record)
        cue = getattr(event, "factuality_cue", None)
        if gold_cue is not None:
            scores.cue_gold += 1
            scores.cue_right += cue is not None and cue.start < gold_cue[1] and gold_cue[0] < cue.end
        else:
            scores.no_cue_gold += 1
            scores.no_cue_right += cue is None
    return scores
