#!/usr/bin/env python3
"""CPU time of truce and of bare spaCy on a fixed sample, and the records it gives (to diff two versions).

    python bench/cpu_sample.py [--limit 150] [--records out.jsonl] [--profile out.prof] [--spacy] [--steps]

The machine's cores are shared, so wall time says little: this counts the process's CPU time
(time.process_time, every thread's) over the first `--limit` articles of bench/corpus.jsonl, with the
models loaded before the clock starts. `--stages` adds each stage's CPU time (thread time, as
bench/run.py counts it); `--profile` runs cProfile in every article's thread and writes the merged
statistics (pstats) to a file; `--spacy` times bare spaCy's nlp.pipe over the same texts in the same
process, after truce, so the two figures share the machine's state. `--steps` splits the events
stage's time between its steps (thread time, each step's own, the sentence embedding apart); it
runs the articles one at a time (batch size 1), so that each article's embedding is timed in the
step that asks for it rather than in the thread that embeds a whole gathered batch. cProfile
inflates the many small calls into spaCy's Cython about threefold, so its figures rank, the
timers measure. `--records` writes every record
as a JSON line, for comparing the output of two versions of the code with `cmp`.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pathlib
import pstats
import sys
import threading
import time
from collections import Counter

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from build_corpus import CORPUS  # noqa: E402
from run import _time_stages, load_docs, words  # noqa: E402


def profiled(function, profiles: list, lock: threading.Lock):
    """function, run under a cProfile of its own in whichever thread calls it (cProfile sees one thread)."""
    def run(*args):
        profile = cProfile.Profile(time.thread_time)
        profile.enable()
        try:
            return function(*args)
        finally:
            profile.disable()
            with lock:
                profiles.append(profile)
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=150)
    ap.add_argument("--records", type=pathlib.Path)
    ap.add_argument("--profile", type=pathlib.Path)
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--spacy", action="store_true")
    ap.add_argument("--steps", action="store_true")
    args = ap.parse_args()

    from truce.inputs import InputDoc
    from truce.pipeline import Pipeline
    from truce.settings import Settings

    docs = load_docs(args.corpus, args.limit)
    pipeline = Pipeline(Settings(batch_size=1) if args.steps else Settings())
    steps = time_steps(pipeline.doc_stages[5]) if args.steps else None
    timers = _time_stages(pipeline) if args.stages or args.steps else {}
    profiles, lock = [], threading.Lock()
    if args.profile:
        pipeline._finished = profiled(pipeline._finished, profiles, lock)
        pipeline.nlp.pipe = profiled_pipe(pipeline.nlp, profiles, lock)
    started = time.process_time()
    results = list(pipeline.analyze(InputDoc(id=d["id"], text=d["text"]) for d in docs))
    seconds = time.process_time() - started
    out = {"articles": len(docs), "words": words(docs), "truce_cpu_seconds": round(seconds, 2)}
    if timers:
        out["stage_cpu_seconds"] = {name: round(t.seconds, 2) for name, t in timers.items()}
        # the parse (nlp.pipe with truce's components), language detection, the records, the threads
        out["outside_stages_cpu_seconds"] = round(seconds - sum(t.seconds for t in timers.values()), 2)
    if steps is not None:
        steps["rest of the stage"] = timers["events"].seconds - sum(steps.values())
        out["events_step_cpu_seconds"] = {name: round(t, 2) for name, t in steps.most_common()}
    if args.spacy:
        out["spacy_cpu_seconds"] = round(bare_spacy(docs, pipeline.settings), 2)
        out["ratio_cpu_spacy_to_truce"] = round(out["spacy_cpu_seconds"] / seconds, 3)
    if args.records:
        with args.records.open("w", encoding="utf-8") as f:
            for result in results:
                f.write(result.model_dump_json() + "\n")
    if profiles:
        merged = pstats.Stats(profiles[0])
        for profile in profiles[1:]:
            merged.add(profile)
        merged.dump_stats(str(args.profile))
    print(json.dumps(out))


def time_steps(events) -> Counter:
    """Wraps the events stage's steps (and the sentence encoder) in timers of each one's own thread
    time: a step's time leaves out the steps it calls. Call before _time_stages wraps the stage."""
    from truce import embeddings
    from truce.stages import events as module
    from truce.stages.events import attach

    spent, inside = Counter(), []

    def timed(name, function):
        def run(*args, **kwargs):
            started = time.thread_time()
            inside.append(name)
            try:
                return function(*args, **kwargs)
            finally:
                inside.pop()
                took = time.thread_time() - started
                spent[name] += took
                if inside:
                    spent[inside[-1]] -= took
        return run

    for method, name in [("detect", "lexicon triggers"), ("detect_by_classifier", "lead fallback"),
                         ("judged", "detector on the lexicon's words"), ("detect_learned", "detector on the other words"),
                         ("roles", "roles (parse, role model)"), ("retype", "relation typer"),
                         ("factuality", "factuality"), ("threats", "threats"),
                         ("to_record", "record building (date, quantities, claims, contexts)")]:
        setattr(events, method, timed(name, getattr(events, method)))
    events.classifier.read = timed("ACLED classifier (cues, product)", events.classifier.read)
    module.merge, module.corefer = timed("merge", module.merge), timed("corefer", module.corefer)
    module.features = timed("confidence features", module.features)
    attach.event_location = timed("event location", attach.event_location)
    encoder = events.classifier.encoder
    encoder._embed = timed("MiniLM embedding (tokenizer, ONNX)", encoder._embed)
    return spent


def profiled_pipe(nlp, profiles, lock):
    """nlp.pipe, profiled while it parses (it is a generator: each step runs under the profile)."""
    pipe = nlp.pipe

    def run(*args, **kwargs):
        profile = cProfile.Profile(time.thread_time)
        try:
            iterator = pipe(*args, **kwargs)
            while True:
                profile.enable()
                try:
                    doc = next(iterator)
                except StopIteration:
                    return
                finally:
                    profile.disable()
                yield doc
        finally:
            with lock:
                profiles.append(profile)
    return run


def bare_spacy(docs: list[dict], settings) -> float:
    """CPU seconds of spaCy's own model (no truce components) parsing the same texts."""
    import spacy

    from truce.nlp import model_location

    nlp = spacy.load(model_location(settings.model))
    started = time.process_time()
    for _ in nlp.pipe((d["text"] for d in docs), batch_size=settings.batch_size):
        pass
    return time.process_time() - started


if __name__ == "__main__":
    main()
