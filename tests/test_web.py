"""The API and the dashboard, served for real on loopback and opened in headless Chromium.

The store holds the records of the sample articles (the seed article among them) and of the three
invented reports of one ceasefire, analysed once per session. Browser tests drive Debian's /usr/bin/chromium with Playwright (never `playwright install`);
screenshots go to tests/artifacts/ (not committed).
"""
import csv
import io
import os
import pathlib
import threading
import time
from contextlib import contextmanager
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from servers import free_port
from truce.web.app import create_app

ARTIFACTS = pathlib.Path(__file__).parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def app(sample_records, ceasefire_records, pipeline, tmp_path_factory):
    app = create_app(str(tmp_path_factory.mktemp("web") / "web.duckdb"), pipeline=pipeline, token="s3cret")
    for record in sample_records + ceasefire_records:
        with app.state.store.open() as store:
            store.ingest(record)
    return app


@pytest.fixture(scope="module")
def api(app):
    return TestClient(app)


@pytest.fixture(scope="module")
def seed_id(sample_records):
    return next(r.id for r in sample_records if "Resistance" in (r.title or ""))


# -- the JSON API ----------------------------------------------------------------------------------------------

def test_events_are_filtered_and_paged(api, seed_id):
    everything = api.get("/api/events", params={"limit": 1000}).json()
    assaults = api.get("/api/events", params={"type": "ASSAULT", "limit": 1000}).json()
    assert 0 < assaults["total"] < everything["total"]
    assert {e["event_type"] for e in assaults["events"]} == {"ASSAULT"}
    first, second = (api.get("/api/events", params={"limit": 5, "offset": o}).json()["events"] for o in (0, 5))
    assert not {e["uid"] for e in first} & {e["uid"] for e in second}
    iraq = api.get("/api/events", params={"country": "IRQ", "limit": 1000}).json()
    assert iraq["total"] > 0 and {e["iso3"] for e in iraq["events"]} == {"IRQ"}
    assert {e["article_id"] for e in iraq["events"]} == {seed_id}


def test_countries_are_listed_and_filtered_by_any_name(api):
    everything = api.get("/api/events", params={"limit": 1}).json()["total"]
    countries = api.get("/api/countries").json()
    assert sum(c["events"] for c in countries) == everything
    iraq = next(c for c in countries if c["iso3"] == "IRQ")
    for name in ("IRQ", "IQ", "Iraq", "iraq"):
        assert api.get("/api/events", params={"country": name, "limit": 1}).json()["total"] == iraq["events"] > 0
    unknown = api.get("/api/events", params={"country": "Atlantis"})
    assert unknown.status_code == 422 and "no country is called 'Atlantis'" in unknown.json()["detail"]
    assert api.get("/api/timeline", params={"country": "Atlantis"}).status_code == 422


def test_bad_filters_are_refused(api):
    assert api.get("/api/events", params={"type": "BOMBING"}).status_code == 422
    assert api.get("/api/events", params={"limit": 5000}).status_code == 422
    assert api.get("/api/events", params={"since": "yesterday"}).status_code == 422


def test_an_article_and_an_event_with_its_sources(api, seed_id):
    record = api.get(f"/api/articles/{seed_id}").json()
    assert record["id"] == seed_id and record["events"]
    uid = f"{seed_id}:{record['events'][0]['id']}"
    event = api.get(f"/api/events/{uid}").json()
    assert event["event"] == record["events"][0]
    assert uid in [s["uid"] for s in event["sources"]]
    assert api.get("/api/articles/nope").status_code == 404
    assert api.get("/api/events/nope:e1").status_code == 404


def test_ceasefires_are_listed_with_history(api):
    ceasefires = api.get("/api/ceasefires").json()
    assert ceasefires and all(c["history"] for c in ceasefires)


