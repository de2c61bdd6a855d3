"""entities: the NER's systematic errors on news text are fixed; nominal mentions are found."""
import pytest

from truce.stages.entities import mentions


def labelled(nlp, text):
    return {(e.text, e.label) for e in mentions(nlp(text))}


@pytest.mark.model
@pytest.mark.parametrize("text,entity", [
    ("Iraq's Hashid Shaabi played a crucial role in defeating Daesh.", ("Daesh", "ORG")),
    ("Iraq's Hashid Shaabi played a crucial role in defeating Daesh.", ("Hashid Shaabi", "ORG")),
    ("The sites belong to Asaib Ahl al-Haq, a rival of the Badr Organisation.", ("Asaib Ahl al-Haq", "ORG")),
    ("A spokesman for Kataeb Hezbollah said the attacks would stop.", ("Kataeb Hezbollah", "ORG")),
    ("Commanders told Middle East Eye that the list was real.", ("Middle East Eye", "ORG")),
    # Not in any list: the Arabic organisation-name pattern covers it.
    ("Fighters of Liwa Fatemiyoun crossed into the province.", ("Liwa Fatemiyoun", "ORG")),
])
def test_entities_fix_news_errors_of_the_ner(nlp, text, entity):
    assert entity in labelled(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize("text,entity", [
    ("The Iraqi government rejected the demand.", ("The Iraqi government", "ORG")),
    ("A former civil engineering student founded the library.", ("A former civil engineering student", "PERSON")),
    ("Residents fled the town after the shelling.", ("the town", "LOC")),
    ("Rockets landed near the airport on Monday.", ("the airport", "FAC")),
    ("Armed forces were deployed to the border.", ("Armed forces", "ORG")),
    ("The people of Mosul welcomed the decision.", ("The people of Mosul", "ORG")),
])
def test_entities_find_nominal_mentions(nlp, text, entity):
    assert entity in labelled(nlp, text)


@pytest.mark.model
def test_entities_keep_the_outermost_mention(nlp):
    found = labelled(nlp, "Iraqi forces entered the city.")
    assert ("Iraqi forces", "ORG") in found
    assert ("Iraqi", "NORP") not in found


@pytest.mark.model
def test_entities_leave_non_actor_nouns_alone(nlp):
    found = labelled(nlp, "On the other hand, the price of bread rose sharply.")
    assert not any(label in ("PERSON", "ORG", "LOC", "FAC") for _, label in found)


@pytest.mark.model
def test_entities_offsets_index_the_text(nlp):
    text = "Kata’ib Hezbollah and the Popular Mobilisation Forces met Iraqi officials in Baghdad."
    for e in mentions(nlp(text)):
        assert text[e.start:e.end] == e.text
