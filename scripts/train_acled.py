#!/usr/bin/env python3
"""Train the ACLED sub-event classifier: MiniLM sentence embeddings + multinomial logistic regression.

Data: ../shared/eval-dev/acled_subtypes.jsonl (CASE 2021 task 2 snippets). The items whose
sha256(id) starts with 0-3 are held out of training and scored here, as everywhere in truce.
Output: truce/resources/events/acled_model.npz (coefficients, intercepts, labels), read by
truce/stages/events/acled.py.

    python scripts/train_acled.py [--data PATH] [--c 30]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.embeddings import SentenceEncoder  # noqa: E402

OUT = ROOT / "truce/resources/events/acled_model.npz"


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=ROOT.parent / "shared/eval-dev/acled_subtypes.jsonl")
    ap.add_argument("--c", type=float, default=30.0, help="inverse regularisation (chosen by 5-fold CV on the training part)")
    args = ap.parse_args()
    items = [json.loads(line) for line in args.data.open() if line.strip()]
    X = SentenceEncoder(threads=2).encode([it["text"] for it in items])
    y = np.array([it["label"] for it in items])
    held = np.array([held_out(it["id"]) for it in items])
    model = LogisticRegression(C=args.c, max_iter=5000).fit(X[~held], y[~held])
    score = f1_score(y[held], model.predict(X[held]), average="weighted")
    np.savez_compressed(OUT, coef=model.coef_.astype(np.float32), intercept=model.intercept_.astype(np.float32),
                        labels=np.array(model.classes_))
    print(f"trained on {int((~held).sum())}, held-out {int(held.sum())}: weighted F1 {score:.3f} -> {OUT}")


if __name__ == "__main__":
    main()
