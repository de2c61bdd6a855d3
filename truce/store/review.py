"""An analyst's review of stored events: accept, reject or edit one, each change kept in an audit trail.

A review belongs to a stable key, not to the event's row: `review_key` is the article's text (its
content hash) and the event's trigger span, which stay the same when the article is ingested again,
even by a newer pipeline that numbers its events differently. Ingesting an article replaces its
events; `reapply` then puts each review back on the event with the same key. A review whose event is
gone (the new analysis found no event at that trigger) is kept, unattached, and listed by `orphans`:
nothing an analyst did is lost.

An edit is kept as the fields the analyst gave (`reviews.fields`, JSON) and applied to the event's
row, so that every reading of the store (the table, the map, `truce query`, every export) shows the
corrected coding. The audit trail (`review_audit`) has one row per action: who, when, the action, and
the changed columns before and after.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from .. import record as rec
from .acled import acled_type
from .backends import Backend
from .countries import Countries
from .ingest import content_hash, day

ACTIONS = ("accept", "reject", "edit")
STATUS_OF = {"accept": "accepted", "reject": "rejected", "edit": "edited"}
FACTUALITY = ("asserted", "negated", "future", "possible", "conditional")
LOCATION_PRECISION = ("exact", "near", "city", "admin1", "country")
PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}
# The fields an analyst may edit, each with the event columns it sets (see `columns_for`).
EDITABLE = ("event_type", "acled_event_type", "acled_sub_event_type", "actors", "recipients", "date",
            "location_name", "country", "lat", "lon", "location_precision", "fatalities", "factuality")
AUDIT_COLUMNS = "review_key, uid, reviewer, reviewed_at, action, before, after"


class ReviewError(ValueError):
    """A review the store refuses: an unknown action, field or value."""


def review_keys(record: rec.Record) -> dict[str, str]:
    """Event id -> its stable key: the article text's hash and the trigger's span; a second event on
    the same trigger (two types read from one verb) gets #2, and so on, in the record's order."""
    text = content_hash(record.text)[:16]
    seen: dict[tuple[int, int], int] = {}
    keys = {}
    for event in record.events:
        span = (event.trigger.start, event.trigger.end)
        seen[span] = seen.get(span, 0) + 1
        keys[event.id] = f"{text}:{span[0]}-{span[1]}" + (f"#{seen[span]}" if seen[span] > 1 else "")
    return keys


def columns_for(fields: dict, countries: Countries) -> dict:
    """The event columns an edit sets, its values checked; ReviewError names the first bad one."""
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise ReviewError(f"{unknown[0]!r} cannot be edited; the fields are {', '.join(EDITABLE)}")
    columns: dict = {}
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        columns.update(_COLUMN_SETTERS[name](None if value == "" else value, countries))
    return columns


def _choice(column: str, allowed, upper: bool = False):
    def setter(value, _countries):
        value = value.upper() if upper and isinstance(value, str) else value
        if value not in allowed:
            raise ReviewError(f"{column} must be one of {', '.join(allowed)}, not {value!r}")
        return {column: value}
    return setter


def _text(*columns: str):
    """Free text, into each of `columns` (the classifier's ACLED type and the one shown are set together)."""
    return lambda value, _countries: {column: None if value is None else str(value)[:500] for column in columns}


def _names(column: str, main: str, associated: str):
    """'A; B' -> the names, the first as the main actor (ACLED's actor1) and the rest associated."""
    def setter(value, _countries):
        names = [n.strip() for n in str(value or "").split(";") if n.strip()]
        return {column: "; ".join(names), main: names[0] if names else None, associated: "; ".join(names[1:]) or None}
    return setter


