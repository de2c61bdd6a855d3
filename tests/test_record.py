"""The record schema: one definition (truce/record.py), one generated JSON Schema file, kept in step."""
import pathlib

import jsonschema
import pytest

from truce import record
ROOT = pathlib.Path(__file__).resolve().parents[1]

CONTRACT_FIELDS = ["id", "title", "published", "source", "text", "entities", "actors", "places", "times",
                   "attributions", "events", "ceasefires", "warnings"]


def test_record_schema_file_is_generated_from_the_models():
    assert (ROOT / "truce/schema/record.schema.json").read_text() == record.schema_text()


def test_record_has_every_contract_field_even_when_empty():
    rec = record.Record(id="a", text="Hello.").model_dump(mode="json")
    assert list(rec) == CONTRACT_FIELDS + ["language"]  # fields beyond the contract come after it
    assert rec["source"] == {"name": None, "url": None}
    assert all(rec[k] == [] for k in CONTRACT_FIELDS[5:])


@pytest.mark.parametrize("bad", [
    {"published": "12/10/2020"},
    {"entities": [{"start": 0, "end": 5, "text": "Hello"}]},          # label missing
    {"actors": [{"id": "a1", "name": "Iraq", "country": "IQ"}]},      # alpha-3 expected
    {"surprise": 1},                                                  # unknown field
])
def test_record_schema_rejects_what_the_contract_forbids(bad, record_schema):
    rec = record.Record(id="a", text="Hello.").model_dump(mode="json") | bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(rec, record_schema)


def test_record_event_type_is_one_of_the_16_plover_types():
    assert len(record.EVENT_TYPES) == 16
    with pytest.raises(ValueError):
        record.Event(id="e", event_type="FIGHT", factuality="asserted", confidence=0.5,
                     evidence=record.Span(start=0, end=1, text="x"), trigger=record.Span(start=0, end=1, text="x"))
