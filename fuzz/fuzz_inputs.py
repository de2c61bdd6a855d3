"""Fuzz the readers of untrusted input: a file's bytes (any encoding, binary, HTML or text) and JSONL batches.

Each input is read as one file, as a JSONL batch and as records for `truce ingest --records`. A file
gives a document or an InputError; a batch gives exactly one item per non-blank line, in order: a
document, or an (id, message) error; records are records that can be written out, or error lines.

    python fuzz/fuzz_inputs.py fuzz/corpus/inputs -max_total_time=600
"""
import io

import atheris

from _harness import run

with atheris.instrument_imports(include=["truce"]):
    from truce.errors import InputError
    from truce.inputs import InputDoc, doc_from_bytes, docs_from_jsonl
    from truce.record import ErrorLine
    from truce.store.ingest import records_from_jsonl

LIMIT = 100_000  # small, so that the size checks are reached too


def test_one_input(data: bytes) -> None:
    try:
        doc = doc_from_bytes(data, max_bytes=LIMIT)
        assert (doc.text is None) != (doc.html is None) and doc.content.strip() and doc.id
        doc.content.encode("utf-8")
    except InputError as exc:
        assert str(exc)
    lines = [line for line in io.BytesIO(data) if line.strip()]
    items = list(docs_from_jsonl(io.BytesIO(data), max_bytes=LIMIT))
    assert len(items) == len(lines), (len(items), len(lines))
    for item in items:
        if isinstance(item, InputDoc):
            assert item.content.strip() and item.id
            for value in (item.id, item.content, item.title, item.source_name, item.url):
                if value is not None:
                    value.encode("utf-8")  # every string can be written out as UTF-8
        else:
            error_id, message = item
            assert message and (error_id is None or isinstance(error_id, str))
    records = list(records_from_jsonl(io.BytesIO(data)))
    assert len(records) == len(lines)
    for record in records:
        assert isinstance(record, ErrorLine) or record.model_dump_json().encode("utf-8")


if __name__ == "__main__":
    run(test_one_input)
