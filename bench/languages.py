#!/usr/bin/env python3
"""Speed of each language's pipeline beside English's, on one worker, in one run.

    python bench/languages.py [--translations corpus/translations] [--limit N]

For each language with compiled translations (corpus/translations/<lang>.jsonl, the corpus's test
VOA articles translated), truce analyzes the translated articles and, in the same process, their
English originals; a language without translations is timed on its invented article of
tests/fixtures/languages/ (five copies), against the English originals' figure. Models are loaded
first (one article of each language is analysed before timing), as a long-running worker loads them
once. --limit times only the first N translated articles of each language (and their originals).
Words are whitespace-separated tokens, and for Chinese jieba's words. Prints JSON: words per
second per language, its ratio to English's, and the process's peak memory.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import resource
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from truce.corpus.load import load  # noqa: E402
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
    originals = sorted({d.id for kind, docs in sets.values() if kind == "translations" for d in docs})
    english_docs = [InputDoc(id=i, text=english[i]["text"], title=english[i].get("title"), published=english[i].get("published"))
                    for i in originals] or [InputDoc(id="en", text=(ROOT / "samples" / "border-clash.txt").read_text())]
    list(pipeline.analyze([english_docs[0]] + [docs[0] for _, docs in sets.values()]))  # load every model first
    results = {"en": timed(pipeline, english_docs, "en")}
    for language, (kind, docs) in sets.items():
        results[language] = {"timed_on": kind, **timed(pipeline, docs, language)}
        results[language]["ratio_to_english"] = round(results[language]["words_per_second"] / results["en"]["words_per_second"], 2)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
