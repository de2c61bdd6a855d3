#!/usr/bin/env python3
"""Every figure in one run, each beside its last recorded value (`make eval`).

    python bench/eval.py [--only TASK ...] [--no-save]

For each dev set in ../shared/eval-dev, the shared scorer is run over the whole file and over its
held-out part (the items whose sha256(id) starts with 0-3, which nothing is trained or tuned on); truce
analyzes each file once and the held-out part is scored from the same records. Then the corpus's test
split (`truce corpus score`) and the seed article (`check_seed.py`). Held-out figures are printed
first. The values are kept in bench/eval_last.json, which the next run compares with.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LAST = ROOT / "bench" / "eval_last.json"
TRUCE = str(ROOT / ".venv" / "bin" / "truce")
PYTHON = str(ROOT / ".venv" / "bin" / "python")

# task, file, the figures kept from the scorer's last line
DEV_SETS = [
    ("extraction", "article_extraction.jsonl", ["f1"]),
    ("scraped", "scraped_text.jsonl", ["f1"]),
    ("re3d", "re3d_entities.jsonl", ["span_f1"]),
    ("geo", "geo_gwn.jsonl", ["acc161_all", "acc161_found"]),
    ("attribution", "attribution.jsonl", ["content_f1", "source_acc_matched"]),
    ("timex", "timex.jsonl", ["value_f1", "span_f1"]),
    ("acled", "acled_subtypes.jsonl", ["weighted_f1"]),
    ("plover", "plover_gsr.jsonl", ["type_accuracy"]),
    ("plv", "plover_plv.jsonl", ["macro_f1"]),
    ("hrds", "hrds_attack.jsonl", ["country_acc", "city_acc"]),
]
CORPUS_FIGURES = ["event_f1", "event_precision", "event_recall", "factuality_accuracy", "actor_f1",
                  "recipient_f1", "date_accuracy", "location_accuracy", "events_per_1000_words", "duplicate_share"]


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode("utf-8")).hexdigest()[0] in "0123"


def last_line_figures(output: str, task: str) -> dict:
    line = next((l for l in reversed(output.splitlines()) if l.startswith(f"{task}:")), "")
    return {k: float(v) for k, v in re.findall(r"(\w+)=([-\d.]+)", line)}


def score(task: str, path: Path, cmd: str) -> dict:
    run = subprocess.run([PYTHON, str(SHARED / "eval" / "score.py"), task, str(path), "--cmd", cmd],
                         capture_output=True, text=True, cwd=ROOT)
    return last_line_figures(run.stdout, task)


def dev_figures(task: str, name: str, keep: list[str], work: Path) -> dict:
    source = SHARED / "eval-dev" / name
    records = work / f"{task}.records.jsonl"
    everything = score(task, source, f"sh -c {shlex.quote(f'{TRUCE} analyze --jsonl - --format jsonl | tee {records}')}")
    held = work / f"{task}.held.jsonl"
    with open(source, encoding="utf-8") as lines, open(held, "w", encoding="utf-8") as out:
        out.writelines(l for l in lines if l.strip() and held_out(json.loads(l)["id"]))
    part = score(task, held, f"cat {records}")
    figures = {}
    for key in keep:
        figures[f"{task}.{key} (held-out)"] = part.get(key)
        figures[f"{task}.{key}"] = everything.get(key)
    return figures


def corpus_figures() -> dict:
    run = subprocess.run([TRUCE, "corpus", "score", "--split", "test"], capture_output=True, text=True, cwd=ROOT)
    if run.returncode:
        return {"corpus": None}
    found = json.loads(run.stdout)
    return {f"corpus test.{key}": found.get(key) for key in CORPUS_FIGURES}


def seed_figures(work: Path) -> dict:
    record = work / "seed.json"
    with open(record, "w") as out:
        subprocess.run([TRUCE, "analyze", str(SHARED / "acceptance" / "seed-article.txt"), "--published", "2020-10-12"],
                       stdout=out, cwd=ROOT)
    run = subprocess.run([sys.executable, str(SHARED / "eval" / "check_seed.py"), str(record),
                          str(SHARED / "acceptance" / "seed-article.expected.json")], capture_output=True, text=True)
    events = re.search(r"seed: (\d+)/(\d+) events", run.stdout)
    precision = re.search(r"precision[^\d]*([\d.]+)", run.stdout)
    broken = re.search(r"(\d+) must_not broken", run.stdout)
    return {"seed.events found": int(events.group(1)) if events else None,
            "seed.must_not broken": int(broken.group(1)) if broken else None,
            "seed.precision": float(precision.group(1)) if precision else None}


def show(figures: dict, last: dict) -> None:
    width = max(map(len, figures))
    print(f"{'figure'.ljust(width)}  {'now':>8}  {'last':>8}")
    for name in sorted(figures, key=lambda n: (" (held-out)" not in n and not n.startswith("corpus"), n)):
        now, before = figures[name], last.get(name)
        mark = "" if before is None or now is None or now == before else f"  {'+' if now > before else ''}{now - before:.3f}"
        print(f"{name.ljust(width)}  {_fmt(now):>8}  {_fmt(before):>8}{mark}")


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="tasks to run (dev set names, 'corpus', 'seed')")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    wanted = set(args.only or [t for t, _, _ in DEV_SETS] + ["corpus", "seed"])
    last = json.loads(LAST.read_text()) if LAST.exists() else {}
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for task, name, keep in DEV_SETS:
            if task in wanted:
                figures.update(dev_figures(task, name, keep, work))
                print(f"[{task} done]", file=sys.stderr)
        if "corpus" in wanted:
            figures.update(corpus_figures())
        if "seed" in wanted:
            figures.update(seed_figures(work))
    show(figures, last)
    if not args.no_save:
        LAST.write_text(json.dumps({**last, **figures}, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
