#!/usr/bin/env python3
"""Speed of each language's pipeline beside English's, on one worker, in one run.

    python bench/languages.py [--translations corpus/translations] [--limit N]

For each language with compiled translations (corpus/translations/<lang>.jsonl, the corpus's test
VOA articles translated), truce analyzes the translated articles and, in the same process, their
English originals; a language without translations is timed on its invented article of
tests/fixtures/languages/ (five copies), against the English originals' figure. Models are loaded
first (one article of each language is analysed before timing), as a long-running worker loads them
once. --limit times only the first N translated articles of each language (and their originals).
Each language is timed right after the English originals of the same articles, and its ratio is
to that English figure: on a shared machine whose load changes from minute to minute, English timed
once at the start would compare languages timed under other loads ("en" gives all English runs).
Words are whitespace-separated tokens, and for Chinese jieba's words. Prints JSON: words per
second per language, its ratio to English's, and the process's peak memory.
"""
from __future__ import annotations

import argparse
import gc
import json
import pathlib
import resource
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from truce.corpus.load import load  # noqa: E402
from truce.embeddings import SentenceEncoder  # noqa: E402
from truce.multilingual.encoder import Encoder  # noqa: E402
from truce.corpus.translations import TRANSLATIONS, read_compiled  # noqa: E402
from truce.inputs import InputDoc  # noqa: E402
from truce.multilingual import LANGUAGES  # noqa: E402
from truce.multilingual.segments import words as segment_words  # noqa: E402
from truce.pipeline import Pipeline  # noqa: E402
from truce.settings import load_settings  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "languages"
COPIES = 5


def word_count(text: str, language: str) -> int:
    return len(segment_words(text, "zh")) if language == "zh" else len(text.split())


def timed(pipeline: Pipeline, docs: list[InputDoc], language: str) -> dict:
    # English is timed on the same originals again and again: its sentence-vector cache would
    # otherwise answer from the last run. Every run starts with empty caches, in every language.
    for encoder in (o for o in gc.get_objects() if isinstance(o, (SentenceEncoder, Encoder))):
        encoder.cache.clear()
    start = time.perf_counter()
    records = list(pipeline.analyze(docs))
    seconds = time.perf_counter() - start
    count = sum(word_count(d.text, language) for d in docs)
    errors = sum(1 for r in records if getattr(r, "error", None))
    return {"articles": len(docs), "words": count, "seconds": round(seconds, 2),
            "words_per_second": round(count / seconds), "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translations", type=pathlib.Path, default=TRANSLATIONS)
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    pipeline = Pipeline(load_settings())
    english = {a["id"]: a for a in load(split="test")}
    sets = {}
    for language in LANGUAGES:
        path = args.translations / f"{language}.jsonl"
        articles = (read_compiled(path) if path.exists() else [])[:args.limit]
        if articles:
            sets[language] = ("translations", [InputDoc(id=a["id"], text=a["text"], title=a.get("title"),
                                                        published=a.get("published")) for a in articles])
        else:
            text = (FIXTURES / f"{language}.txt").read_text(encoding="utf-8")
            sets[language] = ("fixture", [InputDoc(id=f"{language}-{n}", text=text, published="2024-03-08") for n in range(COPIES)])

    def originals_of(docs: list[InputDoc]) -> list[InputDoc]:
        return [InputDoc(id=d.id, text=english[d.id]["text"], title=english[d.id].get("title"),
                         published=english[d.id].get("published")) for d in docs if d.id in english]

    fallback = [InputDoc(id="en", text=(ROOT / "samples" / "border-clash.txt").read_text())]
    list(pipeline.analyze([(originals_of(next(iter(sets.values()))[1]) or fallback)[0]]
                          + [docs[0] for _, docs in sets.values()]))  # load every model first
    results, english_runs = {}, []
    for language, (kind, docs) in sets.items():
        beside = timed(pipeline, originals_of(docs) if kind == "translations" else fallback, "en")
        english_runs.append(beside)
        results[language] = {"timed_on": kind, **timed(pipeline, docs, language),
                             "english_words_per_second": beside["words_per_second"]}
        results[language]["ratio_to_english"] = round(results[language]["words_per_second"] / beside["words_per_second"], 2)
    words, seconds = sum(r["words"] for r in english_runs), sum(r["seconds"] for r in english_runs)
    results = {"en": {"words": words, "seconds": round(seconds, 2), "words_per_second": round(words / seconds)}, **results}
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
