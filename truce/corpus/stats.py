"""What the corpus holds: articles, outlets, sources, events by type and factuality, ceasefires."""
from __future__ import annotations

from collections import Counter


def stats(articles: list[dict]) -> dict:
    events = [e for a in articles for e in a["events"]]
    words = sum(len(a["text"].split()) for a in articles if "text" in a)
    return {
        "articles": len(articles),
        "articles_by_split": dict(Counter(a["split"] for a in articles)),
        "articles_by_source": dict(Counter(a["id"].split(":")[0] for a in articles)),
        "outlets": len({a["outlet"] for a in articles if a["outlet"]}),
        "articles_without_events": sum(1 for a in articles if not a["events"]),
        "reviewed": sum(1 for a in articles if a.get("reviewer")),
        "events": len(events),
        "events_per_1000_words": round(1000 * len(events) / words, 1) if words else None,
        "events_by_type": dict(Counter(e["event_type"] for e in events).most_common()),
        "events_by_factuality": dict(Counter(e["factuality"] for e in events).most_common()),
        "events_dated": sum(1 for e in events if e["date"]),
        "events_placed": sum(1 for e in events if e["place"]),
        "ceasefires": sum(len(a["ceasefires"]) for a in articles),
    }
