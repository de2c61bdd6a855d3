"""`truce watch` against a real HTTP server on loopback serving two invented outlets.

The server is reached as an HTTP proxy, so that the outlets keep names of their own (wire.test and
daily.test: addresses on loopback are refused by trafilatura's link filter, as they should be on the
web). Meridian Wire has an RSS feed and a robots.txt that keeps crawlers out of /private/; The Harbour
Daily has an Atom feed and a sitemap index, a syndicated copy of a Meridian Wire story under its own
address, a page that is gone (404), a page slower than the watch's timeout, and no robots.txt.
"""
import gzip
import json
import threading
import time
from collections import Counter
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from truce.store import Store, sources
from truce.watch import Fetcher, Source, Watcher, page_id, read_sources
from truce.errors import ConfigError

SITE = Path(__file__).parent / "fixtures" / "watch"
SLOW_PAGE = ("daily.test", "/news/harbour-strike-report.html")
SLOW_SECONDS = 2.5
TIMEOUT = 1.0
DELAY = 0.2
ORIGINAL = "http://wire.test/2026/04/kessen-truce-agreed.html"
COPY = "http://daily.test/news/valley-truce-signed.html"
GONE = "http://daily.test/news/withdrawn-story.html"
SLOW = "http://daily.test/news/harbour-strike-report.html"
PRIVATE = "http://wire.test/private/embargoed-budget.html"
FEEDS = ["--feed", "http://wire.test/rss.xml", "--feed", "http://daily.test/atom.xml",
         "--sitemap", "http://daily.test/sitemap.xml"]


class FixtureSite:
    """The files of tests/fixtures/watch/HOST/PATH, with ETag and Last-Modified, answering conditional
    GETs with 304; every request is logged with its headers and time."""

    def __init__(self):
        self.requests: list[tuple[str, str, dict, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)  # through a proxy the request line holds the whole address
                host = parts.hostname or self.headers.get("Host", "").split(":")[0]
                site.requests.append((host, parts.path, dict(self.headers), time.monotonic()))
                file = SITE / host / parts.path.lstrip("/")
                if not file.is_file() or ".." in parts.path:
                    return self._answer(404, b"not found", "text/plain")
                if (host, parts.path) == SLOW_PAGE:
                    time.sleep(SLOW_SECONDS)
                body = file.read_bytes()
                etag = '"' + sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._answer(304, b"", None, etag)
                kind = {".xml": "application/xml", ".txt": "text/plain"}.get(file.suffix, "text/html; charset=utf-8")
                self._answer(200, body, kind, etag)

            def _answer(self, status, body, kind, etag=None):
                try:
                    self.send_response(status)
                    if kind:
                        self.send_header("Content-Type", kind)
                    if etag:
                        self.send_header("ETag", etag)
                        self.send_header("Last-Modified", "Thu, 16 Apr 2026 08:00:00 GMT")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the watch gave up on the slow page
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.proxy = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, url: str) -> int:
        parts = urlsplit(url)
        return sum(1 for host, path, _, _ in self.requests if (host, path) == (parts.hostname, parts.path))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    served = FixtureSite()
    yield served
    served.close()


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def _watch(run_cli, site, db):
    result = run_cli("watch", *FEEDS, "--once", "--proxy", site.proxy, "--delay", str(DELAY),
                     "--timeout", str(TIMEOUT), "--workers", "1", "--db", db)
    assert result.exit_code == 0, result.output
    return _lines(result.stdout)