def test_writes_need_the_bearer_token(api):
    article = {"id": "w1", "text": "Police fired tear gas at protesters in Nairobi on Monday.", "published": "2024-07-08"}
    assert api.post("/api/ingest", json=article).status_code == 401
    assert api.post("/api/ingest", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 401
    stored = api.post("/api/ingest", json=article, headers={"Authorization": "Bearer s3cret"})
    assert stored.status_code == 200 and stored.json()["id"] == "w1"
    assert api.get("/api/articles/w1").json()["text"] == article["text"]
    analyzed = api.post("/api/analyze", json={"text": article["text"]}, headers={"Authorization": "Bearer s3cret"})
    assert analyzed.status_code == 200 and analyzed.json()["text"] == article["text"]


def test_bodies_are_capped_and_cross_origin_reads_closed(api):
    too_big = b'{"text": "' + b"a" * 10_000_001 + b'"}'
    response = api.post("/api/analyze", content=too_big, headers={"Authorization": "Bearer s3cret",
                                                                   "Content-Type": "application/json"})
    assert response.status_code == 413
    response = api.get("/api/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_openapi_spec_lists_the_api(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/analyze", "/api/ingest", "/api/events", "/api/ceasefires", "/api/articles/{article_id}"):
        assert path in paths


# -- the same rules over real HTTP (uvicorn on loopback) ---------------------------------------------------------

def test_over_http_writes_need_the_exact_bearer_token(served):
    article = {"text": "Police fired tear gas at protesters in Nairobi on Monday."}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer s3cre"},
                    {"Authorization": "Bearer s3cret2"}, {"Authorization": "s3cret"}, {"Authorization": "Basic s3cret"}):
        for path in ("/api/analyze", "/api/ingest"):
            response = httpx.post(served + path, json=article, headers=headers)
            assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer", (path, headers)
    assert httpx.post(served + "/api/analyze", json=article, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert httpx.get(served + "/api/events").status_code == 200  # reads need no token


def test_over_http_bodies_need_a_length_and_stay_under_the_cap(served):
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
    chunked = httpx.post(served + "/api/analyze", content=iter([b'{"text": "', b"a" * 100, b'"}']), headers=auth)
    assert chunked.status_code == 411  # no Content-Length: the body's size cannot be checked first
    too_big = httpx.post(served + "/api/ingest", content=b'{"text": "' + b"a" * 10_000_001 + b'"}', headers=auth)
    assert too_big.status_code == 413


def test_over_http_no_cors_even_for_a_preflight(served):
    preflight = httpx.options(served + "/api/ingest", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code >= 400
    assert not [h for h in preflight.headers if h.startswith("access-control-")]


@pytest.mark.parametrize("params", [
    {"actor": "x' OR '1'='1"}, {"country": "IRQ'; DROP TABLE events; --"}, {"article": "' OR 1=1 --"},
    {"factuality": "asserted') OR ('1'='1"}, {"incident": "?"}, {"article": "%s"},
])
def test_filter_values_are_values_never_sql(api, params):
    total = api.get("/api/events", params={"limit": 1}).json()["total"]
    response = api.get("/api/events", params=params)
    if "country" in params:  # names no country: refused with a message, not an empty answer
        assert response.status_code == 422 and "no country is called" in response.json()["detail"]
    else:
        assert response.status_code == 200 and response.json()["total"] == 0
    assert api.get("/api/events", params={"limit": 1}).json()["total"] == total  # nothing was dropped


@pytest.mark.parametrize("body,status", [
    (b'{"text": "Troops \\ud800 left Basra on Monday."}', 200),  # a lone surrogate: replaced, analysed
    (b'{"text": "unterminated', 422), (b"[1, 2]", 422), (b'{"text": 5}', 422), (b"{}", 422),
    (b'{"text": "\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008"}', 422),
    (b'{"html": "' + b"<div>" * 100_000 + b'Troops left Basra.</div>"}', 200),
])
def test_hostile_bodies_get_a_record_or_a_clear_error(api, body, status):
    response = api.post("/api/analyze", content=body, headers={"Authorization": "Bearer s3cret",
                                                                "Content-Type": "application/json"})
    assert response.status_code == status, response.text[:300]
    assert ("text" in response.json()) == (status == 200) and ("detail" in response.json()) == (status != 200)


def test_without_a_token_writes_come_from_loopback_only(pipeline, tmp_path, monkeypatch):
    monkeypatch.delenv("TRUCE_API_TOKEN", raising=False)
    open_app = create_app(str(tmp_path / "open.duckdb"), pipeline=pipeline)
    article = {"text": "Police fired tear gas at protesters in Nairobi on Monday."}
    refused = TestClient(open_app).post("/api/analyze", json=article)  # its peer is "testclient", not loopback
    assert refused.status_code == 403 and "TRUCE_API_TOKEN" in refused.json()["detail"]
    with serving(open_app) as url:
        assert httpx.post(url + "/api/analyze", json=article).status_code == 200  # from 127.0.0.1


# -- the dashboard in headless Chromium ------------------------------------------------------------------------

@contextmanager
def serving(app):
    """The app on a free loopback port, in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def served(app):
    """The app served for real for the module's tests."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    # launch() starts Chromium with a fresh, empty profile directory of its own (its --user-data-dir).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def test_map_shows_the_seed_articles_events_and_filters_by_type(page, served, api, seed_id):
    located = api.get("/api/points", params={"article": seed_id, "view": "event"}).json()["rows"]
    page.goto(served + f"/?article={seed_id}&view=event")
    page.wait_for_selector("body[data-loaded]")
    drawn = int(page.get_attribute("#map", "data-markers")) + int(page.get_attribute("#map", "data-areas"))
    assert 0 < drawn <= len(located)  # events at one place share a cluster; those of one area, one shaded circle
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() > 0
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))

    page.select_option("select[name=type]", "ASSAULT")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelectorAll('#events tbody tr:not([data-type=ASSAULT])').length === 0")
    page.wait_for_function("new URLSearchParams(location.search).get('type') === 'ASSAULT'")
    assaults = api.get("/api/points", params={"article": seed_id, "view": "event", "type": "ASSAULT"}).json()
    at = assaults["fields"].index("location_precision")
    exact = [row for row in assaults["rows"] if row[at] not in ("country", "admin1")]
    page.wait_for_function(f"document.getElementById('map').dataset.markers === '{len(exact)}'")
    types = page.eval_on_selector_all("path.event-marker", "els => els.map(e => e.getAttribute('class'))")
    assert assaults["rows"] and all("type-ASSAULT" in t for t in types)
    page.screenshot(path=str(ARTIFACTS / "dashboard-assault.png"))


