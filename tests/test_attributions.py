"""attributions: who (source) says (cue) what (content), each form on a sentence written for the test."""
import pytest

from truce.inputs import InputDoc

pytestmark = pytest.mark.model


def attributions(pipeline, text):
    rec = pipeline.analyze_one(InputDoc(id="q", text=text))
    return [((a.source.text if a.source else None), a.cue.text, a.content.text) for a in rec.attributions]


def test_attributions_said_that(pipeline):
    found = attributions(pipeline, "Muhammad Mohi said that Baghdad must implement the resolution.")
    assert ("Muhammad Mohi", "said", "that Baghdad must implement the resolution") in found


def test_attributions_content_before_the_cue(pipeline):
    found = attributions(pipeline, "The ceasefire will hold until the elections, the spokesman said.")
    assert any(src == "the spokesman" and cue == "said" and content.startswith("The ceasefire will hold")
               for src, cue, content in found)


def test_attributions_told_an_outlet(pipeline):
    found = attributions(pipeline, "A prominent Shia politician told MEE that the message was clear.")
    assert any(src == "A prominent Shia politician" and cue == "told" and "message was clear" in content
               for src, cue, content in found)


def test_attributions_has_learned(pipeline):
    found = attributions(pipeline, "Middle East Eye has learned that the United States drew up a list of 80 sites.")
    assert any(src == "Middle East Eye" and "list of 80 sites" in content for src, _, content in found)


def test_attributions_according_to(pipeline):
    found = attributions(pipeline, "According to officials in Baghdad, Pompeo informed the president of the need to stop.")
    assert any(src == "officials in Baghdad" and cue == "According to" and "Pompeo informed" in content
               for src, cue, content in found)


def test_attributions_direct_quote_over_paragraphs(pipeline):
    text = ("\u201cWe will not stop. The occupation must end.\n\nWe are ready for every option,\u201d "
            "the commander told reporters.")
    found = attributions(pipeline, text)
    assert any(src == "the commander" and content.startswith("We will not stop") and "every option" in content
               for src, _, content in found)


def test_attributions_nested_keeps_both_levels(pipeline):
    found = attributions(pipeline, "Officials in Baghdad said Pompeo told Salih that the embassy would close.")
    sources = {src for src, _, _ in found}
    assert {"Officials in Baghdad", "Pompeo"} <= sources


def test_attributions_offsets_index_the_text(pipeline):
    text = "\u201cThe factions have presented a conditional ceasefire,\u201d he said, according to Reuters."
    rec = pipeline.analyze_one(InputDoc(id="q", text=text))
    for a in rec.attributions:
        for span in (a.source, a.cue, a.content):
            if span is not None:
                assert rec.text[span.start:span.end] == span.text
