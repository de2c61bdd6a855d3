"""Annotators' words to the corpus's offsets.

Annotators never type offsets. They name a span by its exact words, in a sentence they give by
number (``scripts/corpus_batches.py`` numbers them with ``sentences.sentence_spans``):

- a trigger is a string found in the event's sentence ``s`` (``{"text", "nth"}`` picks the nth
  occurrence there);
- any other span is a string, found in the event's sentence if it is there, else at the occurrence
  nearest the trigger anywhere in the text (the guide's "the mention nearest the trigger"); or
  ``{"text", "s", "nth"}`` to say exactly where.

Matches are case-sensitive and whole-word where the words begin or end with a letter or digit; a
string that is not found is an error, never a guess.

    python3 -m truce.corpus.resolve RAW.jsonl [--out COMPILED.jsonl] [--reviewer NAME]

prints every problem (exit 1 if any) and, with --out, writes the compiled articles.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .check import problems
from .format import GUIDE_VERSION, split_of
from .sentences import sentence_spans
from .sources import SourceText, all_texts, numbered_objects


class SpanError(ValueError):
    pass


def occurrences(text: str, words: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where `words` stand in text[start:end] as whole words ((start, end) pairs); a space in
    `words` also matches a non-breaking space or a line break of the text, which look the same."""
    if not isinstance(words, str) or not words.strip() or words != words.strip():
        raise SpanError(f"{words!r} is not a span's words (empty, or white space at an end)")
    left = r"(?<![\w])" if re.match(r"\w", words) else ""
    right = r"(?![\w])" if re.search(r"\w$", words) else ""
    body = r"\s+".join(re.escape(part) for part in words.split(" "))
    pattern = re.compile(left + body + right)
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


class Resolver:
    """Finds the spans of one article."""

    def __init__(self, source: SourceText):
        self.text = source.text
        self.sentences = sentence_spans(source.text)

    def sentence(self, number) -> tuple[int, int]:
        if not isinstance(number, int) or not 0 <= number < len(self.sentences):
            raise SpanError(f"sentence {number!r} does not exist (the article has 0..{len(self.sentences) - 1})")
        return self.sentences[number]

    def trigger(self, ref, number: int) -> list[int]:
        words, nth = (ref.get("text"), ref.get("nth", 1)) if isinstance(ref, dict) else (ref, 1)
        start, end = self.sentence(number)
        found = occurrences(self.text, words, start, end)
        if len(found) < nth:
            raise SpanError(f"trigger {words!r} is not in sentence [{number}]" if not found else
                            f"trigger {words!r} occurs {len(found)} times in sentence [{number}], not {nth}")
        return list(found[nth - 1])

    def span(self, ref, number: int | None, anchor: int) -> list[int]:
        """The span `ref` names, looked for in sentence `number` first, else nearest to `anchor`."""
        if isinstance(ref, dict):
            words, nth, number = ref.get("text"), ref.get("nth"), ref.get("s", number)
            if nth is not None:
                start, end = self.sentence(number)
                found = occurrences(self.text, words, start, end)
                if len(found) < nth:
                    raise SpanError(f"{words!r} occurs {len(found)} times in sentence [{number}], not {nth}")
                return list(found[nth - 1])
        else:
            words = ref
        if number is not None:
            start, end = self.sentence(number)
            found = occurrences(self.text, words, start, end)
            if found:
                return self._nearest(found, anchor)
        found = occurrences(self.text, words)
        if not found:
            raise SpanError(f"{words!r} is nowhere in the text (words must be copied exactly, case included)")
        return self._nearest(found, anchor)

    @staticmethod
    def _nearest(found: list[tuple[int, int]], anchor: int) -> list[int]:
        return list(min(found, key=lambda span: (abs(span[0] - anchor), span[0] > anchor)))


