"""A small event-type classifier that ``classify`` falls back on when the rules are unsure.

A multinomial logistic regression over the sentence's MiniLM embedding, trained
by ``tools/train_type_model.py`` on ``data/train_events.jsonl`` (sentences we
wrote ourselves) and stored in ``data/type_model.npz`` with its version, source
and licence. Inference needs only numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .datafiles import data_path
from .errors import ConfigError, KnowledgeBaseError
from .ontology import PLOVER_TYPES

MODEL_FILE = "type_model.npz"
# The rules' answer stands when their trigger lies on the actor-recipient path (confidence 0.75
# or 0.9); below this the classifier decides. Chosen on our own gold set (tests/gold).
BACKOFF_BELOW = 0.6


@dataclass
class TypeModel:
    labels: list[str]
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unknown"))

    def predict(self, embedding: np.ndarray) -> tuple[str, float]:
        scores = self.weights @ embedding + self.bias
        scores = np.exp(scores - scores.max())
        probabilities = scores / scores.sum()
        best = int(probabilities.argmax())
        return self.labels[best], float(probabilities[best])


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
    if model.weights.shape != (len(model.labels), 384) or sorted(model.labels) != sorted(PLOVER_TYPES):
        raise KnowledgeBaseError(str(path), f"unexpected weight shape {model.weights.shape}")
    return model
