"""Invented records in bulk, for the desk's tests at scale: thousands of events without running the
pipeline thousands of times.

Each article reports a few invented stories (who did what to whom, where, when); a story is reported
by one to three articles, so the store links their events into incidents with several sources. Places
are real coordinates (city precision, a few km of jitter) or a whole country or province (its centre),
as the pipeline places events it can place no closer. Seeded: the same call gives the same records.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from truce import record as rec

CITIES = [  # name, country, lat, lon
    ("Baghdad", "IQ", 33.31, 44.36), ("Mosul", "IQ", 36.34, 43.13), ("Yangon", "MM", 16.87, 96.20),
    ("Mandalay", "MM", 21.97, 96.08), ("Kharkiv", "UA", 49.99, 36.23), ("Odesa", "UA", 46.48, 30.72),
    ("Khartoum", "SD", 15.50, 32.56), ("Nairobi", "KE", -1.29, 36.82), ("Bamako", "ML", 12.65, -7.99),
    ("Kabul", "AF", 34.53, 69.17), ("Bogota", "CO", 4.71, -74.07), ("Manila", "PH", 14.60, 120.98),
]
AREAS = [  # known only to the country or the province: name, country, lat, lon, precision
    ("Myanmar", "MM", 21.91, 95.96, "country"), ("Sudan", "SD", 12.86, 30.22, "country"),
    ("Rakhine", "MM", 20.10, 93.90, "admin1"), ("Darfur", "SD", 13.50, 24.00, "admin1"),
]
GROUPS = [("Northern Front", "group", "REB"), ("the army", "state", "MIL"), ("Riverside Union", "organization", "LAB"),
          ("Coastal Police", "state", "COP"), ("Hill Brigade", "group", "REB"), ("Harbour Workers", "group", "LAB"),
          ("Valley Council", "organization", "GOV"), ("students", "group", "EDU")]
VERBS = {"ASSAULT": "shelled", "PROTEST": "marched against", "ACCUSE": "accused", "AGREE": "signed a pact with",
         "COERCE": "detained members of", "THREATEN": "threatened", "CONSULT": "met", "AID": "sent food to",
         "MOBILIZE": "deployed troops near", "REQUEST": "asked"}
ACLED = {"ASSAULT": ("Battles", "Armed clash"), "PROTEST": ("Protests", "Peaceful protest")}
FIRST_DAY = date(2023, 1, 2)


def stories(count: int, rng: random.Random) -> list[dict]:
    out = []
    for _ in range(count):
        doer, target = rng.sample(range(len(GROUPS)), 2)
        if rng.random() < 0.2:
            name, country, lat, lon, precision = rng.choice(AREAS)
        else:
            name, country, lat, lon = rng.choice(CITIES)
            lat, lon, precision = lat + rng.uniform(-0.02, 0.02), lon + rng.uniform(-0.02, 0.02), "city"
        out.append({"type": rng.choice(list(VERBS)), "doer": doer, "target": target, "place": name, "country": country,
                    "lat": round(lat, 4), "lon": round(lon, 4), "precision": precision,
                    "day": FIRST_DAY + timedelta(days=rng.randrange(700))})
    return out


def article(number: int, reported: list[dict], rng: random.Random) -> rec.Record:
    """One invented article reporting each of `reported` in a sentence of its own."""
    text = f"Report {number} from the wire desk.\n"
    actors = [rec.Actor(id=f"a{i + 1}", name=n, kind=k, sector=s) for i, (n, k, s) in enumerate(GROUPS)]
    places, events = [], []
    for i, story in enumerate(reported):
        doer, target = GROUPS[story["doer"]][0], GROUPS[story["target"]][0]
        sentence = f"{doer[0].upper() + doer[1:]} {VERBS[story['type']]} {target} in {story['place']} on {story['day']:%d %B %Y}."
        start = len(text)
        text += sentence + " "
        trigger_at = start + sentence.index(VERBS[story["type"]])
        place_at = start + sentence.index(" in ") + 4
        places.append(rec.Place(start=place_at, end=place_at + len(story["place"]), text=story["place"],
                                name=story["place"], lat=story["lat"], lon=story["lon"], country_code=story["country"],
                                feature="admin1" if story["precision"] == "admin1" else None))
        acled = ACLED.get(story["type"])
        events.append(rec.Event(
            id=f"e{i + 1}", event_type=story["type"], actors=[f"a{story['doer'] + 1}"], recipients=[f"a{story['target'] + 1}"],
            date=rec.EventDate(value=story["day"].isoformat(), precision="day"),
            location=rec.Location(place=len(places) - 1, name=story["place"], lat=story["lat"], lon=story["lon"],
                                  country_code=story["country"], precision=story["precision"]),
            acled=rec.Acled(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
            factuality="asserted", evidence=rec.Span(start=start, end=start + len(sentence), text=sentence),
            trigger=rec.Span(start=trigger_at, end=trigger_at + len(VERBS[story["type"]]), text=VERBS[story["type"]]),
            confidence=round(rng.uniform(0.3, 0.99), 2)))
    published = max(s["day"] for s in reported) + timedelta(days=1)
    return rec.Record(id=f"syn-{number:04d}", title=f"Wire report {number}", published=published.isoformat(),
                      source=rec.Source(name="Wire desk", url=f"https://news.example.org/reports/{number}"),
                      text=text, actors=actors, places=places, events=events)


def records(articles: int = 260, events_per_article: int = 20, seed: int = 7) -> list[rec.Record]:
    """`articles` records of `events_per_article` events each; about one story in three is reported twice or more."""
    rng = random.Random(seed)
    pool = stories(articles * events_per_article * 2 // 3, rng)
    return [article(n, rng.sample(pool, events_per_article), rng) for n in range(1, articles + 1)]
