#!/usr/bin/env python3
"""Is truce's event confidence calibrated? Share of right most-salient events per confidence band.

Gold: ../shared/eval-dev/plover_gsr.jsonl (one PLOVER event per sentence; older type names mapped as
the scorer maps them). An event is right when its type is the gold type.

    python bench/calibration.py [--held-out]

--held-out scores only the items the confidence was not fitted on (sha256(id) starting 0-3).
"""
import collections
import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.inputs import InputDoc  # noqa: E402
from truce.pipeline import Pipeline  # noqa: E402
from truce.settings import Settings  # noqa: E402

OLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
BANDS = ((0.8, 1.01, ">= 0.8"), (0.5, 0.8, "0.5-0.8"), (0.0, 0.5, "< 0.5"))


def main() -> None:
    items = [json.loads(line) for line in (ROOT.parent / "shared/eval-dev/plover_gsr.jsonl").open()]
    if "--held-out" in sys.argv[1:]:
        items = [it for it in items if hashlib.sha256(it["id"].encode()).hexdigest()[0] in "0123"]
    records = Pipeline(Settings()).analyze(InputDoc(id=it["id"], text=it["text"]) for it in items)
    right, total = collections.Counter(), collections.Counter()
    for item, rec in zip(items, records):
        if not getattr(rec, "events", None):
            continue
        top = rec.events[0]
        band = next(name for low, high, name in BANDS if low <= top.confidence < high)
        total[band] += 1
        right[band] += top.event_type == OLD.get(item["event"], item["event"])
    for _, _, name in BANDS:
        share = right[name] / total[name] if total[name] else float("nan")
        print(f"confidence {name:8} {total[name]:4} events  {share:.3f} right")


if __name__ == "__main__":
    main()
