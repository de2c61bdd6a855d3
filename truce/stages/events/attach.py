"""What an event takes from the earlier stages: its date, place, quantities and who claims it."""
from __future__ import annotations

import collections
import datetime as dt
import re

from spacy.tokens import Span, Token

from ... import record
from ...article import Article
from ...gazetteer import Gazetteer
from ..times import counted_from_what_it_follows, governing_time, narrative_day, told_as_news, told_as_present
from ..entities import head_nouns
from ..places import STREET

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
# A part of a year the record has no form for (a quarter, a half, a season: "2020-Q3", "2020-H1", "2019-SU"):
# the event is dated to its year.
_PART_OF_YEAR = re.compile(r"^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_PRECISION_OF_FEATURE = {"country": "country", "admin1": "admin1", "city": "city", "airport": "exact",
                         "landmark": "exact", "street": "near", "region": "admin1", "continent": "country"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "hundred": 100, "hundreds": 100, "dozens": 24, "dozen": 12, "thousand": 1000, "thousands": 1000}
_SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def event_date(article: Article, clause: Span, trigger: Token | None = None) -> record.EventDate | None:
    """The date of the expression governing the clause, at the precision it has; an act in a clause of
    "after" or "before" that a length measures, counted from the day of the clause it qualifies ("His
    remarks come two days after the minister denounced the plan", `counted_from_what_it_follows`). A
    clause that tells in the present what is under way ("The union demands ...") or in the present
    perfect what has just happened ("Police have arrested ..."), in a sentence naming no time: the
    publication's day, whatever day the sentences before it name. Another clause naming no time, in a
    sentence and paragraph naming none: the day the story is telling of (the last day named before it,
    `narrative_day`); when none is named before it (nor a day ahead, a plan), an act its verb tells is the
    latest news (the publication's day), while an act a noun names ("convicted over the kidnapping of ...") stays undated,
    so that the act told again with its date is recognised as the same event (events.corefer)."""
    time = counted_from_what_it_follows(article, trigger) or governing_time(article, clause.start_char, clause.end_char, trigger)
    sentence = clause.root.sent
    in_its_sentence = time is not None and sentence.start_char <= time.start and time.end <= sentence.end_char
    if not in_its_sentence and article.published and (told_as_present(article, clause.start_char, clause.end_char)
                                                      or told_as_news(article, clause.start_char, clause.end_char, trigger)):
        return _publication_day(article)  # not the day of the sentence before
    if time is None:
        time = narrative_day(article, clause.start_char)
    if time is None and article.published and (trigger is None or trigger.pos_ in ("VERB", "AUX")) \
            and not _plans_named_before(article, clause.start_char):
        return _publication_day(article)
    if time is None or not time.value:
        return None
    value = time.value
    if m := _DAY.match(value):
        return record.EventDate(value=m.group(0), precision="day", text=time.text)
    if _WEEK.match(value):
        return record.EventDate(value=_week_start(value), precision="week", text=time.text)
    if _MONTH.match(value):
        return record.EventDate(value=value, precision="month", text=time.text)
    if _YEAR.match(value):
        return record.EventDate(value=value, precision="year", text=time.text)
    if m := _PART_OF_YEAR.match(value):
        return record.EventDate(value=m.group(1), precision="year", text=time.text)
    return None


def _plans_named_before(article: Article, start: int) -> bool:
    """Whether a day after the publication is named before `start`: a story that opens on what is planned
    ("The truce takes effect on March 9 ... The parties agreed to refrain from air strikes") may tell the plan, not
    the news of the day."""
    return any(t.end <= start and _DAY.match(t.value or "") and t.value[:10] > article.published[:10] for t in article.times)


def _publication_day(article: Article) -> record.EventDate:
    return record.EventDate(value=article.published[:10], precision="day")


def _week_start(value: str) -> str:
    """An ISO week ('2020-W41') as the date of its Monday, the record's date having no week form."""
    return dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()


