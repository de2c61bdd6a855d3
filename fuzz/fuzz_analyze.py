"""Fuzz the whole `analyze` of short texts: bytes read as a file, or as a JSONL line, through every stage.

Every input gives a record whose spans index its text, or an error line about the input; an error line
saying "analysis failed" or "cleaning failed" is a stage crashing, and counts as a crash here.

    python fuzz/fuzz_analyze.py fuzz/corpus/analyze -max_len=2000 -max_total_time=1800
"""
import io

import atheris

from _harness import run

with atheris.instrument_imports(include=["truce"]):
    from checks import assert_record_or_clear_error
    from truce.errors import InputError
    from truce.inputs import doc_from_bytes, docs_from_jsonl
    from truce.pipeline import Pipeline
    from truce.settings import Settings

pipeline = Pipeline(Settings())
LIMIT = 100_000


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_jsonl = provider.ConsumeBool()
    payload = provider.ConsumeBytes(provider.remaining_bytes())
    if as_jsonl:
        items = list(docs_from_jsonl(io.BytesIO(payload), max_bytes=LIMIT))
    else:
        try:
            items = [doc_from_bytes(payload, max_bytes=LIMIT, published="2020-10-12")]
        except InputError:
            return
    for result in pipeline.analyze(items):
        assert_record_or_clear_error(result)


if __name__ == "__main__":
    run(test_one_input)
