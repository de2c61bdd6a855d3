"""`truce ingest` killed with SIGKILL at random points, then run again: every article is stored exactly once.

Each backend gets a dozen kills of `truce ingest --records` (records already analysed, so that a run
is mostly writing), some at a random time after the start (while importing, opening or migrating the
store) and most after a random number of stored articles (in the middle of the next one's
transaction); then one run through the analysis itself is killed after its first article. After the
last, uninterrupted run the store must open cleanly and hold each article once, each with all of its
events and none left over from a killed transaction.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from truce.store import Store

TRUCE = [sys.executable, "-m", "truce.cli"]
ROOT = Path(__file__).parents[1]
UNBUFFERED = {**os.environ, "PYTHONUNBUFFERED": "1"}  # each summary line reaches the test as it is written
COPIES = 8  # of each analysed article: 8 x 8 = 64 articles a run
KILLS = int(os.environ.get("TRUCE_TEST_KILLS", "12"))  # more for a longer run


def distinct_copies(records, copies: int) -> list[dict]:
    """Copies of analysed records under new ids, each text made distinct (the store folds equal texts)
    by a line added at its end, where it moves no offset."""
    out = []
    for k in range(copies):
        for record in records:
            copy = record.model_dump(mode="json")
            copy["id"] = f"{record.id}-{k}"
            copy["text"] = record.text + f"\n\n[copy {k}]"
            out.append(copy)
    return out


@pytest.fixture(scope="module")
def records_file(sample_records, ceasefire_records, incident_records, tmp_path_factory):
    records = distinct_copies(sample_records + ceasefire_records + incident_records, COPIES)
    path = tmp_path_factory.mktemp("kill") / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path, records


def ingest(*args, db: str) -> subprocess.Popen:
    return subprocess.Popen([*TRUCE, "ingest", *args, "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT, env=UNBUFFERED)


def kill_after(proc: subprocess.Popen, *, seconds: float = 0.0, stored: int = 0) -> int:
    """SIGKILL the process after `seconds`, or once it has reported `stored` articles; returns how many it reported."""
    reported = 0
    if seconds:
        time.sleep(seconds)
    while reported < stored and proc.stdout.readline():
        reported += 1
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return reported


def assert_each_article_once(db: str, records: list[dict]) -> None:
    with Store(db) as store:  # opens cleanly: DuckDB replays its write-ahead log, PostgreSQL rolled back
        run = store.db.execute
        ids = [row[0] for row in run("SELECT id FROM articles")]
        assert sorted(ids) == sorted(r["id"] for r in records)
        events = dict(run("SELECT article_id, count(*) FROM events GROUP BY article_id"))
        assert {r["id"]: len(r["events"]) for r in records if r["events"]} == events
        assert run("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)")[0][0] == 0
        assert run("SELECT count(*) FROM ceasefire_history WHERE ceasefire_id NOT IN (SELECT id FROM ceasefires)")[0][0] == 0
        assert run("SELECT max(version) FROM schema_version")[0][0] == store.version


def test_ingest_killed_a_dozen_times_stores_every_article_once(store_url, records_file):
    path, records = records_file
    rng = random.Random(10)
    killed_mid_batch = 0
    for attempt in range(KILLS):
        proc = ingest("--records", str(path), db=store_url)
        if attempt % 4 == 0:
            kill_after(proc, seconds=rng.uniform(0.05, 0.5))  # starting, opening the store
            # on a fast machine the whole run may be over by then: a finished run is fine too
            assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read().decode()[-2000:]
        else:
            reported = kill_after(proc, stored=rng.randrange(1, len(records)))
            killed_mid_batch += 0 < reported < len(records)
            assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
    assert killed_mid_batch >= KILLS // 2
    finished = subprocess.run([*TRUCE, "ingest", "--records", str(path), "--db", store_url], capture_output=True,
                              text=True, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert all("error" not in json.loads(line) for line in finished.stdout.splitlines())
    assert_each_article_once(store_url, records)


@pytest.mark.model
def test_ingest_killed_while_analysing_resumes_cleanly(store_url, tmp_path):
    articles = [{"id": f"a{n}", "published": "2024-05-10",
                 "text": f"Rebels attacked an army post near Kidal on Thursday, wounding {n + 2} soldiers, the army said."}
                for n in range(6)]
    batch = tmp_path / "articles.jsonl"
    batch.write_text("".join(json.dumps(a) + "\n" for a in articles))
    proc = ingest("--jsonl", str(batch), db=store_url)
    assert kill_after(proc, stored=2) == 2 and proc.returncode == -signal.SIGKILL
    finished = subprocess.run([*TRUCE, "ingest", "--jsonl", str(batch), "--db", store_url], capture_output=True,
                              text=True, cwd=ROOT)
    assert finished.returncode == 0, finished.stderr[-2000:]
    with Store(store_url) as store:
        assert sorted(row[0] for row in store.db.execute("SELECT id FROM articles")) == [a["id"] for a in articles]
