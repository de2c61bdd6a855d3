"""The NLP backbone: one spaCy pipeline per process, with truce's components registered in one place."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Span

from .errors import ResourceMissing
from .settings import Settings

logger = logging.getLogger(__name__)
RESOURCES = Path(__file__).parent / "resources"


def model_location(name: str):
    """A directory or package name spacy.load accepts, for a model given by name or path."""
    if Path(name).is_dir():
        return Path(name)
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ResourceMissing(
            f"the spaCy model {name!r} is not installed; run `make install` (or set TRUCE_MODEL to an installed model)"
        ) from None
    # Some registry packages ship the model directory as data and expose its path.
    return module.model_path() if hasattr(module, "model_path") else name


_TEXT, _CHUNKS = "truce_text", "truce_noun_chunks"


def text_of(doc) -> str:
    """doc.text, kept in the Doc's user data: spaCy rebuilds doc.text from every token at each access,
    and the stages read it once a time expression or an attribution (it was a sixth of a run's time)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def noun_chunks_of(doc, within=None) -> list:
    """doc.noun_chunks (those inside the span `within`, if given), found once: a sentence's
    noun_chunks walks the whole Doc's and keeps its own, so reading them a sentence at a time cost as
    much again for every sentence. The Doc keeps their bounds, not the Spans, which would hold the Doc
    in a reference cycle."""
    bounds = doc.user_data.get(_CHUNKS)
    if bounds is None:
        chunks = doc.noun_chunks if doc.has_annotation("DEP") else ()
        bounds = doc.user_data[_CHUNKS] = [(chunk.start, chunk.end, chunk.label) for chunk in chunks]
    start, end = (within.start, within.end) if within is not None else (0, len(doc))
    return [Span(doc, s, e, label=label) for s, e, label in bounds if start <= s and e <= end]


def paragraph_starts(doc):
    """A line break ends a sentence: headlines, datelines and paragraphs are never one sentence with
    the next. Set before the parser, which keeps preset boundaries."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


def register_components() -> None:
    """Register truce's spaCy factories once; spaCy refuses the same name twice."""
    from .stages import entities

    if not Language.has_factory("truce_paragraphs"):
        Language.component("truce_paragraphs", func=paragraph_starts)
    if not Language.has_factory("truce_nominals"):
        Language.factory(
            "truce_nominals",
            assigns=["doc.spans"],
            requires=["token.dep", "token.lemma", "token.ent_type"],
            func=entities.make_nominals,
        )


def load_nlp(settings: Settings) -> Language:
    """The spaCy pipeline with truce's entity patterns (before the NER) and nominal mentions (after)."""
    register_components()
    nlp = spacy.load(model_location(settings.model))
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    nlp.add_pipe("truce_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="truce_entity_ruler", before="ner",
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.from_disk(RESOURCES / "entities" / "patterns.jsonl")
    nominals = nlp.add_pipe("truce_nominals", after="ner")
    nominals.load(RESOURCES / "entities")
    logger.info("loaded spaCy pipeline %s with %s", settings.model, nlp.pipe_names)
    return nlp
