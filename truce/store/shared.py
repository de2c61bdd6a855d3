"""One store for a long-running server and the command line at the same time.

DuckDB lets one process at a time open a file; every other process is refused until it closes it.
So a process that runs for long (`truce serve`) opens a DuckDB file only for the length of one
request, and a batch (`truce ingest`) only for the length of writing a few records; everyone else
who finds the file held waits a little (backends.connect retries) and gets through. Each opening
sees what others wrote before, so the dashboard shows newly ingested articles without a restart.

PostgreSQL and `:memory:` have no such limit (and `:memory:` would vanish when closed): their one
store stays open, shared by the requests one at a time.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from itertools import islice
from typing import Iterator

from .backends import is_shared_file
from .countries import Countries
from .store import Store, ingest_all

# Records written per opening of a DuckDB file by `truce ingest`: few enough that the server waits
# for one batch at most, enough that opening the file (milliseconds) is not what the time goes on.
RECORDS_PER_OPENING = 16


class SharedStore:
    """A store opened per use: `with shared.open() as store: ...`, one use at a time in this process."""

    def __init__(self, url: str | None = None, wait: float | None = None):
        self.url, self.wait = url, wait
        self._lock = threading.Lock()
        self.countries = Countries()  # the gazetteer is opened once, not at every opening of the store
        first = Store(url, countries=self.countries, wait=wait)  # creates and migrates it, or fails now
        self.version = first.version
        self._kept = None if is_shared_file(url) else first
        if self._kept is None:
            first.close()

    @contextmanager
    def open(self) -> Iterator[Store]:
        with self._lock:
            if self._kept is not None:
                yield self._kept
                return
            store = Store(self.url, countries=self.countries, wait=self.wait)
            try:
                yield store
            finally:
                store.close()

    def close(self) -> None:
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
