"""Throughput of ``tidings code`` against bare spaCy parsing of the same texts, and peak RSS.

    python benchmarks/speed.py [--repeat N] [FILES...]

Defaults to the bundled demo corpus, repeated to get a stable timing. Three
timings alternate in one process over the same paragraphs: bare spaCy (the
model as published), our parse alone (the same model with tidings' lemma fixes
and its attribute rules found through an index, ``tidings/tagrules.py``) and
``tidings code``. The ratio of the first to the last is what matters (the
target is tidings ≥ 0.8 × bare spaCy); the middle one shows how much of it
comes from the parse. Peak RSS counts both models loaded.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import tidings
from tidings.nlp import MODEL, load_model, paragraphs
from tidings.records import Article

ROOT = Path(__file__).resolve().parents[1]


def texts_from(files: list[str]) -> list[str]:
    paths = [Path(f) for f in files] or sorted((ROOT / "corpus" / "demo").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


@lru_cache(maxsize=1)
def stock_model() -> Language:
    """The model as published, with nothing of ours: the baseline."""
    return spacy.load(MODEL, exclude=["senter"])


def bare_spacy(texts: list[str], nlp: Language | None = None) -> float:
    """Seconds to parse the texts' paragraphs with the stock model (or with ``nlp``)."""
    nlp = nlp or stock_model()
    start = time.perf_counter()
    list(nlp.pipe((piece for text in texts for _, piece in paragraphs(text)), batch_size=64))
    return time.perf_counter() - start


def tidings_code(texts: list[str]) -> tuple[float, int]:
    coder = tidings.get_coder()
    articles = [Article(text=text, date="2024-01-01") for text in texts]
    start = time.perf_counter()
    events = sum(len(a.events) for a in coder.code_stream(articles))
    return time.perf_counter() - start, events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3,
                        help="repeat the whole measurement this many times and report the median ratio")
    args = parser.parse_args()
    corpus = texts_from(args.files)
    texts = corpus * args.repeat
    words = sum(len(t.split()) for t in texts)
    tidings.get_coder()  # load once, outside the timings
    bare_spacy(texts[:5])
    bare_spacy(texts[:5], load_model())
    tidings_code(texts[:5])
    rounds = []
    for _ in range(max(1, args.rounds)):
        # the two timings alternate corpus by corpus, so that a slow spell of this shared machine
        # (speeds here swing by a third within minutes) falls on both alike
        bare = parse = ours = 0.0
        events = 0
        for _ in range(args.repeat):
            bare += bare_spacy(corpus)
            parse += bare_spacy(corpus, load_model())
            seconds, found = tidings_code(corpus)
            ours, events = ours + seconds, events + found
        rounds.append((bare, parse, ours))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    bare, parse, ours = (statistics.median(r[column] for r in rounds) for column in range(3))
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, python {platform.python_version()}")
    print(f"articles: {len(texts)}, words: {words}, events: {events}, rounds: {len(rounds)}")
    print(f"bare spaCy: {words / bare:,.0f} words/s, {len(texts) / bare:,.1f} articles/s (median)")
    print(f"our parse alone: {words / parse:,.0f} words/s (the same model with tidings' lemma fixes and"
          " indexed attribute rules)")
    print(f"tidings code: {words / ours:,.0f} words/s, {len(texts) / ours:,.1f} articles/s (median)")
    print("ratio per round: " + ", ".join(f"{b / o:.2f}" for b, _, o in rounds))
    print("our parse / bare spaCy per round: " + ", ".join(f"{b / p:.2f}" for b, p, _ in rounds))
    print(f"ratio tidings / bare spaCy: {statistics.median(b / o for b, _, o in rounds):.2f} (median of rounds)")
    print(f"peak RSS: {rss_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
