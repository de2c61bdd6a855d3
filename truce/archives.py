"""Reading web archives: WARC files of HTML responses, as Common Crawl's CC-NEWS delivers them, and WET
files of page text, one document per record, through warcio.

A response (or resource) record of HTML or plain text becomes a document with the record's URL and
date; a WET conversion record becomes scraped plain text, cleaned as such. Other records (warcinfo,
requests, metadata, redirects, images) hold no article and are passed over. A record that cannot be
read gives `(id, error)` and the file goes on from the next record: a broken record in a gzipped
archive is skipped to the next gzip member, in an uncompressed one to the next "WARC/1." line.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator

from .errors import InputError
from .inputs import InputDoc, check_text, decode, looks_like_html, without_surrogates

# What a record's Content-Type must say for it to be read as a page.
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_START = b"WARC/1."
_CHUNK = 1 << 20


def docs_from_warc(path: str | Path, *, max_bytes: int) -> Iterator[InputDoc | tuple[str | None, str]]:
    """Yield an InputDoc for each page record of a WARC or WET file (gzipped or not), or (id, error
    message) for a record that cannot be read."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield str(path), f"{path}: cannot read the file ({exc.strerror})"
        return
    with handle:
        yield from _docs(handle, path, max_bytes)


def _docs(handle: BinaryIO, path: Path, max_bytes: int):
    start = 0
    while start is not None:
        handle.seek(start)
        records = ArchiveIterator(handle)
        try:
            for record in records:
                item = _item(record, max_bytes, fallback_id=f"{path.name}@{records.offset}")
                if item is not None:
                    yield item
            return
        except CutShort as exc:
            yield exc.record_id, f"record {exc.record_id}: it is cut short (its Content-Length is more than the file holds)"
            start = _next_record_start(handle, records.offset + 1)
        except Exception as exc:  # warcio's parsers raise many kinds on a malformed record
            bad_at = records.offset
            yield f"{path.name}@{bad_at}", f"{path}: the record at byte {bad_at} cannot be read ({_reason(exc)})"
            start = _next_record_start(handle, bad_at + 1)


class CutShort(Exception):
    """A record whose content ends before its Content-Length: in an uncompressed file it has taken
    the records after it as its own content, so reading goes on from the next record's start."""

    def __init__(self, record_id: str):
        super().__init__(record_id)
        self.record_id = record_id


def _reason(exc: Exception) -> str:
    """The parser's message, shortened and with the binary bytes it may quote made printable."""
    message = "".join(c if c.isprintable() else "?" for c in str(exc))[:80]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _next_record_start(handle: BinaryIO, offset: int) -> int | None:
    """Where the next record begins after a broken one: the next gzip member in a gzipped file,
    the next "WARC/1." at a line's start in an uncompressed one; None at the end of the file."""
    handle.seek(0)
    gzipped = handle.read(2) == _GZIP_MAGIC[:2]
    marker = _GZIP_MAGIC if gzipped else b"\n" + _WARC_START
    handle.seek(offset)
    position, tail = offset, b""
    while chunk := handle.read(_CHUNK):
        found = (tail + chunk).find(marker)
        if found >= 0:
            return position - len(tail) + found + (0 if gzipped else 1)
        tail = chunk[-len(marker):]
        position += len(chunk)
    return None


def _item(record, max_bytes: int, fallback_id: str) -> InputDoc | tuple[str, str] | None:
    """The document a record holds, (id, error) when it cannot be read, or None when it holds none."""
    record_id = _record_id(record) or fallback_id
    try:
        length = record.rec_headers.get_header("Content-Length")
        if length is not None and not length.strip().isdigit():
            raise InputError(f"its Content-Length {length[:40]!r} is not a number")
        if not record.rec_type:  # what warcio makes of a gzip member cut off at the file's end
            raise InputError("it has no WARC-Type: the record is cut off or no WARC record")
        kind = _page_kind(record)
        if kind is None:
            return None
        data = record.content_stream().read(max_bytes + 1)
        if _cut_short(record):
            raise CutShort(record_id)
        if len(data) > max_bytes:
            raise InputError(f"the record's content is over the limit of {max_bytes:,} bytes")
        text = check_text(without_surrogates(_decode(data, record)))
        if kind == "html" and not looks_like_html(text):
            kind = "text"  # a page served as HTML that holds none: read it as the text it is
        return InputDoc(
            id=record_id,
            html=text if kind == "html" else None,
            text=text if kind == "text" else None,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            fetched=_day(record.rec_headers.get_header("WARC-Date")),
        )
    except InputError as exc:
        return record_id, f"record {record_id}: {exc}"


def _cut_short(record) -> bool:
    """Whether the file ended before the record's declared length (read to its end to know)."""
    while record.raw_stream.read(_CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0


def _record_id(record) -> str | None:
    value = record.rec_headers.get_header("WARC-Record-ID") or record.rec_headers.get_header("WARC-Target-URI")
    return value.strip("<>") if value else None


def _page_kind(record) -> str | None:
    """'html' or 'text' for a record holding a page, None for any other record."""
    if record.rec_type == "conversion":  # WET: the page's text
        return "text"
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None and record.http_headers.get_statuscode() not in (None, "200"):
        return None  # redirects and errors carry no article
    content_type = _content_type(record)
    if content_type.startswith(_HTML_TYPES):
        return "html"
    if content_type.startswith(_TEXT_TYPES):
        return "text"
    return None


def _content_type(record) -> str:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    return (headers.get_header("Content-Type") or "").strip().lower()


def _decode(data: bytes, record) -> str:
    """The record's text in the charset its headers declare, else as any document is decoded."""
    declared = _CHARSET.search(_content_type(record))
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1)).name, errors="replace")
        except LookupError:
            pass  # an unknown charset name: detect it instead
    return decode(data)


def _day(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None
