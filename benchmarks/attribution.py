"""Score quote attribution on PolNeAR (../shared/gold) and event factuality on our own gold set.

    python benchmarks/attribution.py [--gold-dir ../shared/gold] [--split dev|train|both] [--limit N]
                                     [--errors K] [--markdown] [--json out.json] [--only polnear|factuality]

PolNeAR (networkdynamics/PolNeAR, US presidential-election news of 2015–16) is third-party gold used for measuring
only: nothing in it is used to build the coder, and none of its text goes into the project.
`dev` is the held-out figure; `train` is the set we look at while developing (errors are
analysed there), so its numbers are flagged as the development set. When a document has several
annotators (2 dev, 16 train documents) the first annotator in the record's
`annotations_by_annotator` (file order) is used. Attributions without a content span are left out.

How PolNeAR is scored (``tidings.evaluate.match_attributions``), per article:

- Spans. Every span, gold or predicted, is trimmed of whitespace, quotation marks and
  punctuation at both ends (PolNeAR's content spans include the quotation marks, ours sit
  inside them; a part trimmed to nothing, such as a cue ":", is kept as it is). A gold part
  may be discontinuous (several spans); a predicted quote content, speaker and cue is one
  span. The predicted source is the quote's speaker, or its nearest outlet when it has no
  speaker ("Reuters reported ..."); `source (speaker only)` drops that fallback.
- Matching. The overlap of a predicted quote and a gold attribution is the number of
  characters their trimmed contents share. Pairs with overlap > 0 are taken greedily, largest
  overlap first (ties: earlier quote, then earlier attribution); each quote and each
  attribution is used at most once (one-to-one).
- content: `overlap` P/R = matched pairs / predicted quotes, / gold attributions; `exact` =
  trimmed spans identical (a one-to-one match on equality); `soft` = characters shared by the
  matched pairs / all predicted content characters (P), / all gold content characters (R).
- source and cue, `matched pairs`: over matched pairs only; P = hits / pairs where we give a
  source (cue), R = hits / pairs where the gold has one; a hit is overlap (or, for `exact`,
  identical trimmed spans). `end to end`: the same hits over every predicted quote with a
  source and every gold attribution with one (who said what). `all spans`: the article's
  distinct predicted source (cue) spans against its distinct gold ones, matched one-to-one by
  overlap in the same greedy way wherever they are.
- merged: a second table first merges the quotes whose cues have the same offsets into one
  predicted attribution with a discontinuous content (PolNeAR makes one attribution of the
  pieces of a quotation around its cue: "A," he said, "B."), then matches as above.

Targets: dev source (matched pairs) overlap-F1 >= 0.75 and dev content overlap-F1 >= 0.75.

Factuality: each record of tests/gold/factuality.jsonl is coded and the event whose trigger
starts at `trigger_start` is scored (``tidings.evaluate.score_factuality``); no event there is
the prediction `none` (coverage). Macro-F1 is over the six values, on the covered records and on
all records (misses count as wrong); cue accuracy = the event's factuality cue overlaps the gold cue.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import tidings
from tidings.evaluate import (
    AttributionScores,
    FactualityScores,
    match_attributions,
    score_factuality,
    shared_chars,
    span_chars,
)
from tidings.records import Article

from common import DEFAULT_GOLD, ROOT, machine_line  # noqa: E402  (benchmarks/common.py, beside this script)
FACTUALITY_GOLD = ROOT / "tests" / "gold" / "factuality.jsonl"

PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this", "that", "who",
            "which", "one", "his", "its", "their", "our", "my", "everyone", "someone", "some", "others", "many"}
SPEECH_CUES = {"say", "said", "says", "saying", "tell", "told", "tells", "telling", "add", "added", "adds", "report",
               "reported", "reports", "announce", "announced", "claim", "claimed", "claims", "state", "stated",
               "explain", "explained", "argue", "argued", "argues", "write", "wrote", "writes", "written", "note",
               "noted", "ask", "asked", "insist", "insisted", "warn", "warned", "declare", "declared", "acknowledge",
               "acknowledged", "admit", "admitted", "suggest", "suggested", "tweet", "tweeted", "respond", "responded",
               "reply", "replied", "continue", "continued", "deny", "denied", "call", "called", "predict", "predicted",
               "according", "statement", "promise", "promised", "vow", "vowed", "confirm", "confirmed", "mention",
               "mentioned", "describe", "described", "quoted", "quote", "recall", "recalled", "joke", "joked",
               "point", "pointed", "pointing", "cite", "cited", "citing", "urge", "urged", "accuse", "accused",
               "criticize", "criticized", "praise", "praised", "interview", "speech", "remarks", "testify", "testified"}
QUOTE_MARKS = "\"“”«»"


# ------------------------------------------------------------------------------------------ helpers


def load(path: Path, limit: int | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return rows[:limit] if limit else rows


def progress(items: list, label: str):
    """A rich progress bar on stderr when rich is installed and stderr is a terminal, else the plain list."""
    try:
        from rich.console import Console
        from rich.progress import track
    except ImportError:  # pragma: no cover
        return items
    console = Console(stderr=True)
    if not console.is_terminal:
        return items
    return track(items, description=label, console=console, transient=True)


def check_date(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None


def polnear_gold(row: dict) -> tuple[str | None, list[dict]]:
    """The first annotator's attributions with a content span, as ``{"content", "source", "cue"}`` span lists."""
    by_annotator = row.get("annotations_by_annotator") or {}
    if not by_annotator:
        return None, []
    annotator = next(iter(by_annotator))
    out = []
    for item in by_annotator[annotator]:
        parts = {k: [list(s) for s in (item.get(k) or {}).get("spans", [])] for k in ("content", "source", "cue")}
        if parts["content"]:
            out.append({"id": item.get("id"), **parts})
    return annotator, out


