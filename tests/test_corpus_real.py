"""Real articles in other languages (truce/corpus/real.py): the committed gold is consistent, and a
broken article is reported, on an article invented here."""
import json

from truce.corpus.real import REAL, check_all, problems
from truce.multilingual import LANGUAGES

ARTICLE = {"id": "invented:7", "language": "es", "url": "https://example.org/7", "outlet": "Invented Press",
           "published": "2024-05-02", "licence": "public domain", "title": "Bloqueo",
           "text": "Camioneros bloquearon la ruta a Rosario el lunes.",
           "events": [{"id": "e1", "event_type": "PROTEST", "trigger": [11, 21], "trigger_words": "bloquearon",
                       "factuality": "asserted", "date": {"value": "2024-04-29", "precision": "day"},
                       "place": [32, 39], "place_words_en": "Rosario", "actors": [[0, 10]], "recipients": []}]}


def test_the_invented_article_has_no_problem():
    assert ARTICLE["text"][11:21] == "bloquearon" and ARTICLE["text"][32:39] == "Rosario"
    assert problems(ARTICLE) == []


def test_a_trigger_that_is_not_its_words_and_a_span_outside_the_text_are_reported():
    event = {**ARTICLE["events"][0], "trigger": [0, 10], "actors": [[40, 90]]}
    found = problems({**ARTICLE, "events": [event]})
    assert any("'Camioneros' is not 'bloquearon'" in p for p in found)
    assert any("outside the text" in p for p in found)


def test_a_missing_date_needs_a_note_and_a_missing_licence_is_reported():
    assert any("no publication date" in p for p in problems({**ARTICLE, "published": None}))
    assert problems({**ARTICLE, "published": None, "note": "the page gives no date"}) == []
    assert "no licence" in problems({**ARTICLE, "licence": ""})


def test_check_all_reads_a_folder_of_languages(tmp_path):
    (tmp_path / "es.jsonl").write_text(json.dumps(ARTICLE) + "\n" + json.dumps({**ARTICLE, "id": "invented:8", "url": ""}) + "\n")
    report = check_all(tmp_path)
    assert report["es"]["articles"] == 2 and report["es"]["events"] == 2
    assert report["es"]["problems"] == ["invented:8: no url"]


def test_the_committed_real_articles_are_consistent():
    report = check_all(REAL)
    assert report, "corpus/real holds no language"
    for language, found in report.items():
        assert language in LANGUAGES
        assert found["problems"] == [], (language, found["problems"][:3])
        assert found["articles"] >= 1 and found["events"] >= found["articles"]
    for path in REAL.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            assert article["language"] == path.stem and article["annotator"].startswith("AI helper")
            assert article["events"], article["id"]
            for event in article["events"]:
                assert event["event_type"] in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                               "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                               "MOBILIZE", "COERCE", "ASSAULT"}
