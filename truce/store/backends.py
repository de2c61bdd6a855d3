"""Two databases behind one small interface: DuckDB (embedded, the default) and PostgreSQL.

Every statement in truce is written once, with `?` placeholders and values passed separately (never
formatted into the SQL); the PostgreSQL backend turns `?` into psycopg's `%s`. No statement contains
a literal `?` or `%`, so the translation is exact.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import TruceError

DEFAULT_DB = "truce.duckdb"
# How long opening a DuckDB file waits for another process to let go of it (seconds): the server
# holds the file for one request at a time, so a wait of this order always gets through.
DEFAULT_WAIT = 10.0
# How often a held file is tried again: more often than the server's pauses (shared.YIELD_SECONDS) are long.
POLL_SECONDS = 0.03


class StoreError(TruceError):
    """The store cannot be opened, or refuses what it was asked."""


class StoreBusy(StoreError):
    """Another process holds the DuckDB file for longer than we are willing to wait."""


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

    def __init__(self, path: str, wait: float | None = None):
        import duckdb

        self.path = path
        self.conn = _connect_waiting(path, DEFAULT_WAIT if wait is None else wait)
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


def _connect_waiting(path: str, wait: float):
    """Open a DuckDB file, retrying while another process holds its lock.

    DuckDB lets one process at a time open a file (read-write); every other process is refused with
    an IOException until the first closes it. truce's processes hold the file briefly (a request, a
    batch of records), so waiting a little is enough; past `wait` seconds the error says who holds it.
    """
    import duckdb

    # DuckDB caches table blocks up to its memory limit (80% of RAM by default); a cap keeps a long
    # export's footprint bounded, as the blocks it has passed are evicted.
    config = {"memory_limit": os.environ.get("TRUCE_DUCKDB_MEMORY", "512MB")}
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open the DuckDB store {path}: {exc}") from None
            if time.monotonic() >= deadline:
                raise StoreBusy(f"the DuckDB store {path} is held by another process ({_holder(exc)}) for more than "
                                f"{wait:g} s; try again when it is done, or use PostgreSQL for several writers "
                                "(see README)") from None
            time.sleep(min(POLL_SECONDS, max(deadline - time.monotonic(), 0)))
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the DuckDB store {path}: {exc}") from None


def _holder(exc: Exception) -> str:
    """'PID 1234' from DuckDB's lock message, when it names one."""
    text = str(exc)
    return text[text.index("PID"):].split(")")[0] if "PID" in text else "unknown"


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


def is_shared_file(url: str | None) -> bool:
    """A DuckDB file (not PostgreSQL, not :memory:): other processes can open it only while we do not."""
    url = url or DEFAULT_DB
    return not url.startswith(("postgresql://", "postgres://")) and url != ":memory:"


def connect(url: str | None, wait: float | None = None) -> Backend:
    """A PostgreSQL URL (postgresql://...) or a DuckDB file path (default truce.duckdb). `wait`: seconds a
    DuckDB file held by another process is waited for (default DEFAULT_WAIT, or $TRUCE_DUCKDB_WAIT)."""
    url = url or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        return Postgres(url)
    if "://" in url:
        raise StoreError(f"unknown database address {url!r}: give a DuckDB file path or a postgresql:// URL")
    if url != ":memory:":
        Path(url).parent.mkdir(parents=True, exist_ok=True)
    return DuckDB(url, _wait_setting() if wait is None else wait)


def _wait_setting() -> float:
    given = os.environ.get("TRUCE_DUCKDB_WAIT")
    try:
        return DEFAULT_WAIT if given is None else float(given)
    except ValueError:
        raise StoreError(f"TRUCE_DUCKDB_WAIT={given!r} is not a number of seconds") from None
