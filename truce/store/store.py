"""The store: records in, events, incidents and ceasefires out, on DuckDB or PostgreSQL.

Ingesting is idempotent: an article already stored under the same id, or with the same text under
another id, is replaced by the new analysis, all in one transaction. Each new event joins the
incident of a matching event from another article (see linking.py); each ceasefire joins a stored
ceasefire with a shared side in its time window, and its history gets this article's steps, a change
of status or a violation raising an alert (see ceasefires.py).
"""
from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import date
from typing import Iterator

from .. import record as rec
from . import ceasefires, linking, review, sources
from .backends import Backend, connect
from .acled import TERRITORIES
from .countries import Countries
from .ingest import article_row, content_hash, event_row
from .query import EVENT_COLUMNS, ORDER, EventFilter
from .schema import SCHEMA_VERSION, migrate

logger = logging.getLogger(__name__)
CHUNK = 100  # events per statement when inserting or searching in bulk


class Store:
    def __init__(self, url: str | None = None, countries: Countries | None = None, wait: float | None = None):
        """`countries`: country names and codes (the gazetteer's, opened on first use, by default).
        `wait`: seconds to wait for a DuckDB file another process holds (see backends.connect)."""
        self.db: Backend = connect(url, wait)
        try:
            self.version = migrate(self.db)
        except BaseException:
            self.db.close()
            raise
        self.countries = countries or Countries()

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- writing ---------------------------------------------------------------------------------------------

    def ingest(self, record: rec.Record) -> dict:
        """Store one record, replacing any earlier analysis of the same article. Returns a summary."""
        with self.db.transaction():
            original = sources.original_of(self.db, record)
            if original:  # a syndicated copy of a stored article: one more source of it (sources.py)
                return sources.add_copy(self.db, record, *original)
            replaced = self._delete_article(record.id, content_hash(record.text))
            self.db.execute("INSERT INTO articles (id, content_hash, title, published, source_name, source_url, "
                            "text, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", article_row(record))
            linked = self._insert_events(record)
            reviewed = review.reapply(self.db, self.countries, record.id)  # an analyst's reviews outlive re-analysis
            sources.remember(self.db, record, replaced)
            alerts: list[dict] = []
            tracked = [c for c in dict.fromkeys(self._insert_history(record, c, alerts) for c in record.ceasefires) if c]
        return {"id": record.id, "replaced": replaced, "events": len(record.events), "linked_events": linked,
                "ceasefires": tracked, "alerts": alerts} | ({"reviews_kept": reviewed} if reviewed else {})

    def _delete_article(self, article_id: str, text_hash: str) -> list[str]:
        ids = [r[0] for r in self.db.execute("SELECT id FROM articles WHERE id = ? OR content_hash = ?",
                                             (article_id, text_hash))]
        for old in ids:
            touched = [r[0] for r in self.db.execute(
                "SELECT DISTINCT ceasefire_id FROM ceasefire_history WHERE article_id = ?", (old,))]
            for table, column in (("events", "article_id"), ("ceasefire_history", "article_id"), ("articles", "id")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (old,))
            for ceasefire_id in touched:
                ceasefires.refresh(self.db, ceasefire_id)
        return ids

    def _insert_events(self, record: rec.Record) -> int:
        """Insert the article's events, each joined to the incident of a matching event of another article;
        returns how many joined one. Batched (one search for candidates, one INSERT per CHUNK events):
        a statement costs milliseconds, and an article can have hundreds of events."""
        keys = review.review_keys(record)
        rows = [event_row(record, rank, event, self.countries.names) | {"review_key": keys[event.id]}
                for rank, event in enumerate(record.events)]
        candidates = self._incident_candidates(rows)
        linked = 0
        for row in rows:
            match = next((c["incident_id"] for c in candidates if linking.same_incident(row, c)), None)
            row["incident_id"] = match or row["uid"]
            linked += match is not None
        for at in range(0, len(rows), CHUNK):
            chunk = rows[at:at + CHUNK]
            columns = list(chunk[0])
            marks = "(" + ", ".join("?" for _ in columns) + ")"
            self.db.execute(f"INSERT INTO events ({', '.join(columns)}) VALUES {', '.join(marks for _ in chunk)}",
                            [row[c] for row in chunk for c in columns])
        return linked

    def _incident_candidates(self, rows: list[dict]) -> list[dict]:
        """Stored events of other articles that could be the same incident as one of `rows` (same type and
        factuality, within LINK_DAYS), oldest first: the first that links wins, as ever."""
        linkable = [r for r in rows if r["event_date"] is not None and r["lat"] is not None]
        found: dict[str, dict] = {}
        for at in range(0, len(linkable), CHUNK):
            clauses, params = [], []
            for row in linkable[at:at + CHUNK]:
                clauses.append("(event_type = ? AND factuality = ? AND event_date BETWEEN ? AND ?)")
                params += [row["event_type"], row["factuality"],
                           *(date.fromordinal(row["event_date"].toordinal() + d) for d in (-linking.LINK_DAYS, linking.LINK_DAYS))]
            for c in self._dicts("SELECT uid, incident_id, event_type, factuality, event_date, lat, lon, location_precision, "
                                 f"actor_keys FROM events WHERE article_id <> ? AND ({' OR '.join(clauses)})",
                                 [rows[0]["article_id"], *params]):
                found[c["uid"]] = c
        return sorted(found.values(), key=lambda c: (c["event_date"], c["uid"]))

    def _insert_history(self, record: rec.Record, ceasefire: rec.Ceasefire, alerts: list[dict]) -> str | None:
        ceasefire_id, raised = ceasefires.record_history(self.db, record, ceasefire)
        alerts += raised
        return ceasefire_id

    # -- reading ---------------------------------------------------------------------------------------------

    def where(self, filters: EventFilter | None) -> tuple[str, list]:
        """The WHERE clause of a filter, its country resolved to the code stored (UnknownCountry if none);
        a territory filed under its sovereign (Hong Kong) is that country's region."""
        filters = filters or EventFilter()
        if filters.country:
            code = self.countries.code(filters.country)
            sovereign, region = TERRITORIES.get(code, (code, None))
            filters = replace(filters, country=sovereign, admin1=region or filters.admin1)
        return filters.where()

    def event_countries(self) -> list[dict]:
        """The countries of the stored events with their event counts, most events first; events
        placed in no country are one row without a code."""
        return self._dicts("SELECT country, iso3, country_code AS iso2, count(*) AS events FROM events "
                           "GROUP BY country, iso3, country_code ORDER BY events DESC, country_code NULLS LAST")

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = self.where(filters)
        return self.db.one(f"SELECT count(*) FROM events {where}", params)[0]

    def events(self, filters: EventFilter | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        where, params = self.where(filters)
        return self._dicts(f"SELECT {EVENT_COLUMNS} FROM events {where} {ORDER} LIMIT ? OFFSET ?",
                           [*params, limit, offset])

    def stream_events(self, filters: EventFilter | None = None, columns: str = EVENT_COLUMNS,
                      joined: bool = False) -> Iterator[tuple[list[str], list[tuple]]]:
        """Batches of (column names, rows) in bounded memory; `joined` adds the article's source and title.
        In storage order: sorting a million rows would hold them all in the database's memory first."""
        where, params = self.where(filters)
        source = ("events JOIN (SELECT id AS a_id, title, source_name, source_url, published, ingested_at FROM articles) a "
                  "ON a.a_id = events.article_id") if joined else "events"
        yield from self.db.stream(f"SELECT {columns} FROM {source} {where}", params)

    def event(self, uid: str) -> dict | None:
        rows = self._dicts(f"SELECT {EVENT_COLUMNS}, event FROM events WHERE uid = ?", [uid])
        if not rows:
            return None
        event = rows[0]
        event["event"] = json.loads(event["event"])
        event["sources"] = self._dicts(
            "SELECT e.uid, e.article_id, a.title, a.source_name, a.source_url, a.published, e.evidence "
            "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id = ? ORDER BY a.published, e.uid",
            [event["incident_id"]])
        return event

    def article(self, article_id: str) -> dict | None:
        row = self.db.one("SELECT record FROM articles WHERE id = ?", (article_id,))
        return json.loads(row[0]) if row else None

    def count_articles(self) -> int:
        return self.db.one("SELECT count(*) FROM articles")[0]

    def ceasefires(self) -> list[dict]:
        """Each tracked ceasefire with its sides, mediators, conditions and history (store/ceasefires.py)."""
        return ceasefires.listing(self.db)

    def ceasefire_history(self, ceasefire_id: str) -> list[dict]:
        return ceasefires.steps_of(ceasefires.history_rows(self.db, ceasefire_id))

    def alerts(self, limit: int = 100) -> list[dict]:
        """The alerts feed, newest first: new ceasefires, changes of status, violations."""
        return ceasefires.alerts(self.db, limit)

    def timeline(self, filters: EventFilter | None = None) -> list[dict]:
        """Events per day and type (dated events only)."""
        where, params = self.where(filters)
        where = f"{where} AND event_date IS NOT NULL" if where else "WHERE event_date IS NOT NULL"
        return self._dicts(f"SELECT event_date AS day, event_type, count(*) AS events FROM events {where} "
                           "GROUP BY event_date, event_type ORDER BY event_date, event_type", params)

    def _dicts(self, sql: str, params=()) -> list[dict]:
        names, rows = self.db.columns(sql, params)
        return [dict(zip(names, row)) for row in rows]


def ingest_all(store: Store, results) -> Iterator[dict]:
    """Store each record of a batch; error lines pass through, and a record the store refuses becomes
    one {"id", "error"} line while the batch goes on."""
    for result in results:
        if isinstance(result, rec.ErrorLine):
            yield result.model_dump()
            continue
        try:
            yield store.ingest(result)
        except store.db.errors as exc:
            logger.exception("storing %s failed", result.id)
            yield {"id": result.id, "error": f"storing failed: {exc}"}
