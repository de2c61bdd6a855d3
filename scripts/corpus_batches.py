#!/usr/bin/env python3
"""Choose the corpus's articles and write them out in numbered sentences for annotators.

    python3 scripts/corpus_batches.py OUT_DIR [--size 10]

Writes corpus/selection.tsv (the chosen articles, their batch and split) and, into OUT_DIR (outside
the repository: the shared sets' texts are not ours to ship), one file a batch, bNN.txt (vNN.txt for shipped texts), where each
article is printed as "[k] sentence" lines. Annotators point at spans by sentence number and exact
words (see corpus/ANNOTATING.md); truce.corpus.resolve turns that into offsets.

Selection: every article of 60 to 1,100 words (longer ones cost an annotator too much for what they
add) from VOA, GeoWebNews and, in a fixed hash order, 150 HRDsAttack and 80 PolNeAR articles. A tenth
of the articles, again by hash, is also given to a second annotator (dbNN.txt, dvNN.txt) for the agreement figures.

Later rounds (issue 20, more training data): the next HRDsAttack and PolNeAR articles in the same hash
order, of the train split only, so that the test split and every figure measured on it stay as they
were; none annotated twice. Round c: 40 and 20 (cNN.txt); round e: 70 and 60 more (eNN.txt).
Round f (fNN.txt): the HRDsAttack and PolNeAR train articles left, and the English article bodies of the
article-extraction benchmark's train split, general news (business, technology, sport, politics) that
teaches the detector what a story without political events looks like.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from truce.corpus.format import split_of  # noqa: E402
from truce.corpus.sentences import sentence_spans  # noqa: E402
from truce.corpus.sources import CORPUS_DIR, all_texts  # noqa: E402

QUOTA = {"hrds": 150, "polnear": 80, "gwn": None, "voa": None}  # None: all that fit
LATER_ROUNDS = {"c": {"hrds": 40, "polnear": 20}, "e": {"hrds": 70, "polnear": 60},
                "f": {"hrds": None, "polnear": None, "aeb": None}}  # None: all that are left
# English prose has about one word in five among these; other languages' texts almost none.
ENGLISH_FUNCTION_WORDS = frozenset("the of and to in is that for on with was as by it".split())
ENGLISH_SHARE = 0.12
MIN_WORDS, MAX_WORDS = 60, 1100


def rank(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def pool_of(texts, prefix: str) -> list:
    return sorted((t for t in texts.values() if t.id.startswith(prefix + ":")
                   and MIN_WORDS <= len(t.text.split()) <= MAX_WORDS and is_english(t.text)),
                  key=lambda t: rank("select:" + t.id))


def is_english(text: str) -> bool:
    words = text.lower().split()
    return sum(w in ENGLISH_FUNCTION_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def choose(texts) -> list:
    chosen = []
    for prefix, quota in QUOTA.items():
        pool = pool_of(texts, prefix)
        chosen += pool if quota is None else pool[:quota]
    return sorted(chosen, key=lambda t: rank("batch:" + t.id))


def choose_later_rounds(texts) -> dict[str, list]:
    """{round letter: its articles}: each round takes the train-split articles after the earlier rounds'."""
    rounds, taken = {}, {prefix: QUOTA.get(prefix) or 0 for quotas in LATER_ROUNDS.values() for prefix in quotas}
    for letter, quotas in LATER_ROUNDS.items():
        chosen = []
        for prefix, quota in quotas.items():
            rest = pool_of(texts, prefix)[taken[prefix]:]
            picked = [t for t in rest if split_of(t.id) == "train"][:quota]
            taken[prefix] += rest.index(picked[-1]) + 1 if picked else 0
            chosen += picked
        rounds[letter] = sorted(chosen, key=lambda t: rank("batch:" + t.id))
    return rounds


def render(source) -> str:
    head = f"=== ARTICLE {source.id} | published {source.published or 'unknown'} | title: {source.title or '-'}"
    lines = [head] + [f"[{k}] {source.text[s:e]}" for k, (s, e) in enumerate(sentence_spans(source.text))]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", type=int, default=10)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    texts = all_texts()
    chosen = choose(texts)
    rows = ["id\twords\tbatch\tdouble\tsplit"]
    batches: dict[str, list] = {}
    counts: dict[str, int] = {}
    doubles: list = []
    for source in chosen:
        # Shipped texts (VOA) form batches of their own ('v'), so adding them leaves the others as they were.
        group = "v" if source.id.startswith("voa:") else "b"
        n = counts[group] = counts.get(group, -1) + 1
        batch = f"{group}{n // args.size:02d}"
        double = int(rank("double:" + source.id)[:8], 16) % 10 == 0
        batches.setdefault(batch, []).append(source)
        if double:
            doubles.append(source)
        rows.append(f"{source.id}\t{len(source.text.split())}\t{batch}\t{int(double)}\t{split_of(source.id)}")
    for letter, sources in choose_later_rounds(texts).items():
        for n, source in enumerate(sources):
            batch = f"{letter}{n // args.size:02d}"
            batches.setdefault(batch, []).append(source)
            rows.append(f"{source.id}\t{len(source.text.split())}\t{batch}\t0\t{split_of(source.id)}")
    for n, source in enumerate(sorted(doubles, key=lambda t: (t.id.startswith("voa:"), rank("batch:" + t.id)))):
        batches.setdefault(f"d{'v' if source.id.startswith('voa:') else 'b'}{n // args.size:02d}", []).append(source)
    (CORPUS_DIR / "selection.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for name, sources in batches.items():
        (args.out_dir / f"{name}.txt").write_text("\n".join(map(render, sources)), encoding="utf-8")
    print(f"{len(chosen)} articles in {sum(1 for b in batches if b[0] != 'd')} batches, "
          f"{sum(len(s) for b, s in batches.items() if b[0] == 'd')} annotated twice -> {args.out_dir}")


if __name__ == "__main__":
    main()
