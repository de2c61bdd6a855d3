"""Reading untrusted input: encodings, binary data, sizes, JSONL lines, dates."""
import io
import json

import pytest

from truce.errors import InputError
from truce.inputs import decode, doc_from_bytes, docs_from_jsonl, looks_like_html, parse_published

MB = 1_000_000


@pytest.mark.parametrize("data,expected", [
    ("Bagdad – café".encode("utf-8"), "Bagdad – café"),
    ("\ufeffBOM first".encode("utf-8"), "BOM first"),
    ("Kyiv and Kharkiv".encode("utf-16"), "Kyiv and Kharkiv"),
    ("Le président a déclaré à Genève que la trêve était rompue.".encode("latin-1"),
     "Le président a déclaré à Genève que la trêve était rompue."),
])
def test_inputs_decode_recognises_the_encoding(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_inputs_decode_refuses_empty_and_binary_data(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)


def test_inputs_refuse_a_document_over_the_size_limit():
    with pytest.raises(InputError, match="limit"):
        doc_from_bytes(b"word " * (3 * MB), max_bytes=10 * MB)


def test_inputs_tell_html_from_text_by_content():
    assert looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    assert looks_like_html("  <div class='a'><p>One</p><p>Two</p></div>")
    assert not looks_like_html("Troops withdrew <quietly> from the base on Monday.")
    doc = doc_from_bytes(b"<html><head><title>T</title></head><body><p>Hi</p></body></html>", max_bytes=MB)
    assert doc.html is not None and doc.text is None


@pytest.mark.parametrize("value,expected", [("2020-10-12", "2020-10-12"), ("2020-10-12T08:00:00Z", "2020-10-12"),
                                            (None, None), ("", None)])
def test_inputs_parse_published_accepts_iso_dates(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["12/10/2020", "2020-13-01", "yesterday", 20201012])
def test_inputs_parse_published_refuses_anything_else(value):
    with pytest.raises(InputError, match="published"):
        parse_published(value)


def test_inputs_jsonl_reports_bad_lines_and_goes_on():
    lines = [
        json.dumps({"id": "a", "text": "Fine."}),
        '{"id": "b", "text": "broken',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": "Fine.", "published": "next week"}),
        "",
        json.dumps({"id": "f", "html": "<p>Fine.</p>", "source": {"name": "Wire", "url": "https://x.example"}}),
    ]
    stream = io.BytesIO(("\n".join(lines) + "\n").encode() + b'{"id": "g", "text": "\xff\xfe bad"}\n')
    out = list(docs_from_jsonl(stream, max_bytes=MB))
    assert [o.id if hasattr(o, "id") else o[0] for o in out] == ["a", "b", None, "d", "e", "f", "g"]
    errors = {o[0]: o[1] for o in out if isinstance(o, tuple)}
    assert "not valid JSON" in errors["b"]
    assert "JSON object" in errors[None]
    assert "neither 'text' nor 'html'" in errors["d"]
    assert "published" in errors["e"]
    assert "UTF-8" in errors["g"]
    assert out[5].source_name == "Wire" and out[5].url == "https://x.example"


def test_inputs_jsonl_refuses_a_50_mb_page_and_keeps_the_next_line():
    huge = json.dumps({"id": "huge", "html": "<p>" + "x" * 50 * MB + "</p>"})
    stream = io.BytesIO((huge + "\n" + json.dumps({"id": "next", "text": "Fine."}) + "\n").encode())
    out = list(docs_from_jsonl(stream, max_bytes=10 * MB))
    assert out[0][0] == "huge" and "limit" in out[0][1]
    assert out[1].id == "next"


# -- inputs the fuzzers found (fuzz/) ---------------------------------------------------------------------------

def test_inputs_jsonl_lone_surrogates_become_replacement_characters():
    # JSON's "\ud800" escape gives a string no UTF-8 writer accepts: spaCy's tokenizer failed on it and
    # took the whole batch down. One character replaces one, so the caller's offsets still hold.
    line = b'{"id": "s\\udfff", "text": "Troops \\ud800 left Basra.", "title": "\\ud83d"}\n'
    (doc,) = docs_from_jsonl(io.BytesIO(line), max_bytes=MB)
    assert doc.text == "Troops \ufffd left Basra." and doc.id == "s\ufffd" and doc.title == "\ufffd"
    assert json.loads('"\\ud83d\\ude00"') == "\U0001F600"  # a well-formed pair is one character, kept


@pytest.mark.parametrize("data", [b"\xff\xfe\x00\xd8a\x00", b"\xff\xfea", b"\xfe\xff\xd8\x00"])
def test_inputs_broken_utf16_is_decoded_with_replacement_characters(data):
    assert "\ufffd" in decode(data)  # was a UnicodeDecodeError, a traceback instead of a message


def test_inputs_jsonl_empty_id_gets_a_content_id():
    (doc,) = docs_from_jsonl(io.BytesIO(b'{"id": "", "text": "Fine."}\n'), max_bytes=MB)
    assert doc.id
