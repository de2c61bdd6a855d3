"""One store for a long-running server and the command line at the same time.

DuckDB lets one process at a time open a file; every other process is refused until it closes it.
So a process that runs for long (`truce serve`) holds a DuckDB file only while it has requests to
answer: it closes the file as soon as none is waiting, and under a steady stream of requests it lets
go every HOLD_SECONDS for YIELD_SECONDS, so that a waiting `truce query`, `export` or `ingest` gets in.
A batch (`truce ingest`) opens the file for a few records at a time, never while it analyses. Whoever
finds the file held waits a little (backends.connect polls) and gets through. Each opening sees what
others wrote before, so the dashboard shows newly ingested articles without a restart.

PostgreSQL and `:memory:` have no such limit (and `:memory:` would vanish when closed): their one
store stays open, shared by the requests one at a time.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from itertools import islice
from typing import Iterator

from .backends import is_shared_file
from .countries import Countries
from .store import Store, ingest_all

# Records written per opening of a DuckDB file by `truce ingest`: few enough that the server waits
# for one batch at most, enough that opening the file (some 15 ms) is not what the time goes on.
RECORDS_PER_OPENING = 16
# Under a steady stream of requests, the server keeps the file open for at most HOLD_SECONDS (opening
# it for every request would cost 15 ms each), then stays away for YIELD_SECONDS: longer than the
# others' polling interval (backends.POLL_SECONDS), so that a waiting process is sure to get in.
HOLD_SECONDS = 0.5
YIELD_SECONDS = 0.1


class SharedStore:
    """A store opened as needed: `with shared.open() as store: ...`, one use at a time in this process."""

    def __init__(self, url: str | None = None, wait: float | None = None):
        self.url, self.wait = url, wait
        self._lock = threading.Lock()          # one use of the store at a time
        self._count_lock = threading.Lock()
        self._users = 0                        # uses running or waiting for the store
        self._store: Store | None = None
        self._opened_at = self._closed_until = 0.0
        self.countries = Countries()  # the gazetteer is opened once, not at every opening of the store
        first = Store(url, countries=self.countries, wait=wait)  # creates and migrates it, or fails now
        self.version = first.version
        self._kept = None if is_shared_file(url) else first
        if self._kept is None:
            first.close()

    @contextmanager
    def open(self) -> Iterator[Store]:
        if self._kept is not None:
            with self._lock:
                yield self._kept
            return
        self._count(+1)
        try:
            with self._lock:
                store = self._opened()
                try:
                    yield store
                finally:
                    self._release_if_due()
        finally:
            self._count(-1)

    def _opened(self) -> Store:
        if self._store is None:
            pause = self._closed_until - time.monotonic()
            if pause > 0:  # the others' turn: we closed the file to let them in
                time.sleep(pause)
            self._store = Store(self.url, countries=self.countries, wait=self.wait)
            self._opened_at = time.monotonic()
        return self._store

    def _release_if_due(self) -> None:
        """Close the file when no other use is waiting, or when it has been held for HOLD_SECONDS."""
        with self._count_lock:
            others = self._users > 1
        held_long = time.monotonic() - self._opened_at >= HOLD_SECONDS
        if others and not held_long:
            return
        self._store.close()
        self._store = None
        if others:  # a stream of requests: stay away a moment, or no other process could ever get in
            self._closed_until = time.monotonic() + YIELD_SECONDS

    def _count(self, change: int) -> None:
        with self._count_lock:
            self._users += change

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
        if self._kept is not None:
            self._kept.close()


def ingest_batches(shared: SharedStore, results, per_opening: int = RECORDS_PER_OPENING) -> Iterator[dict]:
    """ingest_all over a stream of results, opening the store for each few records only: while the
    next ones are analysed, other processes can read and write the store."""
    results = iter(results)
    while batch := list(islice(results, per_opening)):
        with shared.open() as store:
            summaries = list(ingest_all(store, batch))
        yield from summaries
