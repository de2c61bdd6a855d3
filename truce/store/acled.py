"""ACLED's fields of a stored event, derived from its record: fatalities, admin1/admin2, the
interaction codes of its actors, its main and associated actors, and an ACLED event type for events
the classifier gave none.

Pure functions of the record, like ingest.py. ACLED's codebook (2023) is the reference for every
code: https://acleddata.com/knowledge-base/codebook/
"""
from __future__ import annotations

import re

from .. import record as rec

# Territories the events stage files under their sovereign (as ACLED does): China, admin1 "Hong Kong".
TERRITORIES = {"HK": ("CN", "Hong Kong"), "MO": ("CN", "Macau")}
TERRITORY_NAMES = {name for _, name in TERRITORIES.values()}

# ACLED's interaction codes (inter1/inter2); 0 is "no such actor".
STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
# CAMEO/Phoenix sector codes of truce's actor dictionary, grouped by the ACLED actor type they make.
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
REBEL_SECTORS = {"REB", "IMG"}                  # insurgents; international militarised groups (ACLED codes them 2)
MILITIA_SECTORS = {"UAF", "CRM", "RAD"}        # unidentified armed forces, criminal gangs, radicals
IDENTITY_SECTORS = {"MUS", "CHR", "JEW", "HIN", "BUD", "REL"}  # an armed group of a community, when it attacks
VIOLENT = {"ASSAULT", "COERCE"}
# International organisations and their missions: ACLED's external/other forces (8). The actor
# dictionary has no sector for them, so they are known by name.
INTERNATIONAL = re.compile(r"(?<!\w)(?:United Nations|UN|U\.N\.|NATO|African Union|European Union|EU|ECOWAS|"
                           r"[Pp]eacekeep\w*|MINUSMA|MINUSCA|MONUSCO|UNIFIL|UNMISS|AMISOM|ATMIS)(?!\w)")

# Words saying a counted person died; what a count's noun may be ("12 people", "three soldiers").
DEATH = r"(?:kill\w*|dead|died|dies|slain|slaughtered|massacred|executed|murdered|lost their lives|deaths?|fatalities)"
DEATH_UNITS = {"dead", "death", "fatality", "body", "killed", "life"}

# PLOVER type -> ACLED (event type, sub-event type) when the classifier gave none, or "Other" (a type
# ACLED does not have). ASSAULT depends on whom it targets (see acled_type).
FALLBACK = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "AGREE": ("Strategic developments", "Agreement"),
    "MOBILIZE": ("Strategic developments", "Change to group/activity"),
}
OTHER = ("Strategic developments", "Other")


def acled_fields(record: rec.Record, event: rec.Event, event_iso3: str | None) -> dict:
    """The ACLED columns of one event (a dict by store column); `event_iso3`: its location's country."""
    actors = {a.id: a for a in record.actors}
    admin1, admin2 = admin_areas(record, event)
    doers = [actors[i] for i in event.actors if i in actors]
    targets = [actors[i] for i in event.recipients if i in actors]
    return {
        "fatalities": fatalities(event),
        "admin1": admin1, "admin2": admin2,
        "main_actor": doers[0].name if doers else None,
        "assoc_actors": "; ".join(a.name for a in doers[1:]) or None,
        "main_recipient": targets[0].name if targets else None,
        "assoc_recipients": "; ".join(a.name for a in targets[1:]) or None,
        "inter1": interaction(doers[0], event, acting=True, country=event_iso3) if doers else 0,
        "inter2": interaction(targets[0], event, acting=False, country=event_iso3) if targets else 0,
    }


def fatalities(event: rec.Event) -> int:
    """People reported killed: counts of the dead ('12 dead', '3 killed') and counts of people next to
    a word of dying ('killed at least 12 people', '12 villagers were killed'). 0 when none is reported,
    as in ACLED; 0 for events that did not happen (negated, future, possible, conditional) and for events
    that are not violence (a threat to kill 20 hostages killed no one)."""
    if event.factuality != "asserted" or event.event_type not in VIOLENT:
        return 0
    text = event.evidence.text
    total = 0.0
    for quantity in event.quantities:
        count = re.escape(quantity.text)
        near_death = re.search(rf"{DEATH}\W+(?:\w+\W+){{0,2}}?{count}\b|\b{count}\W+(?:\w+\W+){{0,2}}?{DEATH}",
                               text, re.IGNORECASE)
        if quantity.unit in DEATH_UNITS or near_death:
            total += quantity.value
    return int(total)


def admin_areas(record: rec.Record, event: rec.Event) -> tuple[str | None, str | None]:
    """ACLED's admin1 (and admin2) of the event's location: the region of its place, the region itself at
    admin1 precision; a territory filed under its sovereign is the admin1 (Hong Kong), its district the
    admin2. The gazetteer has no second level otherwise, so admin2 is left empty."""
    location = event.location
    if location is None:
        return None, None
    place = record.places[location.place] if location.place is not None and location.place < len(record.places) else None
    if place is not None and place.country_code in TERRITORIES:  # at any precision, the territory itself included
        return TERRITORIES[place.country_code][1], place.name if place.feature == "admin1" else place.admin1
    if place is None and location.name in TERRITORY_NAMES:  # the territory from the gazetteer, not named in the text
        return location.name, None
    if location.precision == "country":
        return None, None
    if place is None:
        return (location.name, None) if location.precision == "admin1" else (None, None)
    if place.feature == "admin1":
        return place.name, None
    return place.admin1, None


def interaction(actor: rec.Actor, event: rec.Event, acting: bool, country: str | None) -> int | None:
    """ACLED's actor type of one actor of the event; None when nothing says which. `country`: the alpha-3
    code of the event's country."""
    sector = actor.sector or ""
    if INTERNATIONAL.search(actor.name) or any(INTERNATIONAL.search(alias) for alias in actor.aliases):
        return EXTERNAL
    if actor.kind == "state" or sector in STATE_SECTORS:
        # State forces outside their own country are ACLED's external forces (8).
        return EXTERNAL if actor.country and country and actor.country != country else STATE
    if sector in REBEL_SECTORS:
        return REBELS
    if event.event_type == "PROTEST" and acting:
        return RIOTERS if event.acled and event.acled.event_type == "Riots" else PROTESTERS
    if sector in MILITIA_SECTORS:
        return POLITICAL_MILITIA
    if sector in IDENTITY_SECTORS and acting and event.event_type in VIOLENT:
        return IDENTITY_MILITIA
    if acting and event.event_type in VIOLENT and actor.kind in ("group", "organization"):
        return POLITICAL_MILITIA  # an armed group of no known kind: ACLED's unidentified armed group
    if sector or actor.kind == "person" or not acting:
        return CIVILIANS  # people and bodies of civil life (press, health, business, parties), and targets
    return None


def acled_type(plover_type: str, event_type: str | None, sub_event_type: str | None,
               inter2: int | None) -> tuple[str, str]:
    """The classifier's ACLED type when it gave one ACLED has; else one from the PLOVER type."""
    if event_type and event_type != "Other" and sub_event_type:
        return event_type, sub_event_type
    if plover_type == "ASSAULT":
        return ("Violence against civilians", "Attack") if inter2 in (CIVILIANS, 0, None) else ("Battles", "Armed clash")
    return FALLBACK.get(plover_type, OTHER)
