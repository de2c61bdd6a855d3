"""From a record to the store's rows: one article row, one row per event (ceasefires: ceasefires.py).

Pure functions of the record (and of the gazetteer's country names), so the store's writes can be
read and tested apart from any database.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timezone
from typing import Iterator

from .. import record as rec
from .acled import acled_fields, acled_type
from .linking import actor_keys, pack


def content_hash(text: str) -> str:
    """The same article text gives the same hash, whatever id it arrives under."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def day(value: str | None) -> date | None:
    """A date object for a full YYYY-MM-DD value; None for a month, a year, or nothing."""
    return date.fromisoformat(value) if value and len(value) == 10 else None


def article_row(record: rec.Record) -> tuple:
    return (record.id, content_hash(record.text), record.title, day(record.published), record.source.name,
            record.source.url, record.text, record.model_dump_json(), datetime.now(timezone.utc).replace(tzinfo=None))


def event_uid(article_id: str, event_id: str) -> str:
    return f"{article_id}:{event_id}"


def event_row(record: rec.Record, rank: int, event: rec.Event, country_of) -> dict:
    """One event as a row (a dict by column name); `country_of(iso2)` gives (iso3, name) or None."""
    actors = {a.id: a for a in record.actors}
    loc = event.location
    iso3, country = (country_of(loc.country_code) or (None, None)) if loc and loc.country_code else (None, None)
    acled = acled_fields(record, event, iso3)
    shown = acled_type(event.event_type, event.acled.event_type if event.acled else None,
                       event.acled.sub_event_type if event.acled else None, acled["inter2"])
    return acled | {"acled_type": shown[0], "acled_sub_type": shown[1]} | {
        "uid": event_uid(record.id, event.id), "article_id": record.id, "event_id": event.id, "rank": rank,
        "event_type": event.event_type, "mode": event.mode,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "factuality": event.factuality,
        "date_value": event.date.value if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "event_date": day(event.date.value) if event.date else None,
        "actors": _names(actors, event.actors), "recipients": _names(actors, event.recipients),
        "actor_keys": pack(actor_keys(actors[i] for i in event.actors + event.recipients if i in actors)),
        "location_name": loc.name if loc else None, "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None, "country_code": loc.country_code if loc else None,
        "iso3": iso3, "country": country,
        "confidence": event.confidence, "evidence": event.evidence.text, "trigger_text": event.trigger.text,
        "event": event.model_dump_json(),
    }


def _names(actors: dict, ids: list[str]) -> str:
    return "; ".join(actors[i].name for i in ids if i in actors)


def records_from_jsonl(stream) -> Iterator[rec.Record | rec.ErrorLine]:
    """Records written by `truce analyze --format jsonl`; error lines and unreadable lines become ErrorLines."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        obj = None
        try:
            obj = json.loads(line)
            if "error" in obj:
                yield rec.ErrorLine(**obj)
                continue
            record = rec.Record.model_validate(obj)
            record.model_dump_json().encode("utf-8")  # a lone surrogate ("\ud800" in the JSON) cannot be stored
            yield record
        except (ValueError, TypeError) as exc:  # pydantic's ValidationError is a ValueError
            given_id = obj.get("id") if isinstance(obj, dict) else None
            yield rec.ErrorLine(id=str(given_id) if isinstance(given_id, (str, int)) else None,  # not {"id": {...}}
                                error=f"line {number} is not a truce record: {str(exc)[:200]}")
