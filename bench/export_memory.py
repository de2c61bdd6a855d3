"""Exports stream: peak memory of `truce export` for 100,000 and 1,000,000 synthetic events.

Fills a throw-away DuckDB store with synthetic events (SQL, no analysis), then runs each export in its
own process and reads its peak resident memory. Bounded memory shows as the same peak for both sizes.
Usage: python bench/export_memory.py [SIZES...]
"""
import os
import subprocess
import sys
import tempfile
import time

from truce.store import Store

FILL = """INSERT INTO events SELECT 'a:e' || i, 'a', 'e' || i, 0, 'a:e' || i, 'ASSAULT', NULL, 'Battles', 'Armed clash',
    'asserted', '2024-05-09', 'day', DATE '2024-05-09' - CAST(i % 365 AS INTEGER), 'Northern Unity Movement', 'army', '',
    'Kidal', 18.4 + (i % 100) / 1000.0, 1.4, 'city', 'ML', 'MLI', 'Mali', 0.8,
    'The Northern Unity Movement attacked an army post near Kidal on Thursday, killing three soldiers.', 'attacked', '{}',
    3, 'Kidal', NULL, 'Northern Unity Movement', NULL, 'army', NULL, 2, 1
    FROM range(?) t(i)"""


EXPORT_MEMORY = "128MB"  # DuckDB's cache limit in the exporting process (truce's default is 512MB)
# The export in a process of its own that reports its own peak resident memory (kB) last on stderr.
CHILD = ("import resource, sys\nfrom truce.cli import cli\ntry:\n    cli(sys.argv[1:], standalone_mode=False)\n"
         "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")


def fill(path: str, n: int) -> None:
    with Store(path) as store:
        store.db.execute("INSERT INTO articles VALUES ('a', 'h', 'bench', DATE '2024-05-10', 'bench', NULL, '', '{}', now())")
        store.db.execute(FILL, (n,))


def main(sizes):
    print(f"exports with TRUCE_DUCKDB_MEMORY={EXPORT_MEMORY}")
    print(f"{'events':>10} {'format':>8} {'seconds':>8} {'peak RSS MB':>12}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "bench.duckdb")
            fill(db, n)
            for fmt in ("csv", "parquet", "geojson"):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", CHILD, "export", "--db", db, "--format", fmt,
                                       "-o", os.path.join(tmp, "out." + fmt)], check=True, capture_output=True, text=True,
                                      env={**os.environ, "TRUCE_DUCKDB_MEMORY": EXPORT_MEMORY})
                peak = int(done.stderr.strip().splitlines()[-1]) / 1024
                print(f"{n:>10,} {fmt:>8} {time.perf_counter() - start:>8.1f} {peak:>12.0f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
