"""truce's store: DuckDB by default (a file, no server), PostgreSQL for shared use."""
from .backends import DEFAULT_DB, StoreBusy, StoreError
from .countries import Countries, UnknownCountry
from .query import EventFilter
from .schema import SCHEMA_VERSION
from .shared import SharedStore, ingest_batches
from .store import Store, ingest_all

__all__ = ["Countries", "DEFAULT_DB", "EventFilter", "SCHEMA_VERSION", "SharedStore", "Store", "StoreBusy", "StoreError",
           "UnknownCountry", "ingest_all", "ingest_batches"]