def snippet(text: str, spans: tuple | None, width: int = 70) -> str:
    """A short rendering of a span set, for error listings on stderr only."""
    if not spans:
        return "-"
    pieces = [text[s:e] for s, e in spans]
    shown = " … ".join(pieces).replace("\n", " ")
    return repr(shown if len(shown) <= width else shown[: width - 1] + "…")


def words(text: str, spans: tuple) -> str:
    return " ".join(text[s:e] for s, e in spans).strip().lower()


def cue_class(cue: str) -> str:
    """A rough class of a gold cue, to see where recall is lost."""
    tokens = re.findall(r"[\w’']+", cue.lower())
    if not cue.strip():
        return "no cue"
    if "according" in tokens:
        return "'according to'"
    if not tokens:
        return "punctuation (colon, dash)"
    if any(t in SPEECH_CUES for t in tokens):
        return "speech verb or noun"
    return "other (belief, intention, perception, evaluation, ...)"


# ------------------------------------------------------------------------------------------ error analysis


class Errors:
    """Failure patterns with counts and a few examples each (examples go to stderr only)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.counts: Counter = Counter()
        self.examples: dict[str, list[str]] = defaultdict(list)
        self.missed_cues: Counter = Counter()
        self.gold_by_class: Counter = Counter()
        self.found_by_class: Counter = Counter()

    def add(self, category: str, doc: str, detail: str) -> None:
        self.counts[category] += 1
        if len(self.examples[category]) < self.keep:
            self.examples[category].append(f"{doc}: {detail}")

    def analyse(self, doc: str, match) -> None:
        text, quotes = match.text, match.pred_items
        pair_of_gold = {j: i for i, j, _ in match.pairs}
        pair_of_pred = {i: j for i, j, _ in match.pairs}
        for j in range(len(match.gold_content)):
            kind = cue_class(words(text, match.gold_cue[j]))
            self.gold_by_class[kind] += 1
            self.found_by_class[kind] += j in pair_of_gold
        # missed gold attributions
        for j in match.unmatched_gold:
            gold = match.gold_content[j]
            cue = words(text, match.gold_cue[j])
            first = text[max(0, gold[0][0] - 1): gold[0][0] + 1]
            if any(other in pair_of_pred and shared_chars(match.pred_content[other], gold) for other in range(len(quotes))):
                self.add("content: one predicted quote covers several gold attributions (merged)", doc, snippet(text, gold))
                continue
            if "according" in cue:
                category = "content: missed, cue 'according to'"
            elif any(ch in QUOTE_MARKS for ch in first):
                category = "content: missed direct quote (in quotation marks)"
            elif cue_class(cue) == "speech verb or noun":
                if len(words(text, gold).split()) <= 3:
                    category = "content: missed short object of a speech cue (<= 3 words, e.g. 'denied the report')"
                else:
                    category = "content: missed indirect speech or paraphrase (speech cue)"
            elif len(words(text, gold).split()) <= 3:
                category = "content: missed short content (<= 3 words; non-speech cue: belief, perception, evaluation)"
            else:
                category = "content: missed clause with a non-speech cue (belief, intention, perception)"
            self.missed_cues[cue or "(none)"] += 1
            self.add(category, doc, f"cue {cue!r} content {snippet(text, gold)}")
        # spurious predictions
        for i in match.unmatched_pred:
            pred = match.pred_content[i]
            host = next((pair_of_gold[j] for j in pair_of_gold if shared_chars(pred, match.gold_content[j])), None)
            if host is not None:
                same_cue = quotes[i].cue is not None and match.pred_cue[i] == match.pred_cue[host]
                how = "shares the matched quote's cue" if same_cue else "its own cue or none"
                cue = quotes[i].cue.text if quotes[i].cue is not None else None
                self.add(f"content: extra predicted quote inside an already matched gold attribution (split; {how})",
                         doc, f"{quotes[i].kind}, cue {cue!r}: {snippet(text, pred)} (matched: {snippet(text, match.pred_content[host], 50)})")
            else:
                self.add(f"content: predicted quote with no gold attribution ({quotes[i].kind})", doc,
                         f"cue {quotes[i].cue.text if quotes[i].cue else None!r} content {snippet(text, pred)}")
        # matched pairs: boundaries, source, cue
        for i, j, _ in match.pairs:
            q, pred, gold = quotes[i], match.pred_content[i], match.gold_content[j]
            if pred != gold:
                if len(gold) > 1 and not all(shared_chars(pred, (g,)) for g in gold):
                    category = "content: gold joins pieces around the cue, we give one piece"
                elif words(text, gold).startswith("that ") and pred[0][0] > gold[0][0]:
                    category = "content: gold includes the complementizer 'that', we start after it"
                elif q.kind.startswith("partial") and gold[0][0] <= pred[0][0] and pred[-1][1] <= gold[-1][1]:
                    category = "content: partial quote: gold content is the reported clause, ours only the quoted words"
                elif pred[0][0] > gold[0][0]:
                    category = "content: we start later than the gold"
                elif pred[0][0] < gold[0][0]:
                    category = "content: we start earlier than the gold"
                elif pred[-1][1] < gold[-1][1]:
                    category = "content: we end earlier than the gold"
                else:
                    category = "content: we end later than the gold"
                self.add(category, doc, f"gold {snippet(text, gold)} ours {snippet(text, pred)}")
            self._source(doc, text, q, match.pred_source[i], match.gold_source[j])
            self._cue(doc, text, q, match.pred_cue[i], match.gold_cue[j], match.pred_source[i])

    def _source(self, doc: str, text: str, quote, pred: tuple, gold: tuple) -> None:
        gold_words = words(text, gold)
        pronoun = gold_words in PRONOUNS
        detail = f"gold {snippet(text, gold, 40)} ours {snippet(text, pred, 40)}"
        if not gold and not pred:
            return
        if not gold:
            self.add("source: gold has none, we give one", doc, detail)
        elif not pred:
            self.add("source: gold is a pronoun, we give none" if pronoun else "source: gold is named, we give none",
                     doc, detail)
        elif pred == gold:
            return
        elif shared_chars(pred, gold):
            if span_chars(pred) > span_chars(gold):
                self.add("source: overlaps, ours is longer", doc, detail)
            elif gold[0][0] <= pred[0][0] and pred[-1][1] <= gold[-1][1]:
                self.add("source: ours is inside the gold (gold adds an apposition or role: 'NAME, a spokesman for X')",
                         doc, detail)
            else:
                self.add("source: overlaps, shifted", doc, detail)
        elif quote.speaker is not None and any(o.start < gold[-1][1] and gold[0][0] < o.end for o in quote.outlets):
            self.add("source: gold source is the outlet, we gave the speaker", doc, detail)
        elif pronoun:
            self.add("source: gold is a pronoun, we give another mention (its antecedent or another person)", doc, detail)
        elif words(text, pred) in PRONOUNS:
            self.add("source: gold is named, we give a pronoun", doc, detail)
        else:
            self.add("source: we give a different named span", doc, detail)

    def _cue(self, doc: str, text: str, quote, pred: tuple, gold: tuple, pred_source: tuple) -> None:
        gold_words = words(text, gold)
        detail = f"gold {snippet(text, gold, 40)} ours {snippet(text, pred, 40)}"
        if not gold and not pred:
            return
        if not gold:
            self.add("cue: gold has none, we give one", doc, detail)
        elif not pred:
            if "according" in gold_words:
                self.add("cue: 'according to' not found", doc, detail)
            elif pred_source:
                self.add(f"cue: we give a source but no cue ({quote.kind}; e.g. a quote continuing an earlier one)",
                         doc, detail)
            else:
                self.add("cue: gold has one, we give neither cue nor source", doc, detail)
        elif pred == gold:
            return
        elif shared_chars(pred, gold):
            longer = span_chars(pred) > span_chars(gold)
            self.add(f"cue: overlaps but ours is {'longer' if longer else 'shorter (multi-word gold cue)'}", doc, detail)
        elif "according" in gold_words:
            self.add("cue: 'according to' not found", doc, detail)
        elif cue_class(gold_words).startswith("punctuation"):
            self.add("cue: gold cue is a colon or dash, we give a word", doc, detail)
        else:
            self.add(f"cue: we give a different word ({quote.kind})", doc, detail)

    def summary(self, top: int = 25) -> list[str]:
        lines = [f"  {n:6d}  {category}" for category, n in self.counts.most_common(top)]
        cues = ", ".join(f"{c!r} {n}" for c, n in self.missed_cues.most_common(15))
        recall = ", ".join(f"{kind} {self.found_by_class[kind]}/{n} = {self.found_by_class[kind] / n:.3f}"
                           for kind, n in self.gold_by_class.most_common())
        return lines + ([f"  cues of missed gold attributions (most frequent): {cues}"] if cues else []) + (
            [f"  content recall by gold cue class: {recall}"] if recall else [])

    def dump(self, stream) -> None:
        for category, n in self.counts.most_common():
            print(f"\n## {category} ({n})", file=stream)
            for example in self.examples[category]:
                print(f"   {example}", file=stream)


# ------------------------------------------------------------------------------------------ PolNeAR


def polnear(gold_dir: Path, split: str, limit: int | None, keep_errors: int) -> dict:
    rows = load(gold_dir / f"polnear_{split}.jsonl", limit)
    coder = tidings.get_coder()
    total, merged = AttributionScores(), AttributionScores()
    errors = Errors(keep_errors)
    gold_count = dropped = quotes_count = multi = 0
    kinds: Counter = Counter()
    start = time.time()
    for row in progress(rows, f"PolNeAR {split}"):
        annotator, gold = polnear_gold(row)
        multi += len(row.get("annotations_by_annotator") or {}) > 1
        dropped += len((row.get("annotations_by_annotator") or {}).get(annotator, [])) - len(gold) if annotator else 0
        article = coder.code(Article(text=row["text"], date=check_date(row.get("publication_date")), id=row["id"]))
        match = match_attributions(row["text"], article.quotes, gold)
        total.add(match.scores)
        merged.add(match_attributions(row["text"], article.quotes, gold, merge_shared_cue=True).scores)
        errors.analyse(row["id"].split(":")[-1][:40], match)
        gold_count += len(gold)
        quotes_count += len(article.quotes)
        kinds.update(q.kind for q in article.quotes)
    return {"split": split, "articles": len(rows), "gold_attributions": gold_count, "dropped_without_content": dropped,
            "multi_annotator_docs": multi, "quotes": quotes_count, "quote_kinds": dict(kinds),
            "seconds": round(time.time() - start, 1), "scores": total, "merged": merged, "errors": errors}


ROWS = [("content", "content"), ("source, matched pairs", "source_matched"),
        ("source (speaker only), matched pairs", "speaker_matched"), ("source, end to end", "source_joint"),
        ("source, all spans", "source_all"), ("cue, matched pairs", "cue_matched"), ("cue, end to end", "cue_joint"),
        ("cue, all spans", "cue_all")]


def polnear_table(result: dict) -> list[str]:
    s: AttributionScores = result["scores"]
    flag = " — development set (errors analysed here)" if result["split"] == "train" else " — held out"
    head = (f"PolNeAR {result['split']}{flag}: {result['articles']} articles, {result['gold_attributions']:,} gold "
            f"attributions, {result['quotes']:,} predicted quotes {result['quote_kinds']}, {result['seconds']} s")
    lines = [head,
             "",
             "| part | exact P / R / F1 | overlap P / R / F1 | soft P / R / F1 | pred | gold |",
             "|---|---|---|---|---|---|"]
    for label, part in ROWS:
        scores = getattr(s, part)
        cells = [" / ".join(f"{x:.3f}" for x in scores.prf(kind)) for kind in ("exact", "overlap", "soft")]
        p, r, f = scores.prf("overlap")
        cells[1] = f"{p:.3f} / {r:.3f} / **{f:.3f}**"
        lines.append(f"| {label} | {' | '.join(cells)} | {scores.pred:,} | {scores.gold:,} |")
    m: AttributionScores = result["merged"]
    lines += ["", "Quotes that share a cue merged into one attribution (PolNeAR joins the pieces around a cue):", "",
              "| part | exact P / R / F1 | overlap P / R / F1 | soft P / R / F1 | pred | gold |", "|---|---|---|---|---|---|"]
    for label, part in ROWS[:2] + ROWS[3:4]:
        scores = getattr(m, part)
        cells = [" / ".join(f"{x:.3f}" for x in scores.prf(kind)) for kind in ("exact", "overlap", "soft")]
        p, r, f = scores.prf("overlap")
        cells[1] = f"{p:.3f} / {r:.3f} / **{f:.3f}**"
        lines.append(f"| {label} | {' | '.join(cells)} | {scores.pred:,} | {scores.gold:,} |")
    if result["split"] == "dev":
        c, src = s.content.f1("overlap"), s.source_matched.f1("overlap")
        lines.append("")
        lines.append(f"Targets (dev): content overlap-F1 {c:.3f} (>= 0.75 {'met' if c >= 0.75 else 'NOT met'}), "
                     f"source overlap-F1 on matched pairs {src:.3f} (>= 0.75 {'met' if src >= 0.75 else 'NOT met'}); "
                     f"end-to-end source overlap-F1 {s.source_joint.f1('overlap'):.3f}; with quotes sharing a cue merged: "
                     f"content {m.content.f1('overlap'):.3f}, source {m.source_matched.f1('overlap'):.3f}")
    return lines


# ------------------------------------------------------------------------------------------ factuality


def factuality(limit: int | None, keep_errors: int) -> dict | None:
    if not FACTUALITY_GOLD.exists():
        return None
    records = load(FACTUALITY_GOLD, limit)
    coder = tidings.get_coder()
    coded = [coder.code(Article(text=r["text"], date=check_date(r.get("date")), id=str(r.get("id", ""))))
             for r in progress(records, "factuality")]
    scores = score_factuality(records, coded)
    examples: dict[str, list[str]] = defaultdict(list)
    for record, gold, pred in zip(records, scores.gold, scores.pred):
        if gold != pred and len(examples[f"{gold} -> {pred}"]) < keep_errors:
            examples[f"{gold} -> {pred}"].append(f"{record.get('id')}: trigger {record.get('trigger')!r} "
                                                 f"gold cue {record.get('cue')!r} text {record['text'][:150]!r}")
    tricky = [i for i, r in enumerate(records) if r.get("tricky")]
    subsets = {}
    for name, idx in (("tricky", tricky), ("plain", [i for i in range(len(records)) if i not in set(tricky)])):
        sub = FactualityScores(gold=[scores.gold[i] for i in idx], pred=[scores.pred[i] for i in idx])
        subsets[name] = {"items": sub.items, "covered": sub.covered, "accuracy": sub.accuracy(True),
                         "macro_f1": sub.macro_f1(True)}
    return {"scores": scores, "examples": examples, "subsets": subsets}


def factuality_table(result: dict) -> list[str]:
    s: FactualityScores = result["scores"]
    head = (f"Factuality (tests/gold/factuality.jsonl): {s.items} records, {s.covered} with an event at the gold "
            f"trigger (coverage {s.coverage:.3f})")
    figures = (f"macro-F1 {s.macro_f1(True):.3f} on covered records, {s.macro_f1(False):.3f} on all (misses wrong); "
               f"accuracy {s.accuracy(True):.3f} / {s.accuracy(False):.3f}; cue accuracy {s.cue_accuracy:.3f} "
               f"({s.cue_right}/{s.cue_gold}), no cue given where the gold has none {s.no_cue_accuracy:.3f} "
               f"({s.no_cue_right}/{s.no_cue_gold})")
    subsets = "; ".join(f"{name} records ({v['covered']} of {v['items']} covered): accuracy {v['accuracy']:.3f}, "
                        f"macro-F1 {v['macro_f1']:.3f}" for name, v in result.get("subsets", {}).items() if v["items"])
    lines = [head, figures] + ([subsets] if subsets else []) + ["",
             "| value | P | R | F1 | n (covered) | F1 (all) | n (all) |", "|---|---|---|---|---|---|---|"]
    covered, every = s.per_value(True), s.per_value(False)
    for value in every:
        p, r, f, n = covered.get(value, (0.0, 0.0, 0.0, 0))
        lines.append(f"| {value} | {p:.3f} | {r:.3f} | {f:.3f} | {n} | {every[value][2]:.3f} | {every[value][3]} |")
    lines += ["", "Confusion (gold -> predicted counts; none = no event at the trigger):", "```"]
    for gold, row in sorted(s.confusion().items()):
        lines.append(f"  {gold:<13} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1])))
    lines.append("```")
    return lines


# ------------------------------------------------------------------------------------------ main



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold-dir", default=str(DEFAULT_GOLD), help="folder with polnear_*.jsonl (default ../shared/gold)")
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N records of each set")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K examples per error category to stderr")
    parser.add_argument("--markdown", action="store_true", help="print a block ready for docs/benchmarks.md")
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--only", choices=["polnear", "factuality"], action="append")
    args = parser.parse_args()
    wanted = args.only or ["polnear", "factuality"]
    gold_dir = Path(args.gold_dir)
    lines: list[str] = []
    dump: dict[str, Any] = {"machine": machine_line()}
    error_summaries: list[str] = []

    if "polnear" in wanted:
        if not (gold_dir / "polnear_dev.jsonl").exists():
            lines.append(f"PolNeAR not found at {gold_dir}; skipped (pass --gold-dir DIR)")
        else:
            for split in (["dev", "train"] if args.split == "both" else [args.split]):
                result = polnear(gold_dir, split, args.limit, args.errors)
                lines += polnear_table(result) + [""]
                dump[f"polnear_{split}"] = {k: v for k, v in result.items() if k not in ("scores", "merged", "errors")}
                dump[f"polnear_{split}"]["scores"] = result["scores"].as_dict()
                dump[f"polnear_{split}"]["scores_merged_by_cue"] = result["merged"].as_dict()
                dump[f"polnear_{split}"]["error_counts"] = dict(result["errors"].counts.most_common())
                dump[f"polnear_{split}"]["missed_cues"] = dict(result["errors"].missed_cues.most_common(40))
                dump[f"polnear_{split}"]["recall_by_cue_class"] = {
                    k: [result["errors"].found_by_class[k], n] for k, n in result["errors"].gold_by_class.items()}
                error_summaries += [f"Failure patterns, PolNeAR {split} (counts):"] + result["errors"].summary()
                if args.errors:
                    print(f"\n# PolNeAR {split}: up to {args.errors} examples per failure pattern", file=sys.stderr)
                    result["errors"].dump(sys.stderr)

    if "factuality" in wanted:
        result = factuality(args.limit, args.errors)
        if result is None:
            lines.append(f"factuality gold not found at {FACTUALITY_GOLD}; skipped")
        else:
            lines += factuality_table(result)
            dump["factuality"] = {**result["scores"].as_dict(), "subsets": result["subsets"]}
            if args.errors:
                print("\n# factuality: examples per confusion", file=sys.stderr)
                for key, items in sorted(result["examples"].items()):
                    print(f"\n## {key}", file=sys.stderr)
                    for item in items:
                        print(f"   {item}", file=sys.stderr)

    if args.markdown:
        print(f"### Attribution and factuality — `benchmarks/attribution.py`\n\nMeasured {machine_line()}.\n")
        print("```\n.venv/bin/python benchmarks/attribution.py --split both --markdown\n```\n")
    print("\n".join(lines))
    if error_summaries:
        print("\n".join([""] + error_summaries), file=sys.stderr if args.markdown else sys.stdout)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(dump, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
