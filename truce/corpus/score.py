"""truce's records against the corpus: events, factuality, roles, dates, places, duplicates.

An output event matches a gold event of the same type whose trigger it overlaps, or failing that one
it shares a sentence with (sentences as ``sentences.sentence_spans`` cuts them); each gold event is
matched once, triggers first. An output event that would have matched a gold event already taken is
a duplicate. Roles are scored over matched events: a gold actor span is found when a mention of one
of the output event's actors overlaps it (the event's own ``actor_mentions`` when the record gives
them, else every occurrence of the actor's name and aliases), and an output actor is right when one
of its mentions overlaps a gold actor span.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from collections import Counter

from .sentences import sentence_spans

BANDS = ((0.8, 1.01), (0.5, 0.8), (0.0, 0.5))


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    for number, (start, end) in enumerate(spans):
        if offset < end:
            return number
    return len(spans) - 1


def pair(outer: list[tuple[str, tuple]], inner: list[tuple[str, tuple]], sentences, same_type: bool = True) -> dict[int, int]:
    """{outer index: inner index} for events given as (type, trigger span): each paired at most once,
    by trigger overlap first, then by a shared sentence, in the outer events' order."""
    paired: dict[int, int] = {}
    taken: set[int] = set()
    for use_sentence in (False, True):
        for o, (outer_type, outer_trigger) in enumerate(outer):
            if o in paired:
                continue
            for i, (inner_type, inner_trigger) in enumerate(inner):
                if i in taken or same_type and inner_type != outer_type:
                    continue
                if (overlaps(outer_trigger, inner_trigger) if not use_sentence else
                        sentence_of(sentences, outer_trigger[0]) == sentence_of(sentences, inner_trigger[0])):
                    paired[o] = i
                    taken.add(i)
                    break
    return paired


def match_events(gold: list[dict], output: list[dict], sentences) -> tuple[dict, list[int]]:
    """{output index: gold index} and the output indices that are duplicates."""
    trigger_of = [(e["trigger"]["start"], e["trigger"]["end"]) for e in output]
    matched = pair([(e["event_type"], t) for e, t in zip(output, trigger_of)],
                   [(g["event_type"], g["trigger"]) for g in gold], sentences)
    duplicates = [o for o, event in enumerate(output) if o not in matched and any(
        gold_event["event_type"] == event["event_type"] and (
            overlaps(trigger_of[o], gold_event["trigger"]) or
            sentence_of(sentences, trigger_of[o][0]) == sentence_of(sentences, gold_event["trigger"][0]))
        for gold_event in gold)]
    return matched, duplicates


def realign(record: dict, text: str) -> dict | None:
    """The record with its spans moved onto `text` when cleaning changed the text a little (a line of
    chrome taken out); spans on words that are not in `text` are dropped. None when the texts share
    too little for that to mean anything."""
    if record["text"] == text:
        return record
    matcher = difflib.SequenceMatcher(None, record["text"], text, autojunk=False)
    if matcher.ratio() < 0.5:
        return None
    where = {}
    for a, b, size in matcher.get_matching_blocks():
        where.update({a + k: b + k for k in range(size)})

    def moved(span: dict) -> dict | None:
        start, last = where.get(span["start"]), where.get(span["end"] - 1)
        return {**span, "start": start, "end": last + 1} if start is not None and last is not None and last >= start else None

    aligned = copy.deepcopy(record)
    aligned["text"] = text
    aligned["places"] = [moved(p) or {**p, "start": 0, "end": 0} for p in record.get("places", [])]
    events = []
    for event in aligned.get("events", []):
        trigger = moved(event["trigger"])
        if trigger is None:
            continue
        event["trigger"] = trigger
        for role in ("actor_mentions", "recipient_mentions"):
            event[role] = [m for m in map(moved, event.get(role, [])) if m]
        events.append(event)
    aligned["events"] = events
    return aligned


def actor_mentions(record: dict) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence in the text of each actor's name and aliases."""
    text = record["text"]
    found = {}
    for actor in record.get("actors", []):
        names = {actor["name"], *actor.get("aliases", [])}
        spans = []
        for name in names:
            if name and name.strip():
                pattern = (r"(?<!\w)" if re.match(r"\w", name) else "") + re.escape(name) + (r"(?!\w)" if re.search(r"\w$", name) else "")
                spans += [(m.start(), m.end()) for m in re.finditer(pattern, text)]
        found[actor["id"]] = spans
    return found


def _role_counts(gold_spans, event, role, mentions) -> tuple[int, int, int, int]:
    """(gold found, gold, output right, output) for one role of one matched event."""
    explicit = event.get(f"{role[:-1]}_mentions")  # actor_mentions / recipient_mentions
    if explicit:
        output = [[(m["start"], m["end"])] for m in explicit]
    else:
        output = [mentions.get(actor_id, []) for actor_id in event.get(role, [])]
    found = sum(1 for g in gold_spans if any(overlaps(m, g) for spans in output for m in spans))
    right = sum(1 for spans in output if any(overlaps(m, g) for m in spans for g in gold_spans))
    return found, len(gold_spans), right, len(output)


