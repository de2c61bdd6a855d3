"""The learned events stage's parts: hashed linear models, the features they read, the training
examples made from annotated articles, and the stage run with models trained here on invented data."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from truce.corpus.examples import Examples, add_article, head_token
from truce.inputs import InputDoc
from truce.pipeline import Pipeline
from truce.settings import Settings
from truce.stages.events import Events, default_threshold
from truce.stages.events.lexicon import Lexicon
from truce.stages.events.linear import BUCKETS, LinearModel, bucket, save
from truce.stages.events.model_features import dependency_path, mentions, role_features, trigger_features

pytestmark = pytest.mark.model


def test_feature_columns_do_not_depend_on_the_process():
    code = "from truce.stages.events.linear import bucket; print(bucket('lemma=attack'))"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip() for seed in ("1", "2")}
    assert seen == {str(bucket("lemma=attack"))}
    assert 0 <= bucket("lemma=attack") < BUCKETS


def test_a_saved_model_gives_probabilities_that_follow_its_weights(tmp_path):
    sparse = np.zeros((2, BUCKETS))
    sparse[1, bucket("lemma=attack")] = 3.0
    dense = np.array([[0.0, 0.0], [0.0, 1.0]])
    save(tmp_path / "m.npz", ["NONE", "ASSAULT"], sparse, dense, np.array([0.5, -0.5]))
    model = LinearModel(tmp_path / "m.npz")
    quiet = model.probabilities(["lemma=say"], np.zeros(2))
    loud = model.probabilities(["lemma=attack"], np.array([0.0, 1.0]))
    assert quiet.sum() == pytest.approx(1.0) and loud.sum() == pytest.approx(1.0)
    assert model.best(["lemma=say"], np.zeros(2))[0] == "NONE"
    assert model.best(["lemma=attack"], np.array([0.0, 1.0]))[0] == "ASSAULT" and loud[1] > quiet[1]


def test_the_trigger_head_is_the_word_the_span_hangs_from(nlp):
    doc = nlp("An air strike hit the depot on Monday.")
    start = doc.text.index("air strike")
    assert head_token(doc, start, start + len("air strike")).text == "strike"


def test_features_carry_the_lexicon_reading_and_its_veto(nlp):
    lexicon = Lexicon()
    doc = nlp("Police arrested the editor. He suffered a cardiac arrest.")
    arrested, arrest = doc[1], [t for t in doc if t.text == "arrest"][0]
    assert "lex=COERCE" in trigger_features(arrested, lexicon.match(arrested), lexicon.by_lemma.keys())
    assert lexicon.match(arrest) is None
    assert "lex=vetoed" in trigger_features(arrest, None, lexicon.by_lemma.keys())


def test_role_features_name_the_path_from_trigger_to_mention(nlp):
    doc = nlp("Soldiers detained two reporters in the capital.")
    detained = doc[1]
    found = {m.root.text: m for m in mentions(doc[:])}
    assert dependency_path(detained, found["Soldiers"].root) == "^|vnsubj"
    assert dependency_path(detained, found["reporters"].root) == "^|vdobj"
    assert "side=before" in role_features(detained, found["Soldiers"], "COERCE")


def gold(text, trigger, event_type, actors=(), recipients=()):
    def span(words):
        return [text.index(words), text.index(words) + len(words)]
    return {"id": "g", "text": text, "events": [{"event_type": event_type, "trigger": span(trigger), "factuality": "asserted",
                                                 "actors": [span(a) for a in actors], "recipients": [span(r) for r in recipients]}]}


def test_examples_label_the_gold_head_and_leave_repeated_mentions_out(nlp):
    text = "Police arrested two students on Monday. The arrest angered their families."
    article = gold(text, "arrested", "COERCE", ["Police"], ["two students"])
    examples = Examples()
    add_article(examples, article, nlp(text), Lexicon())
    labels = {features[0].split("=", 1)[1]: label for features, _, label in examples.detector}  # by lemma
    assert labels["arrest"] == "COERCE" and labels["anger"] == "NONE"
    # "The arrest" repeats the event annotated at "arrested": neither positive nor negative
    assert sum(1 for features, _, _ in examples.detector if "lower=arrest" in features) == 0
    roles = {features[0]: label for features, label in examples.roles}  # keyed by the mention's path
    assert roles["path=^|vnsubj"] == "actor" and roles["path=^|vdobj"] == "recipient"


def test_the_rules_keep_every_event_and_the_learned_stage_its_trained_threshold(tmp_path):
    assert default_threshold(None) == 0.0
    (tmp_path / "training.json").write_text(json.dumps({"threshold": 0.35, "judged_threshold": 0.2}))
    assert default_threshold(tmp_path) == 0.35 and default_threshold(tmp_path, "judged") == 0.2
    assert default_threshold(tmp_path, "rules") == 0.0


def test_the_learned_stage_runs_with_models_trained_here(nlp, tmp_path):
    """Models fitted on three invented sentences make the stage find the event it was taught."""
    _models_trained_here(nlp, tmp_path, [
        ("Troops shelled the village of Amra.", "shelled", "ASSAULT", ["Troops"], ["the village of Amra"]),
        ("Police detained the mayor of Tosa.", "detained", "COERCE", ["Police"], ["the mayor of Tosa"]),
        ("The minister visited the port of Bela.", "visited", "CONSULT", ["The minister"], [])])
    pipeline = _with_events_stage(nlp, Events(models=tmp_path, min_confidence=0.0))
    record = pipeline.analyze_one(InputDoc(id="t", text="Troops shelled the village of Amra.", published="2024-05-08"))
    assault = [e for e in record.events if e.event_type == "ASSAULT"]
    assert assault and assault[0].trigger.text == "shelled"
    assert [m.text for m in assault[0].actor_mentions] == ["Troops"]


def _models_trained_here(nlp, folder, texts):
    """A detector and a role model fitted on these invented (text, trigger, type, actors, recipients), thrice each."""
    from sklearn.linear_model import LogisticRegression
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "scripts"))
    import train_events

    examples, lexicon = Examples(), Lexicon()
    for text, trigger, kind, actors, recipients in texts * 3:
        add_article(examples, gold(text, trigger, kind, actors, recipients), nlp(text), lexicon)
    for name, rows, dense in (("detector", examples.detector, True), ("roles", examples.roles, False)):
        X = train_events.matrix([r[0] for r in rows], [r[1] for r in rows] if dense else None)
        y = np.array([r[-1] for r in rows])
        train_events.export(LogisticRegression(C=10, max_iter=2000).fit(X, y), folder / f"{name}.npz",
                            X.shape[1] - BUCKETS if dense else 0)


def _with_events_stage(nlp, stage) -> Pipeline:
    pipeline = Pipeline(Settings(), nlp=nlp)
    at = next(i for i, s in enumerate(pipeline.doc_stages) if isinstance(s, Events))
    pipeline.doc_stages[at] = stage
    return pipeline


def test_the_judged_stage_adds_an_event_the_lexicon_has_no_word_for(nlp, tmp_path):
    """'torched' is in no trigger list: the rules miss it, the judged stage's detector, taught here, finds it."""
    _models_trained_here(nlp, tmp_path, [
        ("Rebels torched the market of Kuva.", "torched", "ASSAULT", ["Rebels"], ["the market of Kuva"]),
        ("Raiders torched the farms near Lesa.", "torched", "ASSAULT", ["Raiders"], ["the farms near Lesa"]),
        ("Police detained the mayor of Tosa.", "detained", "COERCE", ["Police"], ["the mayor of Tosa"]),
        ("The minister praised the port of Bela.", "praised", "SUPPORT", ["The minister"], [])])
    # After the lead, whose unexplained acts the ACLED classifier reads instead (detect_by_classifier).
    text = ("Police detained the mayor of Amra on Monday. The town was quiet. Shops stayed open. "
            "Soldiers torched the depot of Amra on Tuesday.")
    judged = _with_events_stage(nlp, Events(models=tmp_path, min_confidence=0.0, judge=True))
    rules = _with_events_stage(nlp, Events(min_confidence=0.0))
    found = [e for e in judged.analyze_one(InputDoc(id="t", text=text, published="2024-05-08")).events
             if e.trigger.text == "torched"]
    assert [e.event_type for e in found] == ["ASSAULT"]
    assert found[0].actors, "the parse gives the new event its actor"
    ruled = rules.analyze_one(InputDoc(id="t", text=text, published="2024-05-08")).events
    assert "detained" in [e.trigger.text for e in ruled] and "torched" not in [e.trigger.text for e in ruled]


