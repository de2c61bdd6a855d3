"""Cross-article tracking: one incident for one real event reported twice, one ceasefire with its history."""
from datetime import date, timedelta

import pytest

from truce.store import Store
from truce.store.linking import (LINK_KM, OPEN_CEASEFIRE_DAYS, OPEN_REPORT_DAYS, REDECLARE_DAYS, distance_km,
                                 same_ceasefire, same_incident)


@pytest.fixture
def store(store_url):
    with Store(store_url) as store:
        yield store


def test_three_articles_about_one_ceasefire_give_one_ceasefire_with_its_steps(store, ceasefire_records):
    for record in ceasefire_records:
        store.ingest(record)
    [ceasefire] = store.ceasefires()
    assert "Northern Unity Movement" in ceasefire["parties"]
    assert ceasefire["declared"] == "2024-05-01"
    assert ceasefire["articles"] == ["num-1", "num-2", "num-3"]
    history = ceasefire["history"]
    # Declared on Wednesday (article 1, restated by 2 and 3), holding on Monday (2), broken on Thursday (3).
    assert [(h["status"], h["entry_date"], h["article_id"]) for h in history] == [
        ("declared", "2024-05-01", "num-1"), ("in_effect", "2024-05-06", "num-2"), ("violated", "2024-05-09", "num-3")]
    assert {r["article_id"] for r in history[0]["reports"]} == {"num-2", "num-3"}
    assert "Northern Unity Movement" in history[0]["declared_by"] and "Malian army" in history[0]["toward"]
    violation = history[-1]
    assert "Northern Unity Movement" in violation["violated_by"] and "Malian army" in violation["claimed_by"]
    assert "broke the ceasefire" in violation["evidence"] and ceasefire["status"] == "violated"
    # One alert per change of status, newest first, on either database.
    assert [(a["kind"], a["status"]) for a in store.alerts()] == [
        ("violation", "violated"), ("status", "in_effect"), ("new", "declared")]


def test_reingesting_an_article_keeps_its_steps_once(store, ceasefire_records):
    for record in ceasefire_records + ceasefire_records[:1]:
        store.ingest(record)
    [ceasefire] = store.ceasefires()
    assert [h["status"] for h in ceasefire["history"]] == ["declared", "in_effect", "violated"]
    assert ceasefire["articles"] == ["num-1", "num-2", "num-3"]


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


def test_a_declaration_weeks_after_a_ceasefire_was_last_reported_is_another_ceasefire():
    stored = {"keys": {"hill front", "@MLI"}, "declared": date(2024, 3, 2), "status": "extended",
              "first": date(2024, 3, 2), "last": date(2024, 3, 9)}
    def article(declared_on):
        return {"keys": {"hill front"}, "declared": declared_on, "date": declared_on, "declares": True,
                "declared_step": declared_on}
    assert same_ceasefire(article(date(2024, 3, 9 + REDECLARE_DAYS)), stored)
    assert not same_ceasefire(article(date(2024, 3, 10 + REDECLARE_DAYS)), stored)
    # an article recalling the old declaration (its step dated then) still joins it
    assert same_ceasefire(article(date(2024, 3, 2)) | {"date": date(2024, 3, 25)}, stored)


def test_a_violation_months_later_joins_an_open_ceasefire_of_the_same_two_countries():
    stored = {"keys": {"@MLI", "@BFA", "@NER", "mali"}, "declared": date(2024, 3, 2), "status": "declared",
              "first": date(2024, 3, 2), "last": date(2024, 3, 2)}
    def report(on, declares=False, keys=frozenset({"@MLI", "@BFA", "@CIV"})):
        return {"keys": set(keys), "declared": on, "date": on, "declares": declares, "declared_step": on if declares else None}
    later = date(2024, 3, 2) + timedelta(days=OPEN_REPORT_DAYS)
    assert same_ceasefire(report(date(2024, 8, 20)), stored)  # names a third country, five months on
    assert same_ceasefire(report(later), stored)
    assert not same_ceasefire(report(later + timedelta(days=1)), stored)
    assert not same_ceasefire(report(date(2024, 8, 20), declares=True), stored)  # a new declaration is another
    assert not same_ceasefire(report(date(2024, 8, 20), keys={"@MLI", "@CIV"}), stored)  # one shared country
    assert not same_ceasefire(report(date(2024, 8, 20)), stored | {"status": "ended"})


def test_a_report_months_later_joins_an_open_ceasefire_sharing_two_sides_one_an_armed_group_by_name():
    stored = {"keys": {"@MLI", "mali", "malian army", "hill liberation front"}, "declared": date(2024, 3, 2),
              "status": "declared", "first": date(2024, 3, 2), "last": date(2024, 3, 20)}
    def report(sides, declares=False):
        on = date(2024, 7, 14)  # 116 days on: beyond OPEN_CEASEFIRE_DAYS, within OPEN_REPORT_DAYS
        return {"keys": set().union(*sides), "sides": sides, "declared": on if declares else None, "date": on,
                "declares": declares, "declared_step": on if declares else None}
    both = [{"@MLI", "malian government"}, {"hill liberation front"}]
    assert same_ceasefire(report(both), stored)
    assert not same_ceasefire(report(both, declares=True), stored)  # a new declaration is another ceasefire
    assert not same_ceasefire(report([{"@MLI", "malian government"}, {"river front"}]), stored)  # one shared side
    assert not same_ceasefire(report(both), stored | {"status": "ended"})


