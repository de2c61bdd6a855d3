"""Score the times stage on the TIMEX3 dev set: all items, the held-out quarter, the rest, and each corpus.

truce runs once over the whole file; the shared scorer (`../shared/eval/score.py timex`) then scores
each subset from the saved records, so every figure is the scorer's own. The held-out quarter is
the project's: items whose sha256(id) hex starts with 0-3.

    python bench/timex_eval.py [--records out/timex-records.jsonl] [--reuse]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import shlex
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval-dev" / "timex.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def analyze(items: list[dict], records: pathlib.Path) -> None:
    lines = "".join(json.dumps({"id": it["id"], "text": it["text"], "published": it["dct"]}) + "\n" for it in items)
    with records.open("w") as out:
        subprocess.run([sys.executable, "-c", "from truce.cli import cli; cli()", "analyze", "--jsonl", "-", "--format", "jsonl", "--workers", "1",
                        "--no-progress"], input=lines, text=True, stdout=out, check=True, cwd=ROOT)


def score(items: list[dict], records: pathlib.Path) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as subset:
        subset.writelines(json.dumps(it) + "\n" for it in items)
    done = subprocess.run([sys.executable, str(SCORER), "timex", subset.name, "--cmd", f"cat {shlex.quote(str(records))}"],
                          capture_output=True, text=True, check=True)
    pathlib.Path(subset.name).unlink()
    return done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=pathlib.Path, default=ROOT / "out" / "timex-records.jsonl")
    parser.add_argument("--reuse", action="store_true", help="score the records already written")
    args = parser.parse_args()
    items = [json.loads(line) for line in DATA.open() if line.strip()]
    args.records.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        analyze(items, args.records)
    subsets = {"held-out": [it for it in items if held_out(it["id"])],
               "training": [it for it in items if not held_out(it["id"])],
               "all": items}
    for corpus in sorted({it["corpus"] for it in items}):
        subsets[corpus] = [it for it in items if it["corpus"] == corpus]
        subsets[corpus + " held-out"] = [it for it in subsets[corpus] if held_out(it["id"])]
    for name, subset in subsets.items():
        print(f"{name:18} ({len(subset):3} items) {score(subset, args.records)}")


if __name__ == "__main__":
    main()
