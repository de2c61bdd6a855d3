"""Watching feeds and sitemaps: `truce watch` finds new articles and stores them, while `truce serve` runs.

A round reads each feed (RSS, Atom or JSON Feed) and sitemap given, finds the pages they link to with
trafilatura's feeds and sitemaps modules, queues the pages not seen before, then fetches the queued
pages and stores them as `truce ingest` does (truce/store/shared.py: the store is opened for a few
records at a time, so a running server keeps answering). Rounds run every few minutes, or once.

Politely:
- robots.txt is read once per host and round (through a conditional GET) and obeyed for every
  address, feeds included, with the user agent `truce`; its Crawl-delay is honoured. A robots.txt
  that answers 4xx allows everything, one that cannot be read (5xx, no answer) allows nothing this
  round (RFC 9309).
- two requests to one host are at least `delay` seconds apart;
- a feed or sitemap is fetched with the ETag and Last-Modified of its last answer, so an unchanged
  one costs a 304 and no body;
- a page is fetched once: what was fetched is kept in the store (truce/store/watched.py), so a round
  stopped anywhere, or the next watch of the same store, goes on where it was.

A page that cannot be fetched (an HTTP error, a timeout, a page slower than `timeout` seconds from
request to last byte) gives one {"id", "error"} line and the round goes on; one that failed for a
passing reason (a timeout, 5xx, 429) is tried again in later rounds, up to MAX_ATTEMPTS times.
Syndicated copies of a stored article become sources of it (truce/store/sources.py).
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import Message
from http.client import HTTPException
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from courlan import get_hostinfo
from trafilatura.feeds import FeedParameters, extract_links
from trafilatura.sitemaps import SitemapObject

from . import __version__
from .errors import ConfigError, InputError, TruceError
from .inputs import decode, doc_from_bytes
from .store import SharedStore, StoreBusy, ingest_all
from .store import watched
from .store.shared import RECORDS_PER_OPENING

logger = logging.getLogger(__name__)

AGENT = "truce"  # the name robots.txt rules are matched against
USER_AGENT = f"truce/{__version__} (news event extraction)"
DEFAULT_DELAY = 1.0      # seconds between two requests to one host
DEFAULT_TIMEOUT = 20.0   # seconds one fetch may take, from request to last byte
MAX_ATTEMPTS = 3         # fetches of a page that fails for a passing reason
MAX_SITEMAPS = 50        # sitemaps read from one sitemap index per round
KINDS = ("feed", "sitemap")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_CHUNK = 65536


class FetchFailed(TruceError):
    """No answer: the host cannot be reached, or the answer took longer than the timeout."""


@dataclass(frozen=True)
class Source:
    kind: str  # "feed" or "sitemap"
    url: str


@dataclass
class Response:
    status: int
    body: bytes
    headers: Message
    url: str


def page_id(url: str) -> str:
    """A watched page's record id: stable for its address, and usable in an API path (no slashes)."""
    return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def read_sources(path: Path) -> list[Source]:
    """A sources file: one `feed URL` or `sitemap URL` a line; blank lines and # comments are skipped."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or parts[0] not in KINDS or not parts[1].startswith(("http://", "https://")):
            raise ConfigError(f"{path}:{number}: expected `feed URL` or `sitemap URL`, not {line[:80]!r}")
        found.append(Source(parts[0], parts[1]))
    return found


class Fetcher:
    """HTTP GET with a per-host pause, a time limit on the whole answer, and a size limit.

    `proxy`: an http://host:port proxy for every request (default: the environment's http_proxy)."""

    def __init__(self, delay: float = DEFAULT_DELAY, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = 10_000_000,
                 user_agent: str = USER_AGENT, proxy: str | None = None):
        self.delay, self.timeout, self.max_bytes, self.user_agent = delay, timeout, max_bytes, user_agent
        handlers = [urllib.request.ProxyHandler({"http": proxy, "https": proxy})] if proxy else []
        self.opener = urllib.request.build_opener(*handlers)
        self.crawl_delays: dict[str, float] = {}  # host -> robots.txt's Crawl-delay
        self._last: dict[str, float] = {}          # host -> when its last request ended

    def get(self, url: str, known: dict | None = None) -> Response:
        """The answer (any status; 304 when `known` validators still hold), or FetchFailed."""
        host = urlsplit(url).netloc
        self._wait_turn(host)
        headers = {"User-Agent": self.user_agent}
        if known and known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known and known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        deadline = time.monotonic() + self.timeout
        try:
            with self.opener.open(urllib.request.Request(url, headers=headers), timeout=self.timeout) as answer:
                return Response(answer.status, self._read(answer, url, deadline), answer.headers, answer.url)
        except HTTPError as exc:  # 304 and the errors are answers too
            exc.close()
            return Response(exc.code, b"", exc.headers, url)
        except (URLError, HTTPException, OSError) as exc:  # timeouts are OSErrors; URLError wraps the rest
            reason = getattr(exc, "reason", None) or exc
            raise FetchFailed(f"GET {url}: {_timeout_or(reason, self.timeout)}") from None
        finally:
            self._last[host] = time.monotonic()

    def _wait_turn(self, host: str) -> None:
        pause = max(self.delay, self.crawl_delays.get(host, 0.0))
        if host in self._last:
            time.sleep(max(0.0, self._last[host] + pause - time.monotonic()))

    def _read(self, answer, url: str, deadline: float) -> bytes:
        chunks, size = [], 0
        while chunk := answer.read(_CHUNK):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchFailed(f"GET {url}: the answer is over {self.max_bytes:,} bytes")
            if time.monotonic() > deadline:  # a page that trickles in is as slow as one that stalls
                raise FetchFailed(f"GET {url}: the answer took longer than {self.timeout:g} s")
        return b"".join(chunks)


