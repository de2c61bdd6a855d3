"""`truce analyze --engine dask`: partitions in, partitions out, on a 2-worker Dask LocalCluster.

A run that is killed part-way leaves only whole output partitions; the next run does the rest, and
every input id ends up in the output exactly once. The output is line for line what
`truce analyze --jsonl` writes for the same input. Each cluster's workers load the model, so these
tests take about a minute; the texts are tiny.
"""
import json
import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from truce import distributed
from truce.errors import InputError

from tests.conftest import ROOT

pytestmark = pytest.mark.model
TRUCE = [sys.executable, "-m", "truce.cli"]
EVENTS = ["Rebels shelled the town of {} on Monday, killing {} civilians.",
          "Police arrested {1} protesters in {0} on Friday, witnesses said.",
          "Militants attacked an army checkpoint near {} overnight; {} soldiers were wounded."]
TOWNS = ["Idlib", "Lagos", "Mosul", "Aleppo", "Kabul", "Sanaa"]


def write_partitions(folder, partitions: int, per_partition: int = 3) -> list[str]:
    """JSONL partitions part-00.jsonl ...; partition 1 also holds a line that is not JSON and one with no text."""
    folder.mkdir()
    ids = []
    for p in range(partitions):
        lines = []
        for n in range(per_partition):
            doc_id = f"p{p}-{n}"
            text = EVENTS[n % len(EVENTS)].format(TOWNS[(p + n) % len(TOWNS)], p + n + 2)
            lines.append(json.dumps({"id": doc_id, "text": text, "published": "2021-03-01"}))
            ids.append(doc_id)
        if p == 1:
            lines[1:1] = ['{"id": "broken-json", "text": ', json.dumps({"id": "no-text", "title": "?"})]
            ids[-per_partition + 1:-per_partition + 1] = ["broken-json", "no-text"]
        (folder / f"part-{p:02d}.jsonl").write_text("\n".join(lines) + "\n")
    return ids


def output_lines(folder) -> list[dict]:
    return [json.loads(line) for f in sorted(folder.glob("*.jsonl")) for line in f.read_text().splitlines()]


def test_a_killed_run_resumes_and_writes_every_id_exactly_once(tmp_path):
    ids = write_partitions(tmp_path / "in", partitions=12)
    out = tmp_path / "out"
    command = TRUCE + ["analyze", "--engine", "dask", str(tmp_path / "in" / "*.jsonl"), "--output", str(out),
                       "--workers", "2", "--batch-size", "2"]
    first = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(out.glob("*.jsonl")) and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(first.pid, signal.SIGKILL)  # the driver, its scheduler and both workers, mid-run
    first.wait()
    written = sorted(p.name for p in out.glob("*.jsonl"))
    assert 0 < len(written) < 12, "the run should have been killed part-way"
    assert all(line["id"] for line in output_lines(out)), "an output partition exists only when whole"

    second = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert f"{12 - len(written)} partitions written, {len(written)} already there, 0 failed" in second.stderr
    lines = output_lines(out)
    assert sorted(line["id"] for line in lines) == sorted(ids)
    errors = {line["id"]: line["error"] for line in lines if "error" in line}
    assert set(errors) == {"broken-json", "no-text"}  # the bad lines, each on its own line; the rest analyzed
    assert not (out / distributed.TMP).exists()


def test_dask_output_is_what_one_process_writes(tmp_path, run_cli):
    write_partitions(tmp_path / "in", partitions=3)
    summary = distributed.run([str(tmp_path / "in" / "part-*.jsonl")], str(tmp_path / "out"), "jsonl", workers=2)
    assert len(summary.written) == 3 and not summary.failed and summary.errors == 2

    for partition in sorted((tmp_path / "in").glob("*.jsonl")):  # error messages count lines per partition
        one_process = run_cli("analyze", "--jsonl", str(partition), "--format", "jsonl", "--workers", "1")
        assert (tmp_path / "out" / partition.name).read_text() == one_process.stdout

    # Records read back as input (their text) give Parquet partitions with one schema: id, error, record.
    distributed.run([str(tmp_path / "out" / "*.jsonl")], str(tmp_path / "again"), "parquet", workers=2)
    table = pq.read_table(tmp_path / "again" / "part-00.parquet")
    assert table.column_names == ["id", "error", "record"]
    assert [json.loads(r)["id"] for r in table.column("record").to_pylist()] == ["p0-0", "p0-1", "p0-2"]


def test_partitions_are_named_after_their_input_and_must_not_clash(tmp_path):
    for name in ("a/part-1.jsonl.gz", "b/part-1.parquet", "c/notes.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert distributed.output_names([str(tmp_path / "a/part-1.jsonl.gz")], "s3://bucket/out/", "parquet") == \
        ["s3://bucket/out/part-1.parquet"]
    with pytest.raises(InputError, match="share a name"):
        distributed.output_names(distributed.expand([str(tmp_path / "a/*"), str(tmp_path / "b/*")]), "out", "jsonl")
    with pytest.raises(InputError, match="neither JSONL"):
        distributed.expand([str(tmp_path / "c/*")])
    with pytest.raises(InputError, match="no input partition matches"):
        distributed.expand([str(tmp_path / "nothing-*.jsonl")])
