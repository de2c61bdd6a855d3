"""Cross-article linking: which stored events are one real-world incident, which ceasefires are one.

Incidents follow ACLED's practice of one event with all its sources: two events from different
articles are the same incident when they have the same type and factuality, dates at most
LINK_DAYS apart, places at most LINK_KM apart, and a shared actor (or neither names one).
Ceasefires are the same when they share a party (party_keys: its country, so that "Israel's cabinet"
and "the IDF" are one side, or its proper name) and are reported at most CEASEFIRE_DAYS apart, or OPEN_CEASEFIRE_DAYS for a later report of one not ended (see
truce/store/ceasefires.py). Actors are compared by codes and folded names, because actor ids are local
to an article.
"""
from __future__ import annotations

import math
from datetime import date

from ..gazetteer import norm

LINK_DAYS = 2
LINK_KM = 10.0
CEASEFIRE_DAYS = 31
# A declaration dated more than this many days after the last report of a stored ceasefire starts another
# one (Sudan's 72-hour, seven-day and 24-hour truces of 2023, weeks apart, between the same two forces).
REDECLARE_DAYS = 7
# A ceasefire that has not ended stays open this long after its last report to an article that declares nothing
# new and names no side the ceasefire lacks: truces run for months (Israel and Lebanon's of November 2024 was
# agreed for 60 days, then extended), and a user expects a report two months on to join it.
OPEN_CEASEFIRE_DAYS = 92
# An arrangement said to continue joins an open ceasefire only when they share this many sides.
CONTINUATION_SIDES = 2
# A report that declares nothing (a violation, an end, an extension of "the ceasefire") and names at least
# CONTINUATION_SIDES of a stored ceasefire's countries joins it while it has not ended, up to this long after its
# last report, even when it names a country the ceasefire lacks ("the Rwanda-backed M23"): an open-ended truce is
# broken months on (the DRC-Rwanda ceasefire of July 2024, its violations condemned in January 2025).
OPEN_REPORT_DAYS = 366
KEY_SEPARATOR = "|"


def actor_keys(actors) -> set[str]:
    """The folded proper names of record actors (name and aliases): what two articles' actors can share.
    Common nouns ("the army", "residents") are left out: they name different actors in different articles."""
    return {norm(name) for actor in actors for name in [actor.name, *actor.aliases] if _proper(name) and norm(name)}


# Sectors (CAMEO codes) whose actors do not stand for a side of a war: the press, aid groups, civilians.
NOT_A_SIDE = {"MED", "NGO", "EDU", "BUS", "HLH", "REF", "PPL", "CVL", "LAB", "REL", "HRI", "IGO"}


def party_keys(actors) -> set[str]:
    """What identifies the sides a ceasefire is between, whatever the article calls them: each actor's
    country ("@ISR" for Israel's cabinet, the IDF and Netanyahu alike) unless it is the press, an aid
    group or civilians, and its proper names (for armed groups no country code stands for)."""
    keys = set()
    for actor in actors:
        if actor.country and actor.sector not in NOT_A_SIDE:
            keys.add("@" + actor.country)
        keys |= actor_keys([actor])
    return keys


# Words that open a common noun phrase with a capital at a sentence's start ("Their delegates", "The army").
DETERMINERS = {"the", "a", "an", "their", "its", "his", "her", "our", "this", "these", "those"}


def _proper(name: str) -> bool:
    words = name.split()
    if words and words[0].lower() in DETERMINERS:
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


def days_outside(day: date | None, candidate: dict) -> int:
    """How many days `day` lies outside the span of a stored ceasefire's reports (0 inside it or undated)."""
    if day is None or candidate["first"] is None:
        return 0
    return max((candidate["first"] - day).days, (day - candidate["last"]).days, 0)


def still_open(mine: dict, candidate: dict) -> bool:
    """Does a stored ceasefire that has not ended take a later report (within OPEN_CEASEFIRE_DAYS) that declares
    nothing and whose sides are all among its own? (An undated restatement, "the truce that the two sides agreed
    must hold", declares nothing: truce/store/ceasefires.py.)"""
    return candidate["status"] != "ended" and not mine["declares"] and bool(mine["keys"]) \
        and mine["keys"] <= candidate["keys"] and days_outside(mine["date"], candidate) <= OPEN_CEASEFIRE_DAYS