# An event's country is the sovereign state's where conflict data code it so: ACLED codes Hong Kong's
# crackdowns and protests as events in China (its methodology brief on China and Taiwan, 2023), and so
# do human coders (HRDsAttack). The place keeps its own ISO code (HK, MO) in the record's places.
SOVEREIGN = {"HK": "CN", "MO": "CN"}


def location_of(index: int, place: record.Place, precision: str | None = None) -> record.Location:
    """An event's location at a place of the record (precision from its feature unless given)."""
    country = SOVEREIGN.get(place.country_code or "", place.country_code)
    if precision is None and place.feature == "region" and not country:
        precision = "country"  # "the Gulf", "West Africa": wider than a country, the coarsest the record has
    return record.Location(place=index, name=place.name, lat=place.lat, lon=place.lon, country_code=country,
                           precision=precision or _PRECISION_OF_FEATURE.get(place.feature or "", "near"))


def event_location(article: Article, trigger: Token, clause: Span, sentence: Span,
                   focus: str | None = None, opening: int | None = None) -> tuple[record.Location | None, int]:
    """Where the event happened and how surely the text says so: 2 where its own sentence says
    (`_said_location`), 1 where only the dateline or the text before it was (`_continued_location`),
    0 and no location when neither (the caller then puts it in the focus region or country)."""
    said = _said_location(article, trigger, clause, sentence, focus, opening)
    if said is not None:
        # a dateline says where the reporter is, not the event
        return said, 1 if _in_dateline(article, said.place, opening) else 2
    continued = _continued_location(article, sentence, opening, focus)
    return continued, 1 if continued is not None else 0


def _said_location(article: Article, trigger: Token, clause: Span, sentence: Span,
                   focus: str | None = None, opening: int | None = None) -> record.Location | None:
    """Where the event's sentence says it happened: a literal place of it, the nearest in syntax first
    (the trigger's own phrase, then its clause, then the rest of the sentence), and between places
    equally near, one in the article's focus country; null when the sentence names no such place.
    `opening` is the index of the place `dateline()` finds, read once per article."""
    # "(Berlin) – Belarusian authorities raided ...": a dateline names where the reporter or the office
    # is, and is the event's place only when it lies in the country the article is about; the country
    # that follows its city ("MANILA, Philippines —") is no place of the event's.
    places = [(i, p, span) for i, p, span in _literal_places(article, trigger.doc, sentence)
              if (not _in_dateline(article, i, opening) or i == opening and p.country_code == focus)
              and not _heading_for(span, trigger)
              and not _doubtful_abroad(p, focus) and not _said_of_a_conjunct(span, trigger)
              and not _said_of_a_described_thing(span, trigger)]
    if not places:
        return None
    index, place, _ = min(places, key=lambda item: _nearness(item, trigger, clause, focus))
    if place.country_code is None and _names_country(article, sentence, focus):
        return None  # "Qatar has shut down agencies ... in the Gulf States": the article's country, not the Gulf
    return location_of(index, place)


def _names_country(article: Article, sentence: Span, code: str | None) -> bool:
    """Whether the sentence names the country, in any role (a region wider than countries is then less
    exact than it)."""
    return code is not None and any(p.country_code == code and sentence.start_char <= p.start < sentence.end_char
                                    for p in article.places)


# Below this confidence a place's reading is a guess among namesakes.
DOUBTFUL = 0.5


def _doubtful_abroad(place: record.Place, focus: str | None) -> bool:
    """'a kidnapping in Scarborough' in a story about Toronto: the gazetteer knows no Scarborough in
    Canada, and its best guess, in England, is doubtful. An event is not placed abroad on a guess.
    (A country's name is no guess, though it shares it with a province or city: "Mexico".)"""
    return (focus is not None and place.country_code != focus and place.feature != "country"
            and place.score is not None and place.score < DOUBTFUL)


