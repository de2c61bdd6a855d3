"""The article record: truce's output contract, defined once.

Every consumer (the CLI, the store, the exports, the web page, outside scorers) reads this shape,
so field names and meanings follow ``shared/spec/output-contract.md`` exactly. Fields may be added,
never renamed. ``truce/schema/record.schema.json`` is generated from these models
(``python -m truce.record > truce/schema/record.schema.json``) and a test keeps the two in step.
"""
from __future__ import annotations

import json
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Factuality = Literal["asserted", "negated", "future", "possible", "conditional"]
Precision = Literal["day", "week", "month", "year"]
ActorKind = Literal["person", "organization", "state", "group"]
PlaceRole = Literal["literal", "modifier", "metonym"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
CeasefireStatus = Literal["declared", "in_effect", "violated", "ended", "rejected"]
# A step of a ceasefire's history: the contract's statuses, and "extended" (an extension is in effect).
StepStatus = Literal["declared", "in_effect", "extended", "violated", "ended", "rejected"]
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


class _Model(BaseModel):
    # Unknown keys are refused so that a typo in a stage fails a test instead of leaking out.
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Source(_Model):
    name: Optional[str] = None
    url: Optional[str] = None


class Entity(Span):
    label: str


class Actor(_Model):
    id: str
    name: str
    aliases: list[str] = []
    kind: Optional[ActorKind] = None
    country: Optional[str] = Field(default=None, pattern=r"^[A-Z]{3}$")
    sector: Optional[str] = None


class Place(Span):
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country_code: Optional[str] = Field(default=None, pattern=r"^[A-Z]{2}$")
    admin1: Optional[str] = None
    feature: Optional[str] = None
    score: Optional[float] = None
    role: Optional[PlaceRole] = None


class Time(Span):
    type: TimexType
    value: Optional[str] = None


class Attribution(_Model):
    source: Optional[Span] = None
    cue: Span
    content: Span
    actor: Optional[str] = None


class EventDate(_Model):
    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    precision: Precision
    text: Optional[str] = None


class Location(_Model):
    place: Optional[int] = None
    name: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country_code: Optional[str] = None
    precision: Literal["exact", "near", "city", "admin1", "country"]


class Quantity(_Model):
    value: float
    unit: str
    text: str


class Claim(_Model):
    name: str
    actor: Optional[str] = None
    cue: str


class Condition(_Model):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Acled(_Model):
    event_type: str
    sub_event_type: str


class Event(_Model):
    id: str
    event_type: EventType
    mode: Optional[str] = None
    context: list[str] = []
    acled: Optional[Acled] = None
    actors: list[str] = []
    recipients: list[str] = []
    date: Optional[EventDate] = None
    location: Optional[Location] = None
    quantities: list[Quantity] = []
    factuality: Factuality
    condition: Optional[Condition] = None
    claimed_by: list[Claim] = []
    evidence: Span
    trigger: Span
    confidence: float = Field(ge=0.0, le=1.0)
    # Beyond the contract: the mentions the event's actors and recipients were read from.
    actor_mentions: list[Span] = []
    recipient_mentions: list[Span] = []


class CeasefireStep(_Model):
    """One thing an article reports of a ceasefire, backed by its sentence."""

    status: StepStatus
    date: Optional[EventDate] = None   # when it happened, if the article says; else the article's date stands
    actors: list[str] = []             # who declared, extended, ended or rejected it (actor ids)
    violated_by: list[str] = []        # for a violation: who is said to have committed it (actor ids)
    violators_named: list[str] = []    # ... as the text names them, when no actor stands for them
    claimed_by: list[str] = []         # who says so (actor ids of the sentence's sources)
    # A declaration the sentence only describes, as made before ("the truce that the two sides agreed", "the
    # Norwegian-brokered truce"): one more report of a declaration, dated only by its own clause, not news of one.
    restated: bool = False
    evidence: Span


class Ceasefire(_Model):
    id: str
    declared_by: list[str] = []
    toward: list[str] = []
    # Beyond the contract: who brokered, proposed or monitors it, and the steps the article reports.
    mediators: list[str] = []
    countries: list[str] = []          # ISO alpha-3 codes of its sides and of the places it is reported in
    declared: Optional[EventDate] = None
    effective: Optional[EventDate] = None
    ends: Optional[EventDate] = None
    conditions: list[Condition] = []
    status: CeasefireStatus
    event_ids: list[str] = []
    steps: list[CeasefireStep] = []
    # The article names no ceasefire, only an arrangement between its sides that it says continues ("will continue
    # to be in effect until May"): a step of a ceasefire open between the same sides, where the store holds one.
    needs_open_ceasefire: bool = False


class Record(_Model):
    """One analysed article. Stages not built yet leave their lists empty, never missing."""

    id: str
    title: Optional[str] = None
    published: Optional[str] = Field(default=None, pattern=ISO_DATE)
    source: Source = Source()
    text: str
    entities: list[Entity] = []
    actors: list[Actor] = []
    places: list[Place] = []
    times: list[Time] = []
    attributions: list[Attribution] = []
    events: list[Event] = []
    ceasefires: list[Ceasefire] = []
    warnings: list[str] = []
    # Beyond the contract: the ISO 639-1 code of the article's language, as identified
    # (truce/stages/language.py); it chose the pipeline that read the article.
    language: Optional[str] = Field(default=None, pattern=r"^[a-z]{2}$")


class ErrorLine(_Model):
    """What a batch writes in place of a record for an input it could not process."""

    id: Optional[str] = None
    error: str


def json_schema() -> dict:
    """The JSON Schema of the article record (error lines are `ErrorLine`: an id and a message)."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://truce.invalid/schema/record.schema.json"
    return schema


def json_line(result: Record | ErrorLine) -> str:
    """A record or error line as one line of JSONL output, the same from every command and engine."""
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
