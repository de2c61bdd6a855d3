"""The corpus's test articles in other languages: compiling helpers' translations and scoring truce on them.

A translation (one JSON line an article) gives the translated title, one translated string per
numbered English sentence (as ``sentences.sentence_spans`` numbers them, from 1) and, for each gold
event, the words of its translated sentence that render its trigger:

    {"id", "language", "title", "sentences": [...], "events": [{"gold_event": "e1", "sentence": N, "trigger_words": "..."}]}

Compiling joins the sentences with line breaks (so the corpus's sentence rule finds the same
sentences) and finds each trigger in its sentence as ``resolve.occurrences`` finds English ones, or
else inside a longer written word (Chinese has no spaces; Arabic joins "and", "the" and object
pronouns to the word). From the English gold event it carries over the type, factuality and date,
and the English place words, whose point in the gazetteer is the gold place of the 161 km test. A problem (a sentence count
that differs, a trigger not in its sentence, a gold event missing) is reported, never patched.

Scoring runs truce over the compiled articles and over their English originals and gives, per
language: event type precision, recall and F1 (pairing as the corpus scorer pairs), the English F1
on the same articles and their ratio, event place accuracy (the event's location within 161 km of the
gold place), event date accuracy, and language-identification accuracy.

    truce corpus translations [--raw DIR] [--score]
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from .load import load
from .resolve import SpanError, occurrences
from .score import match_events, same_date
from .sentences import sentence_spans
from .sources import CORPUS_DIR, numbered_objects

TRANSLATIONS = CORPUS_DIR / "translations"
RAW = Path("/work/translations")
PLACE_KM = 161  # 100 miles: the usual tolerance of geocoding evaluations


def compile_translation(raw: dict, english: dict) -> tuple[dict, list[str]]:
    """The gold article in the translation's language, and the problems met."""
    problems = []
    english_spans = sentence_spans(english["text"])
    sentences = raw.get("sentences") or []
    if len(sentences) != len(english_spans):
        problems.append(f"{len(sentences)} sentences, the English text has {len(english_spans)}")
    if any(not isinstance(s, str) or not s.strip() or "\n" in s for s in sentences):
        problems.append("a sentence is empty, not a string, or has a line break")
        return {}, problems
    text, starts = "", []
    for sentence in sentences:
        starts.append(len(text))
        text += sentence.strip() + "\n"
    text = text.rstrip("\n")
    gold = {e["id"]: e for e in english["events"]}
    given = {e.get("gold_event"): e for e in raw.get("events", [])}
    events = []
    for event_id, event in gold.items():
        mine = given.get(event_id)
        if mine is None:
            problems.append(f"{event_id}: no translated trigger")
            continue
        number = mine.get("sentence")
        if not isinstance(number, int) or not 1 <= number <= len(sentences):
            problems.append(f"{event_id}: sentence {number!r} does not exist")
            continue
        start = starts[number - 1]
        end = start + len(sentences[number - 1].strip())
        try:
            found = occurrences(text, mine.get("trigger_words"), start, end) or _within_words(text, mine["trigger_words"], start, end)
        except SpanError as error:
            problems.append(f"{event_id}: {error}")
            continue
        if not found:
            problems.append(f"{event_id}: trigger {mine.get('trigger_words')!r} is not in sentence {number}")
            continue
        place = english["text"][event["place"][0]:event["place"][1]] if event.get("place") else None
        events.append({"id": event_id, "event_type": event["event_type"], "trigger": list(found[0]),
                       "factuality": event["factuality"], "date": event["date"], "place_words_en": place,
                       "actors": [], "recipients": []})
    problems += [f"{key}: no such gold event" for key in given if key not in gold]
    article = {"id": english["id"], "language": raw.get("language"), "title": raw.get("title"),
               "published": english.get("published"), "text": text, "events": events}
    return article, problems


