"""entities: named and nominal mentions of people, groups, places and other things.

Three layers, each fixing what the one before misses on news text:
1. an entity ruler before spaCy's NER (resources/entities/patterns.jsonl): armed groups, outlets and
   transliterated organisation names the statistical model mislabels ("Daesh", "Kata'ib Hezbollah",
   "Asaib Ahl al-Haq", "Middle East Eye"), plus token patterns for Arabic-style organisation names;
2. spaCy's NER;
3. `NominalMentions`, after the NER: noun phrases whose head noun denotes a person, a group, a place
   or a facility ("the Iraqi government", "a former student", "the town"), from a lexicon derived
   from WordNet. The actor stage needs those mentions as much as the names.

The record keeps the outermost mention: a name inside a nominal mention ("Iraqi" in "Iraqi forces",
"Iraq" in "the Government of Iraq") is part of it. The spaCy Doc keeps both layers for later stages.
"""
from __future__ import annotations

import csv
import functools
from pathlib import Path

from spacy.tokens import Doc, Span

from .. import record
from ..article import Article
from ..nlp import noun_chunks_of

NOMINALS = "truce_nominals"
# Named entities of these labels are absorbed by a nominal mention that contains them.
_ACTOR_OR_PLACE = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
_PLACES = {"GPE", "LOC", "FAC"}
_NOUN = {"NOUN"}
# Pronoun-like heads that WordNet files under people ("one", "someone") but that name nobody.
_NOT_MENTIONS = {"one", "someone", "anyone", "everyone", "somebody", "nobody", "other", "others", "self"}


class NominalMentions:
    """spaCy component: nominal mentions of people, groups, places and facilities in doc.spans."""

    def __init__(self, nlp, name: str = NOMINALS):
        self.name = name
        self.heads: dict[str, str] = {}

    def load(self, folder: Path) -> "NominalMentions":
        """Read the head-noun lexicon and the hand-made corrections that override it."""
        self.heads = dict(_read_tsv(folder / "nominal_heads.tsv"))
        for lemma, label in _read_tsv(folder / "nominal_overrides.tsv"):
            if label == "-":
                self.heads.pop(lemma, None)
            else:
                self.heads[lemma] = label
        return self

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.name] = [span for chunk in noun_chunks_of(doc) if (span := self.mention(chunk)) is not None]
        return doc

    def mention(self, chunk: Span) -> Span | None:
        root = chunk.root
        if root.ent_type_:
            return self._titled_name(chunk)
        if root.pos_ not in _NOUN or root.lower_ in _NOT_MENTIONS:
            return None
        label = self.heads.get(root.lemma_.lower()) or self.heads.get(root.lower_)
        if label is None:
            return None
        if label == "PERSON" and root.tag_ == "NNS":
            label = "ORG"  # "fighters", "civilians": a group of people acts as one actor
        start = chunk.start + 1 if chunk[0].pos_ == "PRON" and chunk[0].dep_ != "poss" else chunk.start
        return Span(chunk.doc, start, _of_phrase_end(root, chunk.end), label=label)

    def _titled_name(self, chunk: Span) -> Span | None:
        """'Iraqi President Fuad Masum': a name with its title in front is one person mention."""
        root = chunk.root
        if root.ent_type_ != "PERSON" or root.ent_iob_ == "B" and root.i == chunk.start:
            return None
        titles = [t for t in chunk if t.i < root.i and not t.ent_type_ and self.heads.get(t.lemma_.lower()) == "PERSON"]
        if not titles:
            return None
        start = chunk.start + 1 if chunk[0].pos_ == "DET" else chunk.start
        return Span(chunk.doc, start, chunk.end, label="PERSON")


def make_nominals(nlp, name: str) -> NominalMentions:
    return NominalMentions(nlp, name)


def _of_phrase_end(root, end: int) -> int:
    """Extend 'the Government' to 'the Government of Iraq' when 'of' introduces a place.

    Not for organisations or people: 'fighters of Liwa Fatemiyoun' keeps the group's name apart."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].ent_type_ in _PLACES:
                return objects[0].right_edge.i + 1
    return end


LEXICON = Path(__file__).resolve().parents[1] / "resources" / "entities"


@functools.cache
def head_nouns(*labels: str) -> frozenset[str]:
    """The lexicon's head nouns of these labels ('officer', 'spokesman' for PERSON), or of every label,
    as WordNet gives them (without the hand-made overrides the spaCy component applies)."""
    return frozenset(lemma for lemma, label in _read_tsv(LEXICON / "nominal_heads.tsv") if not labels or label in labels)


def _read_tsv(path: Path):
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#") and len(row) >= 2:
                yield row[0], row[1]


def mentions(doc: Doc) -> list[record.Entity]:
    """Named entities and nominal mentions, outermost first, in text order."""
    nominals = list(doc.spans[NOMINALS]) if NOMINALS in doc.spans else []
    nominals = _outermost(nominals)
    kept = [ent for ent in doc.ents if not (ent.label_ in _ACTOR_OR_PLACE and _inside_any(ent, nominals))]
    kept_nominals = [n for n in nominals if not any(_overlaps(n, ent) for ent in kept if ent.label_ in _ACTOR_OR_PLACE)]
    spans = sorted(kept + kept_nominals, key=lambda s: (s.start_char, -s.end_char))
    return [record.Entity(start=s.start_char, end=s.end_char, text=s.text, label=s.label_) for s in spans]


def _outermost(spans: list[Span]) -> list[Span]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


def _inside_any(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class Entities:
    """Fills article.entities from the parsed Doc."""

    def __call__(self, article: Article) -> None:
        article.entities = mentions(article.doc)
