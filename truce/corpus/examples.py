"""Training examples for the learned event models, made from the corpus's gold events on truce's parse.

Each gold event is tied to one word of the parse, its trigger's head (the word of the trigger span
whose syntactic head lies outside it). The detector learns from every candidate word (the head words
labelled with their gold type, the others NONE); the factuality model from the gold events' heads; the
role model from every mention of a gold event's sentence, labelled actor, recipient or none by its
overlap with the gold spans.

A word that repeats an event annotated elsewhere (one occurrence, one event: the annotator coded its
most informative mention only) is left out of the detector's negatives when its lemma is the lemma of
a gold trigger of the same article, as the annotation says nothing about it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..stages.events.model_features import (factuality_features, is_candidate, mentions, role_features, token_vector,
                                      trigger_features)


@dataclass
class Examples:
    """Features and labels for the three models; `groups` keeps each detector example's article."""
    detector: list[tuple[list[str], np.ndarray, str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    factuality: list[tuple[list[str], str]] = field(default_factory=list)
    roles: list[tuple[list[str], str]] = field(default_factory=list)
    unaligned: int = 0  # gold events whose trigger has no candidate word

    def extend(self, other: "Examples") -> None:
        self.detector += other.detector
        self.groups += other.groups
        self.factuality += other.factuality
        self.roles += other.roles
        self.unaligned += other.unaligned


def head_token(doc, start: int, end: int):
    """The word of [start, end) whose head lies outside it (the last such word), or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    return (roots or list(span))[-1]


def _overlaps(span, gold) -> bool:
    return span.start_char < gold[1] and gold[0] < span.end_char


def add_article(examples: Examples, gold: dict, doc, lexicon) -> None:
    """Examples of one annotated article, parsed as `doc` (whose text is the article's)."""
    heads = {}
    for event in gold["events"]:
        token = head_token(doc, *event["trigger"])
        if token is None or not is_candidate(token):
            examples.unaligned += 1
            continue
        heads[token.i] = event
    gold_lemmas = {(doc[i].lemma_.lower(), e["event_type"]) for i, e in heads.items()}
    gold_lemma_only = {lemma for lemma, _ in gold_lemmas}
    for token in doc:
        if not is_candidate(token):
            continue
        event = heads.get(token.i)
        if event is None and token.lemma_.lower() in gold_lemma_only:
            continue  # a repeated mention of an annotated event: unknown, not negative
        lexeme = lexicon.match(token)
        examples.detector.append((trigger_features(token, lexeme, lexicon.by_lemma.keys()), token_vector(token),
                                  event["event_type"] if event else "NONE"))
        examples.groups.append(gold["id"])
    for i, event in heads.items():
        token = doc[i]
        examples.factuality.append((factuality_features(token, event["event_type"], token.sent), event["factuality"]))
        for mention in mentions(token.sent):
            if token.i in range(mention.start, mention.end):
                continue
            label = ("actor" if any(_overlaps(mention, g) for g in event["actors"]) else
                     "recipient" if any(_overlaps(mention, g) for g in event["recipients"]) else "none")
            examples.roles.append((role_features(token, mention, event["event_type"]), label))
