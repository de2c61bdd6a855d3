"""Near-duplicates among the annotated corpus's source texts: what the band keys put forward, and how similar.

Computes every text's band keys (truce/dedup.py), pairs the texts that share one, and prints each
pair's exact shingle similarity, most similar first, with the start of both texts to read them by hand.
Usage: python bench/duplicates.py
"""
import itertools
import time
from collections import defaultdict

from truce import dedup
from truce.corpus.sources import all_texts


def main() -> None:
    texts = {key: source.text for key, source in all_texts().items()}
    started = time.perf_counter()
    keys = {key: dedup.band_keys(text) for key, text in texts.items()}
    per_text = (time.perf_counter() - started) / len(texts)
    buckets = defaultdict(set)
    for key, bands in keys.items():
        for band in bands:
            buckets[band].add(key)
    pairs = {tuple(sorted(pair)) for bucket in buckets.values() for pair in itertools.combinations(bucket, 2)}
    similar = sorted(((dedup.similarity(texts[a], texts[b]), a, b) for a, b in pairs), reverse=True)
    print(f"{len(texts)} texts; band keys {per_text * 1000:.1f} ms a text; {len(pairs)} pairs share a band key; "
          f"{sum(s >= dedup.SAME_STORY for s, _, _ in similar)} of them at similarity {dedup.SAME_STORY} or more")
    for score, a, b in similar:
        print(f"{score:.2f}  {a}: {texts[a][:60]!r}\n      {b}: {texts[b][:60]!r}")


if __name__ == "__main__":
    main()
