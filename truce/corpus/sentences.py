"""Numbered sentences of an article, for annotators to point into.

Annotators name a span by its sentence number and its exact words; the corpus keeps character
offsets. The split only has to be stable and readable, not linguistically perfect: a sentence cut in
two still lets every span be found, so it is a plain rule on punctuation and capitals.
"""
from __future__ import annotations

import re

# A sentence ends at . ! ? (with closing quotes or brackets) before white space and a capital, a
# digit or an opening quote; a blank line or a line break always ends one.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’')\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])|(\n+)")
# Abbreviations that end in a period without ending a sentence.
_ABBREVIATIONS = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|Sgt|Rep|Sen|Gov|St|Jr|Sr|Vol|Jan|Feb|"
                            r"Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|U\.K|a\.m|p\.m|vs|etc|Inc|Corp|Co|Ltd)|"
                            r"\b[A-Z])\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, stripped of surrounding white space."""
    spans, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        cut = boundary.start(1) if boundary.group(1) else boundary.start(2)
        if boundary.group(2) or not _ABBREVIATIONS.search(text[max(0, boundary.start() - 6):boundary.start()]):
            _add(spans, text, start, cut)
            start = boundary.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right > left:
        spans.append((start + left, start + right))
