"""The relation typer: the PLOVER type of what an actor did to a recipient, read by a small learned model.

Input per event: its sentence, the actor's and the recipient's mention text (either may be empty) and
the trigger word (may be empty). Features: one MiniLM embedding of the sentence with the two mentions
marked (`mark`), and hashed words (`word_features`): the sentence's words, the words between the two
mentions, and the trigger's. The model is a multinomial logistic regression fitted by
scripts/train_typer.py (scikit-learn at training time only) and shipped as plain numpy arrays in
resources/events/learned/typer.npz; applying it is a matrix product.

PLV, one of the training sets, labels with the old root code YIELD, which PLOVER 2.0 split into CONCEDE
and RETREAT; the model keeps YIELD as a class of its own and `read` shares its probability between
CONCEDE and RETREAT in proportion to theirs, so every answer is a type of EVENT_TYPES.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ...corpus.format import EVENT_TYPES
from ...embeddings import SentenceEncoder
from .linear import columns

MODEL = Path(__file__).resolve().parents[2] / "resources" / "events" / "learned" / "typer.npz"
OLD_ROOT = "YIELD"
YIELD_PARTS = ("CONCEDE", "RETREAT")
_WORD = re.compile(r"[^\W\d_]+|\d+")
SOMEONE = "someone"  # stands for a mention the event lacks, so every marked text has the same shape


def mark(sentence: str, actor: str, recipient: str, marking: str) -> str:
    """The text embedded for an event. 'plain': the sentence; 'prefix': "actor -> recipient: sentence";
    'wrap': the sentence with the actor's first occurrence in [ ] and the recipient's in << >>."""
    if marking == "plain":
        return sentence
    if marking == "prefix":
        return f"{actor.strip() or SOMEONE} -> {recipient.strip() or SOMEONE}: {sentence}"
    if marking == "wrap":
        return _wrap(_wrap(sentence, recipient, "<<", ">>"), actor, "[", "]")
    raise ValueError(f"unknown marking {marking!r}: expected plain, prefix or wrap")


def _wrap(sentence: str, mention: str, left: str, right: str) -> str:
    at = sentence.find(mention.strip()) if mention.strip() else -1
    if at < 0:
        return sentence
    end = at + len(mention.strip())
    return f"{sentence[:at]}{left} {sentence[at:end]} {right}{sentence[end:]}"


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def word_features(sentence: str, actor: str, recipient: str, trigger: str, groups: tuple[str, ...]) -> list[str]:
    """Hashed-feature names of an event. Groups: 'words' (the sentence's words, the actor's and the
    recipient's excluded), 'between' (the words between the two mentions, or after the actor when
    the recipient is not found), 'trigger' (the trigger's words and their first five letters)."""
    features = []
    if "words" in groups:
        mentioned = set(_words(actor)) | set(_words(recipient))
        features += [f"w:{w}" for w in dict.fromkeys(_words(sentence)) if w not in mentioned]
    if "between" in groups:
        features += [f"b:{w}" for w in dict.fromkeys(_words(_between(sentence, actor, recipient)))]
    if "trigger" in groups:
        words = _words(trigger)
        features += [f"t:{w}" for w in words] + [f"t5:{w[:5]}" for w in words]
        features.append("t:none" if not words else "t:some")
    return features


def _between(sentence: str, actor: str, recipient: str) -> str:
    a = sentence.find(actor.strip()) if actor.strip() else -1
    r = sentence.find(recipient.strip()) if recipient.strip() else -1
    if a >= 0 and r >= 0:
        first, second = sorted([(a, actor.strip()), (r, recipient.strip())])
        return sentence[first[0] + len(first[1]):second[0]]
    if a >= 0:
        return " ".join(sentence[a + len(actor.strip()):].split()[:6])  # the verb phrase that follows
    return ""


class RelationTyper:
    def __init__(self, path: Path = MODEL, encoder: SentenceEncoder | None = None):
        with np.load(path, allow_pickle=False) as data:
            self.classes = [str(c) for c in data["classes"]]
            self.columns = data["columns"].astype(np.int64)  # the hashed buckets the model uses, sorted
            self.sparse = data["sparse"].astype(np.float32)  # classes x len(columns)
            self.dense = data["dense"].astype(np.float32)  # classes x embedding dimensions
            self.bias = data["bias"].astype(np.float32)
            self.marking = str(data["marking"])
            self.groups = tuple(str(g) for g in data["groups"])
        unknown = set(self.classes) - set(EVENT_TYPES) - {OLD_ROOT}
        if unknown:
            raise ValueError(f"{path}: classes that are not PLOVER types: {sorted(unknown)}")
        self.encoder = encoder or SentenceEncoder()

    def probabilities(self, sentences: list[str], actors: list[str], recipients: list[str],
                      triggers: list[str]) -> np.ndarray:
        """events x classes probabilities, in `classes` order."""
        if not len(sentences) == len(actors) == len(recipients) == len(triggers):
            raise ValueError("read needs as many actors, recipients and triggers as sentences")
        if not sentences:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        vectors = self.encoder.encode([mark(s, a, r, self.marking) for s, a, r in zip(sentences, actors, recipients)])
        logits = vectors @ self.dense.T + self.bias
        for row, event in enumerate(zip(sentences, actors, recipients, triggers)):
            known = self._known_columns(word_features(*event, self.groups))
            logits[row] += self.sparse[:, known].sum(axis=1)
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=1, keepdims=True)

    def _known_columns(self, features: list[str]) -> np.ndarray:
        wanted = columns(features)
        if not len(self.columns):
            return wanted[:0]
        at = np.minimum(np.searchsorted(self.columns, wanted), len(self.columns) - 1)
        return at[self.columns[at] == wanted]  # features the training data never had weigh nothing

    def read(self, sentences: list[str], actors: list[str], recipients: list[str],
             triggers: list[str]) -> list[tuple[str, float]]:
        """(PLOVER type, probability) for each event; the inputs are parallel lists, one item an event."""
        probs = self.type_probabilities(self.probabilities(sentences, actors, recipients, triggers))
        best = probs.argmax(axis=1)
        return [(EVENT_TYPES[i], float(probs[n, i])) for n, i in enumerate(best)]

    def type_probabilities(self, probs: np.ndarray) -> np.ndarray:
        """events x EVENT_TYPES: each class's probability, YIELD's shared between CONCEDE and RETREAT."""
        out = np.zeros((len(probs), len(EVENT_TYPES)), dtype=np.float32)
        for i, label in enumerate(self.classes):
            if label != OLD_ROOT:
                out[:, EVENT_TYPES.index(label)] += probs[:, i]
        if OLD_ROOT in self.classes:
            parts = [EVENT_TYPES.index(p) for p in YIELD_PARTS]
            share = out[:, parts] + 1e-6
            share /= share.sum(axis=1, keepdims=True)
            out[:, parts] += probs[:, [self.classes.index(OLD_ROOT)]] * share
        return out


def save(path: Path, classes: list[str], used_columns: np.ndarray, sparse: np.ndarray, dense: np.ndarray,
         bias: np.ndarray, marking: str, groups: tuple[str, ...]) -> None:
    order = np.argsort(used_columns)
    np.savez_compressed(path, classes=np.array(classes), columns=used_columns[order].astype(np.int32),
                        sparse=sparse[:, order].astype(np.float16), dense=dense.astype(np.float16),
                        bias=bias.astype(np.float32), marking=np.array(marking), groups=np.array(list(groups)))
