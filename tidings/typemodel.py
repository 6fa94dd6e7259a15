"""A small event-type classifier stacked on the rules (used by ``classify``).

Features: the sentence's MiniLM embedding and a one-hot of the rule coder's
type (scaled by its confidence). A multinomial logistic regression over them
was trained by ``tools/train_type_model.py`` on ``data/train_events.jsonl``,
sentences we wrote ourselves, and stored in ``data/type_model.npz`` together
with its version, source and licence. Inference needs only numpy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .datafiles import data_path
from .errors import ConfigError, KnowledgeBaseError
from .ontology import PLOVER_TYPES

RULE_WEIGHT = 0.5
MODEL_FILE = "type_model.npz"


def rule_features(rule_type: str | None, rule_confidence: float) -> np.ndarray:
    """One-hot of the rule coder's answer (last slot: no trigger found), scaled by confidence."""
    vector = np.zeros(len(PLOVER_TYPES) + 1, dtype=np.float32)
    if rule_type in PLOVER_TYPES:
        vector[PLOVER_TYPES.index(rule_type)] = RULE_WEIGHT * rule_confidence
    else:
        vector[-1] = RULE_WEIGHT
    return vector


@dataclass
class TypeModel:
    labels: list[str]
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "unknown"))

    def predict(self, embedding: np.ndarray, rule_type: str | None, rule_confidence: float) -> tuple[str, float]:
        features = np.concatenate([embedding, rule_features(rule_type, rule_confidence)])
        scores = self.weights @ features + self.bias
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
    if model.weights.shape != (len(model.labels), 384 + len(PLOVER_TYPES) + 1):
        raise KnowledgeBaseError(str(path), f"unexpected weight shape {model.weights.shape}")
    return model
