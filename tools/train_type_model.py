"""Train the fallback event-type classifier (tidings/data/type_model.npz) on our own sentences.

    .venv/bin/pip install -c constraints.txt scikit-learn    # training only
    .venv/bin/python tools/train_type_model.py [--c 4.0]

Input: tidings/data/train_events.jsonl (written by the tidings authors, CC0).
Features: the MiniLM embeddings of the sentence and of the actor-to-recipient window
(tidings.typemodel.features). (Stacking the rule answer as a feature was tried and dropped: the
lexicon is developed on these same sentences, so the model learned to trust the rules more than
they deserve on unseen text.)
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json

import numpy as np
from sklearn.linear_model import LogisticRegression

from tidings.datafiles import data_path
from tidings.embed import load_embedder
from tidings.typemodel import MODEL_FILE, phrase_span
from tidings.typemodel import features as type_features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    args = parser.parse_args()
    source = data_path("train_events.jsonl")
    rows = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    features = type_features(load_embedder(), [(row["text"], phrase_span(row["text"], row["actor"]),
                                                phrase_span(row["text"], row["recipient"])) for row in rows])
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
        "train_accuracy": round(accuracy, 4),
    }
    out = data_path(MODEL_FILE)
    np.savez_compressed(
        out, labels=np.array(model.classes_, dtype=str), weights=model.coef_.astype(np.float32),
        bias=model.intercept_.astype(np.float32), meta=np.array(json.dumps(meta)),
    )
    print(f"wrote {out}: {len(rows)} examples, train accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
