"""Properties that hold for every input (hypothesis): the readers, the cleaning stage and the whole analysis
take anything a web page or a batch file can carry and give a record or a clear error, never a crash.

Inputs mix scripts (Latin, Arabic and Hebrew right-to-left, CJK), bidirectional controls, zero-width and
combining characters, control characters, emoji and lone surrogates with news-like words, dates and markup.
"""
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from truce.article import Article
from truce.errors import InputError
from truce.inputs import InputDoc, decode, doc_from_bytes, docs_from_jsonl
from truce.stages.clean import Clean, clean_text

sys.path.insert(0, str(Path(__file__).parents[1] / "fuzz"))
from checks import assert_record_or_clear_error  # noqa: E402  (shared with the fuzz harnesses)

MB = 1_000_000
NEWS_WORDS = ["Rebels", "attacked", "the", "army", "post", "near", "Kidal", "on", "Monday", "March 3, 2020", "said",
              "ceasefire", "Hamas", "Israel", "police", "fired", "tear gas", "in", "Nairobi", "yesterday", "LINK",
              "Read more", "2,500 $", "Donate", "\n", "\n\n", ".", ",", '"', "according to", "officials", "will",
              "not", "if", "killed", "12", "people", "Baghdad", "قال", "المتحدث", "בירושלים", "停火", "Kyiv"]
ODD_CHARACTERS = ["\u202e", "\u202c", "\u200f", "\u200b", "\u00ad", "\u0301", "\ufeff", "\x0b", "\x0c", "\x1c", "\x85",
                  "\u2028", "\r\n", "\t", "\x00", "\x07", "\ud800", "\U0001F600", "<", ">", "&amp;", "<p>", "</div>"]
words = st.lists(st.sampled_from(NEWS_WORDS + ODD_CHARACTERS) | st.text(max_size=8), max_size=60)
news_text = words.map(" ".join)
ANALYSED = {"records": 0, "errors": 0}
fast = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fast
@given(st.binary(max_size=3000))
def test_any_bytes_are_a_document_or_a_clear_error(data):
    try:
        doc = doc_from_bytes(data, max_bytes=MB)
    except InputError as exc:
        assert str(exc)
        return
    assert doc.content.strip() and (doc.text is None) != (doc.html is None)
    assert isinstance(decode(data), str)


@fast
@given(news_text)
def test_any_text_in_any_encoding_reads_back(text):
    text = text.replace("\ud800", "\ufffd").replace("\x00", "")
    for encoding in ("utf-8", "utf-16", "utf-8-sig"):
        try:
            doc = doc_from_bytes(text.encode(encoding), max_bytes=MB)
        except InputError:
            continue  # empty, or too many control characters: said so
        byte_order_mark = encoding == "utf-8" and text.startswith("\ufeff")  # read as a BOM, and dropped
        assert doc.content == (text[1:] if byte_order_mark else text)


good_line = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=12).filter(str.strip), "text": news_text.filter(str.strip)})
bad_line = st.sampled_from([b'{"id": "x", "text": "unterminated', b"[1, 2]", b'{"id": "y"}', b"\xff\xfe\x00binary",
                            b'{"id": "z", "text": "ok", "published": "next week"}', b"{" * 100_000, b"null",
                            b'{"text": 5}', b'"just a string"'])


@fast
@given(st.lists(good_line.map(lambda obj: json.dumps(obj).encode()) | bad_line, max_size=30))
def test_a_batch_gives_one_item_per_line_in_order(lines):
    items = list(docs_from_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), max_bytes=MB))
    assert len(items) == len(lines)
    for line, item in zip(lines, items):
        if isinstance(item, InputDoc):
            assert item.id == json.loads(line)["id"]
            item.content.encode("utf-8")  # writable: lone surrogates replaced
        else:
            assert item[1]  # an error message, in the line's place


@fast
@given(news_text)
def test_cleaning_plain_text_keeps_some_text_and_a_title_from_it(text):
    cleaned, title = clean_text(text)
    assert bool(cleaned.strip()) == bool(text.strip())
    assert title is None or title in text


def html_tree(depth: int):
    leaf = news_text.map(lambda t: t.replace("<", "&lt;"))
    if depth == 0:
        return leaf
    tag = st.sampled_from(["div", "p", "article", "span", "b", "table", "td", "li", "script", "style", "h1", "nav"])
    return st.tuples(tag, st.lists(html_tree(depth - 1), max_size=4)).map(
        lambda node: f"<{node[0]}>{''.join(node[1])}</{node[0]}>")


@fast
@given(html_tree(4), st.integers(0, 3000))
def test_cleaning_html_gives_text_or_says_none_was_found(body, nesting):
    html = "<html><body>" + "<div>" * nesting + body + "</div>" * nesting + "</body></html>"
    article = Article(input=InputDoc(id="h", html=html))
    try:
        Clean()(article)
    except InputError as exc:
        assert "no article text" in str(exc)
        return
    assert article.text.strip()


@pytest.mark.model
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(news_text.filter(str.strip), st.sampled_from([None, "2020-10-12", "2024-02-29"]))
def test_analysis_of_any_short_text_gives_a_record_whose_offsets_hold(pipeline, text, published):
    line = json.dumps({"id": "p", "text": text, "published": published}).encode()
    for result in pipeline.analyze(docs_from_jsonl(io.BytesIO(line), max_bytes=MB)):
        assert_record_or_clear_error(result)
        ANALYSED["records" if hasattr(result, "text") else "errors"] += 1


@pytest.mark.model
def test_most_generated_texts_were_analysed_not_refused():
    """The property above is only as strong as the records it saw (run after it, in file order)."""
    assert ANALYSED["records"] >= 2 * ANALYSED["errors"], ANALYSED