@pytest.mark.model
def test_watch_stores_each_article_once_with_its_sources_and_fetches_nothing_twice(run_cli, site, tmp_path):
    db = str(tmp_path / "watch.duckdb")
    lines = _watch(run_cli, site, db)
    by_id = {line["id"]: line for line in lines}

    # the story and its syndicated copy are one article with two sources
    assert by_id[page_id(COPY)]["copy_of"] == page_id(ORIGINAL)
    with Store(db) as store:
        assert store.count_articles() == 4  # the truce, the blockade, the truce's first day, the court
        assert store.article(page_id(COPY)) is None
        found = sources.sources_of(store.db, page_id(ORIGINAL))
    assert [s["url"] for s in found] == [ORIGINAL, COPY]
    assert [s["outlet"] for s in found] == ["Meridian Wire", "The Harbour Daily"]
    assert found[1]["similarity"] < 1.0 and str(found[0]["published"]) == "2026-04-14"

    # a 404 and a slow page are one error line each; robots.txt kept the watch out of /private/
    errors = {line["id"]: line["error"] for line in lines if "error" in line}
    assert set(errors) == {page_id(GONE), page_id(SLOW)}
    assert "HTTP 404" in errors[page_id(GONE)] and f"{TIMEOUT:g} s" in errors[page_id(SLOW)]
    assert site.count(PRIVATE) == 0

    # each page was asked for once (a copy found in the Atom feed and the sitemap too), politely
    pages = [u for u in _page_urls()] + [GONE]
    assert {u: site.count(u) for u in pages} == {u: 1 for u in pages}
    assert site.count("http://wire.test/robots.txt") == site.count("http://daily.test/robots.txt") == 1
    assert all(headers["User-Agent"].startswith("truce/") for _, _, headers, _ in site.requests)
    for host in ("wire.test", "daily.test"):
        times = [t for h, _, _, t in site.requests if h == host]
        assert min(b - a for a, b in zip(times, times[1:])) >= DELAY * 0.95

    # a second round fetches no page again: feeds, sitemaps and robots.txt answer 304 to conditional GETs
    first = len(site.requests)
    again = _watch(run_cli, site, db)
    second = site.requests[first:]
    assert [line["id"] for line in again] == [page_id(SLOW)]  # a timeout is tried again, up to 3 times
    assert Counter(path for _, path, _, _ in second if not path.endswith((".xml", ".txt"))) == \
        {urlsplit(SLOW).path: 1}
    conditional = [h for _, path, h, _ in second if path.endswith((".xml", ".txt")) and "robots" not in path]
    assert len(conditional) == 4 and all("If-None-Match" in h and "If-Modified-Since" in h for h in conditional)
    with Store(db) as store:
        assert store.count_articles() == 4


def _page_urls() -> list[str]:
    """Every page the fixtures serve outside /private/."""
    return [f"http://{p.relative_to(SITE).as_posix()}" for p in sorted(SITE.glob("*/**/*.html"))
            if "/private/" not in p.as_posix()]


@pytest.mark.model
def test_a_watch_stores_into_the_file_truce_serve_is_serving(pipeline, site, tmp_path):
    """The watch writes as `truce ingest` does, a few records per opening of the file, while the
    server answers a stream of reads; the API then shows the article with its sources."""
    import httpx
    from test_web import truce_serve

    from truce.store import SharedStore

    db = str(tmp_path / "served.duckdb")
    SharedStore(db).close()  # the store exists before the server opens it
    statuses, done = [], threading.Event()

    def reader(url):
        with httpx.Client() as client:
            while not done.is_set():
                statuses.append(client.get(url + "/api/events", params={"limit": 20}).status_code)

    with truce_serve(db) as url:
        readers = [threading.Thread(target=reader, args=(url,)) for _ in range(3)]
        for thread in readers:
            thread.start()
        try:
            shared = SharedStore(db)
            watcher = Watcher(shared, Fetcher(delay=0, timeout=TIMEOUT, proxy=site.proxy), pipeline.analyze)
            lines = list(watcher.round([Source("feed", "http://wire.test/rss.xml"),
                                        Source("feed", "http://daily.test/atom.xml")]))
            shared.close()
        finally:
            done.set()
            for thread in readers:
                thread.join()
        assert watcher.counts["copies"] == 1 and watcher.counts["stored"] == 3 and watcher.counts["disallowed"] == 1
        assert {line["id"] for line in lines if "error" in line} == {page_id(SLOW)}
        article = httpx.get(f"{url}/api/articles/{page_id(ORIGINAL)}").json()
        assert [s["url"] for s in article["sources"]] == [ORIGINAL, COPY]
        assert httpx.get(f"{url}/api/articles/{page_id(COPY)}").json()["id"] == page_id(ORIGINAL)  # a copy leads there
        assert article["events"]
        event = httpx.get(f"{url}/api/events/{page_id(ORIGINAL)}:{article['events'][0]['id']}").json()
        reported = next(s for s in event["sources"] if s["article_id"] == page_id(ORIGINAL))
        assert [s["url"] for s in reported["article_sources"]] == [ORIGINAL, COPY]
    assert len(statuses) > 20 and set(statuses) == {200}


def test_a_robots_txt_that_fails_keeps_the_watch_off_its_host(tmp_path):
    """A host whose robots.txt cannot be read (no answer) is not crawled this round (RFC 9309)."""
    from truce.store import SharedStore

    shared = SharedStore(str(tmp_path / "s.duckdb"))
    closed = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = closed.server_address[1]
    closed.server_close()  # nothing listens there any more
    watcher = Watcher(shared, Fetcher(delay=0, timeout=TIMEOUT, proxy=f"http://127.0.0.1:{port}"), lambda items: [])
    lines = list(watcher.round([Source("feed", "http://wire.test/rss.xml")]))
    shared.close()
    assert lines == [{"id": "http://wire.test/rss.xml", "error": "http://wire.test/rss.xml: disallowed by robots.txt"}]


