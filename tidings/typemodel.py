"""A small event-type classifier that ``classify`` falls back on when the rules are unsure.

A multinomial logistic regression over two MiniLM embeddings: the sentence's, and
that of the stretch from the actor to the recipient and a few words on, with the
two parties written X and Y ("X delivered air defence systems to Y to help …"), so
that the model sees what passes between the given parties rather than everything
the sentence says. Trained by ``tools/train_type_model.py`` on
``data/train_events.jsonl`` (sentences we wrote ourselves) and stored in
``data/type_model.npz`` with its version, source and licence. Inference needs only numpy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .datafiles import data_path
from .errors import ConfigError, KnowledgeBaseError
from .ontology import PLOVER_TYPES

MODEL_FILE = "type_model.npz"
# The rules' answer stands when their trigger lies on the actor-recipient path (confidence 0.75
# or 0.9); below this the classifier decides. Chosen on our own gold set (tests/gold). Letting the
# classifier decide more often (below 0.8, or overrule a rule it all but rules out) scored better on
# our own held-out sentences and worse on PLV (docs/benchmarks.md, ninth session): it was dropped.
BACKOFF_BELOW = 0.6
WINDOW_WORDS = 8  # words after the later party that the window keeps
Span = tuple[int, int] | list[int] | None


@dataclass
class TypeModel:
    labels: list[str]
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unknown"))

    def predict(self, features: np.ndarray) -> tuple[str, float]:
        scores = self.weights @ features + self.bias
        scores = np.exp(scores - scores.max())
        probabilities = scores / scores.sum()
        best = int(probabilities.argmax())
        return self.labels[best], float(probabilities[best])


def phrase_span(text: str, phrase: str | None) -> tuple[int, int] | None:
    """Where a marked phrase stands in its sentence, as a whole phrase ("Niger", not the start of
    "Nigeria"); ``None`` for no phrase. Training and gold files give parties as phrases."""
    if phrase is None:
        return None
    found = re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)
    if found is None:
        raise ValueError(f"{phrase!r} is not a whole phrase of {text!r}")
    return found.start(), found.end()


def masked(text: str, actor: Span, recipient: Span) -> str:
    """The text with the actor written X and the recipient Y (spans that do not overlap)."""
    parts = sorted([(tuple(actor), "X")] + ([(tuple(recipient), "Y")] if recipient else []), key=lambda p: -p[0][0])
    for (start, end), mark in parts:
        text = text[:start] + mark + text[end:]
    return text


def window(text: str, actor: Span, recipient: Span) -> str:
    """From the first party to the other, and :data:`WINDOW_WORDS` words on, the parties written X and Y."""
    if not actor:
        return text
    actor = (int(actor[0]), int(actor[1]))
    recipient = (int(recipient[0]), int(recipient[1])) if recipient else None
    if recipient and not (actor[1] <= recipient[0] or recipient[1] <= actor[0]):
        recipient = None  # overlapping spans: the actor alone
    marked = masked(text, actor, recipient)
    if recipient:
        (a, b), (c, _) = sorted([tuple(actor), tuple(recipient)])
        first, last = a, c - (b - a) + 1  # where the later mark lands once the first party is one letter
    else:
        first = last = actor[0]
    tail = marked[last + 1:].split()[:WINDOW_WORDS]
    return (marked[first:last + 1] + " " + " ".join(tail)).strip()


def features(embedder, texts: list[tuple[str, Span, Span]]) -> np.ndarray:
    """The classifier's input for (text, actor span, recipient span) triples: two embeddings side by side."""
    whole = embedder.encode([text for text, _, _ in texts])
    between = embedder.encode([window(text, actor, recipient) for text, actor, recipient in texts])
    return np.hstack([whole, between])


@lru_cache(maxsize=1)
def load_type_model() -> TypeModel:
    path = data_path(MODEL_FILE)
    if not path.is_file():
        raise ConfigError(f"{path} is missing; train it with tools/train_type_model.py")
    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        model = TypeModel([str(x) for x in data["labels"]], data["weights"], data["bias"], meta)
    for key in ("version", "source", "licence"):
        if key not in meta:
            raise KnowledgeBaseError(str(path), f"model metadata lacks {key!r}")
    if model.weights.shape != (len(model.labels), 2 * 384) or sorted(model.labels) != sorted(PLOVER_TYPES):
        raise KnowledgeBaseError(str(path), f"unexpected weight shape {model.weights.shape}")
    return model