def compile_article(raw: dict, source: SourceText, reviewer: str | None = None) -> tuple[dict, list[str]]:
    """The corpus form of one raw annotation, and the problems met on the way."""
    resolver = Resolver(source)
    errors: list[str] = []
    events, keys = [], {}
    for n, raw_event in enumerate(raw.get("events", [])):
        key = raw_event.get("key") or f"e{n + 1}"
        try:
            event = _compile_event(raw_event, resolver, f"e{n + 1}", n + 1)
        except (SpanError, KeyError, TypeError) as error:
            errors.append(f"event {n + 1} ({key}, sentence {raw_event.get('s')}): {_message(error)}")
            continue
        keys[key] = event["id"]
        events.append(event)
    ceasefires = []
    for n, raw_ceasefire in enumerate(raw.get("ceasefires", [])):
        try:
            ceasefires.append(_compile_ceasefire(raw_ceasefire, resolver, keys, events))
        except (SpanError, KeyError, TypeError) as error:
            errors.append(f"ceasefire {n + 1}: {_message(error)}")
    article = {
        "id": source.id, "source": source.origin, "text_sha256": source.sha256, "url": source.url,
        "outlet": source.outlet, "published": source.published, "title": source.title, "licence": source.licence,
        "split": split_of(source.id), "events": events, "ceasefires": ceasefires,
        "annotator": raw.get("annotator"), "reviewer": reviewer or raw.get("reviewer"), "guide_version": GUIDE_VERSION,
    }
    if not errors:
        errors = problems(article, source.text)
    return article, errors


def _message(error: Exception) -> str:
    return f"missing field {error}" if isinstance(error, KeyError) else str(error)


def _compile_event(raw: dict, resolver: Resolver, event_id: str, salience: int) -> dict:
    number = raw["s"]
    trigger = resolver.trigger(raw["trigger"], number)
    anchor = trigger[0]

    def spans(role):
        return [resolver.span(ref, number, anchor) for ref in raw.get(role) or []]

    def optional(role):
        return resolver.span(raw[role], number, anchor) if raw.get(role) else None

    return {
        "id": event_id, "event_type": raw["event_type"], "mode": raw.get("mode") or None,
        "context": raw.get("context") or [], "trigger": trigger, "factuality": raw["factuality"],
        "condition": optional("condition"), "actors": spans("actors"), "recipients": spans("recipients"),
        "date": raw.get("date") or None, "place": optional("place"), "claimed_by": spans("claimed_by"),
        "salience": salience,
    }


def _compile_ceasefire(raw: dict, resolver: Resolver, keys: dict, events: list[dict]) -> dict:
    event_ids = []
    for key in raw.get("event_keys") or []:
        if key not in keys:
            raise SpanError(f"event_keys names {key!r}, which is no event of this article")
        event_ids.append(keys[key])
    linked = [e for e in events if e["id"] in event_ids]
    number = raw.get("s")
    anchor = linked[0]["trigger"][0] if linked else (resolver.sentence(number)[0] if number is not None else 0)
    return {
        "declared_by": [resolver.span(ref, number, anchor) for ref in raw.get("declared_by") or []],
        "toward": [resolver.span(ref, number, anchor) for ref in raw.get("toward") or []],
        "declared": raw.get("declared") or None, "effective": raw.get("effective") or None,
        "ends": raw.get("ends") or None,
        "conditions": [resolver.span(ref, number, anchor) for ref in raw.get("conditions") or []],
        "status": raw.get("status"), "event_ids": event_ids,
    }


def compile_file(path: Path, texts: dict, reviewer: str | None = None) -> tuple[list[dict], list[str]]:
    articles, errors = [], []
    for number, raw, error in numbered_objects(path):
        if error:
            errors.append(f"line {number}: {error}")
            continue
        source = texts.get(raw.get("id")) if isinstance(raw, dict) else None
        if source is None:
            errors.append(f"line {number}: unknown article id {raw.get('id') if isinstance(raw, dict) else raw!r}")
            continue
        article, found = compile_article(raw, source, reviewer)
        errors += [f"line {number} {source.id}: {problem}" for problem in found]
        articles.append(article)
    return articles, errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--reviewer")
    args = parser.parse_args(argv)
    articles, errors = compile_file(args.raw, all_texts(), args.reviewer)
    for error in errors:
        print(error)
    events = sum(len(a["events"]) for a in articles)
    print(f"{len(articles)} articles, {events} events, {len(errors)} problems", file=sys.stderr)
    if args.out and not errors:
        with open(args.out, "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