def same_date(gold: dict, output: dict | None) -> bool:
    if output is None:
        return False
    precision = gold["precision"]
    if precision == "week":
        return _iso_week(gold["value"]) == _iso_week(output["value"]) if len(output["value"]) == 10 else False
    width = {"day": 10, "month": 7, "year": 4}[precision]
    return len(output["value"]) >= width and output["value"][:width] == gold["value"][:width]


def _iso_week(value: str):
    return dt.date.fromisoformat(value).isocalendar()[:2]


def same_place(gold_span, text: str, record: dict, location: dict | None) -> bool:
    if not location:
        return False
    places = record.get("places", [])
    index = location.get("place")
    if index is not None and 0 <= index < len(places) and overlaps((places[index]["start"], places[index]["end"]), gold_span):
        return True
    gold_words = text[gold_span[0]:gold_span[1]].lower()
    names = [location.get("name")] + ([places[index]["text"]] if index is not None and 0 <= index < len(places) else [])
    return any(name and name.lower() in gold_words for name in names)


def score(gold_articles: list[dict], records: dict[str, dict]) -> dict:
    """Every figure of the corpus scorer, over the articles given."""
    c = Counter()
    bands = {band: [0, 0] for band in BANDS}
    for article in gold_articles:
        record = records.get(article["id"])
        gold = article["events"]
        c["gold"] += len(gold)
        c["words"] += len(article["text"].split())
        if record is None or "error" in record:
            c["missing_records"] += 1
            continue
        if record["text"] != article["text"]:
            c["text_changed"] += 1
            record = realign(record, article["text"])
            if record is None:  # offsets would not compare: the record counts as empty
                c["text_lost"] += 1
                continue
        output = record.get("events", [])
        c["output"] += len(output)
        sentences = sentence_spans(article["text"])
        matched, duplicates = match_events(gold, output, sentences)
        c["matched"] += len(matched)
        c["duplicates"] += len(duplicates)
        mentions = actor_mentions(record)
        for o, event in enumerate(output):
            for band in BANDS:
                if band[0] <= event.get("confidence", 0) < band[1]:
                    bands[band][0] += o in matched
                    bands[band][1] += 1
        for o, g in matched.items():
            event, gold_event = output[o], gold[g]
            c["factuality_right"] += event["factuality"] == gold_event["factuality"]
            for role in ("actors", "recipients"):
                found, n_gold, right, n_out = _role_counts(gold_event[role], event, role, mentions)
                c[f"{role}_found"] += found
                c[f"{role}_gold"] += n_gold
                c[f"{role}_right"] += right
                c[f"{role}_output"] += n_out
            if gold_event["date"]:
                c["dated"] += 1
                c["date_right"] += same_date(gold_event["date"], event.get("date"))
            if gold_event["place"]:
                c["placed"] += 1
                c["place_right"] += same_place(gold_event["place"], article["text"], record, event.get("location"))
    return _figures(c, bands, len(gold_articles))


def _ratio(a, b):
    return round(a / b, 3) if b else None


def _f1(p, r):
    return round(2 * p * r / (p + r), 3) if p and r else 0.0


def _figures(c: Counter, bands: dict, articles: int) -> dict:
    precision, recall = _ratio(c["matched"], c["output"]), _ratio(c["matched"], c["gold"])
    figures = {"articles": articles, "gold_events": c["gold"], "output_events": c["output"],
               "event_precision": precision, "event_recall": recall, "event_f1": _f1(precision, recall),
               "factuality_accuracy": _ratio(c["factuality_right"], c["matched"])}
    for role in ("actors", "recipients"):
        p, r = _ratio(c[f"{role}_right"], c[f"{role}_output"]), _ratio(c[f"{role}_found"], c[f"{role}_gold"])
        figures[f"{role[:-1]}_f1"] = _f1(p, r)
    figures.update({
        "date_accuracy": _ratio(c["date_right"], c["dated"]), "location_accuracy": _ratio(c["place_right"], c["placed"]),
        "events_per_1000_words": _ratio(1000 * c["output"], c["words"]),
        "gold_events_per_1000_words": _ratio(1000 * c["gold"], c["words"]),
        "duplicate_share": _ratio(c["duplicates"], c["output"]),
        "precision_by_confidence": {f"{low:.1f}-{min(high, 1.0):.1f}": {"events": n, "precision": _ratio(right, n)}
                                    for (low, high), (right, n) in bands.items()},
        "missing_records": c["missing_records"], "text_changed": c["text_changed"], "text_lost": c["text_lost"],
    })
    return figures
