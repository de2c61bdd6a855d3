#!/usr/bin/env python3
"""Train the learned event models: trigger detector, factuality, roles.

    python scripts/train_events.py [--c-detector 0.5] [--c-factuality 1] [--c-roles 1] [--cv]

Data (nothing of the corpus's test split, nor of the held-out quarter of a dev set):
- the corpus's train split (corpus/annotations.jsonl, split 'train'): every model;
- PLOVER gold sentences (../shared/eval-dev/plover_gsr.jsonl) outside the held-out quarter: positive
  detector examples (the gold event's words) and role examples.
Writes truce/resources/events/learned/{detector,roles}.npz (factuality.npz with --factuality) and training.json (the data's size and,
with --cv, 5-fold cross-validated figures grouped by article, by which the C values were chosen).
Needs the [train] extra (scikit-learn). CI never runs it.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.corpus.examples import Examples, add_article, head_token  # noqa: E402
from truce.corpus.format import EVENT_TYPES  # noqa: E402
from truce.corpus.load import load  # noqa: E402
from truce.stages.events.model_features import is_candidate, mentions, role_features, token_vector, trigger_features  # noqa: E402
from truce.stages.events.linear import BUCKETS, columns, save  # noqa: E402

RESOURCES = ROOT / "truce" / "resources" / "events" / "learned"
# Annotation rounds the shipped detector and role model are not fitted on (corpus/selection.tsv's
# batch letters): refitted with round f, held-out PLV fell by 0.032 and the corpus test split's F1
# rose by 0.002 only (training.json, round_f_note); `--rounds all` fits on every round.
LEFT_OUT_ROUNDS = {"f"}
GSR = ROOT.parent / "shared" / "eval-dev" / "plover_gsr.jsonl"


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


@functools.cache
def _batches() -> dict[str, str]:
    rows = (line.split("\t") for line in (ROOT / "corpus" / "selection.tsv").read_text(encoding="utf-8").splitlines()[1:])
    return {row[0]: row[2] for row in rows if len(row) > 2}


def round_of(article_id: str) -> str:
    """The annotation round of an article: its batch's letter in corpus/selection.tsv."""
    return _batches().get(article_id, "?")[:1]


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


def cross_validated_events(articles: list[dict], examples_of: dict, gsr: Examples, c: float, folds: int = 5,
                           dump: Path | None = None, judge: bool = False) -> dict:
    """The corpus scorer's event figures on the train split, each fold's articles analysed by models
    trained on the other folds (and the GSR sentences): how the detector and its threshold are chosen
    without looking at the test split."""
    import tempfile

    from truce.corpus.evaluate import above
    from truce.corpus.score import score
    from truce.pipeline import Pipeline
    from truce.settings import Settings
    from truce.stages.events import Events

    from truce.inputs import InputDoc

    pipeline = Pipeline(Settings(min_confidence=0.0))
    events_at = next(i for i, stage in enumerate(pipeline.doc_stages) if isinstance(stage, Events))
    records = {}
    for fold in range(folds):
        held = [a for a in articles if int(hashlib.sha256(a["id"].encode()).hexdigest(), 16) % folds == fold]
        held_ids = {a["id"] for a in held}
        train = Examples()
        for a in articles:
            if a["id"] not in held_ids:
                train.extend(examples_of[a["id"]])
        train.extend(gsr)
        with tempfile.TemporaryDirectory() as folder:
            X = matrix([f for f, _, _ in train.detector], [v for _, v, _ in train.detector])
            export(fit(X, np.array([l for _, _, l in train.detector]), c), Path(folder) / "detector.npz", X.shape[1] - BUCKETS)
            export(fit(matrix([f for f, _ in train.roles]), np.array([l for _, l in train.roles]), 1.0),
                   Path(folder) / "roles.npz", 0)
            pipeline.doc_stages[events_at] = Events(gazetteer=pipeline.doc_stages[events_at].gazetteer,
                                                    models=Path(folder), min_confidence=0.0, judge=judge)
            docs = [InputDoc(id=a["id"], text=a["text"], published=a.get("published"), title=a.get("title")) for a in held]
            records.update({r.id: r.model_dump(mode="json") for r in pipeline.analyze(docs)})
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values())
    return {f"{t:.2f}": {k: found[k] for k in ("event_precision", "event_recall", "event_f1", "duplicate_share")}
            for t in (0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6) for found in [score(articles, above(records, t))]}


def gsr_examples(examples: Examples, nlp, lexicon) -> int:
    items = [json.loads(line) for line in GSR.open() if line.strip()]
    items = [it for it in items if not held_out(it["id"]) and it.get("event") in EVENT_TYPES
             and it.get("event_text") and it["event_text"] in it["text"]]
    for item, doc in zip(items, nlp.pipe(it["text"] for it in items)):
        start = item["text"].index(item["event_text"])
        token = head_token(doc, start, start + len(item["event_text"]))
        if token is None or not is_candidate(token):
            continue
        examples.detector.append((trigger_features(token, lexicon.match(token), lexicon.by_lemma.keys()),
                                  token_vector(token), item["event"]))
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
    parser.add_argument("--rounds", choices=["shipped", "all"], default="shipped",
                        help="'shipped': leave out LEFT_OUT_ROUNDS, as the shipped models do; 'all': every round")
    parser.add_argument("--cv", action="store_true", help="also print grouped 5-fold cross-validated figures")
    parser.add_argument("--cv-events", action="store_true",
                        help="only print the corpus scorer's figures by threshold, 5-fold on the train split")
    parser.add_argument("--threshold", type=float, default=0.15,
                        help="the record's confidence threshold (chosen by the best F1 of --cv-events)")
    parser.add_argument("--judged-threshold", type=float, default=0.15,
                        help="the judged rules' threshold (chosen by the best F1 of --cv-events --judge)")
    parser.add_argument("--judge", action="store_true",
                        help="with --cv-events: the rules find the events, the detector only gives their confidence")
    parser.add_argument("--dump", type=Path, help="with --cv-events: write the folds' records there")
    parser.add_argument("--factuality", action="store_true",
                        help="also ship the factuality model (by default the clause rules decide: see README)")
    args = parser.parse_args()
    from truce.nlp import load_nlp
    from truce.settings import Settings
    from truce.stages.events.lexicon import Lexicon

    nlp, lexicon = load_nlp(Settings()), Lexicon()
    articles = [a for a in load(split="train") if args.rounds == "all" or round_of(a["id"]) not in LEFT_OUT_ROUNDS]
    examples, per_article = Examples(), {}
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles)):
        per_article[article["id"]] = Examples()
        add_article(per_article[article["id"]], article, doc, lexicon)
        examples.extend(per_article[article["id"]])
    gsr_only = Examples()
    gsr = gsr_examples(gsr_only, nlp, lexicon)
    examples.extend(gsr_only)
    if args.cv_events:
        print(json.dumps({"cv_events": cross_validated_events(articles, per_article, gsr_only, args.c_detector,
                                                                    dump=args.dump, judge=args.judge)}, indent=1))
        return
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
    if args.factuality:
        export(fit(factuality_X, factuality_y, args.c_factuality), RESOURCES / "factuality.npz", dense_dims=0)
    export(fit(roles_X, roles_y, args.c_roles), RESOURCES / "roles.npz", dense_dims=0)
    report["c"] = {"detector": args.c_detector, "factuality": args.c_factuality, "roles": args.c_roles}
    report["threshold"] = args.threshold
    report["judged_threshold"] = args.judged_threshold
    (RESOURCES / "training.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
