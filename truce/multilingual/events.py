"""events: PLOVER (and ACLED) events of a text in one of the ten languages, one sentence at a time.

A linear classifier over the sentence's multilingual-e5-small vector (encoder.py) reads its event
type or NONE (the NONE logit lowered by the language's bias measured on the parallel sentences: see
Linear); a sentence whose P(NONE) is under the threshold chosen in training gets an event of its
most likely type, and one of each other type (up to MOST_EVENTS in all) whose probability reaches
the second threshold chosen in training; an event's confidence is its type's probability. Both
classifiers were trained on English sentences only (scripts/train_multilingual.py). The event's
evidence and trigger are the sentence itself: without a parser no single word is known to be the
trigger, and the record says so. Each vector has its language's offset from English taken away
first (encoder.align). The ACLED sub-event classifier's answer is kept when it fits the PLOVER type
(the English stage's rule, truce.stages.events.acled.choose). Date: the sentence's first dated time expression; location: the
sentence's most precise place, else the first place of the article (its dateline or lead).
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import numpy as np

from .. import record
from ..stages.events.acled import choose
from .encoder import Encoder, align

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "events" / "multilingual"
PLOVER_MODEL = RESOURCES / "plover.npz"
ACLED_MODEL = RESOURCES / "acled.npz"
TRAINING = RESOURCES / "training.json"
NONE = "NONE"
MOST_EVENTS = 3  # events a sentence may get (its types); the training script's cross-validation uses the same
_PRECISION = {"city": "city", "airport": "exact", "admin1": "admin1", "region": "admin1", "country": "country"}
_SPECIFIC = ("airport", "city", "region", "admin1", "country")


class Linear:
    """A multinomial logistic regression exported by the training script."""

    def __init__(self, path: Path):
        data = np.load(path, allow_pickle=False)
        self.coef, self.intercept = data["coef"], data["intercept"]
        self.labels = [str(label) for label in data["labels"]]
        self.none_threshold = float(data["none_threshold"]) if "none_threshold" in data.files else None
        # A sentence often tells more than one event ("troops shelled the town and arrested two men"):
        # a type other than the likeliest is given too when its probability reaches this.
        self.second_threshold = float(data["second_threshold"]) if "second_threshold" in data.files else None
        # Per language, how much higher the NONE logit of its (aligned) sentences stands than that of
        # the same sentences in English (the training script measures it on the parallel sentences,
        # encoder.PARALLEL); taken away, so that a language's leftover offset is not read as NONE.
        self.none_bias = dict(zip([str(x) for x in data["bias_languages"]], data["none_bias"].tolist())) \
            if "none_bias" in data.files else {}

    def probabilities(self, X: np.ndarray, language: str = "") -> np.ndarray:
        scores = X @ self.coef.T + self.intercept
        if language in self.none_bias:
            scores[:, self.labels.index(NONE)] -= self.none_bias[language]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


@functools.cache
def models() -> tuple[Linear, Linear]:
    return Linear(PLOVER_MODEL), Linear(ACLED_MODEL)


class EventTyper:
    def __init__(self, encoder: Encoder | None = None):
        self.encoder = encoder or Encoder()

    def find(self, text: str, sentences: list[tuple[int, int]], times: list[record.Time],
             places: list[record.Place], published: str | None = None, language: str = "") -> list[record.Event]:
        if not sentences:
            return []
        plover, acled = models()
        X = align(self.encoder.embed([text[a:b] for a, b in sentences]), language)
        typed, sub = plover.probabilities(X, language), acled.probabilities(X)
        none = plover.labels.index(NONE)
        events = []
        for row, (start, end) in enumerate(sentences):
            if typed[row, none] >= plover.none_threshold:
                continue
            best = int(sub[row].argmax())
            span = record.Span(start=start, end=end, text=text[start:end])
            for column in sentence_types(typed[row], none, plover.second_threshold):
                event_type = plover.labels[column]
                acled_type = choose(event_type, (acled.labels[best], float(sub[row, best]), True), None)
                events.append(record.Event(
                    id=f"e{len(events) + 1}", event_type=event_type, factuality="asserted",
                    acled=record.Acled(event_type=acled_type[0], sub_event_type=acled_type[1]) if acled_type else None,
                    date=event_date(times, start, end, published), location=_location(places, start, end),
                    evidence=span, trigger=span, confidence=round(float(typed[row, column]), 3)))
        return events


def sentence_types(probabilities: np.ndarray, none: int, second_threshold: float | None, most: int = MOST_EVENTS) -> list[int]:
    """The columns of the types a sentence with an event gets, likeliest first: the likeliest type,
    and up to most - 1 others whose probability reaches second_threshold."""
    ranked = [int(i) for i in np.argsort(-probabilities) if i != none][:most]
    if second_threshold is None:
        return ranked[:1]
    return ranked[:1] + [i for i in ranked[1:] if probabilities[i] >= second_threshold]


def event_date(times: list[record.Time], start: int, end: int, published: str | None) -> record.EventDate | None:
    """The date the sentence names (its first time with a value); else the day the story is telling
    of: the last day named before the sentence and not after publication (as the English stage's
    narrative day); else, the article naming no day before, the publication's day (news tells the
    latest news)."""
    own = _own_time([t for t in times if start <= t.start < end and t.value])
    if own is not None:
        return _as_event_date(own.value, own.text)
    before = [t for t in times if t.end <= start and t.value and len(t.value) == 10 and (not published or t.value <= published[:10])]
    if before:
        return _as_event_date(before[-1].value, before[-1].text)
    return record.EventDate(value=published[:10], precision="day") if published else None


def _own_time(inside: list[record.Time]) -> record.Time | None:
    """The sentence's time that dates its event: its first, but a year named alone gives way to a
    more precise time in the same sentence ("The minister, in office since 2019, resigned on
    Tuesday": a year alone is mostly background, the day the news)."""
    precise = next((t for t in inside if len(t.value) > 4), None)
    return precise or (inside[0] if inside else None)


def _as_event_date(value: str, text: str | None) -> record.EventDate | None:
    if "-W" in value:  # an ISO week: the record's date is its Monday, at week precision
        monday = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        return record.EventDate(value=monday.isoformat(), precision="week", text=text)
    precision = {10: "day", 7: "month", 4: "year"}.get(len(value))
    return record.EventDate(value=value, precision=precision, text=text) if precision else None


def _location(places: list[record.Place], start: int, end: int) -> record.Location | None:
    """The sentence's most precise place, else the article's first (its dateline or lead). Tried on
    the translated test articles and left out: a country made precise by the article's city in it,
    and the place named last before the sentence (no better, or worse)."""
    inside = [(i, p) for i, p in enumerate(places) if start <= p.start < end and p.feature in _SPECIFIC]
    if not inside and places:
        inside = [(0, places[0])]
    if not inside:
        return None
    index, place = min(inside, key=lambda item: _SPECIFIC.index(item[1].feature) if item[1].feature in _SPECIFIC else 9)
    return record.Location(place=index, name=place.name, lat=place.lat, lon=place.lon, country_code=place.country_code,
                           precision=_PRECISION.get(place.feature, "city"))