def shared_sides(sides: list[set[str]], keys: set[str]) -> int:
    """How many of an article's sides (each side's party keys: "@ISR" and "israel" are one side) a stored
    ceasefire's keys name."""
    return sum(1 for side in sides if side & keys)


def continues_open(mine: dict, candidate: dict) -> bool:
    """Is an arrangement said to continue (its sides, date), in an article naming no ceasefire, a step of this stored
    ceasefire? It is when the ceasefire has not ended, the report is within OPEN_CEASEFIRE_DAYS of its reports, and
    it names at least CONTINUATION_SIDES of the article's sides: one shared side is too little (a trade deal with one
    of them "remains in force")."""
    return candidate["status"] != "ended" and shared_sides(mine["sides"], candidate["keys"]) >= CONTINUATION_SIDES \
        and days_outside(mine["date"], candidate) <= OPEN_CEASEFIRE_DAYS


def reports_on_open(mine: dict, candidate: dict) -> bool:
    """Is an article that declares nothing a later report of this stored ceasefire, not ended, whose countries (or
    sides, a side with no country counting by its name) it shares at least CONTINUATION_SIDES of, within
    OPEN_REPORT_DAYS? (Its own "declared" date, taken from whatever
    the sentence reports, is no declaration and is not compared.)"""
    shared_countries = {k for k in mine["keys"] & candidate["keys"] if k.startswith("@")}
    # A side with no country (an armed group) counts by its proper name: "the Colombian government and the People's
    # Mountain Army" shares two sides with a ceasefire between Colombia and that group.
    shared = max(len(shared_countries), shared_sides(mine.get("sides", []), candidate["keys"]))
    return candidate["status"] != "ended" and not mine["declares"] and shared >= CONTINUATION_SIDES \
        and days_outside(mine["date"], candidate) <= OPEN_REPORT_DAYS


def restates_open(mine: dict, candidate: dict) -> bool:
    """Is a later article's declaration a restatement of this stored ceasefire, not ended: its own day (the day it
    names, "the truce agreed on March 1", or the first of its month) within REDECLARE_DAYS of the ceasefire's
    reports, the article within OPEN_CEASEFIRE_DAYS of them? (An undated declaration's day is the article's.)"""
    declared = mine.get("declared_step")
    return candidate["status"] != "ended" and declared is not None and candidate["last"] is not None \
        and days_outside(declared, candidate) <= REDECLARE_DAYS \
        and days_outside(mine["date"], candidate) <= OPEN_CEASEFIRE_DAYS


def same_ceasefire(mine: dict, candidate: dict) -> bool:
    """Is an article's ceasefire (keys, declared, date, declares) the stored one (keys, declared, status,
    first, last)? They share a side and the article is within CEASEFIRE_DAYS of the ceasefire's reports;
    a declaration more than CEASEFIRE_DAYS from the stored one's, or after it ended, is a new ceasefire."""
    if not mine["keys"] & candidate["keys"]:
        return False
    if reports_on_open(mine, candidate) or restates_open(mine, candidate):
        return True
    if days_outside(mine["date"], candidate) > CEASEFIRE_DAYS and not still_open(mine, candidate):
        return False
    if mine["declared"] and candidate["declared"] and abs((mine["declared"] - candidate["declared"]).days) > CEASEFIRE_DAYS:
        return False
    if mine.get("declared_step") and candidate["last"] and \
            (mine["declared_step"] - candidate["last"]).days > REDECLARE_DAYS:
        return False  # declared anew well after anything reported of the stored one: another ceasefire
    ended_before = candidate["status"] == "ended" and mine["date"] and candidate["last"] and mine["date"] > candidate["last"]
    return not (ended_before and mine["declares"] and mine["declared"] and mine["declared"] > candidate["last"])
