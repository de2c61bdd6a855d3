"""The languages truce reads besides English, each through a pipeline without a parser.

English goes through spaCy and every stage of truce/stages. The ten languages below have no parser
or NER model on the registry that works offline for all of them, so their pipeline
(truce.multilingual.pipeline) is built from what works for every language, each step in its module:

    segments   sentences and words with their offsets (rules; jieba for Chinese) and the words'
               lemmas (simplemma)
    places     word sequences looked up in the gazetteer's names in every script (GeoNames' alternate
               names, Babel's country names), inflected forms through their lemmas
    times      dates in the words of dateparser's and Babel's calendars, normalised against the
               publication date
    actors     countries named (as states) and the agents of resources/multilingual/agents.tsv
    events     a PLOVER (and ACLED) classifier over each sentence's multilingual-e5-small embedding,
               trained on English labels only (scripts/train_multilingual.py)

What these cannot fill (entities, attributions, event roles, factuality, ceasefires) stays empty and
the record's warnings say so.
"""
from __future__ import annotations

# ISO 639-1 codes, in the order of the issue that asked for them.
LANGUAGES = ("ar", "fa", "ru", "uk", "es", "fr", "tr", "zh", "pt", "de")
