"""How well events are dated, on the HRDsAttack news articles whose annotators wrote the attack's day.

The event scored is the one the HRDsAttack scorer reads: the first ASSAULT or COERCE event with a
location. Figures: the share of articles whose event has a date at all, has the gold day, or the
gold month; all items and the held-out quarter (sha256(id) hex starting with 0-3) apart.

    python bench/event_dates.py [--records out/hrds-records.jsonl] [--reuse]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval-dev" / "hrds_attack.jsonl"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


def held_out(item_id: str) -> bool:
    return hashlib.sha256(item_id.encode()).hexdigest()[0] in "0123"


def gold_day(item: dict) -> str | None:
    """'2020-07-04' from the annotators' year, month (a number or a name) and day; None when one is missing."""
    try:
        year, day = int(item["year"]), int(float(item["day"]))
        month = item["month"].strip().lower()
        number = int(month) if month.isdigit() else MONTHS.index(month) + 1
        return f"{year:04d}-{number:02d}-{day:02d}"
    except (TypeError, ValueError, AttributeError, KeyError):
        return None


def analyze(items: list[dict], records: pathlib.Path) -> None:
    lines = "".join(json.dumps({"id": it["id"], "text": it["text"], "published": it["publish_date"][:10]}) + "\n"
                    for it in items)
    with records.open("w") as out:
        subprocess.run([sys.executable, "-c", "from truce.cli import cli; cli()", "analyze", "--jsonl", "-", "--format",
                        "jsonl", "--workers", "1", "--no-progress"], input=lines, text=True, stdout=out, check=True, cwd=ROOT)


def scored_event_date(record: dict) -> str | None:
    for event in record.get("events") or []:
        if event.get("event_type") in ("ASSAULT", "COERCE") and event.get("location"):
            return (event.get("date") or {}).get("value")
    return None


def figures(items: list[dict], records: dict[str, dict]) -> str:
    dated = day = month = 0
    for item in items:
        value = scored_event_date(records.get(item["id"]) or {}) or ""
        dated += bool(value)
        day += value == gold_day(item)
        month += value[:7] == gold_day(item)[:7]
    n = len(items)
    return f"n={n} dated={dated / n:.3f} day={day / n:.3f} month={month / n:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=pathlib.Path, default=ROOT / "out" / "hrds-records.jsonl")
    parser.add_argument("--reuse", action="store_true", help="score the records already written")
    args = parser.parse_args()
    items = [it for it in (json.loads(line) for line in DATA.open() if line.strip()) if gold_day(it)]
    args.records.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        analyze(items, args.records)
    records = {}
    for line in args.records.open():
        record = json.loads(line)
        records[str(record.get("id"))] = record
    print("held-out ", figures([it for it in items if held_out(it["id"])], records))
    print("all      ", figures(items, records))


if __name__ == "__main__":
    main()