def _nearness(item: tuple[int, record.Place, Span], trigger: Token, clause: Span, focus: str | None) -> tuple:
    """Syntax first (in the trigger's phrase, its clause, its sentence), then the focus country, then order."""
    _, place, span = item
    path = _path_up(span.root, trigger)
    if path is not None and not path & {"relcl", "acl"}:
        scope = 0
    elif path is None and clause.start_char <= place.start < clause.end_char:
        scope = 1
    else:
        # In a clause that describes one of the event's parties, no nearer than the rest of the sentence:
        # in 'tortured people suspected of ties with rebels in Congo', Congo is where the rebels are.
        scope = 2
    return scope, place.country_code != focus, place.start


def _said_of_a_conjunct(span: Span, trigger: Token) -> bool:
    """'the killing of Omar Haddad and allegations of torture in Omdurman': a place inside a noun
    conjoined to the event's noun is said of that noun. (Conjoined verbs share their places:
    'arrested five and killed two in Harare'.)"""
    if trigger.pos_ != "NOUN":
        return False
    token = span.root
    while token.head.i != token.i and token.head.i != trigger.i:
        token = token.head
    return token.head.i == trigger.i and token.dep_ == "conj" and token.i not in range(span.start, span.end)


def _said_of_a_described_thing(span: Span, trigger: Token) -> bool:
    """'a crackdown on outlets that fail to hew to the Kremlin line on Russia's war in Ukraine': in a
    clause that describes one of the event's parties, a place said of an abstract thing is where that
    thing is, not the event. One said of the clause's verb, of a person, a body or a building is where
    a party was, and may be the event's place: 'Lindhout, who was working as a journalist near
    Mogadishu', 'workers who struck at the factory in Silao', 'the road leading to the airport in Abuja'."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # 'elections in Kogi and Bayelsa States'
    if root.dep_ != "pobj" or root.head.dep_ != "prep":
        return False
    described = root.head.head
    word = described.lemma_.lower()
    if described.pos_ != "NOUN" or described.i == trigger.i or word in head_nouns() or STREET.search(word):
        return False
    path = _path_up(described, trigger)
    return path is not None and bool(path & {"relcl", "acl"})


def _path_up(token: Token, trigger: Token) -> set[str] | None:
    """The dependency labels from a token up to the trigger, or None when the trigger is not above it."""
    labels = set()
    while token.i != trigger.i:
        if token.head.i == token.i:
            return None
        labels.add(token.dep_)
        token = token.head
    return labels


def _continued_location(article: Article, sentence: Span, opening: int | None, focus: str | None) -> record.Location | None:
    """A sentence naming no place goes on where the sentence before was, if that was in the focus
    country ("Police raided offices in Harare. They detained four lawyers."), else at the dateline."""
    doc = sentence.doc
    if sentence.start > 0:
        for index, place, _ in _literal_places(article, doc, doc[sentence.start - 1].sent):
            if place.country_code == focus:
                return location_of(index, place)
    if opening is not None and article.places[opening].country_code == focus and article.places[opening].lat is not None:
        return location_of(opening, article.places[opening])
    return None


def _literal_places(article: Article, doc, sentence: Span) -> list[tuple[int, record.Place, Span]]:
    """The places of a sentence where something can happen: literal ones with coordinates, and the
    seats of courts and police ("a Sana'a court sentenced")."""
    found = []
    for index, place in enumerate(article.places):
        if place.lat is None or not sentence.start_char <= place.start < sentence.end_char:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        if place.role == "literal" or place.role == "modifier" and _seat(span):
            found.append((index, place, span))
    return found


# Bodies that act where they sit: what "a Sana'a court" or "the Niger state Police Command" does
# happens at that place. ("Iranian officials", "a Geneva-based group" act anywhere.)
SEATED = {"court", "tribunal", "police", "magistrate", "magistrates", "prosecutor", "prosecutors", "command",
          "judiciary", "municipality", "council", "governor"}
# Verbs of going: "to X" after one of them is where someone went, not where anything happened.
MOTION = {"flee", "travel", "go", "return", "head", "fly", "sail", "move", "escape", "come", "migrate", "cross",
          "drive", "walk", "run", "leave", "relocate", "emigrate", "smuggle"}


def _seat(span: Span) -> bool:
    """A place naming where the body it qualifies sits: 'a Sana'a court', 'Harare police'."""
    if any(t.ent_type_ == "NORP" for t in span):
        return False
    head = span.root
    while head.dep_ in ("compound", "amod", "nmod", "poss") and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in SEATED:
            return True
    return False


