"""The corpus tools: resolving annotators' words to offsets, the validator, the split, the scorer and
the agreement figures, on articles invented for these tests; and the shipped corpus validates."""
import json

import pytest

from truce.corpus.agreement import agreement, cohen_kappa
from truce.corpus.check import check_file, problems
from truce.corpus.format import split_of
from truce.corpus.resolve import SpanError, compile_article, occurrences
from truce.corpus.score import same_date, score
from truce.corpus.sentences import sentence_spans
from truce.corpus.sources import SourceText

TEXT = ("Rebels shelled the port of Kesra on Monday, killing four sailors. The navy said the rebels "
        "fired twelve shells. On Tuesday the governor condemned the attack and called for talks. "
        "The rebels will withdraw if the navy stops patrols, their leader said.")


def source(text=TEXT, article_id="test:1"):
    return SourceText(article_id, text, "Port shelled", "2024-05-09", None, "Invented Times", "written for the tests",
                      {"file": "test", "id": article_id})


def raw_article(**changes):
    events = [
        {"key": "shelling", "s": 0, "event_type": "ASSAULT", "mode": "heavy-weapons", "trigger": "shelled",
         "factuality": "asserted", "actors": ["Rebels"], "recipients": ["four sailors"],
         "date": {"value": "2024-05-06", "precision": "day"}, "place": "Kesra", "claimed_by": []},
        {"s": 2, "event_type": "ACCUSE", "mode": "disapprove", "trigger": "condemned", "factuality": "asserted",
         "actors": ["the governor"], "recipients": ["rebels"], "date": {"value": "2024-05-07", "precision": "day"}},
        {"s": 2, "event_type": "REQUEST", "mode": "meet", "trigger": "called for", "factuality": "asserted",
         "actors": ["the governor"]},
        {"s": 3, "event_type": "CONCEDE", "trigger": "withdraw", "factuality": "conditional",
         "condition": "if the navy stops patrols", "actors": ["The rebels"], "claimed_by": ["their leader"]},
    ]
    article = {"id": "test:1", "annotator": "tester", "events": events, "ceasefires": []}
    article.update(changes)
    return article


def test_sentences_are_numbered_without_cutting_abbreviations():
    text = "Gen. Amar met Mr. Lee in the U.S. capital. They agreed on a truce.\n\nTalks resume on Friday."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Gen. Amar met Mr. Lee in the U.S. capital.", "They agreed on a truce.", "Talks resume on Friday."]


def test_words_are_found_whole_and_exact():
    assert occurrences("the navy and the Navy Day", "navy") == [(4, 8)]
    assert occurrences("UNESCO and the UN", "UN") == [(15, 17)]
    assert occurrences("tossed his\u00a0credentials", "his credentials") == [(7, 22)]
    with pytest.raises(SpanError):
        occurrences("text", " padded ")


def test_resolver_turns_words_into_offsets_nearest_the_trigger():
    article, found = compile_article(raw_article(), source())
    assert found == []
    shelling, condemnation = article["events"][0], article["events"][1]
    assert TEXT[slice(*shelling["trigger"])] == "shelled"
    assert TEXT[slice(*shelling["recipients"][0])] == "four sailors"
    # "rebels" is not in the condemnation's sentence: of its two occurrences (and not "Rebels"), the
    # one nearest the trigger is taken, in the sentence after it.
    start, end = condemnation["recipients"][0]
    assert TEXT[start:end] == "rebels" and start == TEXT.index("The rebels will") + 4
    assert article["events"][3]["condition"] == [TEXT.index("if the navy"), TEXT.index("if the navy") + 25]
    assert [e["salience"] for e in article["events"]] == [1, 2, 3, 4]


def test_resolver_reports_words_that_are_not_in_the_text():
    raw = raw_article()
    raw["events"][0]["trigger"] = "bombed"
    raw["events"][1]["actors"] = ["the mayor"]
    _, found = compile_article(raw, source())
    assert any("trigger 'bombed' is not in sentence [0]" in p for p in found)
    assert any("'the mayor' is nowhere in the text" in p for p in found)


