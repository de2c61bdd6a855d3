"""segments: the sentences and words of a text in one of the ten languages, with offsets and lemmas.

Sentences end at a full stop, question or exclamation mark (Latin, Arabic, CJK) followed by white
space, or at a CJK one directly, and at every line break. Words are runs of letters, digits and
combining marks (Arabic vowel signs, Persian's zero-width non-joiner stay inside a word); an
apostrophe divides ("l'armée", "Ankara'da"). Chinese is cut into words, and tagged, by jieba. Lemmas come from
simplemma, which also takes the case endings off names (Києві -> Київ, Харькову -> Харьков,
الخرطوم -> خرطوم); each word's lemma is computed once per process.
"""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”’»)\]]*\s+|(?<=[。！？])[”’」』）]*\s*|\n\s*")
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]+")
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    lemma: str
    # The lemmas the word may have, the likeliest first (the word's lemma, and its lower-cased
    # form's when that differs: a sentence's first word).
    lemmas: tuple[str, ...] = ()
    # jieba's part of speech of a Chinese word ("ns" a place name, "nr" a person's or a transliterated
    # name); empty in other languages.
    tag: str = ""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without the white space around it."""
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        _add(spans, text, start, boundary.start())
        start = boundary.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    left, right = len(chunk) - len(chunk.lstrip()), len(chunk.rstrip())
    if right > left:
        spans.append((start + left, start + right))


def words(text: str, language: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of text[start:end] with their offsets in `text` and their lemmas."""
    end = len(text) if end is None else end
    if language == "zh":
        found, at = [], start
        for pair in _jieba_tagger().cut(text[start:end]):
            if _WORD.match(pair.word):
                found.append(Word(at, at + len(pair.word), pair.word, pair.word, (pair.word,), pair.flag))
            at += len(pair.word)
        return found
    found = []
    for m in _WORD.finditer(text, start, end):
        readings = lemmas(m.group(), language)
        found.append(Word(m.start(), m.end(), m.group(), readings[0], readings))
    return found


@functools.lru_cache(maxsize=200_000)
def lemmas(word: str, language: str) -> tuple[str, ...]:
    import simplemma

    return tuple(dict.fromkeys(simplemma.lemmatize(form, lang=language) for form in (word, word.lower())))


@functools.cache
def _jieba_tagger():
    with _LOCK:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return jieba.posseg.POSTokenizer(tokenizer)
