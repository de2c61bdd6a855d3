"""Analysis on every core: `analyze_stream(items, workers=N)` yields results in input order.

Each worker is a process of its own, started with 'spawn' (a fresh interpreter: safe with the threads
onnxruntime and tokenizers start, and the same on every OS), that loads the pipeline once on its
first chunk and keeps it; a chunk is `batch_size` documents, parsed together with nlp.pipe. The
parent reads its input lazily and keeps at most two chunks per worker in flight, so memory does not
grow with the input, and it yields each chunk's results when all earlier chunks' results are out.

What the workers share: the gazetteer is an SQLite file each worker memory-maps, so the operating
system holds one copy of its pages for all of them; the spaCy model, the classifier and the small
dictionaries are loaded by each worker (see bench/ for the memory a worker takes).

Input of a single chunk is analyzed in this process: starting a worker costs a model load, which
one batch does not repay. `truce analyze` and `truce ingest` both call `analyze_stream`.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from . import record
from .settings import Settings, load_settings

Item = object  # an InputDoc, or an (id, error message) pair for input that could not be read
IN_FLIGHT_PER_WORKER = 2


def default_workers() -> int:
    """The cores this process may run on (fewer than os.cpu_count() under a CPU affinity mask or cgroup)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyze_stream(items: Iterable[Item], workers: int | None = None, settings: Settings | None = None,
                   pipeline=None) -> Iterator[record.Record | record.ErrorLine]:
    """Records (or error lines) for `items`, in their order, analyzed by `workers` processes.

    `pipeline` is a Pipeline already loaded in this process, used when the work stays here
    (one worker, or input of one chunk); without it one is loaded when needed.
    """
    settings = settings or load_settings()
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    chunks = _chunks(items, settings.batch_size)
    head = list(itertools.islice(chunks, 2))
    if workers == 1 or len(head) < 2:
        if pipeline is None:
            from .pipeline import Pipeline

            pipeline = Pipeline(settings)
        yield from pipeline.analyze(itertools.chain.from_iterable(itertools.chain(head, chunks)))
        return
    with Workers(workers, settings) as pool:
        yield from pool.analyze_chunks(itertools.chain(head, chunks))


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class Workers:
    """Worker processes that keep their pipeline from one call to the next: what a long-running
    ingest holds, and what the benchmark times once the models are loaded.

        with Workers(2, settings) as workers:
            workers.load()                      # optional: load the model in every worker now
            for result in workers.analyze(items): ...
    """

    def __init__(self, count: int, settings: Settings):
        self.count, self.settings = count, settings
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.loaded = context.Barrier(self.count)
        self.pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=_keep, initargs=(self.loaded,))

    def load(self, timeout: float = 600) -> None:
        """Load the pipeline in every worker: each of `count` tasks waits, once loaded, for all the others,
        so no worker can take two of them."""
        for future in [self.pool.submit(_load_and_wait, self.settings, timeout) for _ in range(self.count)]:
            future.result()

    def analyze(self, items: Iterable[Item]) -> Iterator[record.Record | record.ErrorLine]:
        yield from self.analyze_chunks(_chunks(items, self.settings.batch_size))

    def analyze_chunks(self, chunks: Iterator[list[Item]]) -> Iterator:
        """Submit chunks as results are taken. When a worker dies, the chunks then in flight run again one
        at a time, so that the one that kills a worker again is known: its documents get error lines."""
        in_flight: deque[tuple[list[Item], Future, bool]] = deque()  # (chunk, its future, run alone)
        again: deque[list[Item]] = deque()
        while True:
            limit = 1 if again or any(alone for _, _, alone in in_flight) else self.count * IN_FLIGHT_PER_WORKER
            while len(in_flight) < limit and (chunk := again.popleft() if again else next(chunks, None)):
                in_flight.append((chunk, self.pool.submit(_analyze_chunk, self.settings, chunk), limit == 1))
            if not in_flight:
                return
            chunk, future, alone = in_flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                self.close()
                self._start()
                if alone:
                    yield from _died(chunk)
                else:
                    again.extend([chunk] + [c for c, _, _ in in_flight])
                in_flight.clear()
                continue
            yield from results

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _died(chunk: list[Item]) -> Iterator[record.ErrorLine]:
    for item in chunk:
        item_id = item[0] if isinstance(item, tuple) else item.id
        yield record.ErrorLine(id=item_id, error="analysis failed: the worker process analyzing this "
                                                 "document's batch died (out of memory?)")


_pipeline = None  # this process's pipeline, loaded on first use


def process_pipeline(settings: Settings):
    """The pipeline of this (worker) process: loaded once, on its first chunk, and kept for every later one."""
    global _pipeline
    if _pipeline is None or _pipeline.settings != settings:
        from .pipeline import Pipeline

        _pipeline = Pipeline(settings)
    return _pipeline


def _analyze_chunk(settings: Settings, chunk: list[Item]) -> list:
    return list(process_pipeline(settings).analyze(chunk))


_loaded = None  # the Barrier of Workers.load, handed to each worker when it starts


def _keep(barrier) -> None:
    global _loaded
    _loaded = barrier


def _load_and_wait(settings: Settings, timeout: float) -> None:
    process_pipeline(settings)
    _loaded.wait(timeout)