def _heading_for(span: Span, trigger: Token) -> bool:
    """'arrested while trying to flee to Taiwan': where the event's party was going when it happened,
    said in a clause that the event's verb governs, is not where it happened. ('Migrants who were
    returned to Mexico face torture' happens in Mexico: the going is said of a party, in a relative clause.)"""
    root = span.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in ("to", "toward", "towards"):
        return False
    verb = preposition.head
    if verb.lemma_.lower() not in MOTION or verb.i == trigger.i:
        return False
    while verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        if verb.i == trigger.i:
            return True
    return False


# A dateline opens a line near the top: "MATAMOROS, Mexico (Reuters) -", "(Berlin) –", "ISTANBUL:",
# or "Washington, DC (GreekNewsOnline)" on a line of its own.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*\(?$")
_DATELINE_AFTER = re.compile(r"^\)?(?:,[ \t]*[A-Z][\w. ]{0,25})?(?:[ \t]*\([^)\n]{1,40}\)[ \t]*(?:\n|[-–—:－]+)"
                             r"|[ \t]+[-–—－]+|[ \t]*[-–—－]+[ \t]|[ \t]*:[ \t])")
DATELINE_CHARS = 400


def _in_dateline(article: Article, index: int, opening: int | None) -> bool:
    """Whether the place is the dateline's, or the country that follows its city ("MANILA, Philippines —")."""
    if opening is None or index not in (opening, opening + 1):
        return False
    between = article.text[article.places[opening].end:article.places[index].start]
    return index == opening or between.strip() == ","


def dateline(article: Article) -> int | None:
    """The index of the place that opens the article as its dateline, if one does."""
    text = article.text
    for index, place in enumerate(article.places):
        if place.start >= DATELINE_CHARS:
            break
        if _DATELINE_BEFORE.search(text[max(0, place.start - 3):place.start]) and _DATELINE_AFTER.match(text[place.end:place.end + 60]):
            return index
    return None


# How much a mention tells of what the article is about: a place where something happens most, a
# place standing for its government less, a modifier ("Iranian", "US-based") least.
_FOCUS_WEIGHT = {"literal": 2.0, "metonym": 1.0, "modifier": 0.5}
FOCUS_LEAD_SENTENCES = 2  # the headline and lead say what the story is about: their places count double


def focus_country(article: Article) -> str | None:
    """The country the article is mostly about: where its places lie, weighted by role and by being in
    the lead. An event whose own sentence names no place is placed there (in its focus region when it
    has one, else at country precision)."""
    weights: collections.Counter = collections.Counter()
    for place, weight in _weighted_places(article):
        if place.country_code:
            weights[place.country_code] += weight
    return weights.most_common(1)[0][0] if weights else None


# The region (admin1) an article's places in its focus country mostly lie in is where its unplaced
# events are, when it holds at least this share of their weight and is named more than once: a story
# told from Paisley and Glasgow happens in Scotland, one from Glasgow and London only in the United
# Kingdom, and one from a dateline alone is not placed by it.
REGION_SHARE = 0.75
REGION_MENTIONS = 2


def focus_region(article: Article, focus: str | None) -> str | None:
    """The admin1 region of the focus country that the article's literal places below country level
    hold. ("Washington said" stands for a government and "a Glasgow-based group" names a base: neither
    says where things happen.)"""
    weights: collections.Counter = collections.Counter()
    mentions: collections.Counter = collections.Counter()
    for place, weight in _weighted_places(article):
        if place.role == "literal" and place.country_code == focus and place.admin1 and place.feature != "country":
            weights[place.admin1] += weight
            mentions[place.admin1] += 1
    if not weights:
        return None
    region, weight = weights.most_common(1)[0]
    return region if weight >= REGION_SHARE * sum(weights.values()) and mentions[region] >= REGION_MENTIONS else None


