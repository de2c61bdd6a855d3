"""Learn the line model of truce/boilerplate.py from the scraped dev pages; write its weights.

    python scripts/train_clean.py [--data ../shared/eval-dev/scraped_text.jsonl] [--dry-run]

Each non-blank line of a page is labelled by aligning the page's words with the gold article body
(difflib over word sequences): a line is the article's when half its words or more are aligned. Only
the training part is used: pages whose sha256(id) hex starts with 4-f; the held-out part (0-3) is
scored apart, and its figure is printed first. Needs scikit-learn (`pip install -e ".[train]"`).
Writes truce/resources/clean/line_model.json unless --dry-run.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import difflib
import hashlib
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from truce.boilerplate import LineModel, page_features, with_neighbours  # noqa: E402

OUT = ROOT / "truce" / "resources" / "clean" / "line_model.json"
C = 1.0


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def line_labels(lines: list[str], gold: str) -> list[int]:
    """1 for a line at least half of whose words align with the gold body, in order."""
    owner, words = [], []
    for n, line in enumerate(lines):
        for word in tokens(line):
            owner.append(n)
            words.append(word)
    matcher = difflib.SequenceMatcher(None, words, tokens(gold), autojunk=False)
    aligned = collections.Counter()
    for start, _, size in matcher.get_matching_blocks():
        aligned.update(owner[start:start + size])
    total = collections.Counter(owner)
    return [int(total[n] > 0 and aligned[n] * 2 >= total[n]) for n in range(len(lines))]


def load(path: Path):
    pages = []
    for raw in path.open(encoding="utf-8"):
        item = json.loads(raw)
        lines = [line for line in item["text"].split("\n") if line.strip()]
        weight = np.array([len(tokens(line)) for line in lines], dtype=float)
        pages.append({
            "id": item["id"], "gold": item["gold_text"], "lines": lines,
            "features": page_features(lines), "labels": np.array(line_labels(lines, item["gold_text"])),
            # every page counts the same in the mean F1, and within a page a line counts by its words
            "weights": weight / max(weight.sum(), 1.0),
        })
    return pages


def fit_stage(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> dict:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000).fit((x - mean) / scale, y, sample_weight=w * len(w))
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0])}


def stack(pages):
    return (np.vstack([p["features"] for p in pages]), np.concatenate([p["labels"] for p in pages]),
            np.concatenate([p["weights"] for p in pages]))


def first_readings_out_of_fold(pages) -> list[np.ndarray]:
    """Each page's first-stage reading from a model that did not see it (5 folds by page), so that
    the second stage learns how far to trust readings of unseen pages."""
    readings = [None] * len(pages)
    groups = np.arange(len(pages))
    for train, test in GroupKFold(n_splits=5).split(groups, groups=groups):
        stage = _arrays(fit_stage(*stack([pages[i] for i in train])))
        for i in test:
            readings[i] = LineModel._apply(stage, pages[i]["features"])
    return readings


def _arrays(stage: dict):
    return (np.array(stage["mean"]), np.array(stage["scale"]), np.array(stage["coef"]), stage["intercept"])


def train(pages) -> dict:
    first = fit_stage(*stack(pages))
    readings = first_readings_out_of_fold(pages)
    second_x = np.vstack([with_neighbours(p["features"], r) for p, r in zip(pages, readings)])
    _, y, w = stack(pages)
    second = fit_stage(second_x, y, w)
    return {"stages": [first, second], "threshold": 0.5}


def token_f1(gold: str, pred: str) -> float:
    g, p = collections.Counter(tokens(gold)), collections.Counter(tokens(pred))
    common = sum((g & p).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def mean_f1(model: LineModel, pages) -> float:
    scores = []
    for page in pages:
        keep = model.content(page["lines"]) >= model.threshold
        scores.append(token_f1(page["gold"], "\n".join(l for l, k in zip(page["lines"], keep) if k)))
    return sum(scores) / len(scores)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval-dev" / "scraped_text.jsonl")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    pages = load(args.data)
    training = [p for p in pages if not held_out(p["id"])]
    weights = train(training)
    model = LineModel(weights)
    rest = [p for p in pages if held_out(p["id"])]
    print(f"line model alone, token F1: held-out {mean_f1(model, rest):.3f} ({len(rest)} pages), "
          f"training part {mean_f1(model, training):.3f} ({len(training)} pages)")
    weights["made_from"] = (f"{args.data.name}: the {len(training)} pages whose sha256(id) hex starts with 4-f "
                            f"(of {len(pages)}), labelled by aligning each line with the gold body; "
                            f"scripts/train_clean.py, {dt.date.today().isoformat()}")
    if not args.dry_run:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