def test_resolver_picks_the_nth_occurrence_in_a_sentence():
    text = "Police arrested two men and later arrested their lawyer."
    raw = {"id": "test:2", "events": [{"s": 0, "event_type": "COERCE", "mode": "arrest", "factuality": "asserted",
                                       "trigger": {"text": "arrested", "nth": 2}, "recipients": ["their lawyer"]}]}
    article, found = compile_article(raw, source(text, "test:2"))
    assert found == [] and article["events"][0]["trigger"] == [text.rindex("arrested"), text.rindex("arrested") + 8]


@pytest.mark.parametrize("change, message", [
    ({"event_type": "ATTACK"}, "is not a PLOVER type"),
    ({"mode": "aerial"}, "is not a mode of ACCUSE"),
    ({"factuality": "likely"}, "is not one of asserted"),
    ({"factuality": "conditional"}, "a conditional event needs its condition"),
    ({"date": {"value": "2024-13-01", "precision": "day"}}, "does not fit precision"),
    ({"date": {"value": "2024-05", "precision": "day"}}, "does not fit precision"),
    ({"trigger": [5, 3]}, "is outside the text"),
    ({"actors": [[0, 7]]}, "begins or ends with white space"),
])
def test_validator_names_what_is_wrong(change, message):
    article, _ = compile_article(raw_article(), source())
    article["events"][1].update(change)
    assert any(message in p for p in problems(article, TEXT))


def test_validator_checks_the_split_and_salience():
    article, _ = compile_article(raw_article(), source())
    article["split"] = "test" if article["split"] == "train" else "train"
    article["events"][0]["salience"] = 3
    found = problems(article, TEXT)
    assert any("the id's hash says" in p for p in found) and any("salience" in p for p in found)


def test_validator_refuses_a_malformed_file_with_line_numbers(tmp_path):
    good, _ = compile_article(raw_article(), source())
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({**good, "text_sha256": "0" * 64}) + "\n")
    found = check_file(path, {"test:1": source()})
    assert any(p.startswith("corpus.jsonl:2: not JSON") for p in found)
    assert any("corpus.jsonl:3 test:1" in p and "SHA-256" in p for p in found)
    assert not any(p.startswith("corpus.jsonl:1 ") for p in found)


def test_split_is_a_fixed_fifth():
    ids = [f"voa:{n}" for n in range(2000)]
    share = sum(split_of(i) == "test" for i in ids) / len(ids)
    assert 0.17 < share < 0.23
    assert [split_of(i) for i in ids[:50]] == [split_of(i) for i in ids[:50]]


def record_from(article, text, keep=None, extra=()):
    """A record as truce would write it, made from gold events (some kept, some added)."""
    actors = [{"id": "a1", "name": "Rebels", "aliases": ["rebels", "The rebels"]}, {"id": "a2", "name": "governor"}]
    events = []
    for n, gold in enumerate(article["events"]):
        if keep is not None and n not in keep:
            continue
        start, end = gold["trigger"]
        events.append({"id": gold["id"], "event_type": gold["event_type"], "factuality": gold["factuality"],
                       "trigger": {"start": start, "end": end, "text": text[start:end]},
                       "actors": ["a1"] if gold["event_type"] in ("ASSAULT", "CONCEDE") else ["a2"],
                       "recipients": [], "date": gold["date"], "location": None, "confidence": 0.9})
    return {"id": article["id"], "text": text, "actors": actors, "places": [], "events": events + list(extra)}


def test_scorer_gives_full_marks_to_the_gold_events_themselves():
    article, _ = compile_article(raw_article(), source())
    figures = score([{**article, "text": TEXT}], {"test:1": record_from(article, TEXT)})
    assert figures["event_f1"] == 1.0 and figures["factuality_accuracy"] == 1.0
    assert figures["date_accuracy"] == 1.0 and figures["actor_f1"] == 1.0


def test_scorer_counts_misses_extras_and_duplicates():
    article, _ = compile_article(raw_article(), source())
    duplicate = {"id": "x", "event_type": "ASSAULT", "factuality": "asserted", "actors": [], "recipients": [],
                 "trigger": {"start": TEXT.index("fired"), "end": TEXT.index("fired") + 5, "text": "fired"},
                 "date": None, "location": None, "confidence": 0.3}
    shelling_again = dict(duplicate, trigger={"start": TEXT.index("killing"), "end": TEXT.index("killing") + 7,
                                              "text": "killing"})
    figures = score([{**article, "text": TEXT}], {"test:1": record_from(article, TEXT, keep={0, 1},
                                                                        extra=[duplicate, shelling_again])})
    assert figures["event_recall"] == 0.5  # 2 of 4 gold events
    assert figures["event_precision"] == 0.5  # 2 of 4 output events
    assert figures["duplicate_share"] == 0.25  # the second shelling in the shelling's sentence
    assert figures["precision_by_confidence"]["0.0-0.5"] == {"events": 2, "precision": 0.0}


