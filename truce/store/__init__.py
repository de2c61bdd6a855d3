"""truce's store: DuckDB by default (a file, no server), PostgreSQL for shared use."""
from .backends import DEFAULT_DB, StoreError
from .query import EventFilter
from .schema import SCHEMA_VERSION
from .store import Store, ingest_all

__all__ = ["DEFAULT_DB", "EventFilter", "SCHEMA_VERSION", "Store", "StoreError", "ingest_all"]
