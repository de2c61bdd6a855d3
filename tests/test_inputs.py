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


# --- web archives -----------------------------------------------------------------------------------

from archive_files import broken_member, conversion_record, response_record, write_archive  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from truce.archives import docs_from_warc  # noqa: E402
from truce.inputs import InputDoc  # noqa: E402

PAGE = ("<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>"
        "<p>{body}</p></article></body></html>")


def _writer():
    return WARCWriter(io.BytesIO(), gzip=True)  # only builds records; write_archive writes them


def _pages(items):
    return [(i.url, i.fetched, i.html) if isinstance(i, InputDoc) else ("error", i[0], i[1]) for i in items]


@pytest.mark.parametrize("broken", ["truncated", "headers"])
def test_archives_warc_gives_html_pages_with_url_and_date_and_an_error_for_a_broken_record(tmp_path, broken):
    w = _writer()
    records = [
        w.create_warc_record("https://news.example/", "warcinfo", payload=io.BytesIO(b"software: test\r\n"),
                             warc_content_type="application/warc-fields"),
        response_record(w, "https://news.example/truce", "2021-05-02T08:00:00Z",
                        PAGE.format(title="Truce holds", body="The truce held for a third day, residents said.")),
        response_record(w, "https://news.example/old", "2021-05-02T08:01:00Z", "", status="301 Moved Permanently"),
        response_record(w, "https://news.example/logo.png", "2021-05-02T08:02:00Z", "PNG", content_type="image/png"),
        broken_member(broken),
        response_record(w, "https://news.example/talks", "2021-05-03T09:30:00Z",
                        PAGE.format(title="Talks resume", body="Negotiators met in Geneva on Monday.")),
    ]
    items = list(docs_from_warc(write_archive(tmp_path / "news.warc.gz", records), max_bytes=MB))
    pages = _pages(items)
    assert [p[:2] for p in pages] == [("https://news.example/truce", "2021-05-02"), pages[1][:2],
                                      ("https://news.example/talks", "2021-05-03")]
    assert pages[1][0] == "error" and "news.warc.gz" in pages[1][1]
    assert "third day" in pages[0][2] and "Geneva" in pages[2][2]
    assert all(isinstance(i, InputDoc) and i.id.startswith("urn:uuid:") for i in (items[0], items[2]))


def test_archives_wet_gives_page_text_and_an_uncompressed_file_skips_to_the_next_record(tmp_path):
    w = WARCWriter(io.BytesIO(), gzip=False)
    text = "Menu\nTruce holds\nThe truce held for a third day on Sunday, residents of the city said.\n"
    records = [
        conversion_record(w, "https://news.example/truce", "2021-05-02T08:00:00Z", text),
        b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 999999\r\n\r\ncut short\r\n\r\n",
        conversion_record(w, "https://news.example/talks", "2021-05-03T09:30:00Z", "Negotiators met in Geneva.\n"),
    ]
    items = list(docs_from_warc(write_archive(tmp_path / "news.warc.wet", records, gzipped=False), max_bytes=MB))
    docs = [i for i in items if isinstance(i, InputDoc)]
    assert [(d.url, d.fetched, d.text, d.html) for d in docs] == [
        ("https://news.example/truce", "2021-05-02", text, None),
        ("https://news.example/talks", "2021-05-03", "Negotiators met in Geneva.\n", None)]
    errors = [i for i in items if not isinstance(i, InputDoc)]
    assert len(errors) == 1 and "cut short" in errors[0][1] and errors[0][0].startswith("news.warc.wet@")


def test_archives_decode_the_declared_charset_and_refuse_an_oversized_record(tmp_path):
    w = _writer()
    latin = PAGE.format(title="Genève", body="Le président a déclaré à Genève que la trêve tenait.")
    raw = io.BytesIO(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n" + latin.encode("latin-1"))
    french = w.create_warc_record("https://news.example/fr", "response", payload=raw,
                                  warc_headers_dict={"WARC-Date": "2021-05-02T08:00:00Z"})
    big = response_record(w, "https://news.example/big", "2021-05-02T08:00:00Z", PAGE.format(title="x", body="word " * 400))
    doc, refused = docs_from_warc(write_archive(tmp_path / "fr.warc.gz", [french, big]), max_bytes=2000)
    assert "Le président a déclaré à Genève" in doc.html
    assert refused[0].startswith("urn:uuid:") and "over the limit of 2,000 bytes" in refused[1]


def test_archives_missing_file_is_one_error(tmp_path):
    assert [i[1] for i in docs_from_warc(tmp_path / "none.warc.gz", max_bytes=MB)] == \
        [f"{tmp_path / 'none.warc.gz'}: cannot read the file (No such file or directory)"]


def test_archives_a_record_cut_off_at_the_end_of_the_file_is_an_error_not_the_end(tmp_path):
    w = _writer()
    page = response_record(w, "https://news.example/truce", "2021-05-02T08:00:00Z",
                           PAGE.format(title="Truce holds", body="The truce held for a third day, residents said."))
    items = list(docs_from_warc(write_archive(tmp_path / "cut.warc.gz", [page, broken_member("truncated")]),
                                max_bytes=MB))
    assert isinstance(items[0], InputDoc) and len(items) == 2
    assert items[1][0].startswith("cut.warc.gz@") and "cut off" in items[1][1]