def test_a_sources_file_is_read_and_a_bad_line_is_refused(tmp_path):
    good = tmp_path / "sources.txt"
    good.write_text("# desks\nfeed http://wire.test/rss.xml\n\nsitemap http://daily.test/sitemap.xml  # news\n")
    assert read_sources(good) == [Source("feed", "http://wire.test/rss.xml"), Source("sitemap", "http://daily.test/sitemap.xml")]
    bad = tmp_path / "bad.txt"
    bad.write_text("feed http://wire.test/rss.xml\npodcast http://wire.test/audio.xml\n")
    with pytest.raises(ConfigError, match="bad.txt:2"):
        read_sources(bad)


def test_a_page_slower_than_the_timeout_fails_alone(site):
    fetcher = Fetcher(delay=0, timeout=TIMEOUT, proxy=site.proxy)
    started = time.monotonic()
    with pytest.raises(Exception, match="no answer within"):
        fetcher.get(SLOW)
    assert time.monotonic() - started < SLOW_SECONDS
    assert fetcher.get(ORIGINAL).status == 200


def test_a_gzipped_sitemap_is_read_and_a_broken_one_gives_no_links():
    from email.message import Message

    from truce.watch import Response, _links, _text

    sitemap = (SITE / "daily.test" / "sitemap-news.xml").read_bytes()
    pages, _ = _links("sitemap", _text(Response(200, gzip.compress(sitemap), Message(), "")),
                      "http://daily.test/sitemap-news.xml.gz")
    assert GONE in pages and COPY in pages
    assert _text(Response(200, gzip.compress(sitemap)[:40], Message(), "")) == ""


class Stop(Exception):
    pass


@pytest.mark.model
def test_rounds_start_every_interval_and_the_later_ones_find_nothing_new(pipeline, site, tmp_path):
    from truce.store import SharedStore
    from truce.watch import run

    shared = SharedStore(str(tmp_path / "rounds.duckdb"))
    watcher = Watcher(shared, Fetcher(delay=0, timeout=TIMEOUT, proxy=site.proxy), pipeline.analyze)
    reports, starts = [], []

    def report(counts):
        reports.append(counts)
        if len(reports) == 3:
            raise Stop

    def emit(line):
        pass

    started = time.monotonic()
    site.requests.clear()
    with pytest.raises(Stop):
        run(watcher, [Source("feed", "http://wire.test/rss.xml")], every_minutes=0.02, emit=emit, report=report)
    shared.close()
    starts = [t for _, path, _, t in site.requests if path == "/rss.xml"]
    # The feed is fetched a little after its round starts (robots.txt is read first: in full in the first
    # round, conditionally after), so on a loaded machine two fetches lie a little less than the interval
    # apart; rounds run back to back would put them milliseconds apart.
    assert len(starts) == 3 and min(b - a for a, b in zip(starts, starts[1:])) >= 0.02 * 60 * 0.6
    assert "2 stored" in reports[0] and reports[1:] == ["1 disallowed, 1 sources read, 1 unchanged"] * 2
    assert time.monotonic() - started < 30


@pytest.mark.model
def test_a_watch_stopped_mid_round_goes_on_where_it_was(pipeline, site, tmp_path, monkeypatch):
    """Stopped after storing one page (Ctrl-C), the next round fetches the pages not stored yet, and
    not the stored one."""
    from truce.store import SharedStore

    monkeypatch.setattr("truce.watch.RECORDS_PER_OPENING", 1)  # store each record as it comes

    def stopping_after_one(items):
        results = pipeline.analyze(items)
        yield next(results)
        raise KeyboardInterrupt

    feed = [Source("feed", "http://wire.test/rss.xml")]
    shared = SharedStore(str(tmp_path / "stopped.duckdb"))
    stored = []
    with pytest.raises(KeyboardInterrupt):
        for line in Watcher(shared, Fetcher(delay=0, timeout=TIMEOUT, proxy=site.proxy), stopping_after_one).round(feed):
            stored.append(line["id"])
    assert stored == [page_id(ORIGINAL)]  # the feed's pages come in address order
    lines = list(Watcher(shared, Fetcher(delay=0, timeout=TIMEOUT, proxy=site.proxy), pipeline.analyze).round(feed))
    shared.close()
    blockade = "http://wire.test/2026/04/port-blockade.html"
    assert [line["id"] for line in lines] == [page_id(blockade)]
    assert site.count(ORIGINAL) == 1 and site.count(blockade) == 2  # fetched, not stored, when it stopped
