"""Alerts: a tracked ceasefire's new status or violation, as an Atom feed, a JSON Feed, and a webhook POST.

The store raises the alerts (truce/store/ceasefires.py) as articles are ingested; this module only
writes them out. The webhook gets one POST per ingested article that raised any, a JSON body
`{"alerts": [...]}`; a webhook that fails or is slow is logged and never stops the ingest.
"""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from xml.etree import ElementTree as ET

logger = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:truce:alerts"
WEBHOOK_TIMEOUT = 5.0


def headline(alert: dict) -> str:
    """One line saying what happened: "violated: Northern Unity Movement - Malian army (by Northern Unity Movement)"."""
    parties = " - ".join(alert.get("parties") or []) or "a ceasefire"
    what = alert["status"].replace("_", " ")
    by = f" (by {alert['violated_by']})" if alert.get("violated_by") else ""
    return f"{'new ceasefire, ' if alert['kind'] == 'new' else ''}{what}: {parties}{by}"


def json_feed(alerts: list[dict], home: str = "") -> dict:
    """A JSON Feed 1.1 (jsonfeed.org) of the alerts; each item's `_truce` holds the alert itself."""
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "truce: ceasefire alerts",
        "home_page_url": f"{home}/ceasefires.html" if home else None,
        "feed_url": f"{home}/api/alerts" if home else None,
        "items": [{"id": a["id"], "title": headline(a), "content_text": a.get("evidence") or "",
                   "url": a.get("url"), "date_published": a["created_at"], "_truce": a} for a in alerts],
    }


def atom_feed(alerts: list[dict], home: str = "") -> str:
    """An Atom (RFC 4287) feed of the alerts, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", FEED_ID)
    _text(feed, "title", "truce: ceasefire alerts")
    _text(feed, "updated", alerts[0]["created_at"] if alerts else "1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{home}/api/alerts.atom")
    for alert in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{FEED_ID}:{alert['id']}")
        _text(entry, "title", headline(alert))
        _text(entry, "updated", alert["created_at"])
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", alert.get("claimed_by") or "truce")
        ET.SubElement(entry, f"{{{ATOM}}}category", term=alert["status"], label=alert["kind"])
        if alert.get("url"):
            ET.SubElement(entry, f"{{{ATOM}}}link", href=alert["url"])
        _text(entry, "summary", f"{alert.get('entry_date') or ''} {alert.get('evidence') or ''}".strip())
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


class Webhook:
    """POSTs the alerts of each ingested article to one URL (`--webhook URL`, or TRUCE_WEBHOOK)."""

    def __init__(self, url: str, timeout: float = WEBHOOK_TIMEOUT):
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"a webhook is an http:// or https:// URL, not {url!r}")
        self.url, self.timeout = url, timeout

    def post(self, alerts: list[dict]) -> bool:
        """True when the webhook answered 2xx; nothing is sent for no alerts."""
        if not alerts:
            return False
        body = json.dumps({"alerts": alerts}, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=body, method="POST",
                                         headers={"Content-Type": "application/json", "User-Agent": "truce-alerts"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return 200 <= response.status < 300
        except (urllib.error.URLError, OSError, ValueError) as exc:
            logger.warning("webhook %s failed: %s (%d alerts not delivered; they stay in the feed)",
                           self.url, exc, len(alerts))
            return False


def webhook_from(url: str | None) -> Webhook | None:
    return Webhook(url) if url else None
