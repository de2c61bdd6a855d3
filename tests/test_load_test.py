"""bench/load_test.py: the load test against the real `truce serve`, here at a tenth of its size.
Its figures (latency, throughput) are the bench's to report; this test asserts only that no request failed."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_load_test_serves_every_request_without_error(sample_records, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("".join(r.model_dump_json() + "\n" for r in sample_records))
    output = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, "bench/load_test.py", "--requests", "200", "--concurrency", "20",
                          "--records", str(records), "--output", str(output)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    figures = json.loads(output.read_text())
    assert figures["requests"] == 200 and figures["errors"] == 0 and figures["writes"] == 4
