"""actors: one actor per real-world entity, each grouping rule on sentences written for the test."""
import json
import re

import pytest

from truce.inputs import InputDoc
from truce.stages.actors import initials, skeleton

pytestmark = pytest.mark.model
ISO3 = re.compile(r"^[A-Z]{3}$")


def actors_of(pipeline, text):
    rec = pipeline.analyze_one(InputDoc(id="a", text=text, published="2020-10-12"))
    return rec


def actor_with(rec, name):
    return [a for a in rec.actors if name == a.name or name in a.aliases]


def same_actor(rec, *names):
    ids = {a.id for n in names for a in actor_with(rec, n)}
    return len(ids) == 1


@pytest.mark.parametrize("a,b", [("Kataeb", "Kata'ib"), ("Kadhimi", "Kazemi"), ("Mobilization", "Mobilisation"),
                                 ("Hezbollah", "Hizbollah")])
def test_actors_skeleton_folds_transliterations(a, b):
    assert skeleton(a) == skeleton(b)


def test_actors_skeleton_keeps_different_names_apart():
    assert skeleton("Salih") != skeleton("Kadhimi") and skeleton("Iraq") != skeleton("Iran")


@pytest.mark.parametrize("name,acronym", [("Asaib Ahl al-Haq", "AAH"), ("Middle East Eye", "MEE"),
                                          ("Popular Mobilisation Forces", "PMF")])
def test_actors_initials(name, acronym):
    assert initials(name) == acronym


def test_actors_full_name_then_surname(pipeline):
    rec = actors_of(pipeline, "US Secretary of State Mike Pompeo called Barham Salih. Pompeo warned Salih again.")
    assert same_actor(rec, "Mike Pompeo", "Pompeo") and same_actor(rec, "Barham Salih", "Salih")
    assert not same_actor(rec, "Pompeo", "Salih")
    pompeo = actor_with(rec, "Pompeo")[0]
    assert (pompeo.kind, pompeo.country, pompeo.sector) == ("person", "USA", "GOV")


def test_actors_spelling_variants_with_the_same_first_name(pipeline):
    rec = actors_of(pipeline, "Prime Minister Mustafa Kadhimi met the envoy. Later Mustafa Al-Kazemi flew to Erbil.")
    assert same_actor(rec, "Mustafa Kadhimi", "Mustafa Al-Kazemi")


def test_actors_defined_acronym_and_initials(pipeline):
    rec = actors_of(pipeline, "Leaders of Asaib Ahl al-Haq (AAH) met reporters from Middle East Eye. "
                              "AAH later told MEE that talks had failed.")
    assert same_actor(rec, "Asaib Ahl al-Haq", "AAH") and same_actor(rec, "Middle East Eye", "MEE")
    assert not same_actor(rec, "AAH", "MEE")


def test_actors_states_and_their_metonyms(pipeline):
    rec = actors_of(pipeline, "The United States threatened Iraq. Washington said the Americans would leave "
                              "Iraq if Baghdad did not act.")
    assert same_actor(rec, "United States", "Washington", "Americans")
    assert same_actor(rec, "Iraq", "Baghdad")
    assert not same_actor(rec, "Washington", "Baghdad")
    us = actor_with(rec, "Washington")[0]
    assert (us.kind, us.country) == ("state", "USA")


def test_actors_generic_groups_and_text_clues(pipeline):
    rec = actors_of(pipeline, "Iraqi resistance groups announced a truce. The resistance groups said militias "
                              "would stop firing rockets.")
    groups = actor_with(rec, "Iraqi resistance groups")
    assert groups and same_actor(rec, "Iraqi resistance groups", "The resistance groups")
    assert groups[0].kind == "group" and groups[0].country == "IRQ"
    assert actor_with(rec, "militias")


def test_actors_never_guess_a_country(pipeline):
    rec = actors_of(pipeline, "A spokesman for the committee said the talks would go on.")
    assert all(a.country is None for a in rec.actors)


def test_actors_attribution_sources_are_linked(pipeline):
    rec = actors_of(pipeline, "Muhammad Mohi said that the factions would halt their attacks.")
    linked = [a for a in rec.attributions if a.actor]
    assert linked and actor_with(rec, "Muhammad Mohi")[0].id == linked[0].actor


@pytest.mark.slow
def test_actors_on_a_hundred_dev_articles_are_well_formed(pipeline):
    from tests.conftest import SHARED
    path = SHARED / "eval-dev" / "attribution.jsonl"
    if not path.exists():
        pytest.skip("shared/ eval-dev data is not beside this checkout")
    docs = [json.loads(line) for line in path.open()][:100]
    records = list(pipeline.analyze(InputDoc(id=d["id"], text=d["text"]) for d in docs))
    assert len(records) == 100 and not any(hasattr(r, "error") for r in records)
    for rec in records:
        ids = [a.id for a in rec.actors]
        assert len(ids) == len(set(ids))
        for actor in rec.actors:
            assert actor.name.strip()
            assert actor.country is None or ISO3.match(actor.country)


def test_actors_a_sponsor_is_not_the_actors_country(pipeline):
    rec = actors_of(pipeline, "Iranian-backed groups fired rockets, a senior pro-Iran militia commander said.")
    assert all(a.country != "IRN" for a in rec.actors if a.kind in ("group", "person"))