def _within_words(text: str, words: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where `words` stand in text[start:end] inside longer words: Chinese has no spaces between
    words, and Arabic writes "and", "the", "to" and object pronouns joined to the word."""
    at = text.find(words, start, end)
    return [(at, at + len(words))] if at >= 0 else []


def compile_language(path: Path, english: dict[str, dict]) -> tuple[list[dict], list[str]]:
    articles, problems = [], []
    for number, raw, error in numbered_objects(path):
        if error:
            problems.append(f"{path.name}:{number}: {error}")
            continue
        source = english.get(raw.get("id"))
        if source is None:
            problems.append(f"{path.name}:{number}: {raw.get('id')!r} is no article of the test split")
            continue
        article, found = compile_translation(raw, source)
        problems += [f"{path.name}:{number} {raw['id']}: {p}" for p in found]
        if article:
            articles.append(article)
    return articles, problems


def compile_all(raw_dir: Path = RAW, out_dir: Path = TRANSLATIONS) -> dict[str, dict]:
    """Compile every <lang>.jsonl of raw_dir into out_dir; per language, articles and problems."""
    from ..multilingual import LANGUAGES

    english = {a["id"]: a for a in load(split="test")}
    report = {}
    for language in LANGUAGES:
        path = raw_dir / f"{language}.jsonl"
        if not path.exists():
            continue
        articles, problems = compile_language(path, english)
        out_dir.mkdir(parents=True, exist_ok=True)
        with open(out_dir / f"{language}.jsonl", "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        report[language] = {"articles": len(articles), "events": sum(len(a["events"]) for a in articles),
                            "problems": problems}
    return report


def read_compiled(path: Path) -> list[dict]:
    return [article for _, article, error in numbered_objects(path) if not error]


def gold_point(words: str | None, gazetteer) -> tuple[float, float] | None:
    """Where the English gold place words point: a country if they name one, else the most populous place."""
    if not words:
        return None
    entries = gazetteer.lookup(words)
    if not entries:
        return None
    best = min(entries, key=lambda e: (e.feature != "country", -e.population))
    return best.lat, best.lon


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def figures(articles: list[dict], records: dict[str, dict], gazetteer, language: str | None = None) -> dict:
    """Event type P/R/F1, place accuracy (161 km), date accuracy and language-ID accuracy."""
    counts = dict.fromkeys(("gold", "output", "matched", "placed", "place_right", "dated", "date_right",
                            "identified", "records"), 0)
    for article in articles:
        record = records.get(article["id"])
        counts["gold"] += len(article["events"])
        if record is None or "error" in record:
            continue
        counts["records"] += 1
        counts["identified"] += record.get("language") == (language or article.get("language"))
        output = record.get("events", [])
        counts["output"] += len(output)
        gold_events = article["events"]
        matched, _ = match_events(gold_events, output, sentence_spans(article["text"]))
        counts["matched"] += len(matched)
        for o, g in matched.items():
            event, gold_event = output[o], gold_events[g]
            if gold_event.get("date"):
                counts["dated"] += 1
                counts["date_right"] += same_date(gold_event["date"], event.get("date"))
            point = gold_point(gold_event.get("place_words_en"), gazetteer)
            if point is not None:
                counts["placed"] += 1
                where = event.get("location") or {}
                counts["place_right"] += where.get("lat") is not None and km(point, (where["lat"], where["lon"])) <= PLACE_KM
    p = counts["matched"] / counts["output"] if counts["output"] else 0.0
    r = counts["matched"] / counts["gold"] if counts["gold"] else 0.0
    ratio = lambda a, b: round(counts[a] / counts[b], 3) if counts[b] else None  # noqa: E731
    return {"articles": len(articles), "gold_events": counts["gold"], "output_events": counts["output"],
            "event_precision": round(p, 3), "event_recall": round(r, 3),
            "event_f1": round(2 * p * r / (p + r), 3) if p and r else 0.0,
            "place_accuracy_161km": ratio("place_right", "placed"), "places_scored": counts["placed"],
            "date_accuracy": ratio("date_right", "dated"), "dates_scored": counts["dated"],
            "language_id_accuracy": ratio("identified", "records")}


def analyze(articles: list[dict]) -> dict[str, dict]:
    """truce's records of the articles (the default settings), by id, in this process."""
    from ..inputs import InputDoc
    from ..pipeline import Pipeline
    from ..settings import load_settings

    pipeline = Pipeline(load_settings())
    docs = [InputDoc(id=a["id"], text=a["text"], title=a.get("title"), published=a.get("published")) for a in articles]
    return {r.id: r.model_dump(mode="json") for r in pipeline.analyze(docs)}


def score_all(out_dir: Path = TRANSLATIONS) -> dict[str, dict]:
    """Per language: truce's figures on the translations and, on the same articles, in English."""
    from ..gazetteer import Gazetteer
    from ..multilingual import LANGUAGES

    gazetteer = Gazetteer()
    english = {a["id"]: a for a in load(split="test")}
    english_records: dict[str, dict] = {}
    report = {}
    for language in LANGUAGES:
        path = out_dir / f"{language}.jsonl"
        if not path.exists():
            continue
        articles = read_compiled(path)
        originals = [{**english[a["id"]], "events": [
            {**g, "place_words_en": english[a["id"]]["text"][g["place"][0]:g["place"][1]] if g.get("place") else None}
            for g in english[a["id"]]["events"]]} for a in articles]
        todo = [o for o in originals if o["id"] not in english_records]
        english_records.update(analyze(todo) if todo else {})
        mine = figures(articles, analyze(articles), gazetteer)
        theirs = figures(originals, english_records, gazetteer, language="en")
        mine["english_event_f1"] = theirs["event_f1"]
        mine["english_place_accuracy_161km"] = theirs["place_accuracy_161km"]
        mine["english_date_accuracy"] = theirs["date_accuracy"]
        mine["f1_ratio_to_english"] = round(mine["event_f1"] / theirs["event_f1"], 3) if theirs["event_f1"] else None
        report[language] = mine
    return report
