"""Big and hostile batches: a million-line JSONL through the batch reader in bounded memory, and a mixed
batch of good articles and every kind of bad line through the whole `truce analyze`.

A million lines through the NLP pipeline would take about an hour here, so the full analysis gets a
smaller mix with the same kinds of line; the reader, which decides what becomes an error line and
keeps the order, gets the million.
"""
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "fuzz"))
from checks import assert_offsets_hold  # noqa: E402


def test_a_million_line_batch_is_read_in_order_in_bounded_memory():
    # The reader runs in its own process under a 400 MB address-space limit (RLIMIT_AS): past it, Python
    # would fail with MemoryError and the test with it.
    run = subprocess.run([sys.executable, "scripts/jsonl_reader_memory.py", "1000000", "--limit-mb", "400"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    assert found["items"] == 1_000_000 and found["out_of_order"] == 0 and found["unexpected"] == 0
    assert found["errors"] > 80_000  # one line in ten is bad; each gave an error line in its place
    small = json.loads(subprocess.run([sys.executable, "scripts/jsonl_reader_memory.py", "20000"],
                                      capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    assert found["peak_rss_mb"] < small["peak_rss_mb"] + 20  # fifty times the lines, about the same memory


GOOD = "Rebels attacked an army post near Kidal on Thursday, the army said."
MIXED = [  # (line, refused?)
    (json.dumps({"id": "good", "text": GOOD, "published": "2024-05-10"}), False),
    ('{"id": "broken", "text": "unterminated', True),
    (json.dumps(["not", "an", "object"]), True),
    (json.dumps({"id": "empty", "text": "  \n "}), True),
    (json.dumps({"id": "binary", "text": "\x00\x01\x02\x03\x04\x05\x06" * 20}), True),
    (json.dumps({"id": "baddate", "text": GOOD, "published": "soon"}), True),
    (json.dumps({"id": "rtl", "text": "قال المتحدث إن القوات انسحبت من بغداد. \u202eTroops left Baghdad on Monday.\u202c"}), False),
    (json.dumps({"id": "surrogate", "text": "Troops \ud800 left Basra on Monday, officials said."}), False),
    (json.dumps({"id": "controls", "text": "Police\u200b fired tear\u00adgas\x0b at protesters in Nairobi.\x0c\r\n"}), False),
    (json.dumps({"id": "nested", "html": "<div>" * 100_000 + GOOD + "</div>" * 100_000}), False),
    (json.dumps({"id": "deep-json", "text": "x"})[:-1] + ', "more": ' + "[" * 100_000 + "]" * 100_000 + "}", True),
    (json.dumps({"id": "huge", "html": "<p>" + "x" * 50_000_000 + "</p>"}), True),
    (json.dumps({"id": "longline", "text": ("The army shelled Idlib on Monday. " * 40_000)}), True),  # over max_chars
    (json.dumps({"id": "scripts", "html": "<html><body><script>" + "var a=1;" * 1000 + "</script></body></html>"}), True),
    (json.dumps({"id": "last", "text": GOOD, "published": "2024-05-10"}), False),
]


@pytest.mark.model
def test_a_mixed_batch_gives_one_line_per_input_line_in_order_within_a_memory_limit(validate, tmp_path):
    # The real command in its own process under a 2.5 GB address-space limit (at 900 MB it fails: the NLP
    # pipeline needs most of that); a MemoryError anywhere would show as an error line or a failed run.
    batch = tmp_path / "mixed.jsonl"
    batch.write_text("".join(line + "\n" for line, _ in MIXED * 3))
    limit = 2500 * 1024 * 1024
    run = subprocess.run([sys.executable, "-m", "truce.cli", "analyze", "--jsonl", str(batch), "--format", "jsonl"],
                         capture_output=True, text=True, cwd=ROOT,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    assert run.returncode == 0, run.stderr[-2000:]
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(out) == len(MIXED) * 3
    for (line, refused), found in zip(MIXED * 3, out):
        assert ("error" in found) == refused, (line[:80], found.get("error"))
        if refused:
            assert found["error"] and not found["error"].startswith(("analysis failed", "cleaning failed"))
        else:
            validate(found)
            assert_offsets_hold(found)
    assert [o.get("id") for o in out if o.get("id")][:3] == ["good", "broken", "empty"]
