"""Near-duplicate texts: syndicated copies of one story, told apart from other reports of the same event.

Two texts are one story when the sets of their word shingles (runs of SHINGLE_WORDS words) overlap by
SAME_STORY or more (Jaccard similarity). A wire story reprinted with a new headline, a dateline, a
changed word or a dropped last paragraph keeps most of its shingles; two reporters writing about the
same attack share a few names and a quote, far fewer five-word runs.

Finding the stored texts worth comparing must not mean reading them all: each text's MinHash
(datasketch) is cut into BANDS bands, and a text is compared only with those sharing a band with it
(locality-sensitive hashing). With 32 bands of 4 of 128 hash values, a text at similarity 0.5 shares
a band with 87% chance, at 0.6 with 99%; the comparison itself is exact, on the shingles of both texts.
"""
from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

SHINGLE_WORDS = 5
PERMUTATIONS = 128
BANDS = 32
SAME_STORY = 0.5
# The MinHash's permutations come from this seed: band keys must be the same in every process and release.
SEED = 1

_WORDS = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The text's runs of SHINGLE_WORDS lowercased words (a shorter text is one shingle)."""
    words = _WORDS.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def band_keys(text: str) -> list[str]:
    """The text's LSH band keys: texts sharing one are worth comparing; a text without words has none."""
    found = shingles(text)
    if not found:
        return []
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    rows = PERMUTATIONS // BANDS
    return [f"{band:02d}:" + hashlib.blake2b(minhash.hashvalues[band * rows:(band + 1) * rows].tobytes(),
                                             digest_size=8).hexdigest()
            for band in range(BANDS)]


def similarity(first: str, second: str) -> float:
    """The Jaccard similarity of the two texts' shingle sets (0 for texts without words)."""
    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def same_story(first: str, second: str) -> bool:
    return similarity(first, second) >= SAME_STORY