class _SaysAid:
    """A relation typer that reads every event as AID, surely: shows which events the stage lets it retype."""
    def probabilities(self, sentences, actors, recipients, triggers):
        return np.zeros((len(sentences), 1))

    def type_probabilities(self, probabilities):
        from truce.corpus.format import EVENT_TYPES
        out = np.full((len(probabilities), len(EVENT_TYPES)), 0.01)
        out[:, EVENT_TYPES.index("AID")] = 0.9
        return out


def test_the_typer_retypes_an_event_only_where_its_sentence_tells_no_other(default_pipeline):
    from truce.stages.events import LEARNED
    stage = Events(models=LEARNED, min_confidence=0.0, judge=True)
    stage.typer = _SaysAid()
    pipeline = _with_events_stage(default_pipeline.nlp, stage)
    def types(text):
        record = pipeline.analyze_one(InputDoc(id="a", text="The talks ended. " + text, published="2024-05-08"))
        return {e.trigger.text: e.event_type for e in record.events}
    assert types("Police arrested the editor in Tosa.")["arrested"] == "AID"
    two = types("Police arrested the editor and beat his brother in Tosa.")
    assert (two["arrested"], two["beat"]) == ("COERCE", "ASSAULT")


def test_a_documents_words_read_at_once_are_read_as_one_at_a_time(tmp_path):
    """LinearModel.probabilities_of (the detector's one product over a document) gives each word the
    softmax of its own weights, a word with no feature included."""
    from truce.stages.events.linear import BUCKETS, LinearModel, columns, save

    rng = np.random.default_rng(7)
    save(tmp_path / "m.npz", ["NONE", "ASSAULT", "PROTEST"], rng.normal(size=(3, BUCKETS)),
         rng.normal(size=(3, 4)), rng.normal(size=3))
    model = LinearModel(tmp_path / "m.npz")
    words = [["lemma=storm", "pos=VERB"], [], ["lemma=march", "dep=ROOT", "pos=VERB"], ["lemma=the"]]
    vectors = rng.normal(size=(len(words), 4)).astype(np.float32)
    together = model.probabilities_of(words, vectors)
    logits = np.array([model.bias + model.sparse[:, columns(w)].sum(axis=1) + model.dense @ v for w, v in zip(words, vectors)])
    alone = np.exp(logits - logits.max(axis=1, keepdims=True))
    alone /= alone.sum(axis=1, keepdims=True)
    assert together.shape == (4, 3)
    np.testing.assert_allclose(together, alone, atol=1e-6)
    np.testing.assert_allclose(model.probabilities(words[2], vectors[2]), alone[2], atol=1e-6)
    assert not np.allclose(together[0], together[2])  # the words' features do count
    assert model.probabilities_of([]).shape == (0, 3)
