"""The analyst's desk: review (accept, reject, edit, the audit trail, re-ingestion), the table over more
than 5,000 events (paging, sorting, search, filters in the address, export this view), the clustered
map, and the trends with their brush; against the API, the CLI and the page in headless Chromium.

The stores hold invented records (tests/synthetic.py), made without the NLP pipeline. Screenshots
of each page go to tests/artifacts/desk-*.png (committed; the README shows them).
"""
import csv
import io
from datetime import date
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import synthetic
from test_web import ARTIFACTS, browser, page, serving  # noqa: F401  (the Chromium fixtures)
from truce import cli
from truce.store import Store
from truce.web.app import create_app

TOKEN = {"Authorization": "Bearer s3cret"}
AT_LEAST = 5000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A served store of more than AT_LEAST invented events, linked into incidents."""
    db = str(tmp_path_factory.mktemp("desk") / "big.duckdb")
    with Store(db) as store:
        for record in synthetic.records():
            store.ingest(record)
    app = create_app(db, token="s3cret")
    with serving(app) as url:
        yield {"db": db, "api": TestClient(app), "url": url}


@pytest.fixture
def small(tmp_path):
    """A fresh store of a few invented articles, for the reviews (they change what they touch)."""
    db = str(tmp_path / "small.duckdb")
    records = synthetic.records(articles=6, events_per_article=5, seed=3)
    app = create_app(db, token="s3cret")
    api = TestClient(app)
    with app.state.store.open() as store:
        for record in records:
            store.ingest(record)
    return {"db": db, "app": app, "api": api, "records": records}


def export_csv(db: str, *args: str) -> list[dict]:
    result = CliRunner().invoke(cli.cli, ["export", "--format", "csv", "--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


# -- review ---------------------------------------------------------------------------------------------------

def test_a_review_needs_the_token_and_goes_into_the_audit_trail(small):
    api, uid = small["api"], "syn-0002:e3"
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        refused = api.post(f"/api/events/{uid}/review", json={"action": "accept", "reviewer": "Ana"}, headers=headers)
        assert refused.status_code == 401
    assert api.get(f"/api/events/{uid}").json()["review"] is None
    assert api.post(f"/api/events/{uid}/review", json={"action": "accept", "reviewer": "Ana"}, headers=TOKEN).status_code == 200
    assert api.post(f"/api/events/{uid}/review", json={"action": "reject", "reviewer": "Ben"}, headers=TOKEN).status_code == 200
    trail = api.get(f"/api/events/{uid}/audit").json()
    assert [(a["action"], a["reviewer"]) for a in trail] == [("reject", "Ben"), ("accept", "Ana")]  # newest first
    assert trail[0]["before"]["review"] == "accepted" and trail[0]["after"]["review"] == "rejected"
    assert date.fromisoformat(trail[0]["reviewed_at"][:10]) == date.today()
    assert api.get(f"/api/events/{uid}").json()["review"] == "rejected"
    counts = {state: api.get("/api/table", params={"view": "event", "review": state}).json()["total"]
              for state in ("kept", "rejected", "unreviewed", "reviewed")}
    assert counts["rejected"] == counts["reviewed"] == 1 and counts["kept"] == counts["unreviewed"] == 29
    assert api.get("/api/audit").json()[0]["uid"] == uid


def test_an_edit_persists_shows_in_the_export_and_outlives_a_new_ingest(small):
    api, db, uid = small["api"], small["db"], "syn-0004:e2"
    before = api.get(f"/api/events/{uid}").json()
    edit = {"fatalities": 7, "actors": "Lakeside Guard; Hill Brigade", "country": "Burma", "date": "2023-05",
            "factuality": "possible", "acled_event_type": "Violence against civilians", "acled_sub_event_type": "Attack"}
    answer = api.post(f"/api/events/{uid}/review", json={"action": "edit", "reviewer": "Ana", "fields": edit}, headers=TOKEN)
    assert answer.status_code == 200, answer.text
    assert answer.json()["before"]["fatalities"] == before["fatalities"] and answer.json()["after"]["fatalities"] == 7
    shown = api.get(f"/api/events/{uid}").json()
    assert (shown["main_actor"], shown["iso3"], shown["date_value"], shown["date_precision"], shown["review"]) == \
        ("Lakeside Guard", "MMR", "2023-05", "month", "edited")

    validated = export_csv(db, "--validated-only")
    assert [row["event_id_cnty"] for row in validated] == [uid]
    row = validated[0]
    assert (row["fatalities"], row["actor1"], row["assoc_actor_1"], row["iso3"], row["factuality"]) == \
        ("7", "Lakeside Guard", "Hill Brigade", "MMR", "possible")
    assert (row["event_type"], row["sub_event_type"], row["event_date"]) == ("Violence against civilians", "Attack", "2023-05-01")
    assert len(export_csv(db)) == sum(len(r.events) for r in small["records"])  # the rest is still exported

    record = next(r for r in small["records"] if r.id == "syn-0004")
    with small["app"].state.store.open() as store:
        assert store.ingest(record)["reviews_kept"] == 1  # the article again: the edit is put back
    assert api.get(f"/api/events/{uid}").json()["fatalities"] == 7
    renumbered = record.model_copy(update={"events": list(reversed(record.events))})
    for i, event in enumerate(renumbered.events):  # a new analysis numbers its events otherwise
        renumbered.events[i] = event.model_copy(update={"id": f"x{i}"})
    with small["app"].state.store.open() as store:
        store.ingest(renumbered)
    moved = api.get("/api/table", params={"review": "validated", "view": "event"}).json()["rows"]
    assert [(r["article_id"], r["fatalities"], r["evidence"]) for r in moved] == [("syn-0004", 7, before["evidence"])]


def test_a_review_whose_event_a_new_analysis_drops_is_kept(small):
    api, uid = small["api"], "syn-0001:e1"
    api.post(f"/api/events/{uid}/review", json={"action": "edit", "reviewer": "Ana", "fields": {"fatalities": 2}}, headers=TOKEN)
    record = next(r for r in small["records"] if r.id == "syn-0001")
    with small["app"].state.store.open() as store:
        store.ingest(record.model_copy(update={"events": record.events[1:]}))
    orphans = api.get("/api/audit", params={"orphans": True}).json()
    assert [o["fields"] for o in orphans] == [{"fatalities": 2}]
    with small["app"].state.store.open() as store:
        store.ingest(record)
    assert api.get("/api/audit", params={"orphans": True}).json() == []
    assert api.get(f"/api/events/{uid}").json()["fatalities"] == 2


@pytest.mark.parametrize("body,status", [
    ({"action": "edit", "reviewer": "Ana", "fields": {"mood": "calm"}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"date": "12 May"}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"date": "2023-02-30"}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"country": "Atlantis"}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"fatalities": -1}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"lat": 123}}, 422),
    ({"action": "edit", "reviewer": "Ana", "fields": {"event_type": "BOMB"}}, 422),
    ({"action": "accept", "reviewer": "Ana", "fields": {"fatalities": 1}}, 422),
    ({"action": "approve", "reviewer": "Ana"}, 422), ({"action": "accept", "reviewer": ""}, 422),
])
def test_a_bad_review_is_refused_and_changes_nothing(small, body, status):
    api, uid = small["api"], "syn-0003:e1"
    before = api.get(f"/api/events/{uid}").json()
    assert api.post(f"/api/events/{uid}/review", json=body, headers=TOKEN).status_code == status
    assert api.get(f"/api/events/{uid}").json() == before
    assert api.get(f"/api/events/{uid}/audit").json() == []
    assert api.post("/api/events/nope:e1/review", json={"action": "accept", "reviewer": "Ana"}, headers=TOKEN).status_code == 404


# -- the table, the map's points and the trends over more than 5,000 events -------------------------------------------

def test_the_table_pages_sorts_and_searches_over_5000_events(big):
    api = big["api"]
    events = api.get("/api/table", params={"view": "event", "limit": 1}).json()["total"]
    incidents = api.get("/api/table", params={"limit": 1}).json()["total"]
    assert events >= AT_LEAST and 0 < incidents < events
    pages = [api.get("/api/table", params={"sort": "confidence", "order": "asc", "limit": 200, "offset": o}).json()["rows"]
             for o in (0, 200, 400)]
    uids = [r["uid"] for p in pages for r in p]
    assert len(uids) == len(set(uids)) == 600
    confidences = [r["confidence"] for p in pages for r in p]
    assert confidences == sorted(confidences)
    last = api.get("/api/table", params={"sort": "confidence", "limit": 50, "offset": incidents - 10}).json()["rows"]
    assert len(last) == 10
    most = api.get("/api/table", params={"sort": "sources", "limit": 5}).json()["rows"]
    assert most[0]["sources"] >= max(r["sources"] for p in pages for r in p) > 1
    assert len(most[0]["links"]) == most[0]["sources"] and all(link["source_url"].startswith("https://") for link in most[0]["links"])
    found = api.get("/api/table", params={"q": "police mosul", "view": "event", "limit": 200}).json()
    assert 0 < found["total"] < events
    assert all("police" in (r["actors"] + r["recipients"]).lower() and r["location_name"] == "Mosul" for r in found["rows"])
    assert api.get("/api/table", params={"sort": "uid; DROP TABLE events"}).status_code == 422


def test_the_map_gets_every_located_event_and_the_trends_count_them(big):
    api = big["api"]
    located = api.get("/api/points", params={"view": "event"}).json()
    assert len(located["rows"]) == api.get("/api/table", params={"view": "event", "limit": 1}).json()["total"] > 1000
    months = api.get("/api/trends", params={"view": "event", "period": "month"}).json()
    weeks = api.get("/api/trends", params={"view": "event", "period": "week", "split": "country"}).json()
    assert sum(m["count"] for m in months) == sum(w["count"] for w in weeks) == len(located["rows"])
    assert all(date.fromisoformat(w["period"]).weekday() == 0 for w in weeks)
    assert all(date.fromisoformat(m["period"]).day == 1 for m in months)
    assert {w["key"] for w in weeks} >= {"Iraq", "Myanmar"}


# -- the page in headless Chromium --------------------------------------------------------------------------------

def rows_shown(page) -> list[dict]:
    return page.eval_on_selector_all("#events tbody tr", """rows => rows.map(r => ({uid: r.dataset.uid,
        confidence: +r.children[7].textContent, date: r.children[0].textContent, acled: r.children[2].textContent}))""")


def wait_loaded(page, after: int = 0) -> int:
    page.wait_for_function(f"+document.body.dataset.loaded > {after}")
    return int(page.evaluate("document.body.dataset.loaded"))


def test_paging_and_sorting_in_the_page(page, big):  # noqa: F811
    page.goto(big["url"] + "/")
    loads = wait_loaded(page)
    first = rows_shown(page)
    assert len(first) == 50
    assert page.inner_text("#count").split()[0] == str(big["api"].get("/api/table", params={"limit": 1}).json()["total"])
    page.click("#next")
    loads = wait_loaded(page, loads)
    assert "page 2 of" in page.inner_text("#page-info")
    assert not {r["uid"] for r in rows_shown(page)} & {r["uid"] for r in first}
    page.click("th button[data-sort=confidence]")
    loads = wait_loaded(page, loads)
    descending = [r["confidence"] for r in rows_shown(page)]
    assert descending == sorted(descending, reverse=True) and "page 1 of" in page.inner_text("#page-info")
    page.click("th button[data-sort=confidence]")
    loads = wait_loaded(page, loads)
    ascending = [r["confidence"] for r in rows_shown(page)]
    assert ascending == sorted(ascending) and ascending[0] < descending[0]
    assert parse_qs(urlparse(page.url).query) == {"sort": ["confidence"], "order": ["asc"]}
    page.screenshot(path=str(ARTIFACTS / "desk-table.png"), full_page=True)


def test_filters_live_in_the_address_and_export_this_view(page, big):  # noqa: F811
    page.goto(big["url"] + "/?acled_type=Battles&min_confidence=0.6&view=event")
    wait_loaded(page)
    assert page.input_value("select[name=acled_type]") == "Battles" and page.input_value("input[name=min_confidence]") == "0.6"
    shown = rows_shown(page)
    assert shown and all(r["acled"].startswith("Battles") and r["confidence"] >= 0.6 for r in shown)
    link = page.get_attribute("#export-view", "href")
    assert parse_qs(urlparse(link).query) == {"acled_type": ["Battles"], "min_confidence": ["0.6"], "view": ["event"]}
    exported = list(csv.DictReader(io.StringIO(httpx.get(big["url"] + link).text)))
    total = big["api"].get("/api/table", params={"acled_type": "Battles", "min_confidence": 0.6, "view": "event"}).json()["total"]
    assert len(exported) == total > 0
    assert {r["event_type"] for r in exported} == {"Battles"} and min(float(r["confidence"]) for r in exported) >= 0.6


def test_markers_cluster_with_counts_and_areas_are_drawn_apart(page, big):  # noqa: F811
    page.goto(big["url"] + "/")
    wait_loaded(page)
    points = big["api"].get("/api/points").json()
    at = points["fields"].index("location_precision")
    exact = sum(1 for row in points["rows"] if row[at] not in ("country", "admin1"))
    assert int(page.get_attribute("#map", "data-markers")) == exact > 1000
    drawn = """() => [...document.querySelectorAll('.marker-cluster span')].reduce((n, e) => n + +e.textContent, 0)
                     + document.querySelectorAll('.leaflet-overlay-pane path.event-marker').length"""
    page.wait_for_function(f"({drawn})() === {exact}")  # every exact event is drawn, in a cluster or alone
    counts = page.eval_on_selector_all(".marker-cluster span", "els => els.map(e => +e.textContent)")
    assert len(counts) > 3 and max(counts) > 100
    areas = page.locator(".leaflet-overlay-pane path.area-marker")
    assert areas.count() == int(page.get_attribute("#map", "data-areas")) > 0
    area_counts = page.eval_on_selector_all(".area-count", "els => els.map(e => +e.textContent)")
    assert sum(area_counts) == len(points["rows"]) - exact
    page.screenshot(path=str(ARTIFACTS / "desk-map.png"))

    page.click("#legend button[data-key=ASSAULT]")  # the legend hides a type ...
    at_type = points["fields"].index("event_type")
    assaults = sum(1 for row in points["rows"] if row[at_type] == "ASSAULT" and row[at] not in ("country", "admin1"))
    page.wait_for_function(f"+document.getElementById('map').dataset.markers === {exact - assaults}")
    assert page.get_attribute("#legend button[data-key=ASSAULT]", "aria-pressed") == "false"
    page.click("#legend button[data-key=area]")  # ... and the areas
    page.wait_for_function("document.getElementById('map').dataset.areas === '0'")
    assert page.locator(".leaflet-overlay-pane path.area-marker").count() == 0


def test_the_map_zooms_to_the_results(page, big):  # noqa: F811
    page.goto(big["url"] + "/?country=Colombia")
    wait_loaded(page)
    zoom = page.evaluate("MapView.map.getZoom()")
    center = page.evaluate("MapView.map.getCenter()")
    assert zoom >= 8 and abs(center["lat"] - 4.71) < 1 and abs(center["lng"] + 74.07) < 1


def test_the_basemap_draws_no_band_across_the_world(page, big):  # noqa: F811
    """Natural Earth's rings that cross the antimeridian (Russia, Fiji) jump 360 degrees between two points;
    drawn flat, such a jump is a band across the world. None is left after the page prepares them."""
    page.goto(big["url"] + "/")
    wait_loaded(page)
    steps = page.evaluate("""() => {
        const lands = [];
        MapView.map.eachLayer(l => { if (l.feature && l.feature.geometry && l.feature.geometry.type === "MultiPolygon") lands.push(l.feature); });
        let worst = 0, rings = 0;
        for (const f of lands) for (const polygon of f.geometry.coordinates) for (const ring of polygon) {
            rings++;
            for (let i = 1; i < ring.length; i++) {
                if (Math.abs(ring[i][1]) >= 89 && Math.abs(ring[i - 1][1]) >= 89) continue;  // along a pole's edge
                worst = Math.max(worst, Math.abs(ring[i][0] - ring[i - 1][0]));
            }
        }
        return {worst, rings, countries: lands.length};
    }""")
    assert steps["countries"] > 200 and steps["rings"] > steps["countries"]
    assert steps["worst"] <= 180


def test_the_trend_brush_sets_the_date_filter(page, big):  # noqa: F811
    page.goto(big["url"] + "/?view=event")
    loads = wait_loaded(page)
    area = page.evaluate("(() => { const a = Chart.getChart('trends').chartArea; const r = document.getElementById('trends')"
                         ".getBoundingClientRect(); return {x: r.left + a.left, y: r.top + (a.top + a.bottom) / 2, w: a.right - a.left}; })()")
    page.mouse.move(area["x"] + area["w"] * 0.4, area["y"])
    page.mouse.down()
    page.mouse.move(area["x"] + area["w"] * 0.5, area["y"], steps=5)
    page.mouse.move(area["x"] + area["w"] * 0.6, area["y"], steps=5)
    page.mouse.up()
    wait_loaded(page, loads)
    since, until = page.input_value("input[name=since]"), page.input_value("input[name=until]")
    assert since and until and since < until
    query = parse_qs(urlparse(page.url).query)
    assert query["since"] == [since] and query["until"] == [until]
    dates = [r["date"] for r in rows_shown(page)]
    assert dates and all(since <= d <= until for d in dates)
    total = big["api"].get("/api/table", params={"view": "event", "since": since, "until": until}).json()["total"]
    assert page.inner_text("#count") == f"{total} events"
    page.screenshot(path=str(ARTIFACTS / "desk-trends.png"))


def test_review_from_the_event_page(page, small):  # noqa: F811
    uid = "syn-0005:e4"
    with serving(small["app"]) as url:
        page.goto(f"{url}/event.html?id={uid}")
        page.wait_for_selector("body[data-loaded]", state="attached")
        page.fill("#reviewer", "Ana Coder")
        page.click("#edit-panel summary")
        page.fill("#edit-fatalities", "3")
        page.fill("#edit-recipients", "market traders")
        page.click("#save")
        page.wait_for_selector("#review-message:not(:empty)")
        assert "token was refused" in page.inner_text("#review-message")  # no token given yet
        page.fill("#token", "s3cret")
        page.click("#save")
        page.wait_for_selector("#review-message.ok")
        assert page.inner_text("#review-status") == "edited"
        trail = page.inner_text("#audit")
        assert "edit by Ana Coder" in trail and "fatalities 0 → 3" in trail
        page.screenshot(path=str(ARTIFACTS / "desk-review.png"), full_page=True)
        page.goto(f"{url}/?review=validated&view=event")
        wait_loaded(page)
        assert [r["uid"] for r in rows_shown(page)] == [uid]
    row = export_csv(small["db"], "--validated-only")[0]
    assert (row["event_id_cnty"], row["fatalities"], row["actor2"]) == (uid, "3", "market traders")


def test_the_desk_on_each_backend(store_url):
    """Reviews, the table, the points and the trends in SQL both DuckDB and PostgreSQL run."""
    from truce.store import EventFilter, review, table

    records = synthetic.records(articles=8, events_per_article=6, seed=5)
    with Store(store_url) as store:
        for record in records:
            store.ingest(record)
        uid = f"{records[2].id}:{records[2].events[1].id}"
        entry = review.review_event(store.db, store.countries, uid, "edit", "Ana", {"fatalities": 5, "date": "2024"})
        assert entry["after"]["fatalities"] == 5 and entry["after"]["date_precision"] == "year"
        assert store.ingest(records[2])["reviews_kept"] == 1
        validated = table.page(store, EventFilter(review="validated"), "event")
        assert [(r["uid"], r["fatalities"], r["date_value"]) for r in validated["rows"]] == [(uid, 5, "2024")]
        everything = table.page(store, None, "event", "confidence", False, 100, 0)
        assert everything["total"] == 48 and [r["confidence"] for r in everything["rows"]] == \
            sorted(r["confidence"] for r in everything["rows"])
        assert table.count(store, None, "incident") == table.page(store, None, "incident", limit=100)["total"] <= 48
        assert len(table.points(store, None, "event")["rows"]) == 48
        assert sum(t["count"] for t in table.trends(store, None, "event", "week", "acled_type")) == 47  # one is undated now
        assert [a["reviewer"] for a in review.audit(store.db, uid)] == ["Ana"]
