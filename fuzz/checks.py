"""What must hold for every input, checked by the fuzz harnesses and the property tests alike."""
from __future__ import annotations


def spans(value, path="record"):
    """Every span of a record (a dict from `model_dump`): anything with start, end and text, at any depth."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            yield path, value
        for key, inner in value.items():
            if key != "text":
                yield from spans(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from spans(inner, f"{path}[{n}]")


def assert_offsets_hold(record: dict) -> None:
    """text[start:end] is the span's own text, for every span of every field."""
    text = record["text"]
    for path, span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), (path, span)
        assert text[span["start"]:span["end"]] == span["text"], (path, span)


def assert_record_or_clear_error(result) -> dict | None:
    """A pipeline result is a record whose offsets hold, or an error line that names an input problem:
    "analysis failed" / "cleaning failed" are truce's catch-alls for bugs, so they count as crashes."""
    if hasattr(result, "error"):
        assert not result.error.startswith(("analysis failed", "cleaning failed")), result.error
        return None
    record = result.model_dump(mode="json")
    assert_offsets_hold(record)
    record_json = result.model_dump_json()
    record_json.encode("utf-8")  # what is written out must be writable: no lone surrogates
    return record
