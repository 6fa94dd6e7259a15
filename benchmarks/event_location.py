"""Score the event-location choice (tidings.locate.event_location) on Halterman's event-location set.

    python benchmarks/event_location.py [--gold-dir ../shared/gold] [--markdown] [--errors K] [--json out.json]

Gold: event_location_halterman.jsonl (ahalterman/event_location, "Geolocating Political Events in
Text"), the hand-relabelled subset only (`is_gold_relabel`, 496 records, one sentence or a short
passage each). A record has one event `verbs` span and `locations`: the span(s) naming where that
event happened, or none when the text does not say. The set marks only the answer, not the other
place names of the sentence, so there is no list of candidates to choose among; we supply them.

Offsets. In about 220 gold records the `locations` offsets are the original's token indices
(`token_start`, `token_end`, inclusive), not characters ("San Carlos" stored as start 7, end 8:
text "g"). A location is read as characters when the span is non-empty, starts and ends on word
boundaries and has a letter or digit; otherwise as token indices into spaCy's tokenization of the
text (whitespace tokens count, as Prodigy's did), stripped of surrounding spaces and punctuation.
Tokenizer versions differ, so some repairs land on the wrong words; a repaired span that has no
capital letter and no "al-" prefix is counted as unrecoverable and its record left out. The tables
give the counts; the "char offsets only" rows use just the records whose offsets needed no repair
(and the records with no location). The "with a rival name" rows keep the records where (a) offers
some place name besides the gold span(s): elsewhere the choice is forced. The "gold among our
places" rows keep the located records where (b)'s geocoder found a gold span exactly: there (b)
measures the choice among our own places.

Each record's text is parsed once with ``tidings.nlp.load_model()`` (as one block at offset 0);
the trigger is the root of the verb's span. Candidates:

(a) choice given the gold spans: the gold location span(s) plus every other place name we find
    in the text (spaCy GPE/LOC/FAC entities and the geocoder's unlabelled gazetteer names, minus
    metonyms — what the pipeline would offer), all as unresolved ``Place(text, start, end,
    name=text)``. The right answer is always on offer, so this isolates the choice.
(b) end to end: ``load_geocoder().article_places([(0, doc)], Context())``, our own detected and
    resolved places; a gold location the geocoder misses cannot be chosen.

Rules, each on both candidate sets:
- `tidings`: ``event_location(trigger, 0, places, article_place(places))`` — the clause's place,
  else the sentence's first, else the article's (here: the record's text) most-named place;
- `tidings, clause only`: the same but abstaining unless the place attaches to the clause;
- `nearest` (baseline): the candidate whose span is nearest the verb, in characters (ties: earlier);
- `first` (baseline): the first candidate in the text.

Scoring. On records with a gold location: `exact` = the chosen span equals a gold span, `overlap`
= it shares a character with one, `none` = nothing chosen. On records with no gold location
(the text names no place of the event): `abstain` = nothing chosen (the right answer; every rule
that picks a place is wrong there). `all` = (exact hits on located records + abstentions on
unlocated ones) / records. The source breakdown says how often `tidings` took the clause's place,
fell back to the sentence or the article, or found nothing, with its exact accuracy per source.

Measuring only: nothing from the set is copied into tidings, and no rule was tuned on it. Skips
cleanly when the gold file is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import DEFAULT_GOLD, machine_line  # noqa: E402  (benchmarks/common.py, beside this script)
GOLD_FILE = "event_location_halterman.jsonl"
RULES = ("tidings", "tidings, clause only", "nearest", "first")
SOURCES = ("clause", "sentence", "article", "none")
PLACE_ENTS = {"GPE", "LOC", "FAC"}


# -- gold -------------------------------------------------------------------------------------
def _word_boundary(text: str, start: int, end: int) -> bool:
    left = start == 0 or not text[start - 1].isalnum()
    right = end == len(text) or not text[end].isalnum()
    return start < end and left and right and any(c.isalnum() for c in text[start:end])


def gold_spans(text: str, locations: list[dict], tokens) -> tuple[list[tuple[int, int]], str]:
    """The record's location spans as character offsets, and how they were read:
    ``char``, ``token`` (repaired from token indices) or ``lost`` (unrecoverable)."""
    spans, how = [], "char"
    for loc in locations:
        start, end = loc["start"], loc["end"]
        if _word_boundary(text, start, end):
            spans.append((start, end))
            continue
        how = "token" if how != "lost" else how
        if not (0 <= start <= end < len(tokens)):
            how = "lost"
            continue
        piece = tokens[start:end + 1]
        s, e = piece.start_char, piece.end_char
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum() and text[e - 1] != ".":
            e -= 1
        words = text[s:e]
        if not words or not (any(c.isupper() for c in words) or re.match(r"(?i)al-", words)):
            how = "lost"
            continue
        spans.append((s, e))
    return spans, how


# -- candidates ---------------------------------------------------------------------------------
def candidates_given_gold(doc, spans: list[tuple[int, int]], geocoder):
    """(a): the gold spans plus the other place names the pipeline would see, unresolved."""
    from tidings.records import Place

    text = doc.text
    found: list[tuple[int, int, Any]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_ENTS:
            span = ent
            while len(span) > 1 and (span[0].lower_ == "the" or span[0].is_punct):
                span = span[1:]
            found.append((span.start_char, span.end_char, span.root))
    for mention in geocoder.mentions(doc):
        found.append((mention.span.start_char, mention.span.end_char, mention.span.root))
    others: list[tuple[int, int]] = []
    for start, end, root in sorted(found, key=lambda f: (f[0], -f[1])):
        if any(start < e and s < end for s, e in list(spans) + others):
            continue
        if geocoder.is_metonym(root, text[start:end]):
            continue
        others.append((start, end))
    every = sorted(set(spans) | set(others))
    return [Place(text[s:e], s, e, name=text[s:e]) for s, e in every]


def trigger_of(doc, verb: dict):
    span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


# -- rules --------------------------------------------------------------------------------------
def choose(rule: str, trigger, places: list) -> tuple[Any, str]:
    """The chosen place (or None) and, for the tidings rules, where it came from."""
    from tidings.locate import article_place, event_location

    if rule == "tidings":
        place = event_location(trigger, 0, places, article_place(places))
        return place, (place.source if place is not None else "none")
    if rule == "tidings, clause only":
        place = event_location(trigger, 0, places, None)
        return (place, "clause") if place is not None and place.source == "clause" else (None, "none")
    if not places:
        return None, "none"
    if rule == "first":
        return min(places, key=lambda p: p.start), "first"
    t0, t1 = trigger.idx, trigger.idx + len(trigger.text)

    def distance(p) -> int:
        return max(0, p.start - t1, t0 - p.end)

    return min(places, key=lambda p: (distance(p), p.start)), "nearest"


# -- scoring ------------------------------------------------------------------------------------
@dataclass
class Score:
    located: int = 0
    exact: int = 0
    overlap: int = 0
    none: int = 0
    unlocated: int = 0
    abstain: int = 0
    sources: Counter = field(default_factory=Counter)
    source_exact: Counter = field(default_factory=Counter)
    source_unlocated: Counter = field(default_factory=Counter)

    def add(self, chosen, source: str, spans: list[tuple[int, int]]) -> str:
        """Count one record; return its outcome (hit, overlap, wrong, missed, abstain, false)."""
        if spans:
            self.located += 1
            self.sources[source] += 1
            if chosen is None:
                self.none += 1
                return "missed"
            if (chosen.start, chosen.end) in spans:
                self.exact += 1
                self.overlap += 1
                self.source_exact[source] += 1
                return "hit"
            if any(chosen.start < e and s < chosen.end for s, e in spans):
                self.overlap += 1
                return "overlap"
            return "wrong"
        self.unlocated += 1
        self.source_unlocated[source] += 1
        if chosen is None:
            self.abstain += 1
            return "abstain"
        return "false"

    def as_dict(self) -> dict[str, Any]:
        n = self.located + self.unlocated
        return {
            "located": self.located, "exact": _ratio(self.exact, self.located),
            "overlap": _ratio(self.overlap, self.located), "none": self.none,
            "unlocated": self.unlocated, "abstain": self.abstain,
            "all": _ratio(self.exact + self.abstain, n),
            "sources": dict(self.sources), "source_exact": dict(self.source_exact),
            "source_unlocated": dict(self.source_unlocated),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def run(path: Path, errors: list[str] | None) -> tuple[dict, dict]:
    from tidings.nlp import load_model
    from tidings.places import Context, load_geocoder

    nlp, geocoder = load_model(), load_geocoder()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("is_gold_relabel")]
    counts: Counter = Counter(records=len(rows))
    scores: dict[tuple[str, str, str], Score] = {}
    t0 = time.perf_counter()
    for row in rows:
        text = row["text"]
        if len(row["verbs"]) != 1:
            counts["no verb"] += 1
            continue
        doc = nlp(text)
        trigger = trigger_of(doc, row["verbs"][0])
        if trigger is None:
            counts["verb not aligned"] += 1
            continue
        spans, how = gold_spans(text, row["locations"], doc)
        if how == "lost":
            counts["offsets unrecoverable"] += 1
            continue
        counts["located, char offsets" if spans and how == "char" else
               "located, repaired from tokens" if spans else "no location"] += 1
        ours = geocoder.article_places([(0, doc)], Context())
        given = candidates_given_gold(doc, spans, geocoder)
        subsets = ["all records"] + ["char offsets only"] * (how == "char") + \
            ["with a rival name"] * any((p.start, p.end) not in spans for p in given)
        counts["with a rival name"] += "with a rival name" in subsets
        if any((p.start, p.end) in spans for p in ours):
            subsets.append("gold among our places")
            counts["gold among our places"] += 1
        for cands, places in (("(a) gold + our other names", given), ("(b) our geocoder", ours)):
            for rule in RULES:
                chosen, source = choose(rule, trigger, places)
                for subset in subsets:
                    outcome = scores.setdefault((cands, rule, subset), Score()).add(chosen, source, spans)
                if errors is not None and rule == "tidings" and outcome in ("wrong", "overlap", "missed", "false"):
                    errors.append(f"{cands[:3]} {outcome:8} {source:8} verb={trigger.text!r} "
                                  f"chose={chosen.text if chosen else None!r} gold={[text[s:e] for s, e in spans]} "
                                  f"cands={[p.text for p in places]} | {row['id']}")
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return dict(counts), {k: s for k, s in scores.items()}


# -- output -------------------------------------------------------------------------------------

def table(scores: dict[tuple[str, str, str], Score], subset: str) -> list[str]:
    lines = [(f"{'candidates':28} {'rule':21} {'located':>7} {'exact':>6} {'overlap':>7} {'none':>5} "
              f"{'unlocated':>9} {'abstain':>7} {'all':>6}")]
    for (cands, rule, sub), s in scores.items():
        if sub != subset:
            continue
        d = s.as_dict()
        lines.append(f"{cands:28} {rule:21} {d['located']:7} {d['exact']:6.3f} {d['overlap']:7.3f} {d['none']:5} "
                     f"{d['unlocated']:9} {d['abstain']:7} {d['all']:6.3f}")
    return lines


def source_table(scores: dict[tuple[str, str, str], Score]) -> list[str]:
    lines = [f"{'candidates':28} {'source':9} {'located':>7} {'exact':>6} {'unlocated':>9}"]
    for (cands, rule, sub), s in scores.items():
        if rule != "tidings" or sub != "all records":
            continue
        for source in SOURCES:
            n = s.sources[source]
            lines.append(f"{cands:28} {source:9} {n:7} {_ratio(s.source_exact[source], n):6.3f} "
                         f"{s.source_unlocated[source]:9}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold-dir", default=str(DEFAULT_GOLD), help=f"folder with {GOLD_FILE} (default ../shared/gold)")
    parser.add_argument("--markdown", action="store_true", help="print a block ready for docs/benchmarks.md")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K errors of the tidings rule to stderr")
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args()
    path = Path(args.gold_dir) / GOLD_FILE
    if not path.exists():
        print(f"{GOLD_FILE} not found in {args.gold_dir}; skipped (pass --gold-dir DIR)")
        return 0
    examples: list[str] = []
    counts, scores = run(path, examples if args.errors else None)
    if args.markdown:
        print(f"### Event location — `benchmarks/event_location.py`\n\nMeasured {machine_line()}.\n")
        print("```\n.venv/bin/python benchmarks/event_location.py --markdown\n```\n")
        print("```")
    print("Records: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("\nAll usable records (exact/overlap over located records; all = (exact + abstain) / records):")
    print("\n".join(table(scores, "all records")))
    print("\nChar offsets only (no repaired spans):")
    print("\n".join(table(scores, "char offsets only")))
    print("\nWith a rival name (records where (a) offers a place name that is not the gold location):")
    print("\n".join(table(scores, "with a rival name")))
    print("\nGold among our places (located records where the geocoder found a gold span exactly):")
    print("\n".join(table(scores, "gold among our places")))
    print("\nWhere the tidings rule's answer came from (all usable records):")
    print("\n".join(source_table(scores)))
    if args.markdown:
        print("```")
    for line in examples[:args.errors]:
        print(line, file=sys.stderr)
    if args.json_out:
        dump = {"machine": machine_line(), "records": counts,
                **{" / ".join(k): s.as_dict() for k, s in scores.items()}}
        Path(args.json_out).write_text(json.dumps(dump, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
