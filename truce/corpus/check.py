"""The corpus validator: every span, type, mode, factuality and date against the guide.

``problems(article, text)`` lists what is wrong with one annotated article (an empty list when
nothing is); ``check_file`` reads a corpus file and refuses it, line by line, with clear messages.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from .sources import numbered_objects
from .format import CEASEFIRE_STATUS, DATE_FORMS, EVENT_TYPES, FACTUALITY, MODES, PRECISIONS, split_of

ARTICLE_FIELDS = ("id", "source", "text_sha256", "url", "outlet", "published", "title", "licence", "split",
                  "events", "ceasefires", "annotator", "reviewer", "guide_version")
EVENT_FIELDS = ("id", "event_type", "mode", "context", "trigger", "factuality", "condition", "actors",
                "recipients", "date", "place", "claimed_by", "salience")
CEASEFIRE_FIELDS = ("declared_by", "toward", "declared", "effective", "ends", "conditions", "status", "event_ids")


def problems(article: dict, text: str) -> list[str]:
    """What is wrong with one annotated article whose text is `text`."""
    found = [f"missing field {name!r}" for name in ARTICLE_FIELDS if name not in article]
    if found:
        return found
    if article["split"] != split_of(article["id"]):
        found.append(f"split is {article['split']!r}, the id's hash says {split_of(article['id'])!r}")
    if article["published"] is not None and not _is_date(article["published"], "day"):
        found.append(f"published {article['published']!r} is not YYYY-MM-DD")
    ids = [event.get("id") for event in article["events"]]
    if len(set(ids)) != len(ids):
        found.append("event ids repeat")
    for event in article["events"]:
        found += [f"event {event.get('id')}: {p}" for p in event_problems(event, text)]
    saliences = sorted(event.get("salience") for event in article["events"] if isinstance(event.get("salience"), int))
    if saliences != list(range(1, len(article["events"]) + 1)):
        found.append("salience is not 1..n, each once")
    for n, ceasefire in enumerate(article["ceasefires"]):
        found += [f"ceasefire {n}: {p}" for p in ceasefire_problems(ceasefire, text, set(ids))]
    return found


def event_problems(event: dict, text: str) -> list[str]:
    found = [f"missing field {name!r}" for name in EVENT_FIELDS if name not in event]
    if found:
        return found
    kind = event["event_type"]
    if kind not in EVENT_TYPES:
        return [f"event_type {kind!r} is not a PLOVER type"]
    if event["mode"] is not None and event["mode"] not in MODES[kind]:
        found.append(f"mode {event['mode']!r} is not a mode of {kind} ({', '.join(MODES[kind]) or 'none'})")
    if event["factuality"] not in FACTUALITY:
        found.append(f"factuality {event['factuality']!r} is not one of {', '.join(FACTUALITY)}")
    if (event["factuality"] == "conditional") != (event["condition"] is not None):
        found.append("a conditional event needs its condition span, and only a conditional one has one")
    found += _span_problems("trigger", event["trigger"], text)
    for role in ("actors", "recipients", "claimed_by"):
        for span in event[role]:
            found += _span_problems(role, span, text)
    for role in ("condition", "place"):
        if event[role] is not None:
            found += _span_problems(role, event[role], text)
    found += _date_problems("date", event["date"])
    if not isinstance(event["context"], list) or not all(isinstance(c, str) for c in event["context"]):
        found.append("context is not a list of strings")
    return found


def ceasefire_problems(ceasefire: dict, text: str, event_ids: set) -> list[str]:
    found = [f"missing field {name!r}" for name in CEASEFIRE_FIELDS if name not in ceasefire]
    if found:
        return found
    if ceasefire["status"] not in CEASEFIRE_STATUS:
        found.append(f"status {ceasefire['status']!r} is not one of {', '.join(CEASEFIRE_STATUS)}")
    for role in ("declared_by", "toward", "conditions"):
        for span in ceasefire[role]:
            found += _span_problems(role, span, text)
    for name in ("declared", "effective", "ends"):
        found += _date_problems(name, ceasefire[name])
    found += [f"event_ids names {eid!r}, which is no event of the article" for eid in ceasefire["event_ids"]
              if eid not in event_ids]
    return found


def _span_problems(role: str, span, text: str) -> list[str]:
    if not (isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span)):
        return [f"{role} span {span!r} is not [start, end]"]
    start, end = span
    if not 0 <= start < end <= len(text):
        return [f"{role} span {span} is outside the text ({len(text)} characters)"]
    if text[start:end] != text[start:end].strip():
        return [f"{role} span {span} begins or ends with white space: {text[start:end]!r}"]
    return []


def _date_problems(name: str, date) -> list[str]:
    if date is None:
        return []
    if not isinstance(date, dict) or set(date) != {"value", "precision"}:
        return [f"{name} {date!r} is not {{'value', 'precision'}}"]
    if date["precision"] not in PRECISIONS:
        return [f"{name} precision {date['precision']!r} is not one of {', '.join(PRECISIONS)}"]
    if not _is_date(date["value"], date["precision"]):
        return [f"{name} value {date['value']!r} does not fit precision {date['precision']!r}"]
    return []


def _is_date(value, precision: str) -> bool:
    if not isinstance(value, str) or not DATE_FORMS[precision].fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def check_file(path: Path, texts: dict) -> list[str]:
    """Every problem of a corpus file, each prefixed with its line and article id."""
    found = []
    seen = set()
    for number, article, error in numbered_objects(path):
        if error:
            found.append(f"{path.name}:{number}: {error}")
            continue
        if not isinstance(article, dict) or not isinstance(article.get("id"), str):
            found.append(f"{path.name}:{number}: not an annotated article (no string 'id')")
            continue
        where = f"{path.name}:{number} {article['id']}"
        if article["id"] in seen:
            found.append(f"{where}: the article is annotated twice in this file")
        seen.add(article["id"])
        source = texts.get(article["id"])
        if source is None:
            found.append(f"{where}: no text for this id (is ../shared/eval-dev beside the repository?)")
            continue
        if article.get("text_sha256") != source.sha256:
            found.append(f"{where}: the text's SHA-256 differs from the annotated one")
            continue
        found += [f"{where}: {p}" for p in problems(article, source.text)]
    return found