def _weighted_places(article: Article):
    """Each place with what its mention tells of the article's subject (role, and lead counting double)."""
    lead = [s for _, s in zip(range(FOCUS_LEAD_SENTENCES), article.doc.sents)]
    lead_end = lead[-1].end_char if lead else 0
    for place in article.places:
        weight = _FOCUS_WEIGHT.get(place.role or "literal", 1.0)
        yield place, 2 * weight if place.start < lead_end else weight


def focus_location(article: Article, focus: str | None, gazetteer: Gazetteer) -> record.Location | None:
    """Where an event whose sentence names no place is put: the focus region at admin1 precision,
    else the focus country."""
    region = focus_region(article, focus)
    return (region_location(article, focus, region, gazetteer) if region else None) \
        or country_location(article, focus, gazetteer)


def region_location(article: Article, code: str, region: str, gazetteer: Gazetteer) -> record.Location | None:
    """A location at admin1 precision: the text's mention of the region itself, else the gazetteer's."""
    for index, place in enumerate(article.places):
        if place.country_code == code and place.feature == "admin1" and place.admin1 == region and place.lat is not None:
            return location_of(index, place, precision="admin1")
    entry = gazetteer.region_entry(code, region)
    return _unmentioned(entry, "admin1") if entry else None


def country_location(article: Article, code: str | None, gazetteer: Gazetteer) -> record.Location | None:
    """A location at country precision: the text's first mention of the country itself, else the
    country from the gazetteer (an article that names only Islington is in the United Kingdom, not at
    Islington)."""
    if code is None:
        return None
    for index, place in enumerate(article.places):
        if place.country_code == code and place.feature == "country" and place.lat is not None:
            return location_of(index, place, precision="country")
    entry = gazetteer.country_entry(code)
    return _unmentioned(entry, "country") if entry else None


def _unmentioned(entry, precision: str) -> record.Location:
    """A location at a gazetteer entry the text does not name (so no index into its places)."""
    return record.Location(place=None, name=entry.name, lat=entry.lat, lon=entry.lon,
                           country_code=SOVEREIGN.get(entry.country_code, entry.country_code), precision=precision)


def quantities(trigger: Token, sentence: Span) -> list[record.Quantity]:
    """Numbers with what they count: in the event's phrase ('withdrew 2,500 troops'), else in its
    sentence ('a list of 80 sites that it plans to target'). Dates are not quantities."""
    return _counted(list(trigger.subtree)) or _counted(list(sentence))


def _counted(scope: list[Token]) -> list[record.Quantity]:
    seen, found = set(), []
    for token in scope:
        if token.i in seen or not (token.like_num or token.lower_ in NUMBER_WORDS) or token.dep_ != "nummod":
            continue
        if token.ent_type_ in ("DATE", "TIME", "PERCENT", "ORDINAL") or token.head.ent_type_ in ("DATE", "TIME"):
            continue
        value = _number(token)
        unit = token.head
        if value is None or unit.i == token.i:
            continue
        seen.add(token.i)
        text = token.doc[min(token.i, unit.i):max(token.i, unit.i) + 1].text
        found.append(record.Quantity(value=value, unit=unit.lemma_.lower() if unit.pos_ == "NOUN" else unit.lower_, text=text))
    return found


def _number(token: Token) -> float | None:
    text = token.lower_.replace(",", "")
    if text in NUMBER_WORDS:
        value = NUMBER_WORDS[text]
    else:
        try:
            value = float(text)
        except ValueError:
            return None
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in _SCALE and nxt.dep_ in ("compound", "nummod", "quantmod"):
        value *= _SCALE[nxt.lower_]
    return int(value) if float(value).is_integer() else value


def claims(article: Article, trigger: Token) -> list[record.Claim]:
    """Whoever reports the event: every attribution whose content holds the trigger."""
    position = trigger.idx
    found = []
    for attribution in article.attributions:
        content = attribution.content
        if content.start <= position < content.end and attribution.source is not None:
            found.append(record.Claim(name=attribution.source.text, actor=attribution.actor, cue=attribution.cue.text))
    return found
