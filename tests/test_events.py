"""events and ceasefires: each rule on sentences written for the test."""
import pytest

from truce.inputs import InputDoc

pytestmark = pytest.mark.model


def analyze(pipeline, text, published="2020-10-12"):
    return pipeline.analyze_one(InputDoc(id="e", text=text, published=published))


def events_of(rec, event_type=None):
    return [e for e in rec.events if event_type is None or e.event_type == event_type]


def names(rec, ids):
    by_id = {a.id: a for a in rec.actors}
    return {n for i in ids for n in [by_id[i].name] + by_id[i].aliases}


def test_events_asserted_attack_with_roles_date_and_place(pipeline):
    rec = analyze(pipeline, "Rebels shelled the town of Kidal on Saturday, killing two soldiers.")
    attack = events_of(rec, "ASSAULT")[0]
    assert attack.factuality == "asserted"
    assert "Rebels" in names(rec, attack.actors)
    assert attack.date.value == "2020-10-10" and attack.date.precision == "day"
    assert attack.location and attack.location.country_code == "ML"
    assert attack.acled and attack.acled.event_type in ("Explosions/Remote violence", "Battles", "Violence against civilians")


@pytest.mark.parametrize("text,factuality", [
    ("The army did not attack the village.", "negated"),
    ("The army will attack the village next week.", "future"),
    ("The army could attack the village.", "possible"),
])
def test_events_negation_future_and_modality(pipeline, text, factuality):
    rec = analyze(pipeline, text)
    found = [e for e in rec.events if e.trigger.text == "attack"]
    assert found and found[0].factuality == factuality


def test_events_threat_is_asserted_and_the_threatened_attack_is_not(pipeline):
    rec = analyze(pipeline, "The government threatened to bomb the rebel bases.")
    assert any(e.event_type == "THREATEN" and e.factuality == "asserted" for e in rec.events)
    assert not any(e.event_type == "ASSAULT" and e.factuality == "asserted" for e in rec.events)


def test_events_condition_clause_is_kept(pipeline):
    rec = analyze(pipeline, "The militia will resume attacks if the troops do not leave by March.")
    conditional = [e for e in rec.events if e.condition is not None]
    assert conditional and conditional[0].condition.text.startswith("if the troops do not leave")
    assert conditional[0].factuality == "conditional"
    assert rec.text[conditional[0].condition.start:conditional[0].condition.end] == conditional[0].condition.text


def test_events_reported_speech_is_claimed_by_its_source(pipeline):
    rec = analyze(pipeline, "Police arrested 12 protesters in Lagos on Friday, a spokesman for Amnesty International said.")
    arrest = events_of(rec, "COERCE")[0]
    assert arrest.claimed_by and "spokesman" in arrest.claimed_by[0].name
    assert any(q.value == 12 and q.unit == "protester" for q in arrest.quantities)


def test_events_nominal_event_takes_its_owner_as_actor(pipeline):
    rec = analyze(pipeline, "The withdrawal of US troops from Syria began on Monday.")
    withdrawal = events_of(rec, "RETREAT")[0]
    assert withdrawal.trigger.text == "withdrawal"


def test_events_request_addressee_is_the_recipient(pipeline):
    rec = analyze(pipeline, "Iraqi Prime Minister Adel Abdul-Mahdi called on Washington to withdraw its troops.")
    request = events_of(rec, "REQUEST")[0]
    assert "Adel Abdul-Mahdi" in names(rec, request.actors)
    assert "United States" in names(rec, request.recipients)


def test_events_offsets_index_the_text(pipeline):
    rec = analyze(pipeline, "Protesters marched in Khartoum on Thursday. Security forces fired tear gas at them.")
    for e in rec.events:
        for span in (e.evidence, e.trigger):
            assert rec.text[span.start:span.end] == span.text


def test_ceasefire_record_from_its_events(pipeline):
    rec = analyze(pipeline, "On Saturday, the rebels declared a ceasefire with the army, providing that the army "
                            "withdraws from the city. The army rejected the offer on Sunday.")
    assert rec.ceasefires
    ceasefire = rec.ceasefires[0]
    assert "rebels" in " ".join(names(rec, ceasefire.declared_by))
    assert ceasefire.declared and ceasefire.declared.value == "2020-10-10"
    assert any("withdraws" in c.text for c in ceasefire.conditions)
