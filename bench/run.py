#!/usr/bin/env python3
"""Benchmark: truce's whole analysis against bare spaCy parsing of the same texts, in one run.

Each measurement runs in a child process of its own so that its peak resident memory is its own.
Throughput counts only the analysis, not the model's load time (reported apart).

    python bench/run.py [--corpus ../shared/eval-dev/geo_gwn.jsonl] [--repeat 3]

Writes bench/results.json and prints it.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import platform
import resource
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "eval-dev" / "geo_gwn.jsonl"


def load_texts(corpus: pathlib.Path, repeat: int) -> list[dict]:
    items = [json.loads(line) for line in corpus.open() if line.strip()]
    docs = [{"id": f"{it['id']}#{r}", "text": it["text"]} for r in range(repeat) for it in items if it.get("text")]
    return docs


def run_child(mode: str, corpus: pathlib.Path, repeat: int) -> dict:
    """Time one mode in this process (called in a child)."""
    from truce.settings import Settings

    docs = load_texts(corpus, repeat)
    words = sum(len(d["text"].split()) for d in docs)
    settings = Settings()
    t0 = time.perf_counter()
    if mode == "spacy":
        import spacy

        from truce.nlp import model_location

        nlp = spacy.load(model_location(settings.model))
        loaded = time.perf_counter()
        for _ in nlp.pipe((d["text"] for d in docs), batch_size=settings.batch_size):
            pass
    else:
        from truce.inputs import InputDoc
        from truce.pipeline import Pipeline

        pipeline = Pipeline(settings)
        timers = _time_stages(pipeline)
        loaded = time.perf_counter()
        results = list(pipeline.analyze(InputDoc(id=d["id"], text=d["text"]) for d in docs))
        assert not any(hasattr(r, "error") for r in results), "benchmark corpus produced error lines"
    done = time.perf_counter()
    seconds = done - loaded
    stage_seconds = {name: round(t.seconds, 2) for name, t in timers.items()} if mode == "truce" else {}
    return {
        "stage_seconds": stage_seconds,
        "mode": mode, "articles": len(docs), "words": words,
        "load_seconds": round(loaded - t0, 2), "seconds": round(seconds, 2),
        "articles_per_second": round(len(docs) / seconds, 2), "words_per_second": round(words / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


class _Timed:
    """Wraps a stage to add up the time spent in it."""

    def __init__(self, stage):
        self.stage, self.seconds = stage, 0.0

    def __call__(self, article):
        started = time.perf_counter()
        try:
            return self.stage(article)
        finally:
            self.seconds += time.perf_counter() - started


def _time_stages(pipeline) -> dict:
    timers = {}
    for i, stage in enumerate(pipeline.doc_stages):
        timers[type(stage).__name__.lower()] = pipeline.doc_stages[i] = _Timed(stage)
    timers["clean"] = pipeline.clean = _Timed(pipeline.clean)
    return timers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="times the corpus is repeated (more = steadier figures)")
    ap.add_argument("--child", choices=["spacy", "truce"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "results.json")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, args.corpus, args.repeat)))
        return
    runs = {}
    for mode in ("spacy", "truce"):
        cmd = [sys.executable, __file__, "--child", mode, "--corpus", str(args.corpus), "--repeat", str(args.repeat)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    results = {
        "corpus": str(args.corpus.name), "repeat": args.repeat, "machine": f"{platform.machine()}, {platform.python_version()}",
        "spacy": runs["spacy"], "truce": runs["truce"],
        "truce_wps_1": runs["truce"]["words_per_second"], "spacy_wps_1": runs["spacy"]["words_per_second"],
        "ratio_truce_to_spacy": round(runs["truce"]["words_per_second"] / runs["spacy"]["words_per_second"], 3),
        "peak_rss_mb_per_worker": runs["truce"]["peak_rss_mb"],
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
