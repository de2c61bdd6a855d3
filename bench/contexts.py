#!/usr/bin/env python3
"""How well does truce's `context` agree with the PLOVER gold sentences' context field?

The gold records use an older PLOVER draft; its context names are mapped onto 2.0 names where one
exists (refugee -> migration, resource -> natural resource, ...) and only those contexts are scored.
Precision and recall of the most salient event's contexts, for the training part and the held-out
quarter (sha256(id) starting 0-3) apart.

    python bench/contexts.py
"""
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.inputs import InputDoc  # noqa: E402
from truce.pipeline import Pipeline  # noqa: E402
from truce.settings import Settings  # noqa: E402

OLD_NAMES = {"refugee": "migration", "refugees": "migration", "political": "political institutions",
             "politics": "political institutions", "rights": "human rights", "resource": "natural resource",
             "resources": "natural resource", "government": "executive", "discrimination": "religion ethnicity",
             "religion": "religion ethnicity"}
SCORED = {"military", "diplomatic", "legal", "economic", "terrorism", "election", "cbrn", "cyber", "migration",
          "political institutions", "human rights", "natural resource", "executive", "religion ethnicity"}


def gold_contexts(item: dict) -> set[str]:
    names = (name.strip() for name in (item.get("context") or "").split(","))
    return {OLD_NAMES.get(name, name) for name in names if name} & SCORED


def main() -> None:
    items = [json.loads(line) for line in (ROOT.parent / "shared/eval-dev/plover_gsr.jsonl").open()]
    records = Pipeline(Settings()).analyze(InputDoc(id=it["id"], text=it["text"]) for it in items)
    counts = {part: [0, 0, 0] for part in ("training part", "held-out quarter")}  # right, missed, extra
    for item, rec in zip(items, records):
        part = "held-out quarter" if hashlib.sha256(item["id"].encode()).hexdigest()[0] in "0123" else "training part"
        gold = gold_contexts(item)
        found = set(rec.events[0].context) & SCORED if getattr(rec, "events", None) else set()
        counts[part][0] += len(gold & found)
        counts[part][1] += len(gold - found)
        counts[part][2] += len(found - gold)
    for part, (right, missed, extra) in counts.items():
        precision = right / (right + extra) if right + extra else 0.0
        recall = right / (right + missed) if right + missed else 0.0
        print(f"{part:17} precision {precision:.3f} recall {recall:.3f}")


if __name__ == "__main__":
    main()
