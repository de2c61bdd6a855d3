"""Event dates on the annotated corpus, read error by error (issue 22).

`--build` runs truce once over a split (the default events stage, every event kept) and keeps, in
`out/dates-<split>/`, its records, the parsed documents and each event's clause and trigger. Without it, the
script re-runs only the times stage and `attach.event_date` on what was kept (seconds, not minutes),
scores the dates as `truce corpus score` does (the events' matching does not read dates) and lists the
matched events whose date is wrong: gold against output, the sentence, the times in it, and a cause.

    python bench/date_errors.py --split train --build        # once (about 20 minutes for train)
    python bench/date_errors.py --split train [--list] [--cause weekday]

Read errors on the train split only; the test split is for confirming a change.
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import pickle
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(split: str, folder: pathlib.Path) -> None:
    from spacy.tokens import DocBin

    from truce.corpus.evaluate import analyze
    from truce.corpus.load import load
    from truce.stages.events import attach

    clauses: dict[str, dict[int, tuple[int, int]]] = collections.defaultdict(dict)
    docs: dict[str, object] = {}
    published: dict[str, str | None] = {}
    original = attach.event_date

    def logged(article, clause, trigger=None):
        if trigger is not None:
            clauses[article.id][trigger.idx] = (clause.start, clause.end)
        docs[article.id] = article.doc
        published[article.id] = article.published
        return original(article, clause, trigger)

    attach.event_date = logged
    try:
        records = analyze(load(split=split), workers=1)
    finally:
        attach.event_date = original
    folder.mkdir(parents=True, exist_ok=True)
    ids = sorted(docs)
    bin_ = DocBin(store_user_data=True)
    for i in ids:
        bin_.add(docs[i])
    bin_.to_disk(folder / "docs.spacy")
    with open(folder / "kept.pkl", "wb") as out:
        pickle.dump({"ids": ids, "published": published, "clauses": dict(clauses), "records": records}, out)


def redate(folder: pathlib.Path):
    """The records with each event's date made again by today's code, and the articles (by id)."""
    from spacy.tokens import DocBin

    from truce.article import Article
    from truce.inputs import InputDoc
    from truce.nlp import load_nlp
    from truce.settings import load_settings
    from truce.stages.events import attach
    from truce.stages.times import Times

    with open(folder / "kept.pkl", "rb") as kept_file:
        kept = pickle.load(kept_file)
    nlp = load_nlp(load_settings())
    docs = dict(zip(kept["ids"], DocBin().from_disk(folder / "docs.spacy").get_docs(nlp.vocab)))
    times = Times()
    articles, records = {}, {}
    for article_id, made in kept["records"].items():
        doc = docs.get(article_id)
        if doc is None:
            records[article_id] = made
            continue
        article = Article(input=InputDoc(id=article_id, text=doc.text), text=doc.text, doc=doc,
                          published=kept["published"][article_id])
        times(article)
        articles[article_id] = article
        clauses = kept["clauses"].get(article_id, {})
        events = []
        for event in made.get("events", []):
            where = clauses.get(event["trigger"]["start"])
            if where is not None:
                trigger = doc.char_span(event["trigger"]["start"], event["trigger"]["end"], alignment_mode="expand")
                date = attach.event_date(article, doc[where[0]:where[1]], trigger[0] if trigger else None)
                event = {**event, "date": date.model_dump(mode="json") if date else None}
            events.append(event)
        records[article_id] = {**made, "events": events}
    return records, articles


def errors(split: str, records: dict, articles: dict, every: bool = False) -> tuple[dict, list[dict]]:
    from truce.corpus.evaluate import above
    from truce.corpus.load import load
    from truce.corpus.score import match_events, same_date, score
    from truce.corpus.sentences import sentence_spans
    from truce.settings import load_settings
    from truce.stages.events import LEARNED, default_threshold

    gold_articles = load(split=split)
    kept = above(records, default_threshold(LEARNED, load_settings().events))
    figures = score(gold_articles, kept)
    wrong = []
    for gold_article in gold_articles:
        made = kept.get(gold_article["id"])
        if not made or "error" in made or made["text"] != gold_article["text"]:
            continue
        output = made["events"]
        matched, _ = match_events(gold_article["events"], output, sentence_spans(gold_article["text"]))
        for o, g in matched.items():
            gold_date = gold_article["events"][g]["date"]
            right = same_date(gold_date, output[o].get("date")) if gold_date else None
            if gold_date and (every or not right):
                wrong.append({**_described(gold_article, articles.get(gold_article["id"]), output[o], gold_date), "right": right})
    return figures, wrong


def _described(gold_article: dict, article, event: dict, gold_date: dict) -> dict:
    text = gold_article["text"]
    start = event["trigger"]["start"]
    sentence = next((s for s in article.doc.sents if s.start_char <= start < s.end_char), None) if article else None
    times = [t for t in (article.times if article else []) if sentence is not None
             and sentence.start_char <= t.start < sentence.end_char]
    output = event.get("date")
    return {"id": gold_article["id"], "published": gold_article.get("published"), "gold": gold_date,
            "output": output, "trigger": text[start:event["trigger"]["end"]],
            "sentence": sentence.text if sentence is not None else text[max(0, start - 150):start + 150],
            "times": [(t.text, t.value) for t in times], "cause": _cause(gold_date, output, times, gold_article)}


def _cause(gold: dict, output: dict | None, times: list, gold_article: dict) -> str:
    published = (gold_article.get("published") or "")[:10]
    values = [t.value or "" for t in times]
    if output is None:
        return "undated: a time in the sentence" if times else "undated: none in the sentence"
    if gold["value"][:10] == published and output["value"][:10] != published:
        return "gold is the publication day"
    if any(v.startswith(gold["value"][:len(gold["value"])]) for v in values):
        return "another time of the sentence governs"
    if output.get("precision") != gold["precision"] and output["value"][:7] == gold["value"][:7]:
        return f"precision: {output.get('precision')} for {gold['precision']}"
    if not times:
        return "no time in the sentence: the story's day"
    return "a time of the sentence, wrongly valued or not the gold's"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "test"], default="train")
    parser.add_argument("--build", action="store_true", help="run truce over the split and keep what is needed")
    parser.add_argument("--list", action="store_true", help="print each error")
    parser.add_argument("--cause", help="print only the errors whose cause starts with this")
    parser.add_argument("--every", action="store_true", help="list the rightly dated events too")
    args = parser.parse_args()
    folder = ROOT / "out" / f"dates-{args.split}"
    if args.build:
        build(args.split, folder)
    records, articles = redate(folder)
    figures, wrong = errors(args.split, records, articles, args.every)
    if args.list or args.cause or args.every:
        for error in wrong:
            if not args.cause or error["cause"].startswith(args.cause):
                print(json.dumps(error, ensure_ascii=False))
    wrong = [e for e in wrong if not e["right"]]
    print(json.dumps({"date_accuracy": figures["date_accuracy"], "wrong": len(wrong),
                      "causes": collections.Counter(e["cause"] for e in wrong).most_common()}, indent=1))


if __name__ == "__main__":
    main()
