"""actors: who a text in one of the ten languages names, without an NER model.

Two sources, both read as data: the countries among the article's places (a state actor with the
country's ISO code and English name) and the agents and organisations of
resources/multilingual/agents.tsv (police, army, protesters, the United Nations, ...), matched on a
word's lemma or on the written phrase. Each actor has the English name and, as aliases, the words
as written in the article. People and named organisations outside the list are not found: no model
reads names in every language, and the record's warnings say so.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .. import record
from ..gazetteer import Gazetteer
from .segments import Word

AGENTS = Path(__file__).resolve().parents[1] / "resources" / "multilingual" / "agents.tsv"


@dataclass(frozen=True)
class Agent:
    name: str
    kind: str
    sector: str


@functools.cache
def agents(language: str) -> tuple[dict[str, Agent], re.Pattern | None, dict[str, Agent]]:
    """(one-word forms -> agent, the expression of the written phrases, phrase -> agent); a one-word
    form ending in * is kept as "form*" and matched by the word's beginning."""
    words, phrases = {}, {}
    with open(AGENTS, encoding="utf-8") as rows:
        for name, kind, sector, lang, forms in csv.reader((r for r in rows if r.strip() and not r.startswith("#")), delimiter="\t"):
            if lang != language:
                continue
            for form in forms.split("|"):
                if " " in form or language == "zh":
                    phrases[form.casefold()] = Agent(name, kind, sector)
                else:
                    words[form.casefold()] = Agent(name, kind, sector)
    if not phrases:
        return words, None, phrases
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return words, re.compile(body if language == "zh" else rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), phrases


def find_actors(text: str, language: str, words: list[Word], places: list[record.Place],
                gazetteer: Gazetteer) -> tuple[list[record.Actor], list[tuple[int, int, str]]]:
    """The actors and each mention's (start, end, actor id)."""
    by_name: dict[str, record.Actor] = {}
    spans: list[tuple[int, int, str]] = []

    def add(name: str, kind: str, start: int, end: int, country: str | None = None, sector: str | None = None):
        actor = by_name.get(name)
        if actor is None:
            actor = by_name[name] = record.Actor(id=f"a{len(by_name) + 1}", name=name, kind=kind, country=country, sector=sector)
        written = text[start:end]
        if written != actor.name and written not in actor.aliases:
            actor.aliases.append(written)
        spans.append((start, end, actor.id))

    for place in places:
        if place.feature == "country" and place.country_code:
            found = gazetteer.country(place.country_code)
            if found:
                add(found[1], "state", place.start, place.end, country=found[0], sector="GOV")
    single, pattern, phrases = agents(language)
    stems = [(form[:-1], agent) for form, agent in single.items() if form.endswith("*")]
    for word in words:
        written = word.text.casefold()
        agent = (next((single[lemma.casefold()] for lemma in word.lemmas if lemma.casefold() in single), None)
                 or single.get(written) or next((a for stem, a in stems if written.startswith(stem)), None))
        if agent:
            add(agent.name, agent.kind, word.start, word.end, sector=agent.sector)
    if pattern is not None:
        for m in pattern.finditer(text):
            agent = phrases[m.group().casefold()]
            add(agent.name, agent.kind, m.start(), m.end(), sector=agent.sector)
    spans.sort()
    return list(by_name.values()), spans
