"""The per-article state that the stages fill in, one stage after another."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import record
from .inputs import InputDoc


@dataclass(slots=True)
class Article:
    """What is known of one article so far. Each stage reads earlier stages' fields and adds its own."""

    input: InputDoc
    text: str = ""                      # clean: the body, which every offset indexes
    title: str | None = None            # clean
    published: str | None = None        # clean: the caller's date, else the page's
    source_name: str | None = None      # clean
    url: str | None = None              # clean
    language: str | None = None         # language: ISO 639-1 code
    doc: Any = None                     # nlp: the spaCy Doc of `text`
    entities: list[record.Entity] = field(default_factory=list)  # entities
    places: list[record.Place] = field(default_factory=list)      # places
    times: list[record.Time] = field(default_factory=list)        # times
    attributions: list[record.Attribution] = field(default_factory=list)  # attributions
    actors: list[record.Actor] = field(default_factory=list)      # actors
    actor_spans: list[tuple[int, int, str]] = field(default_factory=list)  # actors: (start, end, actor id)
    events: list[record.Event] = field(default_factory=list)      # events: those the record keeps
    # events: every event found, the ones below the record's confidence threshold too; the ceasefire
    # stage reads them (a ceasefire's declaration is rare in the detector's training data)
    all_events: list[record.Event] = field(default_factory=list)
    event_features: dict = field(default_factory=dict)            # events: each event's evidence, for calibration
    ceasefires: list[record.Ceasefire] = field(default_factory=list)  # ceasefires
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.input.id

    def to_record(self) -> record.Record:
        return record.Record(
            id=self.id,
            title=self.title,
            published=self.published,
            language=self.language,
            source=record.Source(name=self.source_name, url=self.url),
            text=self.text,
            entities=self.entities,
            actors=self.actors,
            places=self.places,
            times=self.times,
            attributions=self.attributions,
            events=self.events,
            ceasefires=self.ceasefires,
            warnings=self.warnings,
        )
