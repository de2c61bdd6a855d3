"""Boilerplate in scraped plain text: which lines of a page are its article, which are page chrome.

A scraped page (a scraper's output, a whole-page copy, a Common Crawl WET record) puts every visible
block on a line of its own: menus, share buttons, related links, comments and footers around the
article. Each line is described by what any page gives, whatever its site or language: its length and
sentence punctuation, its letters, digits and capitals, its stopword density (jusText's stoplists), how
often it repeats in the page, and where it sits relative to the page's main run of prose. A logistic
model reads those features twice: first the line alone, then the line with its neighbours' first
readings, as a line of a menu is among menu lines and a caption among paragraphs.

The weights are learned by `scripts/train_clean.py` and shipped in `resources/clean/line_model.json`;
this module only computes features and applies them (numpy, no training library).
"""
from __future__ import annotations

import collections
import functools
import json
import math
import re
from importlib import resources

import justext
import numpy as np

_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_SYMBOL = re.compile(r"[^\w\s]")
# A sentence ends with . ! ? or their CJK and ellipsis forms, maybe followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)\]»」』]*$")
# Chinese and Japanese write no spaces: a word is taken as two of their characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_MARK = re.compile(r"[.!?。！？](?:\s|$)")
_SEPARATORS = re.compile(r"[|•·»›→>/]")
_CLOCK_OR_YEAR = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_DIGITS = re.compile(r"\d+")
_BRACKETED = re.compile(r"^[\[(].*[\])]$")

# A line that reads as prose: it ends a sentence and has this many words or more.
PROSE_WORDS = 8
_WINDOWS = (2, 5, 15)
MAIN_RUN_COSTS = (6.0, 20.0)


@functools.lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    return {lang: frozenset(justext.get_stoplist(lang)) for lang in justext.get_stoplists()}


def page_stoplist(words: list[str]) -> frozenset[str]:
    """The stoplist of the page's language: the one covering most of its words' occurrences. Lists are
    compared on the page's 200 most frequent words, so that a long list does not win by its length."""
    common = {}
    for word in words:
        common[word] = common.get(word, 0) + 1
    top = sorted(common, key=common.get, reverse=True)[:200]
    if not top:
        return frozenset()
    best = max(_stoplists().values(), key=lambda stops: sum(common[w] for w in top if w in stops))
    return best