def _timeout_or(reason, timeout: float) -> str:
    return f"no answer within {timeout:g} s" if isinstance(reason, TimeoutError) else str(reason)


class Robots:
    """robots.txt of each host, read once per round, through a conditional GET (its text is kept)."""

    def __init__(self, fetcher: Fetcher, shared: SharedStore):
        self.fetcher, self.shared = fetcher, shared
        self._parsers: dict[str, RobotFileParser] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._parsers:
            self._parsers[base] = self._read(base)
            delay = self._parsers[base].crawl_delay(AGENT)
            if delay:
                self.fetcher.crawl_delays[parts.netloc] = float(delay)
        return self._parsers[base].can_fetch(AGENT, url)

    def _read(self, base: str) -> RobotFileParser:
        url = base + "/robots.txt"
        parser = RobotFileParser(url)
        try:
            response, known = read_again(self.shared, self.fetcher, url, needs_text=True)
        except FetchFailed as exc:
            logger.warning("%s; nothing on %s is fetched this round", exc, base)
            parser.disallow_all = True
            return parser
        if response.status == 304 and known:
            text = known["body"]
        elif response.status == 200:
            text = _text(response)
            with self.shared.open() as store:
                keep_validators(store.db, url, "robots", response, body=text)
        else:
            parser.allow_all = 400 <= response.status < 500  # none there: all allowed; a server error: none
            return parser
        parser.parse(text.splitlines())
        return parser


def read_again(shared: SharedStore, fetcher: Fetcher, url: str, needs_text: bool = False) -> tuple[Response, dict]:
    """GET with the validators of the address's last answer, and those validators; `needs_text`: only
    when its text was kept too (a 304 says nothing else)."""
    with shared.open() as store:
        known = watched.validators(store.db, url)
    if needs_text and known.get("body") is None:
        known = {}
    return fetcher.get(url, known), known


def keep_validators(db, url: str, kind: str, response: Response, body: str | None = None,
                    found_in: str | None = None) -> None:
    watched.save_read(db, url, kind, response.status, response.headers.get("ETag"),
                      response.headers.get("Last-Modified"), body, found_in)


def _text(response: Response) -> str:
    try:
        body = gzip.decompress(response.body) if response.body[:2] == b"\x1f\x8b" else response.body  # sitemap.xml.gz
        return decode(body)
    except (InputError, OSError, EOFError):  # empty, binary, or a broken gzip stream: no links
        return ""


