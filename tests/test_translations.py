"""Compiling translated test articles and scoring records against them (truce/corpus/translations.py),
on an article and a translation invented here."""
from truce.corpus.translations import compile_translation, figures, gold_point, km
from truce.gazetteer import Gazetteer

ENGLISH = {
    "id": "invented:1", "published": "2024-03-08",
    "text": "Farmers marched in Lyon on Tuesday. The minister will meet them.",
    "events": [
        {"id": "e1", "event_type": "PROTEST", "trigger": [8, 15], "factuality": "asserted",
         "date": {"value": "2024-03-05", "precision": "day"}, "place": [19, 23]},
        {"id": "e2", "event_type": "CONSULT", "trigger": [54, 58], "factuality": "future", "date": None, "place": None},
    ],
}
TRANSLATION = {"id": "invented:1", "language": "fr", "title": "Marche",
               "sentences": ["Des agriculteurs ont défilé à Lyon mardi.", "Le ministre les rencontrera."],
               "events": [{"gold_event": "e1", "sentence": 1, "trigger_words": "ont défilé"},
                          {"gold_event": "e2", "sentence": 2, "trigger_words": "rencontrera"}]}


def test_english_fixture_spans_are_what_they_say():
    assert ENGLISH["text"][8:15] == "marched" and ENGLISH["text"][19:23] == "Lyon" and ENGLISH["text"][54:58] == "meet"


def test_a_translation_compiles_with_triggers_found_and_gold_carried_over():
    article, problems = compile_translation(TRANSLATION, ENGLISH)
    assert problems == []
    assert article["text"].split("\n") == TRANSLATION["sentences"]
    first, second = article["events"]
    assert article["text"][first["trigger"][0]:first["trigger"][1]] == "ont défilé"
    assert article["text"][second["trigger"][0]:second["trigger"][1]] == "rencontrera"
    assert first["event_type"] == "PROTEST" and first["date"]["value"] == "2024-03-05" and first["place_words_en"] == "Lyon"
    assert second["factuality"] == "future" and second["place_words_en"] is None


def test_problems_are_reported_not_patched():
    broken = {**TRANSLATION, "sentences": TRANSLATION["sentences"][:1],
              "events": [{"gold_event": "e1", "sentence": 1, "trigger_words": "marchèrent"}]}
    _, problems = compile_translation(broken, ENGLISH)
    assert any("1 sentences" in p for p in problems)
    assert any("marchèrent" in p for p in problems)
    assert any(p.startswith("e2") for p in problems)


def test_a_trigger_joined_to_a_clitic_is_found():
    arabic = {**TRANSLATION, "sentences": ["وتظاهر المزارعون في ليون يوم الثلاثاء.", "وسيلتقي بهم الوزير."],
              "events": [{"gold_event": "e1", "sentence": 1, "trigger_words": "تظاهر"},
                         {"gold_event": "e2", "sentence": 2, "trigger_words": "يلتقي"}]}
    article, problems = compile_translation(arabic, ENGLISH)
    assert problems == [] and [article["text"][a:b] for a, b in (e["trigger"] for e in article["events"])] == ["تظاهر", "يلتقي"]


def test_scores_type_place_date_and_language():
    gazetteer = Gazetteer()
    article, _ = compile_translation(TRANSLATION, ENGLISH)
    lyon = gold_point("Lyon", gazetteer)
    sentence = (0, len(TRANSLATION["sentences"][0]))
    event = {"event_type": "PROTEST", "trigger": {"start": sentence[0], "end": sentence[1]},
             "date": {"value": "2024-03-05", "precision": "day"},
             "location": {"lat": lyon[0] + 0.5, "lon": lyon[1], "precision": "city"}}
    wrong = {**event, "event_type": "ASSAULT"}
    record = {"id": "invented:1", "language": "fr", "events": [event, wrong]}
    found = figures([article], {"invented:1": record}, gazetteer)
    assert found["event_precision"] == 0.5 and found["event_recall"] == 0.5
    assert found["place_accuracy_161km"] == 1.0 and found["date_accuracy"] == 1.0 and found["language_id_accuracy"] == 1.0
    far = {**record, "language": "es", "events": [{**event, "location": {"lat": lyon[0] + 3, "lon": lyon[1]}}]}
    found = figures([article], {"invented:1": far}, gazetteer)
    assert found["place_accuracy_161km"] == 0.0 and found["language_id_accuracy"] == 0.0


def test_distance_of_a_degree_of_latitude():
    assert 110 < km((10.0, 20.0), (11.0, 20.0)) < 112
