#!/usr/bin/env python3
"""Build truce/resources/entities/nominal_heads.tsv from WordNet 3.0.

The entities stage marks nominal actor and place mentions ("the Iraqi government", "a former
student", "the town") by the head noun of a noun phrase. Which nouns denote people, groups,
places or facilities is read here from WordNet's lexicographer files (noun.person, noun.group,
noun.location) and its hypernym tree (structure / facility / building for FAC), weighting each
sense by how often it was tagged in the SemCor counts that WordNet ships, so that "hand" (mostly a
body part) stays out while "government" and "militia" go in.

Input: Debian's wordnet-base package (`apt-get install wordnet-base`), files in /usr/share/wordnet.
Output: one line per lemma: lemma <TAB> label (PERSON, ORG, LOC, FAC) <TAB> share of tagged uses.
WordNet 3.0 licence: see truce/resources/entities/LICENSE-WordNet.
"""
from __future__ import annotations

import argparse
import collections
import pathlib

WORDNET = pathlib.Path("/usr/share/wordnet")
OUT = pathlib.Path(__file__).resolve().parents[1] / "truce/resources/entities/nominal_heads.tsv"

# WordNet lexicographer file numbers (lexnames(5WN)).
LEX_PERSON, LEX_GROUP, LEX_LOCATION, LEX_ARTIFACT = 18, 14, 15, 6
# Synsets whose hyponyms are places people act in, not objects: structure.n.01, facility.n.01.
FAC_ROOTS = {"04341686", "03315023"}
# A lemma is labelled when its senses of one kind carry at least this share of its weight.
MIN_SHARE = 0.5


def read_synsets(path: pathlib.Path) -> dict[str, tuple[int, list[str]]]:
    """offset -> (lexicographer file number, hypernym offsets)."""
    synsets = {}
    for line in path.open(encoding="latin-1"):
        if line.startswith("  "):
            continue
        fields = line.split(" | ")[0].split()
        offset, lex_filenum, n_words = fields[0], int(fields[1]), int(fields[3], 16)
        i = 4 + 2 * n_words
        n_ptrs = int(fields[i])
        hypernyms = [fields[i + 1 + 4 * k + 1] for k in range(n_ptrs) if fields[i + 1 + 4 * k] in ("@", "@i")]
        synsets[offset] = (lex_filenum, hypernyms)
    return synsets


def read_sense_counts(path: pathlib.Path) -> dict[tuple[str, int], int]:
    """(lemma, sense number) -> SemCor tag count, for nouns (sense keys with ss_type 1)."""
    counts = {}
    for line in path.open(encoding="latin-1"):
        key, sense, count = line.split()
        lemma, rest = key.split("%", 1)
        if rest.startswith("1:"):
            counts[(lemma, int(sense))] = int(count)
    return counts


def is_facility(offset: str, synsets, seen=None) -> bool:
    seen = seen or set()
    if offset in FAC_ROOTS:
        return True
    if offset in seen or offset not in synsets:
        return False
    seen.add(offset)
    return any(is_facility(h, synsets, seen) for h in synsets[offset][1])


def kind_of(offset: str, synsets) -> str | None:
    lex, _ = synsets[offset]
    if lex == LEX_PERSON:
        return "PERSON"
    if lex == LEX_GROUP:
        return "ORG"
    if lex == LEX_LOCATION:
        return "LOC"
    if lex == LEX_ARTIFACT and is_facility(offset, synsets):
        return "FAC"
    return None


def build(wordnet: pathlib.Path) -> list[tuple[str, str, float]]:
    synsets = read_synsets(wordnet / "data.noun")
    counts = read_sense_counts(wordnet / "cntlist.rev")
    rows = []
    for line in (wordnet / "index.noun").open(encoding="latin-1"):
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, n_senses = fields[0], int(fields[2])
        offsets = fields[-n_senses:]
        weight = collections.Counter()
        for rank, offset in enumerate(offsets, start=1):
            # Untagged senses still count a little, less the rarer WordNet ranks them.
            weight[kind_of(offset, synsets)] += counts.get((lemma, rank), 0) + 1.0 / rank
        label, best = max(((k, w) for k, w in weight.items() if k), key=lambda kw: kw[1], default=(None, 0))
        share = best / sum(weight.values())
        if label and share >= MIN_SHARE and "_" not in lemma:
            rows.append((lemma, label, round(share, 3)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=pathlib.Path, default=WORDNET)
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args()
    rows = build(args.wordnet)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        f.write("# lemma\tlabel\tshare  (built by scripts/build_nominal_lexicon.py from WordNet 3.0)\n")
        for lemma, label, share in sorted(rows):
            f.write(f"{lemma}\t{label}\t{share}\n")
    print(f"{len(rows)} lemmas -> {args.out}")


if __name__ == "__main__":
    main()
