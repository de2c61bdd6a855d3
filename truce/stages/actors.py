"""actors: one actor per real-world entity, with every surface form, kind, country and sector.

Mentions come from the entities (people, organisations), the places (countries, and cities used as
agents: "Washington refused"), demonyms used as nouns ("the Americans") and nominal group mentions
("resistance groups", "the factions"). They are grouped by rules that each say why two forms are one:

- a later short form of a person's name ("Pompeo" after "Mike Pompeo");
- the same name spelt another way: transliteration variants reduce to one consonant skeleton
  ("Kataeb" / "Kata'ib", "Kadhimi" / "Kazemi" with the same first name, "Mobilization" / "Mobilisation");
- an acronym defined in the text ("Asaib Ahl al-Haq (AAH)") or made of a name's initials ("MEE");
- a country and its names, capital-as-agent and demonyms ("the US", "Washington", "the Americans");
- generic groups by their head noun and its compounds ("resistance groups", "the resistance groups").

Country and sector come from the actor dictionary (Phoenix/PETRARCH2 names and CAMEO codes), from
agent nouns ("troops" MIL, "police" COP) and from the text's own modifiers ("Iraqi resistance groups"
-> IRQ; "US Secretary of State Mike Pompeo" -> USA GOV). Unknown stays null: no country is guessed.
"""
from __future__ import annotations

import collections
import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span

from .. import record
from ..article import Article
from ..nlp import text_of
from ..gazetteer import Gazetteer, norm
from .entities import NOMINALS, head_nouns

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "actors"
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "president", "prime", "minister", "secretary", "general", "gen",
                "sheikh", "ayatollah", "imam", "king", "queen", "prince", "lt", "col", "colonel", "sen", "senator",
                "rep", "gov", "governor", "mayor", "commander", "chief", "former", "the"}
_PARTICLES = {"al", "el", "ad", "ash", "as", "bin", "ibn", "abu", "abd", "abdul", "de", "van", "von", "der"}
_GROUP_NOUNS_MIN_LEN = 3
_SECTOR_FROM_CODE = re.compile(r"^(?:[A-Z]{3})?([A-Z]{3})")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str                        # person | organization | state | group
    name: str                        # the name part, titles and determiners removed
    country: str | None = None       # ISO alpha-3 when the text or a dictionary says so
    sector: str | None = None
    country_code2: str | None = None  # for states: the ISO alpha-2 code that keys them


@dataclass(slots=True)
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None

    @property
    def kind(self) -> str:
        return self.mentions[0].kind

    def names(self) -> list[str]:
        seen, out = set(), []
        for m in self.mentions:
            for n in (m.name, m.text):
                if n and n.casefold() not in seen:
                    seen.add(n.casefold())
                    out.append(n)
        return out


class ActorDictionary:
    """Known actors (Phoenix/PETRARCH2) and agent nouns, loaded once."""

    def __init__(self, folder: Path = RESOURCES):
        self.actors: dict[str, tuple[str, str]] = {}
        self.agents: dict[str, str] = {}
        self.canonical_names: dict[str, str] = {}
        for name, code, kind in _rows(folder / "actors.tsv", 3):
            self.actors[name] = (code, kind)
        for noun, sector in _rows(folder / "agents.tsv", 2):
            self.agents[noun] = sector
        self.common_nouns = head_nouns()
        # truce's own list comes last: it corrects the older dictionary and names each group once.
        for canonical, kind, country, sector, aliases in _rows(folder / "known_actors.tsv", 5):
            for alias in [canonical] + [a for a in aliases.split("|") if a]:
                self.actors[_dict_key(alias)] = ((country or "") + (sector or ""), kind)
                self.canonical_names[_dict_key(alias)] = canonical

    def lookup(self, name: str) -> tuple[str, str] | None:
        return self.actors.get(_dict_key(name))

    def canonical(self, name: str) -> str | None:
        return self.canonical_names.get(_dict_key(name))

    def agent_sector(self, lemma: str) -> str | None:
        return self.agents.get(lemma.lower())


def _rows(path: Path, n: int):
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield tuple((row + [""] * n)[:n])


def _dict_key(name: str) -> str:
    return " ".join(re.sub(r"[-_'’.]", " ", name.lower()).split())


