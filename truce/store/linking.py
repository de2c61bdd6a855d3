"""Cross-article linking: which stored events are one real-world incident, which ceasefires are one.

Incidents follow ACLED's practice of one event with all its sources: two events from different
articles are the same incident when they have the same type and factuality, dates at most
LINK_DAYS apart, places at most LINK_KM apart, and a shared actor (or neither names one).
Ceasefires are the same when they share a party and their declared dates (when both articles give
one) are at most CEASEFIRE_DAYS apart. Actors are compared by their folded names and aliases,
because actor ids are local to an article.
"""
from __future__ import annotations

import math
from datetime import date

from ..gazetteer import norm

LINK_DAYS = 2
LINK_KM = 10.0
CEASEFIRE_DAYS = 31
KEY_SEPARATOR = "|"


def actor_keys(actors) -> set[str]:
    """The folded proper names of record actors (name and aliases): what two articles' actors can share.
    Common nouns ("the army", "residents") are left out: they name different actors in different articles."""
    return {norm(name) for actor in actors for name in [actor.name, *actor.aliases] if _proper(name) and norm(name)}


def _proper(name: str) -> bool:
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


def pack(keys: set[str]) -> str:
    return KEY_SEPARATOR.join(sorted(keys))


def unpack(text: str | None) -> set[str]:
    return set(text.split(KEY_SEPARATOR)) - {""} if text else set()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def same_incident(a: dict, b: dict) -> bool:
    """a and b: event rows with event_type, factuality, event_date, lat, lon, location_precision, actor_keys."""
    if a["event_type"] != b["event_type"] or a["factuality"] != b["factuality"]:
        return False
    if a["event_date"] is None or b["event_date"] is None or abs((a["event_date"] - b["event_date"]).days) > LINK_DAYS:
        return False
    if None in (a["lat"], a["lon"], b["lat"], b["lon"]) or distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) > LINK_KM:
        return False
    keys_a, keys_b = unpack(a["actor_keys"]), unpack(b["actor_keys"])
    if keys_a or keys_b:
        return bool(keys_a & keys_b)
    # Nobody named on either side: only a place finer than a country can tell them apart from chance.
    return "country" not in (a["location_precision"], b["location_precision"])


def same_ceasefire(keys: set[str], declared: date | None, other_keys: set[str], other_declared: date | None) -> bool:
    if not keys & other_keys:
        return False
    return declared is None or other_declared is None or abs((declared - other_declared).days) <= CEASEFIRE_DAYS
