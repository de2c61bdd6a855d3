"""Ceasefire timelines: articles about one ceasefire, in order, with the history a reader expects.

A timeline (corpus/timelines/*.json, README there) names its articles stand-off, as the corpus does
(file and id, the text's SHA-256, the publication day), and the ceasefires they report: each with its
articles, sides, mediators and ordered steps (status, day, who, who violated it). The scorer ingests
the articles in order into a fresh store and reads the tracked ceasefires (what `truce query
--ceasefires` prints), then asks of each expected ceasefire:

- one record: one stored ceasefire holds all its articles, and none of another expected ceasefire's;
- steps: how many expected steps are found in order (same status, within STEP_DAYS of the day, the
  expected declarer among those named), and how many steps the record has beyond them;
- violations: how many expected violations name the expected violator.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ..errors import TruceError
from .sources import CORPUS_DIR, REPO, SHARED_EVAL_DEV, text_sha256

TIMELINES_DIR = CORPUS_DIR / "timelines"
STEP_DAYS = 1


class TimelineError(TruceError):
    pass


def load_timelines(folder: Path = TIMELINES_DIR) -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) | {"path": str(path)} for path in sorted(folder.glob("*.json"))]


def article_texts(timeline: dict, eval_dev: Path = SHARED_EVAL_DEV) -> list[dict] | None:
    """The timeline's articles as input objects (id, text, published), in order; None when a source file
    is not here (the eval-dev files are not shipped). A text whose SHA-256 differs is an error."""
    docs = []
    for article in timeline["articles"]:
        file, item_id = article["source"]["file"], article["source"]["id"]
        path = REPO / file if "/" in file else eval_dev / file  # a bare name is a file of the shared eval-dev set
        if not path.exists():
            return None
        item = _find(path, item_id)
        if item is None or text_sha256(item["text"]) != article["text_sha256"]:
            raise TimelineError(f"{timeline['id']}: {file} {item_id} is missing or its text changed")
        docs.append({"id": item_id, "text": item["text"], "title": item.get("title"), "published": article["published"]})
    return docs


def _find(path: Path, item_id: str) -> dict | None:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if f'"{item_id}"' in line:
                item = json.loads(line)
                if str(item.get("id")) == item_id:
                    return item
    return None


def score(timeline: dict, tracked: list[dict]) -> dict:
    """Compare the tracked ceasefires (Store.ceasefires()) with the timeline's expected ones."""
    results = []
    for n, want in enumerate(timeline["ceasefires"]):
        others = {a for m, o in enumerate(timeline["ceasefires"]) if m != n for a in o["articles"]}
        holding = [c for c in tracked if set(c["articles"]) & set(want["articles"])]
        main = max(holding, key=lambda c: len(set(c["articles"]) & set(want["articles"])), default=None)
        one_record = len(holding) == 1 and set(want["articles"]) <= set(main["articles"]) \
            and not set(main["articles"]) & others
        history = main["history"] if main else []
        found, matched = _steps_in_order(want["steps"], history)
        violations = [s for s in want["steps"] if s["status"] == "violated"]
        attributed = sum(1 for s, h in matched if s["status"] == "violated" and all(
            _named(v, h.get("violated_by")) for v in s["violated_by"]))
        results.append({
            "records": len(holding), "one_record": one_record,
            "articles_in_record": f"{len(set(want['articles']) & set(main['articles'])) if main else 0}/{len(want['articles'])}",
            "steps_in_order": f"{found}/{len(want['steps'])}", "extra_steps": len(history) - found,
            "violations_attributed": f"{attributed}/{len(violations)}",
            "expected": [s["status"] for s in want["steps"]], "tracked": [h["status"] for h in history],
            "ok": one_record and found == len(want["steps"]) and attributed == len(violations),
        })
    return {"id": timeline["id"], "ceasefires": results, "ok": all(r["ok"] for r in results)}


def _steps_in_order(expected: list[dict], history: list[dict]) -> tuple[int, list[tuple[dict, dict]]]:
    """Expected steps matched, each to a later history entry than the one before (greedy, in order)."""
    matched, position = [], 0
    for step in expected:
        for i in range(position, len(history)):
            if _same_step(step, history[i]):
                matched.append((step, history[i]))
                position = i + 1
                break
    return len(matched), matched


def _same_step(step: dict, entry: dict) -> bool:
    if step["status"] != entry["status"]:
        return False
    if step.get("date") and entry.get("entry_date") and \
            abs((date.fromisoformat(step["date"]) - date.fromisoformat(str(entry["entry_date"])[:10])).days) > STEP_DAYS:
        return False
    return not step.get("by") or any(_named(name, entry.get("declared_by")) for name in step["by"])


def _named(name: str, names: str | None) -> bool:
    return bool(names) and name.casefold() in names.casefold()


def run(timelines: list[dict], pipeline, eval_dev: Path = SHARED_EVAL_DEV) -> list[dict]:
    """Score each timeline whose articles are here (others come back as skipped), each on a fresh
    in-memory store."""
    from ..inputs import doc_from_json
    from ..record import ErrorLine
    from ..store import Store

    out = []
    for timeline in timelines:
        docs = article_texts(timeline, eval_dev)
        if docs is None:
            out.append({"id": timeline["id"], "skipped": "its source files are not here"})
            continue
        with Store(":memory:") as store:
            for doc in docs:
                for result in pipeline.analyze([doc_from_json(doc, max_bytes=10_000_000)]):
                    if isinstance(result, ErrorLine):
                        raise TimelineError(f"{timeline['id']}: {result.id}: {result.error}")
                    store.ingest(result)
            out.append(score(timeline, store.ceasefires()))
    return out
