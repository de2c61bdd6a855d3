"""The store's tables, versioned: each migration is a list of steps (SQL statements, or a function
of the database for what SQL cannot do) run once, in order.

A store records its version in `schema_version`; opening a store applies the migrations it lacks.
The SQL is the common ground of DuckDB and PostgreSQL (TEXT, INTEGER, DOUBLE PRECISION, DATE,
TIMESTAMP). JSON parts of the record are kept as TEXT: both databases can parse it, and the
record round-trips byte for byte.
"""
from __future__ import annotations

import json

from .. import record as rec
from . import sources, watched
from .acled import acled_fields
from .backends import Backend, StoreError
from .review import fill_desk_columns

ACLED_COLUMNS = ("fatalities", "admin1", "admin2", "main_actor", "assoc_actors", "main_recipient", "assoc_recipients",
                 "inter1", "inter2")


def backfill_acled_fields(db: Backend) -> None:
    """Fill migration 2's columns for the events stored before it, from their articles' records."""
    for (article_id,) in db.execute("SELECT id FROM articles ORDER BY id"):
        record = rec.Record.model_validate(json.loads(db.one("SELECT record FROM articles WHERE id = ?", (article_id,))[0]))
        for event in record.events:
            row = db.one("SELECT iso3 FROM events WHERE article_id = ? AND event_id = ?", (article_id, event.id))
            if row is None:
                continue
            fields = acled_fields(record, event, row[0])
            db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in ACLED_COLUMNS)} "
                       "WHERE article_id = ? AND event_id = ?", [*(fields[c] for c in ACLED_COLUMNS), article_id, event.id])


# A step is an SQL statement, or a function of the database for what SQL alone cannot do.
MIGRATIONS: list[list] = [
    [  # 1: articles, their events (linked into incidents), ceasefires with their history
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            title TEXT, published DATE, source_name TEXT, source_url TEXT,
            text TEXT NOT NULL,
            record TEXT NOT NULL,
            ingested_at TIMESTAMP NOT NULL)""",
        "CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash)",
        """CREATE TABLE events (
            uid TEXT PRIMARY KEY,
            article_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            rank INTEGER NOT NULL,
            incident_id TEXT NOT NULL,
            event_type TEXT NOT NULL, mode TEXT,
            acled_event_type TEXT, acled_sub_event_type TEXT,
            factuality TEXT NOT NULL,
            date_value TEXT, date_precision TEXT, event_date DATE,
            actors TEXT NOT NULL, recipients TEXT NOT NULL, actor_keys TEXT NOT NULL,
            location_name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
            location_precision TEXT, country_code TEXT, iso3 TEXT, country TEXT,
            confidence DOUBLE PRECISION NOT NULL,
            evidence TEXT NOT NULL, trigger_text TEXT NOT NULL,
            event TEXT NOT NULL)""",
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX events_type_date ON events (event_type, event_date)",
        "CREATE INDEX events_incident ON events (incident_id)",
        """CREATE TABLE ceasefires (
            id TEXT PRIMARY KEY,
            parties TEXT NOT NULL, party_keys TEXT NOT NULL,
            declared TEXT, effective TEXT, ends TEXT,
            status TEXT NOT NULL,
            conditions TEXT NOT NULL)""",
        """CREATE TABLE ceasefire_history (
            ceasefire_id TEXT NOT NULL,
            article_id TEXT NOT NULL,
            local_id TEXT NOT NULL,
            entry_date DATE,
            status TEXT NOT NULL,
            declared_by TEXT NOT NULL, toward TEXT NOT NULL, party_keys TEXT NOT NULL,
            declared TEXT, effective TEXT, ends TEXT,
            violated_by TEXT, violated_on TEXT,
            conditions TEXT NOT NULL, event_uids TEXT NOT NULL,
            PRIMARY KEY (ceasefire_id, article_id))""",
        "CREATE INDEX ceasefire_history_article ON ceasefire_history (article_id)",
    ],
    [  # 2: ACLED's fields of each event (acled.py), filled in for the events already stored
        "ALTER TABLE events ADD COLUMN fatalities INTEGER",
        "ALTER TABLE events ADD COLUMN admin1 TEXT",
        "ALTER TABLE events ADD COLUMN admin2 TEXT",
        "ALTER TABLE events ADD COLUMN main_actor TEXT",
        "ALTER TABLE events ADD COLUMN assoc_actors TEXT",
        "ALTER TABLE events ADD COLUMN main_recipient TEXT",
        "ALTER TABLE events ADD COLUMN assoc_recipients TEXT",
        "ALTER TABLE events ADD COLUMN inter1 INTEGER",
        "ALTER TABLE events ADD COLUMN inter2 INTEGER",
        backfill_acled_fields,
    ],
    [  # 3: the analyst's desk: reviews by stable key, their audit trail, the ACLED type shown (review.py)
        "ALTER TABLE events ADD COLUMN review_key TEXT",
        "ALTER TABLE events ADD COLUMN review TEXT",
        "ALTER TABLE events ADD COLUMN acled_type TEXT",
        "ALTER TABLE events ADD COLUMN acled_sub_type TEXT",
        """CREATE TABLE reviews (
            review_key TEXT PRIMARY KEY,
            status TEXT NOT NULL, fields TEXT NOT NULL,
            reviewer TEXT NOT NULL, reviewed_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE review_audit (
            review_key TEXT NOT NULL, uid TEXT NOT NULL,
            reviewer TEXT NOT NULL, reviewed_at TIMESTAMP NOT NULL, action TEXT NOT NULL,
            before TEXT NOT NULL, after TEXT NOT NULL)""",
        "CREATE INDEX review_audit_key ON review_audit (review_key)",
        fill_desk_columns,  # (events need no index on review_key: reviews are found through the article or the uid)
    ],
    [  # 4: each article's steps of a ceasefire (status, date, sentence, who says so), mediators, the alerts feed
        "ALTER TABLE ceasefire_history ADD COLUMN steps TEXT",
        "ALTER TABLE ceasefire_history ADD COLUMN mediators TEXT",
        "ALTER TABLE ceasefires ADD COLUMN mediators TEXT",
        """CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            created_at TIMESTAMP NOT NULL,
            ceasefire_id TEXT NOT NULL, article_id TEXT NOT NULL,
            kind TEXT NOT NULL, status TEXT NOT NULL,
            alert TEXT NOT NULL)""",
        "CREATE INDEX alerts_created ON alerts (created_at)",
    ],
    # 5: each article's sources and near-duplicate band keys (sources.py); what `truce watch` has read (watched.py)
    sources.MIGRATION + watched.MIGRATION,
]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: Backend) -> int:
    try:
        row = db.one("SELECT max(version) FROM schema_version")
    except db.errors:  # no table yet: a new store (autocommit, so the failed statement leaves no trace)
        return 0
    return row[0] or 0


def migrate(db: Backend) -> int:
    """Bring the store to SCHEMA_VERSION; refuses a store written by a newer truce."""
    version = current_version(db)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the store has schema version {version}; this truce knows up to {SCHEMA_VERSION}")
    if version == 0:
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with db.transaction():
            for step in MIGRATIONS[number - 1]:
                db.execute(step) if isinstance(step, str) else step(db)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
    return SCHEMA_VERSION
