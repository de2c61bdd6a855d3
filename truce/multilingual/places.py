"""places: the place names of a text in one of the ten languages, resolved in the gazetteer.

Each run of one to three words is looked up, longest first, as written, by its lemmas (Києві ->
Київ, Харькову -> Харьков) and, in Arabic and Persian, without a joined prefix
(resources/multilingual/clitics.tsv: والخرطوم -> خرطوم), among the gazetteer's names in every
script (Gazetteer.lookup_any_script). Which names count:
- no word of a time expression (the Arabic for Thursday is also a town's name);
- in a script with capitals, only a capitalised word; a sentence's first word that is also an
  ordinary word of the language (simplemma knows it) only as a country or region: "Sol" opening a
  Spanish sentence is the sun (not Seoul), "Türkiye" opening a Turkish one the country;
- in Chinese, only a word jieba tags as a name (NAME_TAGS), or as another proper noun when it names
  a country, a region or a large city;
- a town is taken only from a size up (MIN_POPULATION; more in scripts without capitals, where
  any word could be a town's alternate name; less when the article names its country);
- among the places a name can be, a country first, then the most populous place of a country the
  article names, then the most populous place.
The record keeps the words as written (`text`) and GeoNames' English name (`name`).
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from .. import record
from ..gazetteer import Entry, Gazetteer
from .segments import Word

CLITICS = Path(__file__).resolve().parents[1] / "resources" / "multilingual" / "clitics.tsv"
MAX_WORDS = 3
# Towns below this many inhabitants are not taken (the second figure: when the article names their
# country): GeoNames' alternate names of towns include ordinary words of many languages, and in a
# script without capitals nothing sets a name apart ("اگر", "if", is Eger's Persian name).
MIN_POPULATION = {"cased": (100_000, 0), "uncased": (100_000, 20_000)}
# jieba's tags of the Chinese words that may be names of places (place, person or transliterated
# name, organisation, foreign word): "合作" (cooperation) is Hezuo's name too, but tagged a noun.
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nt", "eng"}
# A word jieba tags "other proper noun" is a place only as a country, a region or a large city
# (开罗, Cairo, is tagged so; so is 和平, "peace", the name of hamlets).
WEAK_NAME_TAGS = {"nz"}
LARGE_CITY = 1_000_000
# Languages that capitalise every noun: a capital does not set a name apart.
CAPITALISED_NOUNS = {"de"}
_FEATURE_RANK = {"country": 0, "admin1": 2, "city": 1, "region": 2, "continent": 3}


@functools.cache
def clitics() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    with open(CLITICS, encoding="utf-8") as rows:
        for row in csv.reader((r for r in rows if r.strip() and not r.startswith("#")), delimiter="\t"):
            found.setdefault(row[0], []).append(row[1])
    return {language: tuple(sorted(p, key=len, reverse=True)) for language, p in found.items()}


class Places:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def find(self, text: str, language: str, sentences: list[list[Word]],
             taken: list[tuple[int, int]] = ()) -> list[record.Place]:
        """The places named in the sentences' words, outside the spans `taken` (time expressions)."""
        free = [[w for w in ws if not any(a < w.end and w.start < b for a, b in taken)] for ws in sentences]
        found = [m for ws in free for m in self._mentions(text, language, ws)]
        countries = {e.country_code for _, _, entries, _, _ in found for e in entries if e.feature == "country"}
        starts = {start for start, *_ in found}
        places = []
        for start, end, entries, ordinary, weak in found:
            if _within_a_name(text, language, start, end, starts):
                entries = [e for e in entries if e.feature == "country"]
            if ordinary:
                entries = [e for e in entries if e.feature in ("country", "admin1")]
            elif weak:
                entries = [e for e in entries if e.feature != "city" or e.population >= LARGE_CITY]
            entry = self._choose(entries, countries, uncased=not _cased(text[start]))
            if entry is not None:
                places.append(_place(text, start, end, entry))
        return places

    def _mentions(self, text: str, language: str, ws: list[Word]):
        i = 0
        while i < len(ws):
            for n in range(min(MAX_WORDS, len(ws) - i), 0, -1):
                run = ws[i:i + n]
                if not self._may_name(text, run):
                    continue
                entries = self._entries(text, language, run)
                if entries:
                    ordinary = n == 1 and _ordinary(run[0], language, i == 0)
                    yield run[0].start, run[-1].end, entries, ordinary, run[0].tag in WEAK_NAME_TAGS
                    i += n
                    break
            else:
                i += 1

    @staticmethod
    def _may_name(text: str, run: list[Word]) -> bool:
        head = run[0].text
        if len(run[-1].text) < 2 or not any(c.isalpha() for c in head):
            return False
        if run[0].tag and (len(run) > 1 or run[0].tag not in NAME_TAGS | WEAK_NAME_TAGS):
            return False
        return not _cased(head[0]) or head[0].isupper()

    def _entries(self, text: str, language: str, run: list[Word]) -> list[Entry]:
        surface = text[run[0].start:run[-1].end]
        keys = [surface, " ".join(w.lemma for w in run)]
        if len(run) == 1:
            keys += list(run[0].lemmas)
            keys += [surface[len(p):] for p in clitics().get(language, ()) if surface.startswith(p) and len(surface) - len(p) >= 3]
        entries = {}
        for key in dict.fromkeys(keys):
            entries.update((e.id, e) for e in self.gazetteer.lookup_any_script(key) if e.kind == "name" and e.feature in _FEATURE_RANK)
        return list(entries.values())

    @staticmethod
    def _choose(entries: list[Entry], countries: set[str], uncased: bool) -> Entry | None:
        floor, floor_in_named_country = MIN_POPULATION["uncased" if uncased else "cased"]
        fitting = [e for e in entries if e.feature != "city" or e.population >= floor
                   or e.country_code in countries and e.population >= floor_in_named_country]
        if not fitting:
            return None
        return min(fitting, key=lambda e: (e.feature != "country", e.country_code not in countries,
                                           _FEATURE_RANK[e.feature], -e.population))


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")