@dataclass
class Watcher:
    """One watch: the store, the fetcher, and how pages are analysed (items -> records or error lines)."""

    shared: SharedStore
    fetcher: Fetcher
    analyze: Callable[[Iterable], Iterator]
    max_pages: int | None = None
    counts: Counter = field(default_factory=Counter)

    def round(self, sources: list[Source]) -> Iterator[dict]:
        """One round: read the sources, then fetch and store the queued pages. Yields one summary or
        {"id", "error"} line per page, and an error line per source that could not be read."""
        self.counts = Counter()
        robots = Robots(self.fetcher, self.shared)
        for source in sources:
            yield from self._discover(source, robots)
        with self.shared.open() as store:
            pending = watched.pending_pages(store.db)
        allowed = [url for url in pending if robots.allowed(url)]
        self.counts["disallowed"] += len(pending) - len(allowed)
        allowed = allowed[:self.max_pages] if self.max_pages else allowed
        if not allowed:
            return
        fetched: dict[str, tuple] = {}  # record id -> (url, status, passing failure or None)
        results = iter(self.analyze(self._pages(allowed, fetched)))
        while batch := list(islice(results, RECORDS_PER_OPENING)):
            with self.shared.open() as store:
                summaries = list(ingest_all(store, batch))
                for summary in summaries:
                    self._settle(store.db, summary, fetched.get(summary.get("id")))
            yield from summaries

    def _discover(self, source: Source, robots: Robots) -> Iterator[dict]:
        """Queue the pages of a feed, or of a sitemap and the sitemaps it lists."""
        queue, seen = [(source.url, None)], set()  # (address, the sitemap index that lists it)
        while queue and len(seen) < MAX_SITEMAPS:
            url, index = queue.pop(0)
            seen.add(url)
            if not robots.allowed(url):
                self.counts["disallowed"] += 1
                yield {"id": url, "error": f"{url}: disallowed by robots.txt"}
                continue
            try:
                response, _ = read_again(self.shared, self.fetcher, url)
            except FetchFailed as exc:
                yield {"id": url, "error": str(exc)}
                continue
            self.counts["sources read"] += 1
            if response.status == 304:
                self.counts["unchanged"] += 1
                with self.shared.open() as store:
                    queue += [(s, url) for s in watched.listed_sitemaps(store.db, url) if s not in seen]
                continue
            if response.status != 200:
                yield {"id": url, "error": f"GET {url}: HTTP {response.status}"}
                continue
            pages, sitemaps = _links(source.kind, _text(response), response.url)
            queue += [(s, url) for s in sitemaps if s not in seen and s not in (q for q, _ in queue)]
            with self.shared.open() as store:  # the pages are queued before the validators are kept
                self.counts["new pages"] += watched.queue_pages(store.db, pages, url)
                keep_validators(store.db, url, source.kind, response, found_in=index)

    def _pages(self, urls: list[str], fetched: dict) -> Iterator:
        """An InputDoc per page fetched, or (id, error) for a page that could not be."""
        for url in urls:
            record_id = page_id(url)
            try:
                response = self.fetcher.get(url)
            except FetchFailed as exc:
                fetched[record_id] = (url, None, str(exc))
                yield record_id, str(exc)
                continue
            self.counts["pages fetched"] += 1
            passing = response.status >= 500 or response.status == 429
            if response.status != 200:
                error = f"GET {url}: HTTP {response.status}"
                fetched[record_id] = (url, response.status, error if passing else None)
                yield record_id, error
                continue
            fetched[record_id] = (url, 200, None)
            content_type = (response.headers.get("Content-Type") or "text/html").split(";")[0].strip().lower()
            if content_type not in PAGE_TYPES:
                yield record_id, f"{url}: a {content_type} answer, not a page"
                continue
            try:
                doc = doc_from_bytes(response.body, id=record_id, max_bytes=self.fetcher.max_bytes)
            except InputError as exc:
                yield record_id, f"{url}: {exc}"
                continue
            doc.url, doc.fetched = url, datetime.now(timezone.utc).date().isoformat()
            yield doc

    def _settle(self, db, summary: dict, fetched: tuple | None) -> None:
        if fetched is None:
            return
        url, status, passing = fetched
        if passing:
            watched.page_failed(db, url, status, passing, MAX_ATTEMPTS)
        else:
            watched.page_done(db, url, status, summary.get("copy_of") or (None if "error" in summary else summary["id"]),
                              summary.get("error"))
        self.counts["failed" if "error" in summary else "copies" if "copy_of" in summary else "stored"] += 1


def _links(kind: str, text: str, url: str) -> tuple[list[str], list[str]]:
    """(pages, further sitemaps) linked from a feed or a sitemap, through trafilatura."""
    domain, base = get_hostinfo(url)
    if kind == "feed":
        # external: the feed was chosen by the user, so its links are followed wherever they lead
        return extract_links(text, FeedParameters(base, domain or "", url, external=True)), []
    sitemap = SitemapObject(base, domain or "", [], external=True)
    sitemap.current_url, sitemap.content = url, text
    sitemap.process()
    return sitemap.urls, sitemap.sitemap_urls


def analyzer(settings, workers: int | None) -> Callable[[Iterable], Iterator]:
    """Items -> records, the model loaded once for all rounds (by the first round with pages)."""
    from .parallel import analyze_stream
    from .pipeline import Pipeline

    loaded: dict = {}

    def analyze(items):
        if (workers or 1) == 1 and "pipeline" not in loaded:
            loaded["pipeline"] = Pipeline(settings)
        return analyze_stream(items, workers=workers or 1, settings=settings, pipeline=loaded.get("pipeline"))
    return analyze


def run(watcher: Watcher, sources: list[Source], every_minutes: float | None, emit: Callable[[dict], None],
        report: Callable[[str], None]) -> None:
    """Rounds every `every_minutes` (None: one round), each line given to `emit`, each round's counts
    to `report`; a round that outlasts the interval is followed by the next at once."""
    while True:
        started = time.monotonic()
        try:
            for line in watcher.round(sources):
                emit(line)
        except StoreBusy as exc:  # what was stored stays; the pages left wait in the queue for the next round
            if every_minutes is None:
                raise
            report(f"round ended early: {exc}")
        report(", ".join(f"{n} {what}" for what, n in sorted(watcher.counts.items())) or "nothing new")
        if every_minutes is None:
            return
        time.sleep(max(0.0, every_minutes * 60 - (time.monotonic() - started)))
