#!/usr/bin/env python3
"""Train the learned event models: trigger detector, factuality, roles.

    python scripts/train_events.py [--c-detector 0.5] [--c-factuality 1] [--c-roles 1] [--cv]

Data (nothing of the corpus's test split, nor of the held-out quarter of a dev set):
- the corpus's train split (corpus/annotations.jsonl, split 'train'): every model;
- PLOVER gold sentences (../shared/eval-dev/plover_gsr.jsonl) outside the held-out quarter: positive
  detector examples (the gold event's words) and role examples.
Writes truce/resources/events/{detector,factuality,roles}.npz and training.json (the data's size and,
with --cv, 5-fold cross-validated figures grouped by article, by which the C values were chosen).
Needs the [train] extra (scikit-learn). CI never runs it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.corpus.examples import Examples, add_article, head_token  # noqa: E402
from truce.corpus.load import load  # noqa: E402
from truce.stages.events.model_features import is_candidate, mentions, role_features, token_vector, trigger_features  # noqa: E402
from truce.stages.events.linear import BUCKETS, columns, save  # noqa: E402

RESOURCES = ROOT / "truce" / "resources" / "events"
GSR = ROOT.parent / "shared" / "eval-dev" / "plover_gsr.jsonl"


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def matrix(rows: list[list[str]], vectors: list[np.ndarray] | None = None):
    from scipy import sparse

    indptr, indices = [0], []
    for features in rows:
        indices.extend(columns(features))
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), BUCKETS))
    X.sum_duplicates()
    if vectors is not None:
        X = sparse.hstack([X, sparse.csr_matrix(np.vstack(vectors))], format="csr")
    return X


def fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight=None).fit(X, y)


def export(model, path: Path, dense_dims: int) -> None:
    coef = model.coef_
    if coef.shape[0] == 1:  # binary: sklearn keeps one row; the second class's logit is its opposite
        coef = np.vstack([-coef / 2, coef / 2])
        bias = np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
    else:
        bias = model.intercept_
    sparse_part, dense_part = coef[:, :BUCKETS], coef[:, BUCKETS:] if dense_dims else None
    save(path, [str(c) for c in model.classes_], sparse_part, dense_part, bias)


def cross_validated(X, y, groups, c: float) -> dict:
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    predicted = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(5).split(X, y, groups):
        predicted[test] = fit(X[train], y[train], c).predict(X[test])
    labels = sorted(set(y) - {"NONE", "none"})
    return {"micro_f1_without_none": round(f1_score(y, predicted, labels=labels, average="micro"), 3),
            "accuracy": round(float((predicted == y).mean()), 3)}


def gsr_examples(examples: Examples, nlp) -> int:
    items = [json.loads(line) for line in GSR.open() if line.strip()]
    items = [it for it in items if not held_out(it["id"]) and it.get("event_text") and it["event_text"] in it["text"]]
    for item, doc in zip(items, nlp.pipe(it["text"] for it in items)):
        start = item["text"].index(item["event_text"])
        token = head_token(doc, start, start + len(item["event_text"]))
        if token is None or not is_candidate(token):
            continue
        examples.detector.append((trigger_features(token, None), token_vector(token), item["event"]))
        examples.groups.append(item["id"])
        for mention in mentions(token.sent):
            if token.i in range(mention.start, mention.end):
                continue
            words = mention.text
            label = ("actor" if any(words in a or a in words for a in item.get("actors") or []) else
                     "recipient" if any(words in r or r in words for r in item.get("recipients") or []) else "none")
            examples.roles.append((role_features(token, mention, item["event"]), label))
    return len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c-detector", type=float, default=0.5)
    parser.add_argument("--c-factuality", type=float, default=1.0)
    parser.add_argument("--c-roles", type=float, default=1.0)
    parser.add_argument("--cv", action="store_true", help="also print grouped 5-fold cross-validated figures")
    args = parser.parse_args()
    from truce.nlp import load_nlp
    from truce.settings import Settings
    from truce.stages.events.lexicon import Lexicon

    nlp, lexicon = load_nlp(Settings()), Lexicon()
    articles = load(split="train")
    examples = Examples()
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
        add_article(examples, article, doc, lexicon)
    gsr = gsr_examples(examples, nlp)
    report = {"corpus_train_articles": len(articles), "corpus_train_events": sum(len(a["events"]) for a in articles),
              "gsr_sentences": gsr, "unaligned_gold_events": examples.unaligned,
              "detector_examples": len(examples.detector), "factuality_examples": len(examples.factuality),
              "role_examples": len(examples.roles)}
    detector_X = matrix([f for f, _, _ in examples.detector], [v for _, v, _ in examples.detector])
    detector_y = np.array([label for _, _, label in examples.detector])
    factuality_X, factuality_y = matrix([f for f, _ in examples.factuality]), np.array([l for _, l in examples.factuality])
    roles_X, roles_y = matrix([f for f, _ in examples.roles]), np.array([l for _, l in examples.roles])
    if args.cv:
        groups = np.array(examples.groups)
        report["cv_detector"] = cross_validated(detector_X, detector_y, groups, args.c_detector)
        report["cv_factuality"] = cross_validated(factuality_X, factuality_y, np.arange(len(factuality_y)) % 50, args.c_factuality)
        report["cv_roles"] = cross_validated(roles_X, roles_y, np.arange(len(roles_y)) % 50, args.c_roles)
    export(fit(detector_X, detector_y, args.c_detector), RESOURCES / "detector.npz", dense_dims=detector_X.shape[1] - BUCKETS)
    export(fit(factuality_X, factuality_y, args.c_factuality), RESOURCES / "factuality.npz", dense_dims=0)
    export(fit(roles_X, roles_y, args.c_roles), RESOURCES / "roles.npz", dense_dims=0)
    report["c"] = {"detector": args.c_detector, "factuality": args.c_factuality, "roles": args.c_roles}
    (RESOURCES / "training.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