@functools.lru_cache(maxsize=65_536)  # a pure function of its text: the cache only saves time
def skeleton(name: str) -> str:
    """A spelling-blind key for transliterated names: 'Kata'ib' = 'Kataeb', 'Kadhimi' = 'Kazemi'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`ʿʾ\-.]", "", text)
    words = [w for w in text.split() if w not in _PARTICLES]
    out = []
    for w in words:
        w = w[2:] if w.startswith("al") and len(w) > 4 and w not in ("alan", "alex") else w
        for a, b in (("dh", "z"), ("th", "t"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ph", "f"), ("q", "k"),
                     ("z", "s"), ("ou", "u"), ("ee", "i"), ("c", "k"), ("w", "u")):
            w = w.replace(a, b)
        w = w[0] + re.sub(r"[aeiouy]", "", w[1:]) if w else w
        out.append(re.sub(r"(.)\1+", r"\1", w))
    return " ".join(out)


def initials(name: str) -> str:
    """'Asaib Ahl al-Haq' -> 'AAH', 'Middle East Eye' -> 'MEE', 'Popular Mobilisation Forces' -> 'PMF'."""
    words = [re.sub(r"^(?:al|el|ad|as)-", "", w) for w in name.split()]
    return "".join(w[0].upper() for w in words if w and w.lower() not in ("of", "the", "and", "for"))


class Actors:
    """Fills article.actors and article.actor_spans (start, end, actor id) from the earlier stages."""

    def __init__(self, gazetteer: Gazetteer, dictionary: ActorDictionary | None = None):
        self.gazetteer = gazetteer
        self.dictionary = dictionary or ActorDictionary()
        self.iso3 = {row[0] for row in gazetteer.db.execute("SELECT iso3 FROM countries")}

    def __call__(self, article: Article) -> None:
        mentions = self.mentions(article)
        clusters = self.group(mentions, article.doc)
        article.actors, article.actor_spans = self.records(clusters)
        by_span = [(s, e, a) for s, e, a in article.actor_spans]
        for attribution in article.attributions:
            if attribution.source is not None:
                attribution.actor = _actor_at(by_span, attribution.source.start, attribution.source.end)

    # -- mentions ---------------------------------------------------------------------------
    def mentions(self, article: Article) -> list[Mention]:
        doc = article.doc
        found: list[Mention] = []
        # An organisation-labelled name that the places stage resolved is a place (or its state).
        place_spans = {(p.start, p.end) for p in article.places if p.role != "modifier" and p.lat is not None}
        for ent in doc.ents:
            span = _strip(ent)
            if span is None:
                continue
            if ent.label_ == "PERSON":
                found.append(self._person(span))
            elif ent.label_ == "ORG" and (span.start_char, span.end_char) not in place_spans \
                    and not self._common_word(span):
                found.append(self._organization(span))
        for place in article.places:
            state = self._state(doc, place)
            if state is not None:
                found.append(state)
        for span in doc.spans.get(NOMINALS, []):
            if span.label_ == "PERSON" and _names_a_person_next(span):
                continue  # "former Iraqi prime minister, Adel Abdul-Mahdi": a title, read as the person's clues
            if span.label_ in ("ORG", "PERSON") and not _inside_any(span, found):
                mention = self._nominal(span)
                if mention is not None:
                    found.append(mention)
        found = [m for m in found if m.name]
        return sorted(found, key=lambda m: (m.start, -m.end))

    def _common_word(self, span: Span) -> bool:
        """'State' in 'Secretary of State', 'Government' in a headline: not an organisation's name."""
        return len(span) == 1 and (span[0].lower_ in self.dictionary.agents or span[0].lower_ in self.dictionary.common_nouns)

    def _person(self, span: Span) -> Mention:
        name = _name_part(span)
        mention = Mention(span.start_char, span.end_char, span.text, "person", name)
        self._know(mention, name)
        self._title_clues(mention, span)
        return mention

    def _organization(self, span: Span) -> Mention:
        mention = Mention(span.start_char, span.end_char, span.text, "organization", span.text)
        self._know(mention, span.text)
        return mention

    def _state(self, doc: Doc, place: record.Place) -> Mention | None:
        """A country named as such, a city used as an agent, or a demonym used as a noun."""
        if place.country_code is None or place.lat is None:
            return None
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return None
        demonym_noun = place.role == "modifier" and span.root.tag_ in ("NNPS", "NNS") and span.root.dep_ not in ("amod", "compound")
        capital_as_agent = place.role == "metonym" and place.name == self.gazetteer.capital(place.country_code)
        if not (place.feature == "country" and place.role != "modifier" or capital_as_agent or demonym_noun):
            return None
        country = self.gazetteer.country(place.country_code)
        if country is None:
            return None
        iso3, name = country
        return Mention(place.start, place.end, place.text, "state", name, country=iso3, country_code2=place.country_code)

    def _nominal(self, span: Span) -> Mention | None:
        """'resistance groups', 'the Iraqi government', 'a senior pro-Iran militia commander'."""
        words = [t for t in span if t.pos_ not in ("DET", "PRON", "PUNCT") and t.dep_ != "poss"]
        if not words or len(" ".join(t.text for t in words)) < _GROUP_NOUNS_MIN_LEN:
            return None
        name = span.doc[words[0].i:words[-1].i + 1].text
        head = span.root
        kind = "group" if span.label_ == "ORG" else "person"
        mention = Mention(span.start_char, span.end_char, span.text, kind, name)
        mention.sector = self._agent_sector(span)
        mention.country = self._country_of_tokens([t for t in span if t.i != span.root.i])
        if head.lemma_.lower() in ("government", "administration", "regime", "cabinet", "parliament", "ministry"):
            mention.kind = "organization"
        return mention

    # -- knowledge ----------------------------------------------------------------------------
    def _know(self, mention: Mention, name: str) -> None:
        found = self.dictionary.lookup(name)
        if found is None:
            return
        code, kind = found
        country, sector = _split_code(code, self.iso3)
        mention.country = mention.country or country
        mention.sector = mention.sector or sector
        if kind == "state" and mention.kind == "organization" and country:
            mention.kind = "state"

    def _title_clues(self, mention: Mention, span: Span) -> None:
        """'US Secretary of State Mike Pompeo', 'former Iraqi prime minister, Adel Abdul-Mahdi'."""
        doc = span.doc
        left = doc[max(0, span.start - 6):span.start]
        words = [t for t in left if not t.is_punct]
        if words and any(t.lower_ in self.dictionary.agents or t.lemma_.lower() in _TITLE_WORDS for t in words):
            tokens = list(left)
            mention.sector = mention.sector or self._sector_of_tokens(tokens)
            mention.country = mention.country or self._country_of_tokens(tokens)

    def _agent_sector(self, span: Span) -> str | None:
        return self._sector_of_tokens(list(span))

    def _sector_of_tokens(self, tokens) -> str | None:
        lemmas = [t.lemma_.lower() for t in tokens if t.is_alpha]
        for n in (3, 2, 1):
            for i in range(len(lemmas) - n, -1, -1):
                sector = self.dictionary.agent_sector(" ".join(lemmas[i:i + n]))
                if sector:
                    return sector
        return None

    def _country_of_tokens(self, tokens) -> str | None:
        for t in tokens:
            if t.text[:1].isupper() and not _backed_by(t):
                entries = [e for e in self.gazetteer.lookup(t.text) if e.feature == "country"]
                if len({e.country_code for e in entries}) == 1:
                    country = self.gazetteer.country(entries[0].country_code)
                    if country:
                        return country[0]
        return None

    # -- grouping ----------------------------------------------------------------------------
    def group(self, mentions: list[Mention], doc: Doc) -> list[Cluster]:
        clusters: list[Cluster] = []
        acronyms = _defined_acronyms(doc)
        for mention in mentions:
            target = self._find_cluster(mention, clusters, acronyms)
            if target is None:
                target = Cluster()
                clusters.append(target)
            target.mentions.append(mention)
        return [c for c in clusters if c.mentions]

    def _find_cluster(self, mention: Mention, clusters: list[Cluster], acronyms: dict[str, str]) -> Cluster | None:
        canonical = self.dictionary.canonical(mention.name)
        for cluster in reversed(clusters):  # the most recent fitting actor: "Salih" after "Barham Salih"
            if self._same(mention, cluster, acronyms, canonical):
                return cluster
        return None

    def _same(self, mention: Mention, cluster: Cluster, acronyms: dict[str, str], canonical: str | None) -> bool:
        first = cluster.mentions[0]
        if mention.kind == "state" or first.kind == "state":
            codes = {m.country_code2 for m in cluster.mentions if m.country_code2}
            return mention.kind == first.kind == "state" and mention.country_code2 in codes
        if canonical and any(self.dictionary.canonical(m.name) == canonical for m in cluster.mentions):
            return True
        if mention.kind == "person" and first.kind == "person":
            return any(_same_person(mention.name, m.name) for m in cluster.mentions)
        if mention.kind == "group" or first.kind == "group":
            return mention.kind == first.kind and any(_group_key(mention.name) == _group_key(m.name) for m in cluster.mentions)
        return any(_same_organization(mention.name, m.name, acronyms) for m in cluster.mentions)

    # -- records ---------------------------------------------------------------------------------
    def records(self, clusters: list[Cluster]):
        actors, spans = [], []
        for n, cluster in enumerate(clusters, start=1):
            actor_id = f"a{n}"
            names = cluster.names()
            name = self._display_name(cluster)
            countries = collections.Counter(m.country for m in cluster.mentions if m.country)
            sectors = collections.Counter(m.sector for m in cluster.mentions if m.sector)
            actors.append(record.Actor(
                id=actor_id, name=name, aliases=[a for a in names if a != name],
                kind=cluster.kind, country=countries.most_common(1)[0][0] if countries else None,
                sector=sectors.most_common(1)[0][0] if sectors else None,
            ))
            spans.extend((m.start, m.end, actor_id) for m in cluster.mentions)
        return actors, sorted(spans)

    def _display_name(self, cluster: Cluster) -> str:
        if cluster.kind == "state":
            return cluster.mentions[0].name
        for m in cluster.mentions:
            canonical = self.dictionary.canonical(m.name)
            if canonical:
                return canonical
        return max((m.name for m in cluster.mentions), key=lambda n: (len(n.split()), len(n)))



