#!/usr/bin/env python3
"""Fit the event confidence (truce/resources/events/confidence.json) on PLOVER gold sentences.

Data: ../shared/eval-dev/plover_gsr.jsonl (one gold event per sentence; older type names mapped as
the scorer maps them). For each sentence's most salient event, the label is whether its type is the
gold type; a logistic regression over the evidence of truce/stages/events/confidence.py learns how
often such events are right. Items whose sha256(id) starts with 0-3 are held out and only scored:
the share of right events per confidence band is printed for them.

    python scripts/fit_confidence.py [--data PATH] [--c 1.0]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.inputs import InputDoc  # noqa: E402
from truce.pipeline import Pipeline  # noqa: E402
from truce.settings import Settings  # noqa: E402
from truce.stages.events.confidence import WEIGHTS  # noqa: E402

OLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
BANDS = ((0.8, 1.01, ">= 0.8"), (0.5, 0.8, "0.5-0.8"), (0.0, 0.5, "< 0.5"))


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def top_events(pipeline: Pipeline, items: list[dict]):
    """(item, evidence of its most salient event, is it right) for every sentence with an event."""
    for item in items:
        article = pipeline._cleaned(InputDoc(id=item["id"], text=item["text"]))
        article.doc = pipeline.nlp(article.text)
        for stage in pipeline.doc_stages:
            stage(article)
        if article.events:
            top = article.events[0]
            yield item, article.event_features[top.id], top.event_type == OLD.get(item["event"], item["event"])


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=pathlib.Path, default=ROOT.parent / "shared/eval-dev/plover_gsr.jsonl")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation")
    args = ap.parse_args()
    items = [json.loads(line) for line in args.data.open() if line.strip()]
    rows = list(top_events(Pipeline(Settings()), items))
    names = sorted(rows[0][1])
    X = np.array([[found[n] for n in names] for _, found, _ in rows])
    y = np.array([right for _, _, right in rows])
    held = np.array([held_out(item["id"]) for item, _, _ in rows])
    model = LogisticRegression(C=args.c, max_iter=5000).fit(X[~held], y[~held])
    WEIGHTS.write_text(json.dumps({"bias": round(float(model.intercept_[0]), 4),
                                   "weights": {n: round(float(w), 4) for n, w in zip(names, model.coef_[0])}},
                                  indent=1) + "\n", encoding="utf-8")
    probability = model.predict_proba(X[held])[:, 1]
    print(f"fitted on {int((~held).sum())} events -> {WEIGHTS}; held-out {int(held.sum())}:")
    for low, high, name in BANDS:
        band = (probability >= low) & (probability < high)
        share = y[held][band].mean() if band.any() else float("nan")
        print(f"  confidence {name:8} {int(band.sum()):4} events  {share:.3f} right")


if __name__ == "__main__":
    main()
