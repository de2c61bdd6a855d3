"""Small linear models over hashed features: how the learned event models are stored and applied.

A model is a multinomial logistic regression fitted by scripts/train_events.py (scikit-learn, at
training time only) and shipped as an .npz file: the class names, a weight matrix over `BUCKETS`
hashed sparse features, optional weights over a dense vector, and the biases. Applying one is a few
numpy sums, so the pipeline needs no learning library and loads each model in milliseconds.
"""
from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

BUCKETS = 1 << 17


@lru_cache(maxsize=1 << 18)
def bucket(feature: str) -> int:
    """A feature's column: a stable hash (CRC-32), the same in every process and Python version.
    Kept for the features seen last: most recur from word to word ("pos=NOUN", "dep=nsubj")."""
    return zlib.crc32(feature.encode("utf-8")) % BUCKETS


def columns(features: list[str]) -> np.ndarray:
    return np.fromiter((bucket(f) for f in features), dtype=np.int64, count=len(features))


class LinearModel:
    def __init__(self, path: Path):
        with np.load(path) as data:
            self.classes: list[str] = [str(c) for c in data["classes"]]
            self.sparse = data["sparse"].astype(np.float32)  # classes x BUCKETS
            self.dense = data["dense"].astype(np.float32) if data["dense"].size else None  # classes x dims
            self.bias = data["bias"].astype(np.float32)

    def probabilities(self, features: list[str], vector: np.ndarray | None = None) -> np.ndarray:
        """The probability of each class (in `classes` order) for one example (the role model asks one
        mention at a time, where the running sums of `probabilities_of` would double the cost)."""
        logits = self.bias + self.sparse[:, columns(features)].sum(axis=1)
        if self.dense is not None and vector is not None:
            logits = logits + self.dense @ vector
        return _softmax(logits[None, :])[0]

    def probabilities_of(self, examples: list[list[str]], vectors: np.ndarray | None = None) -> np.ndarray:
        """examples x classes probabilities: one matrix product for a document's words, where a call a
        word cost more in numpy's overhead than in arithmetic."""
        if not examples:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        found = [columns(features) for features in examples]
        ends = np.cumsum([len(f) for f in found])
        # each example's weights are a run of the gathered columns: differences of a running sum
        # (in float64, as it runs over every example's) give every run's sum, an empty one's too
        running = np.zeros((len(self.classes), ends[-1] + 1))
        np.cumsum(self.sparse[:, np.concatenate(found)], axis=1, out=running[:, 1:])
        sums = (running[:, ends] - running[:, np.concatenate([[0], ends[:-1]])]).T
        logits = self.bias + sums.astype(np.float32)
        if self.dense is not None and vectors is not None:
            logits = logits + vectors @ self.dense.T
        return _softmax(logits)

    def best(self, features: list[str], vector: np.ndarray | None = None) -> tuple[str, float]:
        found = self.probabilities(features, vector)
        index = int(found.argmax())
        return self.classes[index], float(found[index])


def _softmax(logits: np.ndarray) -> np.ndarray:
    """Each row's class probabilities from its logits."""
    odds = np.exp(logits - logits.max(axis=1, keepdims=True))
    return odds / odds.sum(axis=1, keepdims=True)


def save(path: Path, classes: list[str], sparse: np.ndarray, dense: np.ndarray | None, bias: np.ndarray) -> None:
    np.savez_compressed(path, classes=np.array(classes), sparse=sparse.astype(np.float16),
                        dense=(dense if dense is not None else np.zeros((0,))).astype(np.float16), bias=bias.astype(np.float32))
