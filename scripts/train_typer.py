#!/usr/bin/env python3
"""Train the relation typer (truce/stages/events/typer.py): the PLOVER type of an actor's act toward a recipient.

    python scripts/train_typer.py [--grid]

Data (nothing of the corpus's test split, nor of the held-out quarter of a dev set, i.e. items whose
sha256(id) hex digest starts with 0-3):
- PLV (../shared/eval-dev/plover_plv.jsonl): sentence, source, target, root code (YIELD kept as a class);
- PLOVER GSR (../shared/eval-dev/plover_gsr.jsonl): text, actors, recipients, event words, type
  (old codes mapped to PLOVER 2.0 as the scorer does);
- the corpus's train split: each gold event's sentence, actor and recipient spans, trigger, type.
With --grid, 5-fold cross-validation (grouped by article, folds by hash) over data sources, features and
C, written to truce/resources/events/learned/typer_cv.json. Without it, the settings in SETTINGS (chosen
from that grid) are cross-validated, fitted on all the training data and measured once on each
held-out quarter; writes truce/resources/events/learned/typer.{npz,json}.
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
from truce.corpus.format import EVENT_TYPES  # noqa: E402
from truce.corpus.load import load  # noqa: E402
from truce.corpus.sentences import sentence_spans  # noqa: E402
from truce.embeddings import SentenceEncoder  # noqa: E402
from truce.stages.events.linear import BUCKETS, columns  # noqa: E402
from train_events import held_out  # noqa: E402  (the same held-out quarter as the event models')
from truce.stages.events.typer import OLD_ROOT, YIELD_PARTS, RelationTyper, mark, save, word_features  # noqa: E402

RESOURCES = ROOT / "truce" / "resources" / "events" / "learned"
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
OLD_CODES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# "plain": the sentence as it is, which the ACLED classifier embeds too, so truce embeds it once; in
# the grid (typer_cv.json) it scores as "prefix" does (PLV 0.706 against 0.713, GSR 0.549 against 0.546,
# corpus 0.538 against 0.534), and "prefix" cost a second embedding a sentence.
SETTINGS = {"sources": ("plv", "gsr", "corpus"), "marking": "plain", "groups": ("words", "between", "trigger"), "c": 4.0, "scale": 1.0}
FOLDS = 5


def fold_of(group: str) -> int:
    return int(hashlib.sha256(f"typer-fold:{group}".encode()).hexdigest()[:8], 16) % FOLDS


def example(source, group, sentence, actor, recipient, trigger, label):
    return {"source": source, "group": group, "sentence": sentence, "actor": actor, "recipient": recipient,
            "trigger": trigger, "label": label}


def plv_examples(held: bool) -> list[dict]:
    rows = [json.loads(line) for line in open(EVAL_DEV / "plover_plv.jsonl", encoding="utf-8")]
    return [example("plv", r["id"], r["text"], r["source"] or "", r["target"] or "", "", r["label"])
            for r in rows if held_out(r["id"]) == held]


def gsr_examples(held: bool) -> list[dict]:
    rows = [json.loads(line) for line in open(EVAL_DEV / "plover_gsr.jsonl", encoding="utf-8")]
    return [example("gsr", r["id"], r["text"], " and ".join(r["actors"]), " and ".join(r["recipients"]),
                    r.get("event_text") or "", OLD_CODES.get(r["event"], r["event"]))
            for r in rows if held_out(r["id"]) == held and OLD_CODES.get(r["event"], r["event"]) in EVENT_TYPES]


def corpus_examples() -> list[dict]:
    out = []
    for article in load(split="train"):
        text = article["text"]
        spans = sentence_spans(text)
        for event in article["events"]:
            start, end = event["trigger"]
            s, e = next(((a, b) for a, b in spans if a <= start < b), (start, end))
            names = lambda key: " and ".join(text[a:b] for a, b in event.get(key) or [])  # noqa: E731
            out.append(example("corpus", article["id"], text[s:e], names("actors"), names("recipients"),
                               text[start:end], event["event_type"]))
    return out


class Features:
    """Embeddings (cached on disk across runs of the grid) and hashed words of examples."""

    def __init__(self, encoder: SentenceEncoder, cache: Path):
        self.encoder, self.cache_path = encoder, cache
        self.cache = dict(np.load(cache, allow_pickle=False)) if cache.exists() else {}

    def vectors(self, examples: list[dict], marking: str) -> np.ndarray:
        texts = [mark(x["sentence"], x["actor"], x["recipient"], marking) for x in examples]
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.cache]
        if missing:
            for i, v in zip(missing, self.encoder.encode_now([texts[i] for i in missing])):
                self.cache[keys[i]] = v
            np.savez(self.cache_path, **self.cache)
        return np.vstack([self.cache[k] for k in keys])

    @staticmethod
    def words(examples: list[dict], groups: tuple[str, ...], use_trigger: bool = True):
        from scipy import sparse

        indptr, indices = [0], []
        for x in examples:
            trigger = x["trigger"] if use_trigger else ""
            indices.extend(columns(word_features(x["sentence"], x["actor"], x["recipient"], trigger, groups)))
            indptr.append(len(indices))
        X = sparse.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(examples), BUCKETS))
        X.sum_duplicates()
        X.data[:] = 1.0
        return X


def design(features: Features, examples: list[dict], marking: str | None, groups: tuple[str, ...], scale: float = 1.0):
    """Embedding columns first (times `scale`: unit vectors weigh little beside binary word features
    under one C), then the hashed words."""
    from scipy import sparse

    parts = []
    if marking:
        parts.append(sparse.csr_matrix(scale * features.vectors(examples, marking)))
    if groups:
        parts.append(features.words(examples, groups))
    return sparse.hstack(parts, format="csr")


def fit(X, y, c: float):
    from sklearn.linear_model import LogisticRegression

    used = np.unique(X.indices)
    model = LogisticRegression(C=c, max_iter=2000).fit(X[:, used], y)
    return model, used


def predict(model, used, X) -> np.ndarray:
    probs = model.predict_proba(X[:, used])
    classes = list(model.classes_)
    if OLD_ROOT in classes:  # the PLV view: CONCEDE and RETREAT count as YIELD
        for part in YIELD_PARTS:
            if part in classes:
                probs[:, classes.index(OLD_ROOT)] += probs[:, classes.index(part)]
                probs[:, classes.index(part)] = 0
    return np.array(classes)[probs.argmax(axis=1)]


def plv_view(label: str) -> str:
    return OLD_ROOT if label in YIELD_PARTS else label


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """As score_plv: the mean over the gold labels of each label's F1."""
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(g == label == p for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def figures(examples: list[dict], pred) -> dict:
    out = {}
    for source in ("plv", "gsr", "corpus"):
        rows = [(plv_view(x["label"]), plv_view(p)) for x, p in zip(examples, pred) if x["source"] == source]
        if rows:
            gold, guess = zip(*rows)
            out[source] = {"macro_f1": round(macro_f1(list(gold), list(guess)), 3),
                           "accuracy": round(sum(g == p for g, p in rows) / len(rows), 3), "n": len(rows)}
    return out


def cross_validate(features: Features, examples: list[dict], settings: dict) -> dict:
    """Out-of-fold predictions for every example; examples of a source left out of `sources` are only
    evaluated, never trained on."""
    X = design(features, examples, settings["marking"], settings["groups"], settings.get("scale", 1.0))
    y = np.array([x["label"] for x in examples])
    folds = np.array([fold_of(x["group"]) for x in examples])
    trains = np.array([x["source"] in settings["sources"] for x in examples])
    pred = np.empty(len(examples), dtype=object)
    for k in range(FOLDS):
        model, used = fit(X[(folds != k) & trains], y[(folds != k) & trains], settings["c"])
        pred[folds == k] = predict(model, used, X[folds == k])
    return figures(examples, pred)


GRID = [
    # data sources, with the default features
    {"sources": ("plv",)}, {"sources": ("plv", "gsr")}, {"sources": ("plv", "corpus")},
    # features
    {"marking": "plain", "groups": ()}, {"marking": "prefix", "groups": ()}, {"marking": "wrap", "groups": ()},
    {"marking": None, "groups": ("words", "between", "trigger")},
    {"marking": "prefix", "groups": ("words",)}, {"marking": "prefix", "groups": ("words", "between")},
    {"marking": "plain", "groups": ("words", "between", "trigger")},
    {"marking": "wrap", "groups": ("words", "between", "trigger")},
    # regularisation
    {"c": 1.0}, {"c": 16.0},
    # the embedding's weight beside the words
    {"scale": 4.0}, {"scale": 4.0, "groups": ()},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="cross-validate the GRID of settings")
    parser.add_argument("--only", type=int, nargs="*", help="cross-validate only these rows of GRID (0-based)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/typer-embeddings.npz"))
    args = parser.parse_args()
    features = Features(SentenceEncoder(), args.cache)
    train = plv_examples(False) + gsr_examples(False) + corpus_examples()
    print("training examples:", {s: sum(x["source"] == s for x in train) for s in ("plv", "gsr", "corpus")}, flush=True)
    cv = {}
    if not args.only:
        cv["default"] = cross_validate(features, train, SETTINGS)
        print(json.dumps(SETTINGS), cv["default"], flush=True)
    if args.grid:
        for change in [GRID[i] for i in args.only] if args.only else GRID:
            settings = {**SETTINGS, **change}
            key = json.dumps(change)
            cv[key] = cross_validate(features, train, settings)
            print(key, cv[key], flush=True)
        name = "typer_cv.json" if not args.only else f"typer_cv_{'_'.join(map(str, args.only))}.json"
        (RESOURCES / name).write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
        return  # settings are chosen by reading the grid, and SETTINGS edited, before the final fit
    chosen = SETTINGS
    train = [x for x in train if x["source"] in chosen["sources"]]
    classes = export(features, train, chosen, RESOURCES / "typer.npz")
    held = held_out_figures(plv_examples(True) + gsr_examples(True))
    print("held-out:", held, flush=True)
    report = {"labels": classes, "settings": {**chosen, "folds": FOLDS},
              "training_examples": {s: sum(x["source"] == s for x in train) for s in ("plv", "gsr", "corpus")},
              "cv": cv, "held_out": held}
    (RESOURCES / "typer.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def export(features: Features, examples: list[dict], settings: dict, path: Path) -> list[str]:
    """Fit on every example and write the model RelationTyper reads; returns its classes."""
    X = design(features, examples, settings["marking"], settings["groups"], settings.get("scale", 1.0))
    model, used = fit(X, np.array([x["label"] for x in examples]), settings["c"])
    dims = X.shape[1] - BUCKETS if settings["groups"] else X.shape[1]  # the embedding's columns come first
    weights = np.zeros((len(model.classes_), X.shape[1]), dtype=np.float32)
    weights[:, used] = model.coef_
    path.parent.mkdir(parents=True, exist_ok=True)
    save(path, list(model.classes_), used[used >= dims] - dims, weights[:, used[used >= dims]], settings.get("scale", 1.0) * weights[:, :dims],
         model.intercept_, settings["marking"], settings["groups"])
    return list(model.classes_)


def held_out_figures(examples: list[dict]) -> dict:
    """The shipped model, through RelationTyper.read (the answer truce would give), on the held-out quarters."""
    typer = RelationTyper(RESOURCES / "typer.npz")
    found = typer.read([x["sentence"] for x in examples], [x["actor"] for x in examples],
                       [x["recipient"] for x in examples], [x["trigger"] for x in examples])
    return figures(examples, [t for t, _ in found])


if __name__ == "__main__":
    main()
