"""Analysis on several cores: `analyze_stream` gives what one process gives, in input order.

The workers are real spawned processes that load the model, so these tests take about half a minute;
the texts are tiny and the chunks small (batch_size 2) so that several chunks go to each worker.
"""
import dataclasses
import os

import numpy as np
import pytest

from truce import parallel
from truce.embeddings import Gathering, SentenceEncoder
from truce.inputs import InputDoc
from truce.record import json_line

pytestmark = pytest.mark.model

TEXTS = [
    "Rebels shelled the town of Idlib on Monday, killing three civilians.",
    "Police arrested 12 protesters in Lagos on Friday, witnesses said.",
    "The two governments agreed to resume talks in Geneva next week.",
    "Militants attacked an army checkpoint near Mosul overnight.",
    "Thousands marched in Santiago on Sunday to demand higher pensions.",
]


def docs():
    return [InputDoc(id=f"doc-{n}", text=text, published="2021-03-01") for n, text in enumerate(TEXTS)]


class DiesWhenUnpickled(tuple):
    """An (id, message) input pair whose arrival in a worker ends that worker's process at once,
    as an out-of-memory kill would."""

    def __reduce__(self):
        return (os._exit, (3,))


@pytest.fixture(scope="module")
def small_batches(pipeline):
    return dataclasses.replace(pipeline.settings, batch_size=2)


def test_two_workers_give_the_records_of_one_process_in_input_order(pipeline, small_batches):
    items = docs()
    items.insert(2, ("unreadable", "line 3 is not valid JSON"))  # input that failed before analysis keeps its place
    expected = [json_line(r) for r in pipeline.analyze(items)]
    got = [json_line(r) for r in parallel.analyze_stream(items, workers=2, settings=small_batches)]
    assert got == expected
    assert [r.split('"id": ')[1][:12] for r in got][:3] == ['"doc-0", "ti', '"doc-1", "ti', '"unreadable"']


def test_input_of_one_chunk_is_analyzed_in_this_process(pipeline, monkeypatch):
    def no_processes(*args, **kwargs):
        raise AssertionError("a worker process was started for one chunk")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_processes)
    results = list(parallel.analyze_stream(docs()[:2], workers=4, settings=pipeline.settings, pipeline=pipeline))
    assert [r.id for r in results] == ["doc-0", "doc-1"] and all(r.events for r in results)


def test_a_worker_that_dies_costs_only_its_own_chunk(small_batches):
    items = docs()[:2] + [DiesWhenUnpickled(("killer", "-")), InputDoc(id="after", text=TEXTS[3])] + docs()[2:4]
    results = list(parallel.analyze_stream(items, workers=2, settings=small_batches))
    assert [r.id for r in results] == ["doc-0", "doc-1", "killer", "after", "doc-2", "doc-3"]
    failed = {r.id: r.error for r in results if hasattr(r, "error")}
    assert set(failed) == {"killer", "after"}  # the dead worker's chunk, and only it
    assert "worker process" in failed["killer"]


def test_workers_must_be_at_least_one(small_batches):
    with pytest.raises(ValueError, match="at least 1"):
        list(parallel.analyze_stream(docs(), workers=0, settings=small_batches))


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder(cache_size=0)


def test_sentence_vectors_do_not_depend_on_the_batch_they_are_run_in(encoder):
    sentences = ["Rebels shelled the town.", "Police arrested 12 protesters in Lagos on Friday.",
                 "Talks resumed.", "Militants attacked an army checkpoint near Mosul overnight, officials said."]
    together = encoder.encode(sentences)
    alone = np.vstack([encoder.encode([s]) for s in sentences])
    assert np.array_equal(together, alone)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_a_gathering_embeds_the_waiting_threads_sentences_in_one_call(encoder, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    calls = []
    real = SentenceEncoder.encode_now
    monkeypatch.setattr(SentenceEncoder, "encode_now", lambda self, texts, batch_size=32: calls.append(texts) or real(self, texts))
    sentences = [["Rebels shelled the town."], ["Talks resumed.", "Police arrested 12 protesters."], []]
    gathering = Gathering(len(sentences))
    with ThreadPoolExecutor(len(sentences)) as threads:
        vectors = list(threads.map(gathering.run, [encoder.encode] * len(sentences), sentences))
    batches = [texts for texts in calls if texts]  # an empty call returns at once, waiting for no one
    assert len(batches) == 1 and sorted(batches[0]) == sorted(s for group in sentences for s in group)
    assert [len(v) for v in vectors] == [1, 2, 0]
    assert np.array_equal(vectors[1], real(encoder, sentences[1]))
