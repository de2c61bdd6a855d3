#!/usr/bin/env python3
"""Build the benchmark corpus, bench/corpus.jsonl, from the plain-text dev sets in ../shared/eval-dev.

Every distinct text of the sets below becomes one article {"id", "text"}, in file order; nothing is
repeated, so no cache can make a second pass cheaper. HTML sets (article extraction, HRDsAttack)
are left out: bare spaCy could not read them, and the comparison must be over the same texts.

    python bench/build_corpus.py [--shared ../shared] [--out bench/corpus.jsonl]

The corpus is not committed (it is rebuilt in a second); `bench/run.py` builds it when it is missing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
CORPUS = HERE / "corpus.jsonl"
SOURCES = ["geo_gwn.jsonl", "attribution.jsonl", "timex.jsonl", "re3d_entities.jsonl",
           "acled_subtypes.jsonl", "plover_gsr.jsonl"]
MINIMUM = 1000


def build(shared: pathlib.Path = SHARED, out: pathlib.Path = CORPUS) -> int:
    """Write the corpus and return its number of articles; exit with a message when the data is absent."""
    folder = shared / "eval-dev"
    missing = [name for name in SOURCES if not (folder / name).is_file()]
    if missing:
        sys.exit(f"bench: the dev data is absent ({folder} lacks {', '.join(missing)}); the benchmark corpus "
                 "is built from ../shared/eval-dev beside the repository and cannot be made without it")
    seen: set[str] = set()
    articles = []
    for name in SOURCES:
        for line in (folder / name).open(encoding="utf-8"):
            item = json.loads(line) if line.strip() else {}
            text = item.get("text")
            digest = hashlib.sha256(text.encode()).hexdigest() if isinstance(text, str) and text.strip() else None
            if digest and digest not in seen:
                seen.add(digest)
                articles.append({"id": f"{name.split('.')[0]}:{item['id']}", "text": text})
    if len(articles) < MINIMUM:
        sys.exit(f"bench: only {len(articles)} distinct texts in {folder}; the benchmark needs {MINIMUM}")
    out.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return len(articles)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=pathlib.Path, default=SHARED)
    ap.add_argument("--out", type=pathlib.Path, default=CORPUS)
    args = ap.parse_args()
    print(f"{build(args.shared, args.out)} articles -> {args.out}")


if __name__ == "__main__":
    main()
