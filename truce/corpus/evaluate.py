"""Running truce over the corpus and scoring what it writes (``truce corpus score``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from .load import ANNOTATIONS, analysis_input, load
from .score import score


def analyze(articles: list[dict], workers: int | None = None, events: str | None = None) -> dict[str, dict]:
    """truce's records of the articles, by id, made in this process (or its worker pool)."""
    from ..inputs import docs_from_jsonl
    from ..parallel import analyze_stream
    from ..settings import load_settings

    settings = load_settings(min_confidence=0.0, events=events)  # every event: the threshold is applied when scoring
    lines = "".join(json.dumps(analysis_input(a), ensure_ascii=False) + "\n" for a in articles).encode("utf-8")
    items = docs_from_jsonl(io.BytesIO(lines), max_bytes=settings.max_bytes)
    return {r.id: r.model_dump(mode="json") for r in analyze_stream(items, workers=workers, settings=settings)}


def read_records(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as lines:
        return {r["id"]: r for r in map(json.loads, filter(str.strip, lines))}


def evaluate(split: str | None = "test", records: Path | None = None, corpus: Path = ANNOTATIONS,
             workers: int | None = None, min_confidence: float | None = None, events: str | None = None) -> dict:
    """The scorer's figures over `split` at the default threshold (or `min_confidence`), and event
    precision, recall and F1 over every event; from records on file or from a fresh analysis."""
    from ..settings import load_settings
    from ..stages.events import LEARNED, default_threshold

    articles = load(corpus, split)
    made = read_records(records) if records else analyze(articles, workers, events)
    stage = load_settings(events=events).events
    threshold = default_threshold(LEARNED, stage) if min_confidence is None else min_confidence
    figures = {"threshold": threshold, **score(articles, above(made, threshold))}
    every = score(articles, made)
    figures["all_events"] = {k: every[k] for k in ("output_events", "event_precision", "event_recall", "event_f1")}
    figures["by_threshold"] = {f"{t:.1f}": {k: found[k] for k in ("event_precision", "event_recall", "event_f1")}
                               for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8) for found in [score(articles, above(made, t))]}
    return figures


def above(records: dict[str, dict], threshold: float) -> dict[str, dict]:
    """The records with only the events at or above `threshold` confidence."""
    return {i: {**r, "events": [e for e in r.get("events", []) if e.get("confidence", 0) >= threshold]}
            for i, r in records.items()}