def test_a_record_whose_cleaning_changed_the_text_is_realigned():
    article, _ = compile_article(raw_article(), source())
    chrome = "Share this story\n"
    record = record_from(article, TEXT)
    record["text"] = chrome + TEXT
    for event in record["events"]:
        event["trigger"] = {**event["trigger"], "start": event["trigger"]["start"] + len(chrome),
                            "end": event["trigger"]["end"] + len(chrome)}
    figures = score([{**article, "text": TEXT}], {"test:1": record})
    assert figures["text_changed"] == 1 and figures["event_f1"] == 1.0


def test_a_record_of_another_text_scores_nothing():
    article, _ = compile_article(raw_article(), source())
    record = record_from(article, TEXT)
    record["text"] = "An unrelated page about the weather, with nothing of the article in it at all."
    figures = score([{**article, "text": TEXT}], {"test:1": record})
    assert figures["text_lost"] == 1 and figures["event_recall"] == 0.0


def test_dates_compare_at_the_gold_precision():
    assert same_date({"value": "2024-05", "precision": "month"}, {"value": "2024-05-17", "precision": "day"})
    assert not same_date({"value": "2024-05-17", "precision": "day"}, {"value": "2024-05", "precision": "month"})
    assert same_date({"value": "2024-05-06", "precision": "week"}, {"value": "2024-05-09", "precision": "day"})
    assert not same_date({"value": "2024-05-06", "precision": "week"}, {"value": "2024-05-13", "precision": "day"})


def test_agreement_of_an_annotation_with_itself_and_with_a_changed_one():
    article, _ = compile_article(raw_article(), source())
    same = agreement({"test:1": article}, {"test:1": article}, {"test:1": TEXT})
    assert same["type_kappa"] == 1.0 and same["factuality_kappa"] == 1.0 and same["event_f1_with_type"] == 1.0
    changed = json.loads(json.dumps(article))
    changed["events"][0]["event_type"] = "COERCE"
    other = agreement({"test:1": article}, {"test:1": changed}, {"test:1": TEXT})
    assert other["type_kappa"] < 1.0 and other["event_f1_with_type"] == 0.75


def test_kappa_is_zero_for_chance_agreement():
    assert cohen_kappa(["A", "B", "A", "B"], ["A", "A", "B", "B"]) == 0.0


def test_the_shipped_corpus_is_valid_and_complete():
    from truce.corpus.load import AGREEMENT_FIRST, AGREEMENT_SECOND, ANNOTATIONS, read_annotations
    from truce.corpus.sources import all_texts

    texts = all_texts()
    for path in (ANNOTATIONS, AGREEMENT_FIRST, AGREEMENT_SECOND):
        assert check_file(path, texts) == [], path
    articles = read_annotations(ANNOTATIONS)
    assert len({a["id"] for a in articles}) == len(articles) >= 400
    assert sum(len(a["events"]) for a in articles) >= 3000
    assert len({a["outlet"] for a in articles if a["outlet"]}) >= 30
    assert all(a["reviewer"] and a["reviewer"] != a["annotator"] for a in articles if a["reviewer"])


def test_cli_refuses_a_malformed_corpus_file_and_prints_the_stats_of_the_shipped_one(tmp_path):
    from click.testing import CliRunner

    from truce.cli import cli

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "voa:none", "events": []}\n{broken\n')
    result = CliRunner().invoke(cli, ["corpus", "check", str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl:2: not JSON" in result.output and "no text for this id" in result.output
    shipped = CliRunner().invoke(cli, ["corpus", "stats"])
    assert shipped.exit_code == 0
    figures = json.loads(shipped.output)
    assert figures["articles"] == figures["articles_by_split"]["train"] + figures["articles_by_split"]["test"]
    assert figures["events"] == sum(figures["events_by_type"].values())
