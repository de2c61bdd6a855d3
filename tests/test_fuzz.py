"""The atheris harnesses of fuzz/, each run for a bounded number of inputs: a crash, a broken invariant,
an input over the time limit or over the memory limit fails the test, and libFuzzer's report says which
input did it.

Longer runs (see README, "Reliability"): `python fuzz/fuzz_analyze.py fuzz/corpus/analyze -max_total_time=1800`.
TRUCE_FUZZ_SCALE=10 runs ten times as many inputs here.
"""
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).parents[1] / "fuzz"
SCALE = float(os.environ.get("TRUCE_FUZZ_SCALE", "1"))


def fuzz(harness: str, tmp_path, *, runs: int, seconds: int, memory_mb: int, max_len: int = 4096, seeds=()) -> str:
    """Run one harness; a Python MemoryError past `memory_mb` of address space is a crash like any other.
    (libFuzzer's own -rss_limit_mb reads a peak that Linux carries over from this big test process.)"""
    corpus = tmp_path / "corpus"  # libFuzzer adds what it finds to the first directory: a scratch one
    corpus.mkdir()
    limit = memory_mb * 1024 * 1024
    result = subprocess.run(
        [sys.executable, str(FUZZ / f"fuzz_{harness}.py"), str(corpus), str(FUZZ / "corpus" / harness), *map(str, seeds),
         f"-runs={int(runs * SCALE)}", f"-max_total_time={int(seconds * SCALE)}", "-rss_limit_mb=0",
         f"-max_len={max_len}", "-timeout=60", "-seed=10", f"-artifact_prefix={tmp_path}/", "-print_final_stats=1"],
        capture_output=True, text=True, cwd=FUZZ,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    crashes = [p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "oom-", "timeout-", "leak-"))]
    assert result.returncode == 0 and not crashes, f"{crashes}\n{result.stderr[-4000:]}"
    return result.stderr


def executed(report: str) -> int:
    return int(next(line for line in report.splitlines() if line.startswith("stat::number_of_executed_units")).split()[-1])


def test_fuzz_input_readers(tmp_path):
    samples = FUZZ.parent / "samples"  # the sample articles are seeds too
    assert executed(fuzz("inputs", tmp_path, runs=30_000, seconds=60, memory_mb=1024, seeds=[samples])) >= 1000


def test_fuzz_cleaning_stage(tmp_path):
    assert executed(fuzz("clean", tmp_path, runs=30_000, seconds=60, memory_mb=1024)) >= 1000


@pytest.mark.model
def test_fuzz_whole_analysis_of_short_texts(tmp_path):
    assert executed(fuzz("analyze", tmp_path, runs=300, seconds=45, memory_mb=3072, max_len=2000)) >= 50
