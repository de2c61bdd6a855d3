"""From a record to the store's rows: one article row, one row per event, one history entry per ceasefire.

Pure functions of the record (and of the gazetteer's country names), so the store's writes can be
read and tested apart from any database.
"""
from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime, timezone
from typing import Iterator

from .. import record as rec
from .acled import acled_fields, acled_type
from .linking import actor_keys, pack, unpack

VIOLATIONS = ("ASSAULT", "COERCE")


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


STATUS_ORDER = ("declared", "in_effect", "rejected", "violated", "ended")  # later ones win when merging


def history_entry(record: rec.Record, ceasefire: rec.Ceasefire) -> dict:
    """What one article says of one ceasefire: its parties, dates, conditions, status, and any violation.

    When the article's ceasefire names no party, the actors named in its events' sentences stand in, so
    that a later report ("the attack broke the ceasefire the movement declared") still finds its ceasefire.
    A ceasefire reported as declared or in effect is violated when the same article reports a dated attack
    by or on one of its parties on or after the day it was declared.
    """
    actors = {a.id: a for a in record.actors}
    parties = [i for i in ceasefire.declared_by + ceasefire.toward if i in actors] or _named_in_events(record, ceasefire)
    declared = ceasefire.declared.value if ceasefire.declared else None
    violated_by, violated_on = _violation(record, ceasefire, set(parties), declared, actors)
    status = "violated" if violated_on and ceasefire.status in ("declared", "in_effect") else ceasefire.status
    return {
        "article_id": record.id, "local_id": ceasefire.id,
        "entry_date": day(record.published) or day(declared),
        "status": status,
        "declared_by": _names(actors, ceasefire.declared_by), "toward": _names(actors, ceasefire.toward),
        "party_keys": pack(actor_keys(actors[i] for i in parties)),
        "declared": declared,
        "effective": ceasefire.effective.value if ceasefire.effective else None,
        "ends": ceasefire.ends.value if ceasefire.ends else None,
        "violated_by": violated_by, "violated_on": violated_on,
        "conditions": json.dumps([c.text for c in ceasefire.conditions], ensure_ascii=False),
        "event_uids": json.dumps([event_uid(record.id, e) for e in ceasefire.event_ids]),
    }


def merge_entries(old: dict, new: dict) -> dict:
    """One entry per article and ceasefire: two of an article's ceasefires that are one real ceasefire merge."""
    merged = dict(old)
    merged["local_id"] = f"{old['local_id']}+{new['local_id']}"
    merged["status"] = max(old["status"], new["status"], key=STATUS_ORDER.index)
    for field in ("declared_by", "toward"):
        merged[field] = "; ".join(dict.fromkeys(n for e in (old, new) for n in e[field].split("; ") if n))
    merged["party_keys"] = pack(unpack(old["party_keys"]) | unpack(new["party_keys"]))
    for field in ("conditions", "event_uids"):
        merged[field] = json.dumps(list(dict.fromkeys(json.loads(old[field]) + json.loads(new[field]))), ensure_ascii=False)
    for field in ("entry_date", "declared", "effective", "ends", "violated_by", "violated_on"):
        merged[field] = old[field] or new[field]
    return merged


def _named_in_events(record: rec.Record, ceasefire: rec.Ceasefire) -> list[str]:
    sentences = " ".join(e.evidence.text for e in record.events if e.id in ceasefire.event_ids)
    return [a.id for a in record.actors
            if any(re.search(rf"\b{re.escape(name)}\b", sentences) for name in [a.name, *a.aliases])]


def _violation(record: rec.Record, ceasefire: rec.Ceasefire, parties: set[str], declared: str | None,
               actors) -> tuple[str | None, str | None]:
    """Who broke the ceasefire and when: the first dated, asserted attack by or on one of its parties,
    on or after the day it was declared."""
    if not parties or not declared:
        return None, None
    for event in record.events:
        if event.event_type in VIOLATIONS and event.factuality == "asserted" and event.id not in ceasefire.event_ids \
                and parties & set(event.actors + event.recipients) and event.date and event.date.value >= declared:
            return _names(actors, event.actors) or None, event.date.value
    return None, None


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
