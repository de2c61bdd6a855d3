"""Event filters shared by `truce query`, `truce export` and the web API, turned into a WHERE clause.

Values travel as parameters, never inside the SQL text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

EVENT_COLUMNS = ("uid, article_id, event_id, rank, incident_id, event_type, mode, acled_event_type, "
                 "acled_sub_event_type, factuality, date_value, date_precision, event_date, actors, recipients, "
                 "location_name, lat, lon, location_precision, country_code, iso3, country, confidence, "
                 "evidence, trigger_text, fatalities, main_actor, main_recipient, acled_type, acled_sub_type, review")
ORDER = "ORDER BY event_date DESC NULLS LAST, article_id, rank"
# What an analyst's review makes of an event; "validated" is accepted or edited (an edit is a coding checked).
REVIEW_STATES = {"validated": "review IN ('accepted', 'edited')", "rejected": "review = 'rejected'",
                 "unreviewed": "review IS NULL", "reviewed": "review IS NOT NULL",
                 "kept": "(review IS NULL OR review <> 'rejected')"}
SEARCHED = ("COALESCE(actors, '') || ' ' || COALESCE(recipients, '') || ' ' || COALESCE(location_name, '') || ' ' || "
            "COALESCE(country, '') || ' ' || evidence")


@dataclass
class EventFilter:
    """Every field narrows the selection; empty ones do not. Dates are inclusive; undated events
    drop out as soon as `since` or `until` is given."""

    country: str | None = None          # a code or any common name; Store.where resolves it to alpha-2
    since: date | None = None
    until: date | None = None
    types: list[str] = field(default_factory=list)       # PLOVER event types
    factuality: list[str] = field(default_factory=list)
    actor: str | None = None            # part of an actor's or recipient's name, any case
    admin1: str | None = None           # the first-level region (Store.where sets it for Hong Kong, Macau)
    article_id: str | None = None
    incident_id: str | None = None
    # The analyst's desk (see review.py and table.py):
    text: str | None = None             # words anywhere in actors, recipients, place, country or sentence
    min_confidence: float | None = None
    acled_types: list[str] = field(default_factory=list)  # ACLED event types as shown and exported
    review: str | None = None           # one of REVIEW_STATES

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.country:  # the alpha-2 code every located event keeps (iso3 and name need the gazetteer)
            clauses.append("country_code = ?")
            params.append(self.country.upper())
        if self.admin1:
            clauses.append("admin1 = ?")
            params.append(self.admin1)
        if self.since:
            clauses.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until)
        for column, values in (("event_type", [t.upper() for t in self.types]), ("factuality", self.factuality)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += values
        if self.actor:
            clauses.append("(actors ILIKE ? OR recipients ILIKE ?)")
            params += [_like(self.actor)] * 2
        for word in (self.text or "").split():  # every word somewhere in the event
            clauses.append(f"({SEARCHED}) ILIKE ?")
            params.append(_like(word))
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.acled_types:
            clauses.append(f"acled_type IN ({', '.join('?' for _ in self.acled_types)})")
            params += self.acled_types
        if self.review:
            if self.review not in REVIEW_STATES:
                raise ValueError(f"unknown review state {self.review!r}; choose one of {', '.join(REVIEW_STATES)}")
            clauses.append(REVIEW_STATES[self.review])
        for column, value in (("article_id", self.article_id), ("incident_id", self.incident_id)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _like(value: str) -> str:
    """A LIKE pattern for `value` anywhere; LIKE's own wildcards are dropped from it, not obeyed."""
    return "%" + value.replace("\\", "").replace("%", "").replace("_", "") + "%"
