"""How sure truce is of an event: a logistic model over what the parse shows, fitted on gold events.

`strength` is the hand-set score the ranking uses (a filled role and a plain verb trigger raise it).
`Calibrator` turns the same evidence into a probability that the event's type is right: weights
fitted by scripts/fit_confidence.py on the PLOVER gold sentences outside the held-out quarter, so a
confidence of 0.8 means about 8 in 10 such events are typed right on that data.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

WEIGHTS = Path(__file__).resolve().parents[2] / "resources" / "events" / "confidence.json"
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def strength(c) -> float:
    """The ranking's score: a filled role and a plain verb trigger raise it."""
    score = 0.45
    score += 0.2 if c.actors else 0.0
    score += 0.1 if c.recipients else 0.0
    score += 0.1 if c.trigger.pos_ == "VERB" else 0.0
    score += 0.1 if c.lexeme.event_type == c.event_type else 0.05
    score -= 0.3 if c.by_classifier else 0.0  # a type read off the whole sentence, no trigger word
    return round(min(score, 0.95), 2)


def features(c, depth: int, rivals: int) -> dict[str, float]:
    """The evidence for one event: roles, trigger, how it was typed, where it hangs, what competes with it."""
    found = {
        "actors": float(bool(c.actors)),
        "recipients": float(bool(c.recipients)),
        "verb_trigger": float(c.trigger.pos_ == "VERB"),
        "retyped": float(c.lexeme.event_type != c.event_type),  # threat, promise or concession read off the clause
        "by_classifier": float(c.by_classifier),
        "depth": min(depth, 4) / 4,
        "asserted": float(c.factuality == "asserted"),
        "rivals": min(rivals, 4) / 4,  # other events of another type in the same sentence
    }
    found.update({f"type_{t}": float(c.event_type == t) for t in PLOVER_TYPES})
    return found


class Calibrator:
    def __init__(self, path: Path = WEIGHTS):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.bias: float = data["bias"]
        self.weights: dict[str, float] = data["weights"]

    def __call__(self, evidence: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in evidence.items())
        return round(1 / (1 + math.exp(-z)), 2)