def test_a_declaration_restating_an_open_ceasefires_day_joins_it_up_to_the_open_window():
    stored = {"keys": {"hill front", "@MLI"}, "declared": date(2024, 3, 2), "status": "declared",
              "first": date(2024, 3, 2), "last": date(2024, 3, 2)}
    def restatement(on, recalled=date(2024, 3, 1)):
        return {"keys": {"hill front"}, "declared": recalled, "date": on, "declares": True, "declared_step": recalled}
    assert same_ceasefire(restatement(date(2024, 4, 20)), stored)  # "the truce agreed on March 1", seven weeks on
    assert same_ceasefire(restatement(date(2024, 3, 2) + timedelta(days=OPEN_CEASEFIRE_DAYS)), stored)
    assert not same_ceasefire(restatement(date(2024, 3, 3) + timedelta(days=OPEN_CEASEFIRE_DAYS)), stored)
    assert not same_ceasefire(restatement(date(2024, 4, 20), recalled=date(2024, 4, 19)), stored)  # declared anew
    assert not same_ceasefire(restatement(date(2024, 4, 20)), stored | {"status": "ended"})


def test_a_restatement_declares_nothing_and_joins_an_open_ceasefire_of_its_sides_up_to_the_open_window():
    stored = {"keys": {"hill front", "@MLI"}, "declared": date(2024, 3, 2), "status": "declared",
              "first": date(2024, 3, 2), "last": date(2024, 3, 2)}
    def restatement(on, keys=frozenset({"hill front", "@MLI"})):  # "the truce that the two sides agreed must hold"
        return {"keys": set(keys), "declared": None, "date": on, "declares": False, "declared_step": None}
    assert same_ceasefire(restatement(date(2024, 4, 30)), stored)  # two months on
    assert same_ceasefire(restatement(date(2024, 3, 2) + timedelta(days=OPEN_CEASEFIRE_DAYS)), stored)
    assert not same_ceasefire(restatement(date(2024, 3, 3) + timedelta(days=OPEN_CEASEFIRE_DAYS)), stored)
    assert not same_ceasefire(restatement(date(2024, 4, 30), keys={"hill front", "@NER"}), stored)  # another side
    assert not same_ceasefire(restatement(date(2024, 4, 30)), stored | {"status": "ended"})


def ingest_reports(pipeline, reports):
    """Each (id, day, text) ingested in order into a fresh store: its ceasefires and alerts."""
    from truce.inputs import doc_from_json

    with Store(":memory:") as store:
        for doc_id, published, text in reports:
            [record] = list(pipeline.analyze([doc_from_json({"id": doc_id, "text": text, "published": published},
                                                            max_bytes=10_000_000)]))
            store.ingest(record)
        return store.ceasefires(), store.alerts()


AGREED = ("r1", "2024-03-01", "The Malian army and the Hill Liberation Front agreed to a truce on Friday.")


@pytest.mark.parametrize("restated", [
    "The envoy said the truce that the Malian army and the Hill Liberation Front agreed must hold.",
    "The envoy said the truce agreed by the Malian army and the Hill Liberation Front must hold.",
    "The envoy said the Algerian-brokered truce between the Malian army and the Hill Liberation Front must hold.",
])
def test_an_undated_restatement_weeks_on_joins_the_open_truce_with_no_new_step(pipeline, restated):
    [ceasefire], alerts = ingest_reports(pipeline, [AGREED, ("r2", "2024-04-30", restated)])
    assert ceasefire["articles"] == ["r1", "r2"]
    assert [(h["status"], h["entry_date"]) for h in ceasefire["history"]] == [("declared", "2024-03-01")]
    assert [r["article_id"] for r in ceasefire["history"][0]["reports"]] == ["r2"]
    assert [a["article_id"] for a in alerts] == ["r1"]  # a restatement is no news: no alert


def test_a_new_truce_or_a_restatement_of_one_that_ended_is_another_ceasefire(pipeline):
    anew = ("r2", "2024-04-30", "The Malian army and the Hill Liberation Front agreed to a new truce on Friday.")
    assert len(ingest_reports(pipeline, [AGREED, anew])[0]) == 2
    ended = ("r2", "2024-03-20", "The truce between the Malian army and the Hill Liberation Front collapsed on Wednesday.")
    restated = ("r3", "2024-04-30", "The envoy said the truce that the Malian army and the Hill Liberation Front agreed "
                "must hold.")
    assert len(ingest_reports(pipeline, [AGREED, ended, restated])[0]) == 2


def test_a_truce_first_heard_of_in_a_restatement_is_declared_then_and_restated_after(pipeline):
    first = ("r1", "2024-03-01", "The envoy said the truce that the Malian army and the Hill Liberation Front agreed "
             "must hold.")
    again = ("r2", "2024-04-10", "The envoy said the Algerian-brokered truce between the Malian army and the Hill "
             "Liberation Front must hold.")
    [ceasefire], _ = ingest_reports(pipeline, [first, again])
    assert [(h["status"], h["entry_date"]) for h in ceasefire["history"]] == [("declared", "2024-03-01")]
    assert [r["article_id"] for r in ceasefire["history"][0]["reports"]] == ["r2"]