def _split_code(code: str, iso3: set[str]) -> tuple[str | None, str | None]:
    """'IRQGOV' -> ('IRQ', 'GOV'); 'IGOUNO' -> (None, 'IGO'); 'USA' -> ('USA', None)."""
    if code[:3] in iso3:
        return code[:3], code[3:6] or None
    return None, code[:3] or None


def _strip(span: Span) -> Span | None:
    start, end = span.start, span.end
    if span[0].lower_ in ("the", "a", "an"):
        start += 1
    if end - 1 > start and span.doc[end - 1].lower_ in ("'s", "’s", "'"):
        end -= 1
    return span.doc[start:end] if end > start else None


def _name_part(span: Span) -> str:
    """The name without the titles in front of it, as written ('Adel Abdul-Mahdi')."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.strip(".") in _TITLE_WORDS:
        start += 1
    return span.doc[start:span.end].text


def _backed_by(token) -> bool:
    """'Iranian-backed groups', 'pro-Iran commanders': the country is a sponsor, not the actor's own."""
    doc, i = token.doc, token.i
    after = doc[i + 1:i + 3]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in ("backed", "led", "allied", "sponsored", "funded", "aligned", "supported"):
        return True
    before = doc[max(0, i - 2):i]
    return len(before) == 2 and before[1].text == "-" and before[0].lower_ in ("pro", "anti")