def word_count(line: str) -> int:
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    stripped = line.strip()
    return word_count(stripped) >= PROSE_WORDS and bool(_SENTENCE_END.search(stripped))


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def local_features(line: str, stops: frozenset[str], repeats: int) -> list[float]:
    """What the line itself shows: size, punctuation, character classes, capitals, stopwords."""
    stripped = line.strip()
    n_chars = max(len(stripped), 1)
    words = stripped.split()
    n_words = word_count(stripped)
    tokens = _WORD.findall(stripped.casefold())
    cased = [w for w in words if _LETTER.match(w[:1] or " ") and w[:1].lower() != w[:1].upper()]
    capitalised = sum(w[:1].isupper() for w in cased) / len(cased) if cased else 0.0
    return [
        math.log1p(n_words),
        math.log1p(len(stripped)),
        *(float(n_words >= bound) for bound in (2, 4, 8, 16, 32)),
        float(bool(_SENTENCE_END.search(stripped))),
        math.log1p(len(_SENTENCE_MARK.findall(stripped))),
        len(_LETTER.findall(stripped)) / n_chars,
        len(_DIGIT.findall(stripped)) / n_chars,
        len(_SYMBOL.findall(stripped)) / n_chars,
        capitalised,
        float(bool(cased) and cased[0][:1].islower()),
        sum(t in stops for t in tokens) / len(tokens) if tokens else 0.0,
        float("," in stripped or "،" in stripped or "、" in stripped),
        float(n_words <= 3),
        float(bool(_SEPARATORS.search(stripped))),
        float(bool(_CLOCK_OR_YEAR.search(stripped))),
        float(bool(_BRACKETED.match(stripped))),
        math.log1p(repeats - 1),
    ]


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of values over the lines within radius of each line (fewer at the page's edges)."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    lo = np.clip(np.arange(n) - radius, 0, n)
    hi = np.clip(np.arange(n) + radius + 1, 0, n)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _main_run(prose_words: np.ndarray, cost: float) -> tuple[int, int]:
    """The stretch of lines where prose outweighs the rest most: a maximum-sum run in which a line of
    prose counts its words and any other line costs `cost` words. At a low cost the short lines
    between paragraphs (captions, subheadings) do not cut the article in two, while a menu does; at a
    high one the names and dates between comments cut them off the article too."""
    best, best_span, total, start = 0.0, (0, -1), 0.0, 0
    for i, words in enumerate(prose_words):
        total += words if words else -cost
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_span = total, (start, i)
    return best_span


def context_features(prose_words: np.ndarray, short: np.ndarray) -> np.ndarray:
    """Where each line sits: its position, the prose around it, the run of short lines it is part of,
    and its distance from the page's main run of prose."""
    n = len(prose_words)
    prose = (prose_words > 0).astype(float)
    index = np.arange(n)
    columns = [index / max(n - 1, 1)]
    columns += [_window_mean(prose, radius) for radius in _WINDOWS]
    columns.append(np.log1p(_run_lengths(short)))
    prose_at = np.flatnonzero(prose)
    if len(prose_at):
        after = np.searchsorted(prose_at, index)  # the first prose line at or below each line
        below = prose_at[np.minimum(after, len(prose_at) - 1)] - index
        above = index - prose_at[np.maximum(after - 1, 0)]
        nearest = np.where(below >= 0, below, n)
        nearest = np.minimum(nearest, np.where(above >= 0, above, n))
        before = np.searchsorted(prose_at, index, side="right") / len(prose_at)
    else:
        nearest, before = np.full(n, n), np.zeros(n)
    columns += [np.log1p(nearest), before]
    for cost in MAIN_RUN_COSTS:
        first, last = _main_run(prose_words, cost)
        outside = np.maximum(first - index, index - last).clip(min=0)
        columns += [(outside == 0).astype(float), np.log1p(outside)]
    return np.column_stack(columns)


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each line, the length of the run of equal flags it belongs to (0 where the flag is off)."""
    lengths = np.zeros(len(flags))
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            if flags[start]:
                lengths[start:i] = i - start
            start = i
    return lengths


def page_features(lines: list[str]) -> np.ndarray:
    """The feature matrix of a page's non-blank lines, in order."""
    words = [t for line in lines for t in _WORD.findall(line.casefold())]
    stops = page_stoplist(words)
    counts: dict[str, int] = {}
    for line in lines:
        counts[_norm(line)] = counts.get(_norm(line), 0) + 1
    local = np.array([local_features(line, stops, counts[_norm(line)]) for line in lines], dtype=float)
    words = np.array([word_count(line) for line in lines], dtype=float)
    prose_words = np.array([w if is_prose(line) else 0 for w, line in zip(words, lines)], dtype=float)
    short = (words <= 3).astype(float)
    templated = _template_repeats(lines)
    pattern = np.column_stack([np.log1p(templated)] + [_window_mean((templated > 0).astype(float), r) for r in (3, 8)])
    return np.hstack([local, pattern, _justext_classes(lines, stops), context_features(prose_words, short),
                      _page_shape(words, prose_words)])


def _page_shape(words: np.ndarray, prose_words: np.ndarray) -> np.ndarray:
    """What kind of page the line is on (how many lines, how much of it is prose) and the line's length
    against the page's usual one: a short line on a page of paragraphs is not one on a page of lists."""
    n = len(words)
    log_words = np.log1p(words)
    return np.column_stack([np.full(n, math.log1p(n)), np.full(n, float((prose_words > 0).mean())),
                            log_words - log_words.mean()])


_JUSTEXT_CLASSES = ("good", "neargood", "short", "bad")
# Longer than the scraped dev pages (at most 652 non-blank lines), short enough to bound the time.
JUSTEXT_BLOCK = 1000


def _justext_classes(lines: list[str], stops: frozenset[str]) -> np.ndarray:
    """jusText's reading of each line as a paragraph: its class on the line alone (cf_class) and
    after its neighbours were taken into account (class_type), one-hot. Its revision looks for each
    short line's neighbours through the whole run of short lines around it, which takes time growing
    with the square of a run's length: it is made on blocks of JUSTEXT_BLOCK lines."""
    paragraphs = []
    for line in lines:
        path = justext.core.PathInfo().append("body").append("p")
        paragraph = justext.core.Paragraph(path)
        paragraph.append_text(line)
        paragraphs.append(paragraph)
    justext.core.classify_paragraphs(paragraphs, stops)
    for start in range(0, len(paragraphs), JUSTEXT_BLOCK):
        justext.core.revise_paragraph_classification(paragraphs[start:start + JUSTEXT_BLOCK])
    return np.array([[float(p.cf_class == c) for c in _JUSTEXT_CLASSES] + [float(p.class_type == c) for c in _JUSTEXT_CLASSES]
                     for p in paragraphs], dtype=float).reshape(len(lines), 2 * len(_JUSTEXT_CLASSES))


def _template_repeats(lines: list[str]) -> np.ndarray:
    """How many other lines of the page share the line's shape with its numbers set aside: the
    dates, counts and ratings that a list of comments or stories repeats ("3 days ago", "12 votes")."""
    shapes = [_DIGITS.sub("0", _norm(line)) for line in lines]
    counts = collections.Counter(shapes)
    return np.array([counts[shape] - 1 if _DIGITS.search(line) else 0 for shape, line in zip(shapes, lines)],
                    dtype=float)


def with_neighbours(features: np.ndarray, first_reading: np.ndarray) -> np.ndarray:
    """The second reading's input: the features and the first reading around each line, how
    strongly content lies both above and below it (a subheading or caption inside the article), and
    how the line's reading compares with the rest of the page's."""
    columns = [first_reading] + [_window_mean(first_reading, radius) for radius in (1, 3, 8)]
    for reach in (3, 10):
        above, below = _max_above(first_reading, reach), _max_above(first_reading[::-1], reach)[::-1]
        columns += [above, below, np.minimum(above, below)]
    # the reading against the page's own: on a page in a language or layout the first reading knows
    # badly, its article is still read higher than its chrome
    columns += [first_reading / max(first_reading.max(), 1e-6), first_reading - first_reading.mean(),
                _window_mean(first_reading, 20)]
    return np.hstack([features, np.column_stack(columns)])


def _max_above(values: np.ndarray, reach: int) -> np.ndarray:
    """For each line, the largest value among the `reach` lines before it (0 for the first line)."""
    padded = np.concatenate([np.zeros(reach), values])
    return np.array([padded[i:i + reach].max() for i in range(len(values))]) if len(values) else values


class LineModel:
    """Two stacked logistic models over line features; `content(lines)` gives each line's probability
    of being the article's."""

    def __init__(self, weights: dict):
        self.stages = [(np.array(s["mean"]), np.array(s["scale"]), np.array(s["coef"]), float(s["intercept"]))
                       for s in weights["stages"]]
        self.threshold = float(weights["threshold"])

    @classmethod
    @functools.lru_cache(maxsize=1)
    def shipped(cls) -> "LineModel":
        path = resources.files("truce") / "resources" / "clean" / "line_model.json"
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    def _apply(stage, features: np.ndarray) -> np.ndarray:
        mean, scale, coef, intercept = stage
        logits = ((features - mean) / scale) @ coef + intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def content(self, lines: list[str]) -> np.ndarray:
        if not lines:
            return np.zeros(0)
        features = page_features(lines)
        first = self._apply(self.stages[0], features)
        return self._apply(self.stages[1], with_neighbours(features, first))
