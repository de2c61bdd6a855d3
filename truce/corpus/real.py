"""Real articles in other languages (corpus/real/<lang>.jsonl), annotated per the guide, and truce's figures on them.

Each line is an article as an outlet published it in its own language (id, url, outlet, published,
licence, title, text) with its gold events in the compiled form of the translations
(``translations.compile_translation``): type, mode, trigger offsets and words, factuality, date,
place offsets and the place's English name (``place_words_en``, whose gazetteer point is the gold
place of the 161 km test), actor and recipient offsets. Scoring is the translations' own
(``translations.figures``), without an English counterpart: these articles have none.

    truce corpus real [--score]
"""
from __future__ import annotations

from pathlib import Path

from .sources import CORPUS_DIR
from .translations import analyze, figures, read_compiled

REAL = CORPUS_DIR / "real"


def problems(article: dict) -> list[str]:
    """What is wrong with an article's gold: a span out of the text, a trigger whose words are not its span."""
    found, text = [], article.get("text") or ""
    for key in ("id", "url", "outlet", "licence", "language"):
        if not article.get(key):
            found.append(f"no {key}")
    if not article.get("published") and not article.get("note"):
        found.append("no publication date, and no note saying why")
    for event in article.get("events", []):
        start, end = event["trigger"]
        if text[start:end] != event.get("trigger_words"):
            found.append(f"{event['id']}: trigger {text[start:end]!r} is not {event.get('trigger_words')!r}")
        spans = [event["place"]] if event.get("place") else []
        for start, end in spans + event.get("actors", []) + event.get("recipients", []):
            if not 0 <= start < end <= len(text):
                found.append(f"{event['id']}: span {start}-{end} is outside the text")
    return found


def check_all(folder: Path = REAL) -> dict[str, dict]:
    """Per language: articles, events and the problems of corpus/real/<lang>.jsonl."""
    report = {}
    for path in sorted(folder.glob("*.jsonl")):
        articles = read_compiled(path)
        report[path.stem] = {"articles": len(articles), "events": sum(len(a["events"]) for a in articles),
                             "problems": [f"{a['id']}: {p}" for a in articles for p in problems(a)]}
    return report


def score_all(folder: Path = REAL) -> dict[str, dict]:
    """Per language: truce's figures on the real articles (the translations' measures)."""
    from ..gazetteer import Gazetteer

    gazetteer = Gazetteer()
    report = {}
    for path in sorted(folder.glob("*.jsonl")):
        articles = read_compiled(path)
        report[path.stem] = figures(articles, analyze(articles), gazetteer, language=path.stem)
    return report
