"""Reading input documents: files, JSONL lines, bytes in any encoding.

Everything here turns untrusted input into an `InputDoc` or raises `InputError` with a message a
user can act on; nothing here parses language.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterator

import charset_normalizer

from .errors import InputError

# Control characters other than tab, newline, carriage return and form feed: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Lone UTF-16 surrogates: JSON's "\\ud800" escape makes them, and no UTF-8 writer (spaCy's string
# store, stdout, the databases) accepts them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Markup that only HTML has, looked for near the start of a document.
_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<div[\s>]|<p[\s>]", re.I)


@dataclass(slots=True)
class InputDoc:
    """One document as the caller gave it, before any cleaning."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None
    title: str | None = None
    source_name: str | None = None
    url: str | None = None
    # The day the page was fetched (a web archive record's date): the publication date when the
    # page itself gives none.
    fetched: str | None = None

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")


def content_id(content: str) -> str:
    """A stable id for a document that came without one: a hash of what was given."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding; never binary."""
    if not data.strip():
        raise InputError("the document is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")  # a broken pair or an odd byte count is not fatal
    if b"\x00" in data[:8192]:
        raise InputError("the document looks like binary data (it contains NUL bytes), not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None:
        raise InputError("the document's encoding could not be recognised: it looks like binary data")
    return data.decode(best.encoding, errors="replace")


def check_text(text: str, what: str = "document") -> str:
    if not text.strip():
        raise InputError(f"the {what} is empty")
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(f"the {what} looks like binary data (many control characters), not text")
    return text


def without_surrogates(value):
    """A JSON string with each lone surrogate replaced by U+FFFD: one character for one, so offsets hold."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip()
    starts_with_markup = head.startswith("<") and bool(_HTML_SNIFF.search(head))
    return starts_with_markup or len(_HTML_SNIFF.findall(text[:20_000])) >= 3


def parse_published(value) -> str | None:
    """A caller's publication date as YYYY-MM-DD; anything else is refused, not guessed."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"published must be a date string YYYY-MM-DD, not {value!r}")
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        raise InputError(f"published {value!r} is not a valid date (expected YYYY-MM-DD)") from None


def doc_from_bytes(data: bytes, *, id=None, published=None, title=None, max_bytes: int) -> InputDoc:
    """A document read from a file: the kind (text or HTML) is told by its content, not its name."""
    if len(data) > max_bytes:
        raise InputError(f"the document is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB")
    text = check_text(decode(data))
    doc = InputDoc(id=id or content_id(text), published=parse_published(published), title=title)
    if looks_like_html(text):
        doc.html = text
    else:
        doc.text = text
    return doc


def doc_from_json(obj, *, max_bytes: int) -> InputDoc:
    """A document from one parsed JSONL object (`text` or `html`, optional metadata)."""
    if not isinstance(obj, dict):
        raise InputError(f"a line must hold a JSON object, not {type(obj).__name__}")
    obj = {key: without_surrogates(value) for key, value in obj.items()}
    if isinstance(obj.get("source"), dict):
        obj["source"] = {key: without_surrogates(value) for key, value in obj["source"].items()}
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise InputError("the line has neither 'text' nor 'html'")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"'{name}' must be a string")
    content = html if html is not None else text
    if len(content) > max_bytes:
        raise InputError(f"the document has {len(content) / 1e6:.1f} million characters; the limit is {max_bytes / 1e6:.1f} million")
    check_text(content, "html" if html is not None else "text")
    source = obj.get("source")
    source_name = source.get("name") if isinstance(source, dict) else source
    return InputDoc(
        id=str(obj["id"]) if obj.get("id") not in (None, "") else content_id(content),  # "" names nothing
        text=text if html is None else None,
        html=html,
        published=parse_published(obj.get("published")),
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        source_name=source_name if isinstance(source_name, str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else (source.get("url") if isinstance(source, dict) else None),
    )


def id_of_line(line: bytes) -> str | None:
    """The id of a line that failed, where one can still be read, so its error line keeps it."""
    try:
        obj = json.loads(line)
        return str(obj["id"]) if isinstance(obj, dict) and obj.get("id") is not None else None
    except (ValueError, KeyError, TypeError, RecursionError):
        match = re.search(rb'"id"\s*:\s*"([^"\\]{1,200})"', line[:4096])
        return match.group(1).decode("utf-8", "replace") if match else None


def docs_from_jsonl(stream: BinaryIO, *, max_bytes: int) -> Iterator[InputDoc | tuple[str | None, str]]:
    """Yield an InputDoc per line, or (id, error message) for a line that cannot be read."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            if len(line) > max_bytes * 2:  # JSON escapes can double a document's size
                raise InputError(f"the line is {len(line) / 1e6:.1f} MB; the limit is {max_bytes * 2 / 1e6:.1f} MB")
            try:
                obj = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise InputError(f"line {number} is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
            except (ValueError, RecursionError) as exc:
                raise InputError(f"line {number} is not valid JSON ({str(exc)[:120]})") from None
            yield doc_from_json(obj, max_bytes=max_bytes)
        except InputError as exc:
            yield id_of_line(line), str(exc)
