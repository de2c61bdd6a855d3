"""Cross-article tracking: one incident for one real event reported twice, one ceasefire with its history."""
from datetime import date

import pytest

from truce.store import Store
from truce.store.linking import LINK_KM, distance_km, same_incident


@pytest.fixture
def store(store_url):
    with Store(store_url) as store:
        yield store


def test_three_articles_about_one_ceasefire_give_one_ceasefire_with_three_entries(store, ceasefire_records):
    for record in ceasefire_records:
        store.ingest(record)
    [ceasefire] = store.ceasefires()
    assert "Northern Unity Movement" in ceasefire["parties"]
    assert ceasefire["declared"] == "2024-05-01"
    history = ceasefire["history"]
    assert [h["article_id"] for h in history] == ["num-1", "num-2", "num-3"]
    assert [h["entry_date"].isoformat() for h in history] == ["2024-05-02", "2024-05-06", "2024-05-10"]
    # The third article reports an attack by a party after the declaration: the ceasefire is violated.
    assert history[-1]["status"] == "violated" and ceasefire["status"] == "violated"
    assert "Northern Unity Movement" in history[-1]["violated_by"] and history[-1]["violated_on"] == "2024-05-09"


def test_reingesting_an_article_keeps_one_entry_per_article(store, ceasefire_records):
    for record in ceasefire_records + ceasefire_records[:1]:
        store.ingest(record)
    [ceasefire] = store.ceasefires()
    assert len(ceasefire["history"]) == 3


def test_one_attack_reported_by_two_outlets_is_one_incident(store, incident_records):
    first, second = (store.ingest(r) for r in incident_records)
    assert first["linked_events"] == 0 and second["linked_events"] == 1
    attacks = store.events(limit=10)
    assert len({e["incident_id"] for e in attacks if e["event_type"] == "ASSAULT"}) == 1
    sources = store.event(attacks[0]["uid"])["sources"]
    assert {s["article_id"] for s in sources} == {"kidal-a", "kidal-b"}


def row(**changes):
    base = {"event_type": "ASSAULT", "factuality": "asserted", "event_date": date(2024, 5, 9), "lat": 18.44,
            "lon": 1.41, "location_precision": "city", "actor_keys": "northern unity movement"}
    return {**base, **changes}


@pytest.mark.parametrize("changes, linked", [
    ({}, True),
    ({"event_date": date(2024, 5, 11)}, True),                 # two days apart
    ({"event_date": date(2024, 5, 12)}, False),                # three days apart
    ({"lat": 18.44 + 0.05}, True),                             # about 5.6 km north
    ({"lat": 18.44 + 0.2}, False),                             # about 22 km north
    ({"event_type": "PROTEST"}, False),
    ({"factuality": "future"}, False),
    ({"actor_keys": "malian army"}, False),
    ({"actor_keys": "malian army|northern unity movement"}, True),
    ({"event_date": None}, False),
])
def test_events_are_one_incident_only_when_type_date_place_and_actors_agree(changes, linked):
    assert same_incident(row(), row(**changes)) is linked


def test_events_naming_nobody_link_only_below_country_precision():
    nobody = {"actor_keys": ""}
    assert same_incident(row(**nobody), row(**nobody))
    assert not same_incident(row(**nobody, location_precision="country"), row(**nobody, location_precision="country"))


def test_distance_is_great_circle():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert distance_km(18.44, 1.41, 18.44 + LINK_KM / 111.2, 1.41) == pytest.approx(LINK_KM, abs=0.01)