def test_event_page_highlights_the_evidence(page, served, api, seed_id):
    event = api.get("/api/table", params={"article": seed_id, "view": "event", "limit": 1}).json()["rows"][0]
    page.goto(served + f"/?article={seed_id}&view=event")
    page.wait_for_selector("body[data-loaded]")
    page.click(f"#events a[href='/event.html?id={quote(event['uid'], safe='')}']")
    page.wait_for_selector("body[data-loaded]")
    evidence = "".join(page.eval_on_selector_all("#article mark.hl-evidence", "els => els.map(e => e.textContent)"))
    assert evidence == event["evidence"]
    trigger = api.get(f"/api/events/{quote(event['uid'], safe='')}").json()["trigger_text"]
    assert trigger in page.eval_on_selector_all("#article mark.hl-trigger", "els => els.map(e => e.textContent)")
    assert page.locator("#fields").inner_text().count(event["event_type"]) >= 1
    assert page.locator("#sources li").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)


def test_ceasefire_tracker_shows_each_ceasefire_with_its_history(page, served, api):
    page.goto(served + "/ceasefires.html")
    page.wait_for_selector("body[data-loaded]")
    assert page.locator("article.ceasefire").count() == len(api.get("/api/ceasefires").json())
    tracked = page.locator("article.ceasefire", has_text="Northern Unity Movement")
    assert tracked.locator("ol.history li").count() == 3
    assert "violated" in tracked.locator("ol.history li").last.inner_text()
    page.screenshot(path=str(ARTIFACTS / "ceasefires.png"), full_page=True)


def test_api_docs_render_from_the_vendored_swagger_ui(page, served):
    page.goto(served + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert "/api/events" in page.locator(".swagger-ui").inner_text()


HOSTILE = {  # what a scraped page can carry into the store; each payload sets window.__xss if it ever runs
    "text": {"id": "xss-text", "published": "2024-07-08", "title": "<script>window.__xss = 'title'</script>Nairobi protest",
             "url": "javascript:window.__xss='url'",
             "text": "Police fired tear gas at protesters in Nairobi on Monday, <img src=x onerror=\"window.__xss='img'\"> "
                     "witnesses said. <script>window.__xss = 'script'</script> <svg onload=\"window.__xss='svg'\"></svg> "
                     "\"><iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>"},
    "html": {"id": "xss-html", "published": "2024-07-09",
             "html": "<html><head><title>Riot police &lt;script&gt;window.__xss='escaped'&lt;/script&gt;</title></head><body>"
                     "<article><p>Riot police fired tear gas at protesters in Mombasa on Tuesday, officials said. "
                     "&lt;img src=x onerror=\"window.__xss='escaped-img'\"&gt; Protesters threw stones at the police.</p>"
                     "<script>window.__xss = 'page-script'</script></article></body></html>"},
}


def test_hostile_text_is_shown_as_text_and_never_runs(page, served, api):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    uids = []
    for article in HOSTILE.values():
        stored = api.post("/api/ingest", json=article, headers={"Authorization": "Bearer s3cret"})
        assert stored.status_code == 200, stored.text
        uids += [e["uid"] for e in api.get("/api/events", params={"article": article["id"]}).json()["events"]]
    assert "<script>" in api.get("/api/articles/xss-text").json()["text"]  # stored as it came
    assert uids
    for path in ["/", "/ceasefires.html"] + ["/event.html?id=" + quote(uid, safe="") for uid in uids]:
        page.goto(served + path)
        page.wait_for_selector("body[data-loaded]")
        page.wait_for_timeout(200)  # time for an onerror or onload to fire, if anything had been parsed as markup
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("main script, main iframe, main img[src=x], main svg[onload], #article *:not(mark)").count() == 0, path
    assert not dialogs
    page.goto(served + "/event.html?id=" + quote(next(u for u in uids if u.startswith("xss-text")), safe=""))
    page.wait_for_selector("body[data-loaded]")
    shown = page.locator("#article").inner_text()
    assert "<img src=x onerror=" in shown and "<script>window.__xss = 'script'</script>" in shown
    assert "<script>" in page.locator("#article-title").inner_text()
    page.screenshot(path=str(ARTIFACTS / "hostile-text.png"), full_page=True)


# -- `truce serve` and the command line on one DuckDB file -----------------------------------------------------

def truce(*args, check=True):
    """The real command line, in its own process (as an analyst runs it next to `truce serve`)."""
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-m", "truce.cli", *args], capture_output=True, text=True, env=env,
                            timeout=120)
    assert not check or result.returncode == 0, result.stderr
    return result


