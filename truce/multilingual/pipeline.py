"""The stages of an article in one of the ten languages, in the order each needs the one before:
segments, times, places (outside the time expressions), actors, events. Fills the same Article
fields as the English stages, so the record has the same shape; what cannot be filled is named in
the record's warnings (UNREAD)."""
from __future__ import annotations

from ..article import Article
from ..gazetteer import Gazetteer
from .actors import find_actors
from .events import EventTyper
from .places import Places
from .segments import sentence_spans, words
from .times import find_times

UNREAD = ("named entities (no NER model for this language)", "attributions", "ceasefires",
          "event actors and recipients (no parser: the article's actors are listed, not their roles)",
          "event factuality (given as 'asserted', not read)",
          "event triggers (the trigger is the event's sentence)")


class ForeignPipeline:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.places = Places(gazetteer)
        self.events = EventTyper()

    def __call__(self, article: Article) -> None:
        text, language = article.text, article.language
        sentences = sentence_spans(text)
        sentence_words = [words(text, language, a, b) for a, b in sentences]
        article.times = find_times(text, language, article.published)
        article.places = self.places.find(text, language, sentence_words, [(t.start, t.end) for t in article.times])
        article.actors, article.actor_spans = find_actors(
            text, language, [w for ws in sentence_words for w in ws], article.places, self.gazetteer)
        article.events = self.events.find(text, sentences, article.times, article.places, article.published, language)
        if article.published is None:
            article.warnings.append("no publication date: weekdays, relative days and dates without a year have no value")
        article.warnings.extend(f"language {language}: not read: {what}" for what in UNREAD)
