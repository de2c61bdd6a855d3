"""The relation typer: marking, word features, a model trained here on invented events, the shipped model."""
import sys
from pathlib import Path

import numpy as np
import pytest

from truce.corpus.format import EVENT_TYPES
from truce.stages.events.typer import MODEL, RelationTyper, mark, word_features

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))


def test_marking_names_both_mentions_or_someone():
    sentence = "The council of Varn fined the ferry company on Tuesday."
    assert mark(sentence, "The council of Varn", "the ferry company", "plain") == sentence
    assert mark(sentence, "The council of Varn", "", "prefix") == f"The council of Varn -> someone: {sentence}"
    assert mark(sentence, "The council of Varn", "the ferry company", "wrap") == \
        "[ The council of Varn ] fined << the ferry company >> on Tuesday."
    with pytest.raises(ValueError):
        mark(sentence, "", "", "bold")


def test_word_features_keep_the_words_between_the_mentions_and_the_trigger():
    found = word_features("Rebels in Oskar shelled the town of Pell at dawn.", "Rebels in Oskar", "the town of Pell",
                          "shelled", ("words", "between", "trigger"))
    assert "b:shelled" in found and "b:dawn" not in found
    assert "w:dawn" in found and "w:oskar" not in found  # the mentions' own words say who, not what
    assert "t:shelled" in found and "t5:shell" in found


INVENTED = [
    ("Soldiers of Dorn shelled the village of Amra.", "Soldiers of Dorn", "the village of Amra", "shelled", "ASSAULT"),
    ("Militants bombed a market in Kessa.", "Militants", "a market in Kessa", "bombed", "ASSAULT"),
    ("The minister of Lund met the envoy of Varn.", "The minister of Lund", "the envoy of Varn", "met", "CONSULT"),
    ("Leaders of Tarsi held talks with Pell's president.", "Leaders of Tarsi", "Pell's president", "talks", "CONSULT"),
    ("The rebels of Oskar released forty hostages.", "The rebels of Oskar", "forty hostages", "released", "YIELD"),
    ("The army of Brell pulled its troops out of Koda.", "The army of Brell", "Koda", "pulled", "RETREAT"),
    ("The governor of Fenn conceded defeat to his rival.", "The governor of Fenn", "his rival", "conceded", "CONCEDE"),
]


def _tiny_model(tmp_path):
    import train_typer
    from truce.embeddings import SentenceEncoder

    examples = [train_typer.example("test", str(i), *row) for i, row in enumerate(INVENTED * 3)]
    features = train_typer.Features(SentenceEncoder(), tmp_path / "embeddings.npz")
    settings = {"sources": ("test",), "marking": "prefix", "groups": ("words", "between", "trigger"), "c": 10.0}
    classes = train_typer.export(features, examples, settings, tmp_path / "typer.npz")
    return classes, RelationTyper(tmp_path / "typer.npz")


def test_a_model_trained_here_types_new_events_and_answers_yield_as_a_plover_2_type(tmp_path):
    pytest.importorskip("sklearn")
    classes, typer = _tiny_model(tmp_path)
    assert "YIELD" in classes
    found = typer.read(["Gunmen from Rask bombed a school in Tiller.", "The mayor of Ossa met the consul of Dane.",
                        "The guerrillas of Hobb released six captives."],
                       ["Gunmen from Rask", "The mayor of Ossa", "The guerrillas of Hobb"],
                       ["a school in Tiller", "the consul of Dane", "six captives"], ["bombed", "met", "released"])
    assert [t for t, _ in found][:2] == ["ASSAULT", "CONSULT"]
    assert found[2][0] in ("CONCEDE", "RETREAT")  # YIELD's probability went to its PLOVER 2.0 parts
    assert all(0 < p <= 1 for _, p in found)
    probs = typer.probabilities(["The guerrillas of Hobb released six captives."], ["The guerrillas of Hobb"],
                                ["six captives"], ["released"])
    shared = typer.type_probabilities(probs)
    assert np.allclose(shared.sum(axis=1), 1, atol=1e-4) and shared.shape == (1, len(EVENT_TYPES))


def test_the_shipped_model_loads_and_gives_a_plover_type_for_each_event():
    typer = RelationTyper(MODEL)
    found = typer.read(["Police in Marn arrested three union leaders.", "The two parties signed a truce in Pell."],
                       ["Police in Marn", "The two parties"], ["three union leaders", ""], ["arrested", ""])
    assert len(found) == 2 and all(t in EVENT_TYPES and 0 < p <= 1 for t, p in found)
    assert typer.read([], [], [], []) == []
    with pytest.raises(ValueError):
        typer.read(["A sentence."], [], [""], [""])
