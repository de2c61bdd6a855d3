"""What the harnesses share: the repository's fuzz/ on sys.path and atheris' entry point."""
from __future__ import annotations

import sys

import atheris


def run(test_one_input) -> None:
    """libFuzzer's command line: `python fuzz/fuzz_X.py [CORPUS_DIR ...] [-runs=N] [-max_total_time=S] ...`."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
