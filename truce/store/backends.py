"""Two databases behind one small interface: DuckDB (embedded, the default) and PostgreSQL.

Every statement in truce is written once, with `?` placeholders and values passed separately (never
formatted into the SQL); the PostgreSQL backend turns `?` into psycopg's `%s`. No statement contains
a literal `?` or `%`, so the translation is exact.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import TruceError

DEFAULT_DB = "truce.duckdb"


class StoreError(TruceError):
    pass


class Backend:
    """A connection with the few operations the store needs."""

    name = "?"

    def execute(self, sql: str, params=()) -> list[tuple]:
        cur = self._cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur.fetchall() if cur.description else []

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self._cursor().executemany(self._sql(sql), rows)

    def one(self, sql: str, params=()):
        rows = self.execute(sql, params)
        return rows[0] if rows else None

    def columns(self, sql: str, params=()) -> tuple[list[str], list[tuple]]:
        cur = self._cursor()
        cur.execute(self._sql(sql), tuple(params))
        return [d[0] for d in cur.description], cur.fetchall()

    def _sql(self, sql: str) -> str:
        return sql


class DuckDB(Backend):
    name = "duckdb"

    def __init__(self, path: str):
        import duckdb

        self.path = path
        # DuckDB caches table blocks up to its memory limit (80% of RAM by default); a cap keeps a long
        # export's footprint bounded, as the blocks it has passed are evicted.
        config = {"memory_limit": os.environ.get("TRUCE_DUCKDB_MEMORY", "512MB")}
        try:
            self.conn = duckdb.connect(path, config=config)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the DuckDB store {path}: {exc}") from None
        self.errors = (duckdb.Error,)

    def _cursor(self):
        return self.conn

    @contextmanager
    def transaction(self):
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def stream(self, sql: str, params=(), size: int = 2000) -> Iterator[tuple[list[str], list[tuple]]]:
        """Batches of rows: DuckDB hands results over in chunks, so memory stays bounded."""
        cur = self.conn.cursor()
        cur.execute(sql, tuple(params))
        names = [d[0] for d in cur.description]
        while rows := cur.fetchmany(size):
            yield names, rows

    def close(self) -> None:
        self.conn.close()


class Postgres(Backend):
    name = "postgresql"

    def __init__(self, url: str):
        import psycopg

        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip()) from None
        self.errors = (psycopg.Error,)

    def _cursor(self):
        return self.conn.cursor()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def transaction(self):
        with self.conn.transaction():
            yield

    def stream(self, sql: str, params=(), size: int = 2000) -> Iterator[tuple[list[str], list[tuple]]]:
        """Batches of rows from a server-side cursor, so a million events never sit in memory at once."""
        with self.conn.transaction(), self.conn.cursor(name="truce_stream") as cur:
            cur.execute(self._sql(sql), tuple(params))
            while rows := cur.fetchmany(size):
                yield [d[0] for d in cur.description], rows

    def close(self) -> None:
        self.conn.close()


def connect(url: str | None) -> Backend:
    """A PostgreSQL URL (postgresql://...) or a DuckDB file path (default truce.duckdb)."""
    url = url or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        return Postgres(url)
    if "://" in url:
        raise StoreError(f"unknown database address {url!r}: give a DuckDB file path or a postgresql:// URL")
    if url != ":memory:":
        Path(url).parent.mkdir(parents=True, exist_ok=True)
    return DuckDB(url)
