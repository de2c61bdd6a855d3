"""Each article's sources: every outlet and address one story was received from.

A record whose text is a near-duplicate (truce/dedup.py) of an article stored under another id, and
that comes from another source (another address, or without addresses another outlet), is a copy, a
syndicated reprint of that story: it is not stored as an article of its own (its events would count
the story twice), it becomes one more row of the stored article's sources. Near-duplicates from the
same source, or from none named, stay articles of their own: an outlet's second version of its own
story, or texts given without any source, are not reprints that anything says are one. The first version
received stays the article. A record with the very same text under another id replaces the stored
analysis as before (store.py), and the replaced article's sources carry over to it; a record whose
id is already stored is a re-analysis, never a copy.

Tables: `article_sources` (one row per article and copy, the article's own arrival included) and
`article_bands` (the LSH band keys of each stored text, to find its near-duplicates).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

from .. import dedup
from .. import record as rec
from .backends import Backend
from .ingest import content_hash, day

SOURCE_COLUMNS = "copy_id, url, outlet, published, fetched, similarity"


def add_band_keys(db: Backend) -> None:
    """Band keys and own source rows for the articles stored before this migration."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id"):
        record = rec.Record.model_validate(json.loads(db.one("SELECT record FROM articles WHERE id = ?", (article_id,))[0]))
        remember(db, record, [])


MIGRATION = [  # the tables above, filled for the articles already stored
    """CREATE TABLE article_sources (
        article_id TEXT NOT NULL,
        copy_id TEXT NOT NULL,
        url TEXT, outlet TEXT, published DATE,
        fetched TIMESTAMP NOT NULL,
        similarity DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (article_id, copy_id))""",
    "CREATE INDEX article_sources_copy ON article_sources (copy_id)",
    "CREATE TABLE article_bands (band TEXT NOT NULL, article_id TEXT NOT NULL)",
    "CREATE INDEX article_bands_band ON article_bands (band)",
    add_band_keys,
]


def original_of(db: Backend, record: rec.Record) -> tuple[str, float] | None:
    """(stored article id, similarity) when the record is a copy of a stored article, else None."""
    if db.one("SELECT 1 FROM articles WHERE id = ?", (record.id,)):
        return None  # a re-analysis of a stored article
    keys = dedup.band_keys(record.text)
    if not keys:
        return None
    candidates = db.execute(f"SELECT DISTINCT article_id FROM article_bands WHERE band IN ({', '.join('?' for _ in keys)}) "
                            "ORDER BY article_id", keys)
    best, text_hash, source = None, content_hash(record.text), source_key(record.source.url, outlet(record))
    if source is None:
        return None  # from no source that could differ from the stored article's
    for (article_id,) in candidates:
        row = db.one("SELECT text, content_hash, source_url, source_name FROM articles WHERE id = ?", (article_id,))
        if row is None or row[1] == text_hash:  # gone, or the very same text: that replaces (store.py)
            continue
        if source_key(row[2], row[3]) == source:  # the outlet's own second version, not a syndicated copy
            continue
        score = dedup.similarity(record.text, row[0])
        if score >= dedup.SAME_STORY and (best is None or score > best[1]):
            best = (article_id, score)
    return best


def add_copy(db: Backend, record: rec.Record, article_id: str, similarity: float) -> dict:
    """Store the record as one more source of `article_id`; the summary says so."""
    _put_source(db, article_id, record, similarity)
    count = db.one("SELECT count(*) FROM article_sources WHERE article_id = ?", (article_id,))[0]
    return {"id": record.id, "copy_of": article_id, "similarity": round(similarity, 3), "sources": count}


def remember(db: Backend, record: rec.Record, replaced: list[str]) -> None:
    """After a record was stored as an article: its band keys, its own source row, and the sources of
    the articles it replaced (an earlier analysis, or the same text under another id)."""
    for old in replaced:
        db.execute("DELETE FROM article_bands WHERE article_id = ?", (old,))
        if old != record.id:
            names, rows = db.columns(f"SELECT {SOURCE_COLUMNS} FROM article_sources WHERE article_id = ?", (old,))
            db.execute("DELETE FROM article_sources WHERE article_id = ?", (old,))
            for row in rows:
                _replace_row(db, record.id, dict(zip(names, row)))
    db.executemany("INSERT INTO article_bands (band, article_id) VALUES (?, ?)",
                   [(key, record.id) for key in dedup.band_keys(record.text)])
    _put_source(db, record.id, record, 1.0)


def sources_of(db: Backend, article_id: str) -> list[dict]:
    """The article's sources, first received first: id (the id each copy came under), url, outlet,
    published, fetched (when truce received it) and similarity to the stored text."""
    names, rows = db.columns(f"SELECT {SOURCE_COLUMNS} FROM article_sources WHERE article_id = ? "
                             "ORDER BY fetched, copy_id", (article_id,))
    return [{("id" if n == "copy_id" else n): v for n, v in zip(names, row)} for row in rows]


def original_id(db: Backend, copy_id: str) -> str | None:
    """The stored article a copy was folded into (None if the id names no copy)."""
    row = db.one("SELECT article_id FROM article_sources WHERE copy_id = ? ORDER BY article_id", (copy_id,))
    return row[0] if row else None


def _put_source(db: Backend, article_id: str, record: rec.Record, similarity: float) -> None:
    """One source row per article and copy: a copy received again keeps its first fetch time."""
    earlier = db.one("SELECT fetched FROM article_sources WHERE article_id = ? AND copy_id = ?", (article_id, record.id))
    _replace_row(db, article_id, {
        "copy_id": record.id, "url": record.source.url, "outlet": outlet(record), "published": day(record.published),
        "fetched": earlier[0] if earlier else datetime.now(timezone.utc).replace(tzinfo=None), "similarity": similarity})


def _replace_row(db: Backend, article_id: str, source: dict) -> None:
    columns = SOURCE_COLUMNS.split(", ")
    db.execute("DELETE FROM article_sources WHERE article_id = ? AND copy_id = ?", (article_id, source["copy_id"]))
    db.execute(f"INSERT INTO article_sources (article_id, {SOURCE_COLUMNS}) VALUES (?, {', '.join('?' for _ in columns)})",
               [article_id, *(source[c] for c in columns)])


def source_key(url: str | None, outlet_name: str | None) -> str | None:
    """What tells two sources apart: the address, else the outlet's name, else nothing."""
    return url or (outlet_name.strip().lower() if outlet_name else None)


def outlet(record: rec.Record) -> str | None:
    """The outlet's name as the page gives it, else the host of its address."""
    if record.source.name:
        return record.source.name
    host = urlsplit(record.source.url).hostname if record.source.url else None
    return host.removeprefix("www.") if host else None
