"""Score time expressions (tidings.times.find_times) on TempEval-3 TimeBank and AQUAINT (../shared/gold).

    python benchmarks/times.py [--gold-dir ../shared/gold] [--markdown] [--errors K] [--json out.json]

Gold: tempeval3_timebank_tbaq.jsonl and tempeval3_aquaint_tbaq.jsonl (TempEval-3 TBAQ-cleaned, from
qiangning/StructTempRel-EMNLP17): each record has `text`, `dct` (the document creation time, a TIMEX3
whose `value` is the publication date) and `timexes` (`start`, `end`, `type`, `value`). The DCT itself
is not in `text` and is not scored. TempEval-3 has no separate test split here: TimeBank is the
development set (rules were tuned looking at its errors, never copying its text) and AQUAINT is held
out (not looked at while tuning); the combined figure pools both.

Scoring, the TempEval-3 way (UzZaman et al. 2013), per document then pooled:
- spans: predicted and gold mentions are paired one-to-one, greedily by largest character overlap
  (ties: earlier gold). `strict` counts pairs with identical spans, `relaxed` pairs that overlap at
  all; P = hits / predicted, R = hits / gold.
- attributes on the relaxed pairs: `type accuracy` and `value accuracy` = correct / relaxed pairs;
  `type F1` and `value F1` (TempEval-3's headline attribute scores) count a hit only when the pair
  overlaps and the attribute is right (P over predicted, R over gold). HeidelTime's value F1 in
  TempEval-3 was 77.6 (task A, platinum test set; not this data).

Target: value accuracy >= 0.80 on the combined set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tidings.times import find_times

from common import DEFAULT_GOLD, machine_line  # noqa: E402  (benchmarks/common.py, beside this script)
SETS = {"TimeBank (dev)": "tempeval3_timebank_tbaq.jsonl", "AQUAINT (held out)": "tempeval3_aquaint_tbaq.jsonl"}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    chars: int = 0
    errors: Counter = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "strict", "relaxed", "type_ok", "value_ok", "seconds", "chars"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.update(other.errors)

    @staticmethod
    def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "predicted": self.predicted,
            "strict": self.prf(self.strict, self.predicted, self.gold),
            "relaxed": self.prf(self.relaxed, self.predicted, self.gold),
            "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value_accuracy": self.value_ok / self.relaxed if self.relaxed else 0.0,
            "type_f1": self.prf(self.type_ok, self.predicted, self.gold)[2],
            "value_f1": self.prf(self.value_ok, self.predicted, self.gold)[2],
            "ms_per_1000_chars": 1000 * self.seconds / self.chars * 1000 if self.chars else 0.0,
        }


def pair(gold: list[dict], predicted: list) -> list[tuple[dict, Any]]:
    """One-to-one pairs of overlapping gold and predicted mentions, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def score_doc(record: dict, examples: list[str] | None) -> Score:
    text, dct = record["text"], (record.get("dct") or {}).get("value")
    started = time.perf_counter()
    predicted = find_times(text, dct)
    s = Score(seconds=time.perf_counter() - started, chars=len(text))
    gold = record.get("timexes") or []
    s.gold, s.predicted = len(gold), len(predicted)
    pairs = pair(gold, predicted)
    s.relaxed = len(pairs)
    for g, p in pairs:
        s.strict += (g["start"], g["end"]) == (p.start, p.end)
        s.type_ok += g["type"] == p.type
        s.value_ok += g["value"] == p.value
        if g["value"] != p.value:
            s.errors["wrong value"] += 1
            if examples is not None:
                examples.append(f"VALUE  dct={dct} {g['text']!r} gold={g['type']}:{g['value']} got={p.text!r} {p.type}:{p.value}")
    matched_g = {id(g) for g, _ in pairs}
    matched_p = {id(p) for _, p in pairs}
    for g in gold:
        if id(g) not in matched_g:
            s.errors["missed"] += 1
            if examples is not None:
                examples.append(f"MISSED dct={dct} {g['text']!r} {g['type']}:{g['value']}  …{text[max(0, g['start'] - 40):g['end'] + 30]!r}")
    for p in predicted:
        if id(p) not in matched_p:
            s.errors["spurious"] += 1
            if examples is not None:
                examples.append(f"EXTRA  dct={dct} {p.text!r} {p.type}:{p.value}  …{text[max(0, p.start - 40):p.end + 30]!r}")
    return s


def run(path: Path, examples: list[str] | None) -> Score:
    total = Score()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                total.add(score_doc(json.loads(line), examples))
    return total


def table(results: dict[str, Score]) -> list[str]:
    lines = ["| set | gold | predicted | strict P / R / F1 | relaxed P / R / F1 | type acc | value acc | type F1 | value F1 | ms / 1,000 chars |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, s in results.items():
        d = s.as_dict()
        lines.append(f"| {name} | {d['gold']} | {d['predicted']} | " + " / ".join(f"{x:.3f}" for x in d["strict"])
                     + " | " + " / ".join(f"{x:.3f}" for x in d["relaxed"])
                     + f" | {d['type_accuracy']:.3f} | {d['value_accuracy']:.3f} | {d['type_f1']:.3f} | {d['value_f1']:.3f}"
                     + f" | {d['ms_per_1000_chars']:.2f} |")
    return lines



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold-dir", default=str(DEFAULT_GOLD), help="folder with tempeval3_*_tbaq.jsonl (default ../shared/gold)")
    parser.add_argument("--markdown", action="store_true", help="print a block ready for docs/benchmarks.md")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K TimeBank (dev) errors to stderr")
    parser.add_argument("--json", dest="json_out")
    args = parser.parse_args()
    gold_dir = Path(args.gold_dir)
    if not all((gold_dir / name).exists() for name in SETS.values()):
        print(f"TempEval-3 gold not found at {gold_dir}; skipped (pass --gold-dir DIR)")
        return 0
    find_times("Warm up on Monday, Jan. 8.", "2019-01-09")  # compile the rules outside the timing
    results: dict[str, Score] = {}
    examples: list[str] = []
    for name, filename in SETS.items():
        results[name] = run(gold_dir / filename, examples if args.errors and "dev" in name else None)
    combined = Score()
    for s in list(results.values()):
        combined.add(s)
    results["combined"] = combined
    if args.markdown:
        print(f"### Time expressions — `benchmarks/times.py`\n\nMeasured {machine_line()}.\n")
        print("```\n.venv/bin/python benchmarks/times.py --markdown\n```\n")
    print("\n".join(table(results)))
    print("\nErrors (combined): " + ", ".join(f"{k} {v}" for k, v in combined.errors.most_common()))
    if args.errors:
        for line in examples[:args.errors]:
            print(line, file=sys.stderr)
    if args.json_out:
        dump = {"machine": machine_line(), **{name: s.as_dict() for name, s in results.items()}}
        Path(args.json_out).write_text(json.dumps(dump, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