def _names_a_person_next(span: Span) -> bool:
    """A title right before a person's name, or before it with a comma between."""
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].is_punct and i - span.end < 2:
        i += 1
    return i < len(doc) and doc[i].ent_type_ == "PERSON"


def _inside_any(span: Span, mentions: list[Mention]) -> bool:
    return any(m.start <= span.start_char < m.end or span.start_char <= m.start < span.end_char for m in mentions)


def _actor_at(spans, start: int, end: int) -> str | None:
    for s, e, actor in spans:
        if s < end and start < e:
            return actor
    return None


def _same_person(a: str, b: str) -> bool:
    """Full name and later surname; or two spellings of one name with the same first name."""
    wa, wb = a.split(), b.split()
    if not wa or not wb:
        return False
    if len(wa) == 1 or len(wb) == 1:
        single, full = (wa, wb) if len(wa) == 1 else (wb, wa)
        return skeleton(single[0]) == skeleton(full[-1]) or skeleton(single[0]) == skeleton(" ".join(full))
    return skeleton(wa[0]) == skeleton(wb[0]) and skeleton(wa[-1]) == skeleton(wb[-1])


def _same_organization(a: str, b: str, acronyms: dict[str, str]) -> bool:
    if skeleton(a) == skeleton(b):
        return True
    for short, long in ((a, b), (b, a)):
        if short.isupper() and len(short) <= 6:
            if acronyms.get(short) and skeleton(acronyms[short]) == skeleton(long):
                return True
            if initials(long) == short:
                return True
    return False


def _group_key(name: str) -> str:
    """'Iraqi resistance groups' and 'resistance groups': the head noun with its noun compounds."""
    words = [w.lower() for w in name.split() if not w[:1].isupper()]
    if not words and " " not in name:
        words = [name.lower()]  # one word, capitalised only as a sentence's first: "Rebels" is "rebels"
    if not words:
        return name.lower()
    head = re.sub(r"(ies)$", "y", words[-1])
    head = re.sub(r"s$", "", head)
    return " ".join(words[:-1] + [head])


def _defined_acronyms(doc: Doc) -> dict[str, str]:
    """'Asaib Ahl al-Haq (AAH)' -> {'AAH': 'Asaib Ahl al-Haq'}: an acronym in brackets after the words
    whose initials it spells (the shortest such run of words before the bracket)."""
    found = {}
    text = text_of(doc)
    for m in re.finditer(r"\(([A-Z]{2,6})\)", text):
        acronym = m.group(1)
        words = text[max(0, m.start() - 120):m.start()].split()
        for n in range(1, min(len(words), 8) + 1):
            if initials(" ".join(words[-n:])) == acronym:
                found[acronym] = " ".join(words[-n:])
                break
    return found
