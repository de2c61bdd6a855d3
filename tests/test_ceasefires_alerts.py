"""Ceasefire alerts: raised once per new step, served as JSON Feed and Atom, posted to a webhook, all on loopback."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from truce.alerts import ATOM, Webhook, atom_feed, json_feed
from truce.store import Store
from truce.web.app import create_app


@pytest.fixture
def hook():
    """A webhook receiver on a free loopback port; yields (url, the JSON bodies it received)."""
    received = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_each_new_step_raises_one_alert(ceasefire_records):
    with Store(":memory:") as store:
        raised = [store.ingest(r)["alerts"] for r in ceasefire_records]
        assert [[(a["kind"], a["status"]) for a in alerts] for alerts in raised] == [
            [("new", "declared")], [("status", "in_effect")], [("violation", "violated")]]
        assert "Northern Unity Movement" in raised[2][0]["violated_by"]
        again = store.ingest(ceasefire_records[2])["alerts"]  # the same report again is no news
        assert again == [] and len(store.alerts()) == 3
        assert [a["status"] for a in store.alerts()][0] == "violated"  # newest first


def test_the_feeds_say_what_happened(ceasefire_records):
    with Store(":memory:") as store:
        for record in ceasefire_records:
            store.ingest(record)
        alerts = store.alerts()
    feed = json_feed(alerts, "http://127.0.0.1:8000")
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and len(feed["items"]) == 3
    assert feed["items"][0]["title"].startswith("violated:") and "broke the ceasefire" in feed["items"][0]["content_text"]
    root = ET.fromstring(atom_feed(alerts))
    entries = root.findall(f"{{{ATOM}}}entry")
    assert len(entries) == 3 and {e.find(f"{{{ATOM}}}category").get("term") for e in entries} == \
        {"declared", "in_effect", "violated"}


def test_the_webhook_gets_the_alerts_and_a_dead_one_stops_nothing(hook, ceasefire_records):
    url, received = hook
    with Store(":memory:") as store:
        alerts = store.ingest(ceasefire_records[0])["alerts"]
    assert Webhook(url).post(alerts) is True
    assert received == [{"alerts": alerts}]
    assert Webhook(url).post([]) is False and len(received) == 1  # nothing to say, nothing sent
    assert Webhook("http://127.0.0.1:9/hook", timeout=1).post(alerts) is False  # discard port: refused, logged
    with pytest.raises(ValueError):
        Webhook("file:///etc/passwd")


def test_ingest_with_webhook_posts_each_articles_alerts(hook, run_cli, ceasefire_records, tmp_path):
    url, received = hook
    records = tmp_path / "records.jsonl"
    records.write_text("".join(r.model_dump_json() + "\n" for r in ceasefire_records))
    db = str(tmp_path / "t.duckdb")
    result = run_cli("ingest", "--records", str(records), "--db", db, "--webhook", url)
    assert result.exit_code == 0, result.output
    assert [[a["status"] for a in body["alerts"]] for body in received] == [["declared"], ["in_effect"], ["violated"]]
    out = run_cli("alerts", "--db", db)
    assert [json.loads(line)["status"] for line in out.output.splitlines()] == ["violated", "in_effect", "declared"]
    atom = run_cli("alerts", "--db", db, "--format", "atom").output
    assert len(ET.fromstring(atom).findall(f"{{{ATOM}}}entry")) == 3


def test_the_api_serves_both_feeds_and_posts_to_the_webhook(hook, pipeline, tmp_path):
    url, received = hook
    from truce.alerts import Webhook as Hook

    app = create_app(str(tmp_path / "api.duckdb"), pipeline=pipeline, token="s3cret", webhook=Hook(url))
    api = TestClient(app)
    answer = api.post("/api/ingest", headers={"Authorization": "Bearer s3cret"}, json={"id": "x-1", "published": "2024-06-03", "text":
                      "The Valley Front declared a ceasefire with the army on Sunday, a spokesman said."})
    assert answer.status_code == 200 and answer.json()["alerts"]
    assert received and received[0]["alerts"][0]["status"] == "declared"
    feed = api.get("/api/alerts").json()
    assert feed["items"][0]["_truce"]["article_id"] == "x-1"
    atom = api.get("/api/alerts.atom")
    assert atom.headers["content-type"].startswith("application/atom+xml")
    assert ET.fromstring(atom.text).find(f"{{{ATOM}}}entry/{{{ATOM}}}title").text.startswith("new ceasefire, declared")