@contextmanager
def truce_serve(db):
    import subprocess
    import sys

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(__file__).resolve().parents[1])}
    server = subprocess.Popen([sys.executable, "-m", "truce.cli", "serve", "--db", db, "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(url + "/api/events", params={"limit": 1})
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _store_with_samples(path, sample_records, ceasefire_records):
    """A store holding the samples' records, and a file of the ceasefire articles' records to ingest later."""
    before, during = path.with_suffix(".before.jsonl"), path.with_suffix(".during.jsonl")
    before.write_text("".join(r.model_dump_json() + "\n" for r in sample_records))
    during.write_text("".join(r.model_dump_json() + "\n" for r in ceasefire_records))
    truce("ingest", "--records", str(before), "--db", str(path))
    return str(path), during


def test_cli_reads_and_writes_the_file_truce_serve_is_serving(sample_records, ceasefire_records, tmp_path):
    db, during = _store_with_samples(tmp_path / "desk.duckdb", sample_records, ceasefire_records)
    with truce_serve(db) as url:
        served_before = httpx.get(url + "/api/events", params={"limit": 1}).json()["total"]
        queried = truce("query", "--db", db, "--limit", "1000").stdout.splitlines()
        assert len(queried) == served_before > 0
        truce("ingest", "--records", str(during), "--db", db)
        new_id = ceasefire_records[0].id
        shown = httpx.get(url + "/api/events", params={"article": new_id, "limit": 1000}).json()
        assert shown["total"] == len(ceasefire_records[0].events) > 0
        assert httpx.get(url + "/api/events", params={"limit": 1}).json()["total"] == \
            served_before + sum(len(r.events) for r in ceasefire_records)
        exported = list(csv.reader(io.StringIO(truce("export", "--format", "csv", "--db", db).stdout)))
        assert len(exported) == 1 + served_before + sum(len(r.events) for r in ceasefire_records)
        assert httpx.get(url + f"/api/articles/{new_id}").status_code == 200


READERS = 6


def test_cli_gets_in_while_truce_serve_answers_a_stream_of_requests(sample_records, ceasefire_records, tmp_path):
    db, during = _store_with_samples(tmp_path / "busy.duckdb", sample_records, ceasefire_records)
    statuses, done = [], threading.Event()

    def reader(url):  # the dashboard's reads, READERS at a time (the server always has one waiting), without a pause
        with httpx.Client() as client:
            while not done.is_set():
                statuses.append(client.get(url + "/api/events", params={"limit": 50}).status_code)

    with truce_serve(db) as url:
        readers = [threading.Thread(target=reader, args=(url,)) for _ in range(READERS)]
        for thread in readers:
            thread.start()
        try:
            time.sleep(0.5)
            queried = truce("query", "--db", db, "--limit", "1000", "--type", "ASSAULT")
            truce("ingest", "--records", str(during), "--db", db)
        finally:
            done.set()
            for thread in readers:
                thread.join()
        assert queried.stdout.count('"event_type": "ASSAULT"') > 0
        assert httpx.get(url + f"/api/articles/{ceasefire_records[0].id}").status_code == 200
    assert len(statuses) > 20 and set(statuses) == {200}
