#!/usr/bin/env python3
"""Benchmark: truce's whole analysis against bare spaCy parsing of the same texts, in one run.

    python bench/run.py [--corpus bench/corpus.jsonl] [--limit N]

The corpus (bench/corpus.jsonl, 1,477 distinct texts) is built from ../shared/eval-dev by
bench/build_corpus.py when it is missing; without ../shared the benchmark stops and says so.
Measured, each in a child process of its own so that its peak memory is its own:

    spacy    bare spaCy (the same model) over every text, one process
    truce_1  truce analyze, one process
    truce_2  truce with 2 worker processes (truce.parallel.Workers)
    dask_2   truce on a Dask LocalCluster of 2 single-threaded workers, the corpus in 16 partitions

Throughput counts the analysis only: models are loaded first (and the load time reported apart), as
a long-running worker loads them once. Words are whitespace-separated tokens of the input texts. The
length table times short, median and long articles (40 each, around the 10th, 50th and 95th
percentile of length) with truce and spaCy. Writes bench/results.json and prints it.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from build_corpus import CORPUS, build  # noqa: E402

PARTITIONS = 16
BUCKET = 40  # articles in each length bucket
BUCKETS = {"short": 0.10, "median": 0.50, "long": 0.95}


def load_docs(corpus: pathlib.Path, limit: int | None) -> list[dict]:
    docs = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    return docs[:limit] if limit else docs


def words(docs) -> int:
    return sum(len(d["text"].split()) for d in docs)


def length_buckets(docs: list[dict]) -> dict[str, list[dict]]:
    ranked = sorted(docs, key=lambda d: len(d["text"].split()))
    buckets = {}
    for name, quantile in BUCKETS.items():
        middle = min(int(quantile * len(ranked)), len(ranked) - BUCKET // 2)
        buckets[name] = ranked[max(0, middle - BUCKET // 2):max(0, middle - BUCKET // 2) + BUCKET]
    return buckets


def throughput(docs, seconds: float) -> dict:
    return {"articles": len(docs), "words": words(docs), "seconds": round(seconds, 2),
            "articles_per_second": round(len(docs) / seconds, 2), "words_per_second": round(words(docs) / seconds)}


def timed(analyze, docs) -> dict:
    started = time.perf_counter()
    results = analyze(docs)
    figures = throughput(docs, time.perf_counter() - started)
    if results is not None:
        failed = [r for r in results if hasattr(r, "error")]
        assert not failed, f"the benchmark corpus produced error lines: {failed[:3]}"
    return figures


def by_length(analyze, docs) -> dict:
    out = {}
    for name, bucket in length_buckets(docs).items():
        figures = timed(analyze, bucket)
        out[name] = {"median_words": sorted(len(d["text"].split()) for d in bucket)[len(bucket) // 2],
                     "ms_per_article": round(1000 * figures["seconds"] / len(bucket), 1),
                     "words_per_second": figures["words_per_second"]}
    return out


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def run_child(mode: str, docs: list[dict]) -> dict:
    """Time one mode in this process (called in a child)."""
    from truce.inputs import InputDoc
    from truce.settings import Settings

    settings = Settings()
    inputs = [InputDoc(id=d["id"], text=d["text"]) for d in docs]
    t0 = time.perf_counter()
    if mode == "spacy":
        import spacy

        from truce.nlp import model_location

        nlp = spacy.load(model_location(settings.model))
        loaded = time.perf_counter()

        def analyze(batch):
            for _ in nlp.pipe((d["text"] for d in batch), batch_size=settings.batch_size):
                pass
        figures = timed(analyze, docs)
        figures["by_length"] = by_length(analyze, docs)
        figures["peak_rss_mb"] = peak_rss_mb()
    elif mode == "truce_1":
        from truce.pipeline import Pipeline

        pipeline = Pipeline(settings)
        timers = _time_stages(pipeline)
        loaded = time.perf_counter()
        index = {d.id: d for d in inputs}
        figures = timed(lambda batch: list(pipeline.analyze(index[d["id"]] for d in batch)), docs)
        figures["stage_seconds"] = {name: round(t.seconds, 2) for name, t in timers.items()}
        _forget_embeddings(pipeline)  # else the length runs find their sentences already embedded
        figures["by_length"] = by_length(lambda batch: list(pipeline.analyze(index[d["id"]] for d in batch)), docs)
        figures["peak_rss_mb"] = peak_rss_mb()
    elif mode == "truce_2":
        from truce.parallel import Workers

        with Workers(2, settings) as workers:
            workers.load()
            loaded = time.perf_counter()
            figures = timed(lambda batch: list(workers.analyze(inputs)), docs)
        figures["peak_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)  # the larger worker's
    else:
        figures, loaded = _dask(docs, settings)
        figures["peak_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)
    figures["load_seconds"] = round(loaded - t0, 2)
    return figures


def _dask(docs, settings):
    """Write the corpus as partitions, warm both workers on two small ones, then time the run."""
    import logging

    from distributed import Client, LocalCluster

    from truce import distributed

    logging.getLogger("distributed").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
        folder = pathlib.Path(tmp)
        for n in range(PARTITIONS):
            part = docs[n::PARTITIONS]
            (folder / f"part-{n:02d}.jsonl").write_text("".join(json.dumps(d) + "\n" for d in part))
        for n in range(2):
            (folder / f"warm-{n}.jsonl").write_text(json.dumps(docs[n]) + "\n")
        distributed.run([str(folder / "warm-*.jsonl")], str(folder / "warm-out"), client=client, settings=settings)
        loaded = time.perf_counter()
        summary = None

        def analyze(_):
            nonlocal summary
            summary = distributed.run([str(folder / "part-*.jsonl")], str(folder / "out"), client=client,
                                      settings=settings)
        figures = timed(analyze, docs)
        assert summary.errors == 0 and not summary.failed and summary.records == len(docs), summary
    return figures, loaded


class _Timed:
    """Wraps a stage to add up the CPU time spent in it. Thread time: the pipeline runs a batch's
    articles in threads, and wall time would count the waits for the GIL and for the other threads."""

    def __init__(self, stage):
        self.stage, self.seconds = stage, 0.0
        # `seconds +=` is a read and a write: the articles' threads interleaved them and lost sums
        self.lock = threading.Lock()

    def __call__(self, article):
        started = time.thread_time()
        try:
            return self.stage(article)
        finally:
            took = time.thread_time() - started
            with self.lock:
                self.seconds += took


def _forget_embeddings(pipeline) -> None:
    for timed_stage in pipeline.doc_stages:
        classifier = getattr(timed_stage.stage, "classifier", None)
        if classifier is not None:
            classifier.encoder.cache.clear()


def _time_stages(pipeline) -> dict:
    timers = {}
    for i, stage in enumerate(pipeline.doc_stages):
        timers[type(stage).__name__.lower()] = pipeline.doc_stages[i] = _Timed(stage)
    timers["clean"] = pipeline.clean = _Timed(pipeline.clean)
    return timers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N articles (a quick check; results are not comparable)")
    ap.add_argument("--child", choices=["spacy", "truce_1", "truce_2", "dask_2"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "results.json")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(args.child, load_docs(args.corpus, args.limit))))
        return
    if not args.corpus.exists():
        print(f"building the corpus: {build(out=args.corpus)} articles -> {args.corpus}", file=sys.stderr)
    runs, load_before = {}, round(os.getloadavg()[0], 2)
    for mode in ("spacy", "truce_1", "truce_2", "dask_2"):
        cmd = [sys.executable, __file__, "--child", mode, "--corpus", str(args.corpus)]
        cmd += ["--limit", str(args.limit)] if args.limit else []
        print(f"{mode} ...", file=sys.stderr, flush=True)
        load = os.getloadavg()[0]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"bench: {mode} failed:\n{out.stderr[-3000:]}")
        runs[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        # The machine may be shared: the 1-minute load before and after each mode says how much.
        runs[mode]["load_1min"] = [round(load, 2), round(os.getloadavg()[0], 2)]
    wps = {mode: runs[mode]["words_per_second"] for mode in runs}
    results = {
        "corpus": args.corpus.name, "articles": runs["truce_1"]["articles"], "words": runs["truce_1"]["words"],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_1min": {"before": load_before, "after": round(os.getloadavg()[0], 2)},
        "truce_wps_1": wps["truce_1"], "spacy_wps_1": wps["spacy"], "truce_wps_2": wps["truce_2"],
        "dask_wps_2": wps["dask_2"],
        "ratio_truce_to_spacy": round(wps["truce_1"] / wps["spacy"], 3),
        "speedup_2_workers": round(wps["truce_2"] / wps["truce_1"], 2),
        "speedup_dask_2_workers": round(wps["dask_2"] / wps["truce_1"], 2),
        "peak_rss_mb_per_worker": max(runs[m]["peak_rss_mb"] for m in ("truce_1", "truce_2", "dask_2")),
        "runs": runs,
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
