"""Train the stacked event-type classifier (tidings/data/type_model.npz) on our own sentences.

    .venv/bin/pip install -c constraints.txt scikit-learn    # training only
    .venv/bin/python tools/train_type_model.py [--c 4.0]

Input: tidings/data/train_events.jsonl (written by the tidings authors, CC0).
Features: MiniLM sentence embedding + one-hot of the rule coder's type given the actor
and recipient. Rerun after changing the trigger lexicon: the rule answers are features.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import tidings
from tidings.datafiles import data_path
from tidings.embed import load_embedder
from tidings.ontology import PLOVER_TYPES
from tidings.typemodel import MODEL_FILE, RULE_WEIGHT, rule_features


def spans(row: dict) -> tuple[list[int], list[int] | None]:
    text = row["text"]
    a = text.find(row["actor"])
    actor = [a, a + len(row["actor"])]
    if not row.get("recipient"):
        return actor, None
    r = text.find(row["recipient"])
    return actor, [r, r + len(row["recipient"])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    args = parser.parse_args()
    source = data_path("train_events.jsonl")
    rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    rules = []
    for row in rows:
        actor, recipient = spans(row)
        result = tidings.classify(row["text"], actor, recipient, use_model=False)
        rules.append(rule_features(result.event_type, result.confidence))
    embeddings = load_embedder().encode([row["text"] for row in rows])
    features = np.hstack([embeddings, np.array(rules)])
    labels = [row["event_type"] for row in rows]
    model = LogisticRegression(C=args.c, max_iter=5000).fit(features, labels)
    accuracy = float((model.predict(features) == np.array(labels)).mean())
    meta = {
        "version": datetime.date.today().strftime("%Y.%m.%d"),
        "source": "trained by tools/train_type_model.py on tidings/data/train_events.jsonl (sentences written by the tidings authors)",
        "licence": "CC0-1.0 (weights); embeddings from all-MiniLM-L6-v2 (Apache-2.0), not included",
        "train_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "examples": len(rows),
        "c": args.c,
        "rule_weight": RULE_WEIGHT,
        "train_accuracy": round(accuracy, 4),
        "coder_version": tidings.get_coder().coder_version,
    }
    out = data_path(MODEL_FILE)
    np.savez_compressed(
        out, labels=np.array(model.classes_, dtype=str), weights=model.coef_.astype(np.float32),
        bias=model.intercept_.astype(np.float32), meta=np.array(json.dumps(meta)),
    )
    print(f"wrote {out}: {len(rows)} examples, train accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