def _date(value, _countries):
    if value is None:
        return {"date_value": None, "date_precision": None, "event_date": None}
    value = str(value)
    if len(value) not in PRECISION_OF_LENGTH:
        raise ReviewError(f"a date is YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    try:
        datetime.strptime(value, {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(value)])
    except ValueError:
        raise ReviewError(f"a date is YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}") from None
    return {"date_value": value, "date_precision": PRECISION_OF_LENGTH[len(value)], "event_date": day(value)}


def _country(value, countries: Countries):
    if value is None:
        return {"country_code": None, "iso3": None, "country": None}
    code = countries.code(str(value))  # UnknownCountry (a StoreError) names what was given
    iso3, name = countries.names(code) or (None, None)
    return {"country_code": code, "iso3": iso3, "country": name}


def _coordinate(column: str, limit: float):
    def setter(value, _countries):
        if value is None:
            return {column: None}
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ReviewError(f"{column} must be a number, not {value!r}") from None
        if not -limit <= number <= limit:
            raise ReviewError(f"{column} must be between -{limit:g} and {limit:g}")
        return {column: number}
    return setter


def _fatalities(value, _countries):
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        raise ReviewError(f"fatalities must be a whole number, not {value!r}") from None
    if number < 0:
        raise ReviewError("fatalities cannot be negative")
    return {"fatalities": number}


_COLUMN_SETTERS = {
    "event_type": _choice("event_type", rec.EVENT_TYPES, upper=True),
    "acled_event_type": _text("acled_event_type", "acled_type"),
    "acled_sub_event_type": _text("acled_sub_event_type", "acled_sub_type"),
    "actors": _names("actors", "main_actor", "assoc_actors"),
    "recipients": _names("recipients", "main_recipient", "assoc_recipients"),
    "date": _date, "location_name": _text("location_name"), "country": _country,
    "lat": _coordinate("lat", 90), "lon": _coordinate("lon", 180),
    "location_precision": _choice("location_precision", LOCATION_PRECISION),
    "fatalities": _fatalities, "factuality": _choice("factuality", FACTUALITY),
}


def review_event(db: Backend, countries: Countries, uid: str, action: str, reviewer: str,
                 fields: dict | None = None) -> dict | None:
    """Accept, reject or edit the event `uid` on behalf of `reviewer`; None when there is no such event.
    Returns the audit entry written. An edit also sets the status 'edited' (unless it changes nothing)."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
    if not reviewer or not reviewer.strip():
        raise ReviewError("a review needs the reviewer's name")
    fields = fields or {}
    if action != "edit" and fields:
        raise ReviewError(f"{action} takes no fields; use edit to change them")
    columns = columns_for(fields, countries)
    row = db.one("SELECT review_key FROM events WHERE uid = ?", (uid,))
    if row is None:
        return None
    key = row[0]
    with db.transaction():
        before = _row(db, uid, [*columns, "review"])
        earlier = db.one("SELECT fields FROM reviews WHERE review_key = ?", (key,))
        kept = json.loads(earlier[0]) if earlier else {}
        status = STATUS_OF[action]
        _apply(db, uid, columns, status)
        db.execute("DELETE FROM reviews WHERE review_key = ?", (key,))
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        db.execute("INSERT INTO reviews (review_key, status, fields, reviewer, reviewed_at) VALUES (?, ?, ?, ?, ?)",
                   (key, status, json.dumps(kept | fields, ensure_ascii=False, sort_keys=True), reviewer.strip(), now))
        after = _row(db, uid, [*columns, "review"])
        entry = {"review_key": key, "uid": uid, "reviewer": reviewer.strip(), "reviewed_at": now, "action": action,
                 "before": _dumps(before), "after": _dumps(after)}
        db.execute(f"INSERT INTO review_audit ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [entry[c] for c in AUDIT_COLUMNS.split(", ")])
    return _public(entry)


def reapply(db: Backend, countries: Countries, article_id: str) -> int:
    """Put the stored reviews back on a newly ingested article's events (same key); returns how many."""
    applied = 0
    for uid, status, fields in db.execute(
            "SELECT e.uid, r.status, r.fields FROM events e JOIN reviews r ON r.review_key = e.review_key "
            "WHERE e.article_id = ? ORDER BY e.uid", (article_id,)):
        _apply(db, uid, columns_for(json.loads(fields), countries), status)
        applied += 1
    return applied


def audit(db: Backend, uid: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    """The audit trail, newest first: of one event (by its key, so earlier analyses' entries too), or all."""
    if uid is None:
        names, rows = db.columns(f"SELECT {AUDIT_COLUMNS} FROM review_audit ORDER BY reviewed_at DESC, uid LIMIT ? OFFSET ?",
                                 (limit, offset))
    else:
        names, rows = db.columns(f"SELECT {AUDIT_COLUMNS} FROM review_audit WHERE review_key = "
                                 "(SELECT review_key FROM events WHERE uid = ?) ORDER BY reviewed_at DESC LIMIT ? OFFSET ?",
                                 (uid, limit, offset))
    return [_public(dict(zip(names, row))) for row in rows]


def orphans(db: Backend) -> list[dict]:
    """Reviews whose event a later analysis no longer has: kept, with their fields, for the analyst."""
    names, rows = db.columns("SELECT review_key, status, fields, reviewer, reviewed_at FROM reviews "
                             "WHERE review_key NOT IN (SELECT review_key FROM events WHERE review_key IS NOT NULL) "
                             "ORDER BY reviewed_at DESC")
    return [dict(zip(names, row)) | {"fields": json.loads(row[names.index("fields")])} for row in rows]


def fill_desk_columns(db: Backend) -> None:
    """Migration 3 for the events stored before it: their review keys (from the articles' records) and
    the ACLED type the table shows and filters on."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id"):
        record = rec.Record.model_validate(json.loads(db.one("SELECT record FROM articles WHERE id = ?", (article_id,))[0]))
        for event_id, key in review_keys(record).items():
            db.execute("UPDATE events SET review_key = ? WHERE article_id = ? AND event_id = ?", (key, article_id, event_id))
    for uid, plover, given, sub, inter2 in db.execute(
            "SELECT uid, event_type, acled_event_type, acled_sub_event_type, inter2 FROM events ORDER BY uid"):
        db.execute("UPDATE events SET acled_type = ?, acled_sub_type = ? WHERE uid = ?",
                   (*acled_type(plover, given, sub, inter2), uid))


def _apply(db: Backend, uid: str, columns: dict, status: str) -> None:
    assignments = [f"{column} = ?" for column in columns] + ["review = ?"]
    db.execute(f"UPDATE events SET {', '.join(assignments)} WHERE uid = ?", [*columns.values(), status, uid])


def _row(db: Backend, uid: str, columns: list[str]) -> dict:
    names, rows = db.columns(f"SELECT {', '.join(dict.fromkeys(columns))} FROM events WHERE uid = ?", (uid,))
    return dict(zip(names, rows[0]))


def _dumps(values: dict) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)


def _public(entry: dict) -> dict:
    return entry | {"before": json.loads(entry["before"]), "after": json.loads(entry["after"]),
                    "reviewed_at": entry["reviewed_at"].isoformat(timespec="seconds") + "Z"}
