#!/usr/bin/env python3
"""Train the ACLED sub-event classifier: MiniLM sentence embeddings and the codebook cues
(resources/events/acled_cues.tsv), read by a multinomial logistic regression.

Data: ../shared/eval-dev/acled_subtypes.jsonl (CASE 2021 task 2 snippets). The items whose
sha256(id) starts with 0-3 are held out of training and scored here, as everywhere in truce.
Output: truce/resources/events/acled_model.npz (coefficients, intercepts, labels, the cues' names and
weight), read by truce/stages/events/acled.py. `--cv` prints the 5-fold cross-validated weighted F1
on the training part for each C and cue weight given, which is how the defaults were chosen.

    python scripts/train_acled.py [--data PATH] [--c 30] [--cue-weight 0.3] [--cv]
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
from truce.stages.events.acled import MODEL, CodebookCues  # noqa: E402


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression
    return LogisticRegression(C=c, max_iter=5000).fit(X, y)


def cross_validated(X, y, c: float) -> float:
    from sklearn.metrics import f1_score
    from sklearn.model_selection import KFold
    predicted = np.empty(len(y), dtype=object)
    for train, test in KFold(5, shuffle=True, random_state=0).split(X):
        predicted[test] = fit(X[train], y[train], c).predict(X[test])
    return f1_score(y, predicted, average="weighted")


def main() -> None:
    from sklearn.metrics import f1_score

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=ROOT.parent / "shared/eval-dev/acled_subtypes.jsonl")
    ap.add_argument("--c", type=float, nargs="+", default=[30.0], help="inverse regularisation")
    ap.add_argument("--cue-weight", type=float, nargs="+", default=[0.3], help="the cues' scale beside the embedding")
    ap.add_argument("--cv", action="store_true", help="only print 5-fold CV figures on the training part")
    args = ap.parse_args()
    items = [json.loads(line) for line in args.data.open() if line.strip()]
    texts = [it["text"] for it in items]
    embedded = SentenceEncoder(threads=2).encode(texts)
    y = np.array([it["label"] for it in items])
    held = np.array([held_out(it["id"]) for it in items])
    for weight in args.cue_weight:
        cues = CodebookCues(weight=weight)
        X = np.hstack([embedded, cues(texts)])
        for c in args.c:
            if args.cv:
                print(f"C={c} cue weight={weight}: 5-fold CV weighted F1 {cross_validated(X[~held], y[~held], c):.3f}")
                continue
            model = fit(X[~held], y[~held], c)
            score = f1_score(y[held], model.predict(X[held]), average="weighted")
            np.savez_compressed(MODEL, coef=model.coef_.astype(np.float32), intercept=model.intercept_.astype(np.float32),
                                labels=np.array(model.classes_), cue_names=np.array(cues.names), cue_weight=weight)
            print(f"trained on {int((~held).sum())}, held-out {int(held.sum())}: weighted F1 {score:.3f} -> {MODEL}")


if __name__ == "__main__":
    main()