def _within_a_name(text: str, language: str, start: int, end: int, starts: set[int]) -> bool:
    """Whether the words stand beside a capitalised word that is neither a place found nor an
    ordinary word of the language: then they are part of a longer name, a person's or an
    organisation's ("Hassan Sheikh Mohamud", "Jimmy Lai", "Maria Ressa"), and name no town. Only in
    cased scripts; a country's name keeps its reading ("Sudan Tribune" still names Sudan's paper)."""
    if not _cased(text[start]):
        return False
    after = _NEXT_WORD.match(text, end)
    before = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    for m in filter(None, (after, before)):
        word = m.group(1)
        if word[0].isupper() and m.start(1) not in starts and not _ordinary_word(word.lower(), language):
            return True
    return False


def _cased(char: str) -> bool:
    return char.upper() != char.lower()


def _ordinary(word: Word, language: str, first: bool) -> bool:
    """Whether a word is also an ordinary word of the language (simplemma knows it, or the lemma it
    was found by): then it names a place only as a country or a region. A capital sets names apart,
    except at a sentence's start and in German, which capitalises every noun ("Rat", council, is
    also Lathen's name). Scripts without capitals are left to the population floors: simplemma's
    dictionaries hold their cities' names too (القاهرة)."""
    if not _cased(word.text[0]) or not first and language not in CAPITALISED_NOUNS:
        return False
    return any(_ordinary_word(form.lower(), language) for form in (word.text, *word.lemmas))


@functools.lru_cache(maxsize=50_000)
def _ordinary_word(word: str, language: str) -> bool:
    import simplemma

    return simplemma.is_known(word, lang=language)


def _place(text: str, start: int, end: int, entry: Entry) -> record.Place:
    return record.Place(start=start, end=end, text=text[start:end], name=entry.name,
                        geonameid=entry.id if entry.id > 0 else None, lat=entry.lat, lon=entry.lon,
                        country_code=entry.country_code, admin1=entry.admin1, feature=entry.feature, role="literal")
