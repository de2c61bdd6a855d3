#!/usr/bin/env python3
"""Compile the annotators' files into the corpus.

    python3 scripts/corpus_compile.py WORK_DIR

WORK_DIR holds raw/ (first annotations, bNN.jsonl / vNN.jsonl), review/ (the same files after a second
annotator's review) and double/ (dNN.jsonl: independent second annotations of a tenth of the articles).
Writes corpus/annotations.jsonl (each article's reviewed annotation, or its first one while it waits
for review), corpus/agreement/first.jsonl and second.jsonl (the two independent annotations of the
doubly annotated articles). Refuses to write while any input has a problem.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from truce.corpus.load import AGREEMENT_FIRST, AGREEMENT_SECOND, ANNOTATIONS  # noqa: E402
from truce.corpus.resolve import compile_file  # noqa: E402
from truce.corpus.sources import all_texts  # noqa: E402


def compiled(files, texts, reviewed=False) -> tuple[dict, list[str]]:
    articles, problems = {}, []
    for path in sorted(files):
        found, errors = compile_file(path, texts)
        problems += [f"{path.name}: {e}" for e in errors]
        for article in found:
            if reviewed and not article["reviewer"]:
                problems.append(f"{path.name}: {article['id']}: a reviewed file names no reviewer")
            articles[article["id"]] = article
    return articles, problems


def write(path: Path, articles) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for article in sorted(articles, key=lambda a: a["id"]):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


def main() -> None:
    work = Path(sys.argv[1])
    texts = all_texts()
    first, p1 = compiled(work.glob("raw/*.jsonl"), texts)
    reviewed, p2 = compiled(work.glob("review/*.jsonl"), texts, reviewed=True)
    second, p3 = compiled(work.glob("double/*.jsonl"), texts)
    problems = p1 + p2 + p3
    if problems:
        print("\n".join(problems))
        sys.exit(f"{len(problems)} problems: nothing written")
    corpus = {**first, **reviewed}
    write(ANNOTATIONS, corpus.values())
    both = sorted(set(second) & set(first))
    write(AGREEMENT_FIRST, [first[i] for i in both])
    write(AGREEMENT_SECOND, [second[i] for i in both])
    events = sum(len(a["events"]) for a in corpus.values())
    print(f"{len(corpus)} articles ({len(reviewed)} reviewed), {events} events; {len(both)} annotated twice")


if __name__ == "__main__":
    main()
