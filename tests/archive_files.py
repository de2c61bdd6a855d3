"""Small WARC and WET files written for the tests: invented pages, and records broken on purpose."""
from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def response_record(writer: WARCWriter, url: str, date: str, html: str, content_type="text/html; charset=utf-8",
                    status="200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=http,
                                     warc_headers_dict={"WARC-Date": date})


def conversion_record(writer: WARCWriter, url: str, date: str, text: str):
    return writer.create_warc_record(url, "conversion", payload=io.BytesIO(text.encode("utf-8")),
                                     warc_content_type="text/plain", warc_headers_dict={"WARC-Date": date})


def broken_member(kind: str) -> bytes:
    """One gzip member that is no readable WARC record."""
    if kind == "headers":  # a WARC header block whose length is no number
        return gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")
    if kind == "truncated":  # a gzip member cut off in the middle
        return gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000)[:60]
    raise ValueError(kind)


def write_archive(path: Path, records: list, gzipped: bool = True) -> Path:
    """Write records (warcio records, or bytes written as they are) to path, in order."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for record in records:
        if isinstance(record, bytes):
            out.write(record)
        else:
            writer.write_record(record)
    path.write_bytes(out.getvalue())
    return path
