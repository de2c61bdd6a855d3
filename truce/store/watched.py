"""What `truce watch` has seen (truce/watch.py), kept in the store so that a watch stopped anywhere
goes on where it was, and a second watch of the same store knows what the first fetched.

One row per address: the feeds, sitemaps and robots.txt files read, with the validators of their
last answer (ETag, Last-Modified) for a conditional GET, and each page found in them, queued until it
is done: stored, found to be a copy, or failed for good. A page that failed for a passing reason
(a timeout, a server error) stays queued for later rounds, up to a number of attempts.
"""
from __future__ import annotations

from datetime import datetime, timezone

from .backends import Backend

MIGRATION = [
    """CREATE TABLE watched_urls (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        found_in TEXT, found_at TIMESTAMP NOT NULL,
        done INTEGER NOT NULL, attempts INTEGER NOT NULL,
        status INTEGER, error TEXT, article_id TEXT,
        etag TEXT, last_modified TEXT, body TEXT,
        fetched_at TIMESTAMP)""",
]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def validators(db: Backend, url: str) -> dict:
    """The ETag, Last-Modified and (for robots.txt) text of the address's last answer; {} if never read."""
    names, rows = db.columns("SELECT etag, last_modified, body FROM watched_urls WHERE url = ?", (url,))
    return dict(zip(names, rows[0])) if rows else {}


def save_read(db: Backend, url: str, kind: str, status: int, etag: str | None, last_modified: str | None,
              body: str | None = None, found_in: str | None = None) -> None:
    """A feed, sitemap or robots.txt answered: its validators are kept for the next conditional GET.
    `found_in`: the sitemap index that listed a sitemap."""
    db.execute("DELETE FROM watched_urls WHERE url = ?", (url,))
    db.execute("INSERT INTO watched_urls (url, kind, found_in, found_at, done, attempts, status, etag, last_modified, "
               "body, fetched_at) VALUES (?, ?, ?, ?, 1, 0, ?, ?, ?, ?, ?)",
               (url, kind, found_in, _now(), status, etag, last_modified, body, _now()))


def listed_sitemaps(db: Backend, index: str) -> list[str]:
    """The sitemaps an unchanged sitemap index listed when it was last read: they may have changed."""
    return [r[0] for r in db.execute("SELECT url FROM watched_urls WHERE kind = 'sitemap' AND found_in = ? ORDER BY url",
                                     (index,))]


def queue_pages(db: Backend, urls: list[str], found_in: str) -> int:
    """Queue the pages not seen before; returns how many were new."""
    new = [u for u in dict.fromkeys(urls) if db.one("SELECT 1 FROM watched_urls WHERE url = ?", (u,)) is None]
    db.executemany("INSERT INTO watched_urls (url, kind, found_in, found_at, done, attempts) VALUES (?, 'page', ?, ?, 0, 0)",
                   [(u, found_in, _now()) for u in new])
    return len(new)


def pending_pages(db: Backend) -> list[str]:
    """Queued pages, first found first."""
    return [r[0] for r in db.execute("SELECT url FROM watched_urls WHERE kind = 'page' AND done = 0 "
                                     "ORDER BY found_at, url")]


def page_done(db: Backend, url: str, status: int | None, article_id: str | None, error: str | None = None) -> None:
    """The page was stored (or found a copy), or failed for good: it is not fetched again."""
    db.execute("UPDATE watched_urls SET done = 1, status = ?, article_id = ?, error = ?, fetched_at = ? WHERE url = ?",
               (status, article_id, error, _now(), url))


def page_failed(db: Backend, url: str, status: int | None, error: str, max_attempts: int) -> None:
    """A passing failure: the page stays queued until it has failed max_attempts times."""
    attempts = (db.one("SELECT attempts FROM watched_urls WHERE url = ?", (url,)) or (0,))[0] + 1
    db.execute("UPDATE watched_urls SET attempts = ?, done = ?, status = ?, error = ?, fetched_at = ? WHERE url = ?",
               (attempts, int(attempts >= max_attempts), status, error, _now(), url))
