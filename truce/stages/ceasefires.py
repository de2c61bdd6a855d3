"""ceasefires: one record per ceasefire the article reports, with the steps of its history.

Read sentence by sentence. A sentence speaks of a ceasefire when it has a ceasefire term
(resources/ceasefires/cues.tsv, `term` rows: "ceasefire", "truce", "halt its attacks"...; a court
"halting" a policy has none). What it reports is read from the status rows of the same file
(declared, in effect, extended, violated, ended, rejected), each counted only near a term and only
when the words say it happened: a cue governed by a negation, a modal ("could", "would", "will") or
"if" is a hope or a plan, not news. Each such sentence is one mention, with its parties (the actors
of the sentence's ceasefire events, else the actors named in it), its mediators ("a U.S.-proposed
ceasefire", "Egypt brokered a truce"), and who says so (the sentence's attribution sources).

Mentions of one article are one ceasefire unless their parties say otherwise (coreference): a mention
joins the ceasefire whose parties share a country or a proper name with its own (linking.party_keys, so
"Iraq's resistance" and "Iraqi resistance groups" agree), and a mention naming no identifiable party
("the truce", "the factions") is the ceasefire last spoken of. Mentions whose parties share nothing
with any earlier one start another ceasefire.

A violation is attributed to the actors of the sentence's attack or accusation (the accused; the accusers
themselves when they accuse each other), else to the article's first dated, asserted attack by or on a party
on or after the declaration.

What is not a step: a begin/hold/end verb said of another noun ("since the conflict began"); a declaration
verb that describes the ceasefire ("a Russian-brokered truce"), unless the article tells nothing else of it.
A hedged extension, violation or end ("an extension is urgently needed") makes a mention with no step: it
says the ceasefire exists, where a hedged declaration ("calls for a truce") does not.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
import datetime
from pathlib import Path

from .. import record
from ..article import Article
from ..gazetteer import norm
from ..store.linking import CONTINUATION_SIDES, party_keys
from .times import governing_time

CUES = Path(__file__).resolve().parents[1] / "resources" / "ceasefires" / "cues.tsv"
# An arrangement between two sides said to continue ("will continue to be in effect until May"), naming no ceasefire.
CONTINUATIONS = CUES.with_name("continuations.tsv")
# Words that describe a declaration made before ("the truce that the two sides agreed", "the Norwegian-brokered truce"):
# a declaration cue inside them makes a step marked `restated`, one more report of a declaration, not news of one.
RESTATEMENTS = CUES.with_name("restatements.tsv")
# The restatement table's rows that are parts of the others ({noun}, {verb}), not rules of their own.
RESTATEMENT_PARTS = ("noun", "verb")
# The words before a time that make it the end a step runs to, not its date ("extended until March 30").
END_BOUND = re.compile(r"\b(?:until|till|through)\s+(?:the\s+)?$", re.I)
# Entity labels of the names a side can go by when no actor stands for it (organisations, groups, countries, people).
NAMED_SIDES = ("ORG", "NORP", "GPE", "PERSON")
STATUSES = ("declared", "in_effect", "extended", "violated", "ended", "rejected")
# A status word counts when it is at most this many characters from a ceasefire term of its sentence.
STATUS_REACH = 90
HEDGES = {"could", "would", "might", "may", "should", "will", "wo", "shall", "if", "unless", "whether", "not", "n't",
          "never", "once", "until"}
PROMISES = {"will", "would", "wo", "shall"}
# Verbs that make what depends on them a wish, a demand or a plan rather than news.
WISHES = {"hope", "want", "urge", "call", "ask", "demand", "press", "push", "seek", "plan", "propose", "expect",
          "need", "try", "wish", "aim", "encourage", "appeal", "insist", "prepare", "intend", "work",
          "proposal", "offer", "plan", "request", "bid", "attempt", "effort", "condition", "chance", "prospect"}
ATTACKS = ("ASSAULT", "COERCE")
ACCUSING = {"accuse", "blame", "charge", "condemn"}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PRONOUNS = {"it", "they", "he", "she"}
# How far back (characters) a pronoun's antecedent may be named.
ANTECEDENT_REACH = 400
# Statuses a ceasefire lives itself (it begins, holds, ends): a verb of them must have the ceasefire as its subject
# or object ("the truce began", "Israel ended the truce"), not another noun ("since the conflict began").
OWN_STATUSES = ("in_effect", "ended")
# Words that stand for the ceasefire as such a verb's subject or object, beside the cue table's terms.
STANDS_FOR = {"deal", "agreement", "accord", "arrangement", "it", "this", "that", "which"}
# A hedged extension, violation or end still says a ceasefire exists ("an extension is urgently needed", "the truce
# could collapse"): the sentence speaks of it, with no step. A hedged declaration ("calls for a truce") says none does.
PRESUPPOSING = ("extended", "violated", "ended")
# The object of an accusation that makes the accusers accuse one another ("accused each other of attacks").
RECIPROCAL = {"each other", "one another", "the other"}
# What may stand between a name and the mediation word it qualifies ("U.S.-proposed", "UN brokered"); a comma
# ends the name's phrase ("the arrangement between A and B, monitored by C": B does not monitor).
JOINED = ("", "-", " ")
# Titles that make whoever bears them a go-between, not a side ("the UN envoy announced the truce had been renewed").
MEDIATOR_TITLES = {"envoy", "envoys", "mediator", "mediators", "facilitator", "facilitators"}
# Subjects that stand for the noun their clause hangs from ("a truce that took effect", "Lavrov, who mediated").
RELATIVE = {"that", "which", "who"}


@functools.lru_cache(maxsize=2)
def cues(path: Path = CUES) -> dict[str, list[re.Pattern]]:
    """The cue table: kind -> compiled patterns, in file order."""
    table: dict[str, list[re.Pattern]] = {}
    for kind, pattern, _ in cue_rows(path):
        table.setdefault(kind, []).append(re.compile(pattern, re.I))
    return table


def cue_rows(path: Path = CUES) -> list[tuple[str, str, str]]:
    """(kind, pattern, example sentence) for each row: what the tests check each rule against."""
    with open(path, encoding="utf-8") as f:
        return [tuple(row[:3]) for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row and not row[0].startswith("#")]


@functools.lru_cache(maxsize=1)
def restatement_patterns() -> list[tuple[str, re.Pattern]]:
    """The restatement table's rules (kind, compiled pattern), each with its {noun} and {verb} parts filled in."""
    rows = cue_rows(RESTATEMENTS)
    parts = {kind: pattern for kind, pattern, _ in rows if kind in RESTATEMENT_PARTS}
    return [(kind, re.compile(pattern.replace("{noun}", parts["noun"]).replace("{verb}", parts["verb"]), re.I))
            for kind, pattern, _ in rows if kind not in RESTATEMENT_PARTS]


def _restating_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a sentence (offsets in it) that describe a declaration made before (restatements.tsv)."""
    return [(m.start(), m.end()) for _, pattern in restatement_patterns() for m in pattern.finditer(text)]


@dataclass
class Mention:
    """One sentence about a ceasefire."""

    start: int
    end: int
    text: str
    statuses: list[tuple[str, int]]                  # (status, absolute offset of its cue)
    events: list[record.Event]
    actors: list[str]                                 # actor ids named in the sentence, not as a source
    sources: list[str]                                # who says so: attribution sources' actor ids
    mediators: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)       # the sides (linking.party_keys of the parties)
    conflict: set[str] = field(default_factory=set)   # the sides, the countries named and the places' countries
    where: set[str] = field(default_factory=set)      # the countries of the sentence's places
    speakers: set[str] = field(default_factory=set)   # the countries and names of who says so
    described: int | None = None                      # offset of a declaration that only describes ("UN-brokered")
    restated: set[int] = field(default_factory=set)   # offsets of declaration cues that restate an earlier one
    continuation: bool = False                        # names no ceasefire: an arrangement said to continue


class Ceasefires:
    """Fills article.ceasefires from the sentences, events, actors, attributions, places and times."""

    def __init__(self, gazetteer=None):
        self.gazetteer = gazetteer  # for the alpha-3 code of a place's country; None: places are not used

    def __call__(self, article: Article) -> None:
        speaks = any(p.search(article.text) for p in cues()["term"])  # the article speaks of a ceasefire
        mentions = [m for m in (_mention(article, s, speaks) for s in _sentences(article)) if m is not None]
        # "Ceasefire" read as a name ("Ceasefire, they can't come with conditions") is no side.
        actors = {a.id: a for a in article.actors if not any(p.search(a.name) for p in cues()["term"])}
        groups: list[list[Mention]] = []
        for mention in mentions:
            mention.actors = [a for a in mention.actors if a in actors]
            mention.keys = party_keys(actors[i] for i in _parties(mention) if i in actors)
            sides, speakers = self._known_unresolved(article, mention)
            # Sides only the actor dictionary knows ("the IDF said", "Hamas"), beside those actors name: in
            # "Israel and Hamas agreed to a truce" Hamas is a side though no actor stands for it.
            mention.keys = mention.keys | sides
            mention.where = self._place_countries(article, mention.start, mention.end)
            mention.speakers = party_keys(actors[i] for i in mention.sources if i in actors) | speakers
            mention.conflict = self._conflict(article, mention, actors) | mention.where | sides | speakers
            if mention.continuation and _side_count(article, mention) < CONTINUATION_SIDES:
                continue  # "the agreement remains in force" of one side, or of nobody named: no arrangement between two
            group = _coreferent(mention, groups)
            if group is None and groups and not mention.statuses and mention.mediators:
                group = max(groups, key=lambda g: g[-1].start)  # it tells only who mediates: the ceasefire spoken of
            if group is None:
                groups.append([mention])
            else:
                group.append(mention)
        article.ceasefires = [_record(article, n, group) for n, group in enumerate(groups, start=1)]
        for ceasefire, group in zip(article.ceasefires, groups):
            ceasefire.countries = self._countries(article, group)
            if not any(m.keys for m in group):  # its sentences name no side ("both countries"): the article's sides
                ceasefire.countries = sorted(set(ceasefire.countries) | _article_sides(article, actors, group))

    def _countries(self, article: Article, mentions: list[Mention]) -> list[str]:
        """The countries that place a ceasefire for linking across articles: its sides' and its sentences'
        places', and those of who accuses a side of violating it (the other side, as a rule); else the
        article's places'; else (a report naming only who says so) the speakers' and mediators'. Not
        the speakers' otherwise: a U.S. senator welcoming two truces does not make them one."""
        accusers = {k for m in mentions if any(s == "violated" for s, _ in m.statuses) for k in m.speakers}
        for keys in ({k for m in mentions for k in m.keys | m.where} | accusers,
                     self._place_countries(article, 0, len(article.text)),
                     {k for m in mentions for k in m.conflict}):
            codes = sorted(k[1:] for k in keys if k.startswith("@"))
            if codes:
                return codes
        return []

    def _place_countries(self, article: Article, start: int, end: int) -> set[str]:
        keys = set()
        for place in article.places:
            if start <= place.start < end and place.country_code and place.role != "modifier" and self.gazetteer:
                found = self.gazetteer.country(place.country_code)
                if found:
                    keys.add("@" + found[0])
        return keys

    def _known_unresolved(self, article: Article, mention: Mention) -> tuple[set[str], set[str]]:
        """Keys (country, name) of the organisations the sentence names that no actor stands for but the
        actor dictionary knows: as sides, and as those who say so (an attribution's unresolved source)."""
        covered = [(s, e) for s, e, _ in article.actor_spans]
        free = lambda s, e: mention.start <= s < mention.end and not any(cs < e and s < ce for cs, ce in covered)  # noqa: E731
        sources = [(a.source.start, a.source.end) for a in article.attributions
                   if a.source is not None and a.actor is None and free(a.source.start, a.source.end)]
        named = [(e.start, e.end) for e in article.entities if e.label in ("ORG", "NORP") and free(e.start, e.end)
                 and not any(ss <= e.start < se for ss, se in sources) and not _joined_to_mediation(article, mention, e.end)]
        return self._dictionary_keys(article, named), self._dictionary_keys(article, sources)

    def _dictionary_keys(self, article: Article, spans) -> set[str]:
        keys = set()
        for start, end in spans:
            name = re.sub(r"^(?:the|The)\s+", "", article.text[start:end]).strip()
            known = _dictionary().lookup(name)
            if not known:
                continue
            keys.add(norm(name))
            code = known[0][:3]
            if self.gazetteer is not None and len(code) == 3 and self.gazetteer.country_codes(code):
                keys.add("@" + code)
        return keys

    def _conflict(self, article: Article, mention: Mention, actors: dict) -> set[str]:
        """Between whom: the countries of everyone the sentence names (sources and mediators too), as party
        keys ("@UKR"), with the names of the parties no country stands for."""
        named = [actors[i] for i in mention.actors + mention.sources + mention.mediators if i in actors]
        return {k for k in party_keys(named) if k.startswith("@")} | mention.keys


@functools.lru_cache(maxsize=1)
def _dictionary():
    from .actors import ActorDictionary  # the actors stage's dictionary, loaded once

    return ActorDictionary()


def _sentences(article: Article) -> list[tuple[int, int]]:
    """Each sentence's span, without the blank space around it."""
    if article.doc is not None:
        spans = [(s.start_char, s.end_char) for s in article.doc.sents]
    else:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", article.text)]
    out = []
    for start, end in spans:
        text = article.text[start:end]
        start, end = start + len(text) - len(text.lstrip()), end - (len(text) - len(text.rstrip()))
        if end > start:
            out.append((start, end))
    return out


def _mention(article: Article, span: tuple[int, int], speaks: bool = True) -> Mention | None:
    """The sentence at `span` as a mention of a ceasefire, or None. `speaks`: the article names a ceasefire
    elsewhere, so a `bridge` row ("an extension over the next 48 hours") stands for it in this sentence."""
    start, end = span
    text = article.text[start:end]
    table = cues()
    terms = [m.start() for p in table["term"] for m in p.finditer(text)] or \
        [m.start() for p in table.get("bridge", []) if speaks for m in p.finditer(text)]
    if not terms:
        return _continuation(article, span)
    events = [e for e in article.all_events if start <= e.trigger.start < end]
    statuses, presupposed, described = [], False, []
    restating = _restating_spans(text)
    restates = lambda status, offset: status == "declared" and any(s <= offset - start < e for s, e in restating)  # noqa: E731
    for status in STATUSES:
        chosen = None  # the first cue that counts; a declaration that only restates gives way to one that is news
        for pattern in table.get(status, []):
            for m in pattern.finditer(text):
                offset = start + m.start()
                if (min(abs(m.start() - t) for t in terms) > STATUS_REACH and not _said_of_ceasefire(article, offset)) \
                        or (status in OWN_STATUSES and _of_another(article, offset)):
                    continue
                if status == "declared" and _describes(article, offset):
                    described.append(offset)
                    continue
                if _hedged(article, offset):
                    presupposed = presupposed or status in PRESUPPOSING
                    continue
                chosen = offset if chosen is None or not restates(status, offset) else chosen
                if not restates(status, offset):
                    break
            if chosen is not None and not restates(status, chosen):
                break
        if chosen is not None:
            statuses.append((status, chosen))
    if not any(s == "ended" for s, _ in statuses):
        statuses += _resumption(article, text, start, terms)[:1]
    description = None
    if described and not statuses and not _hedged(article, described[0]):
        description = described[0]  # "the UN-brokered truce will start": its declaration, if the article tells no other
        statuses.append(("declared", description))
    # A verb the lexicon reads as a ceasefire ("would halt their operations") declares one; the noun
    # "ceasefire" itself is no news ("Russia has not agreed to the ceasefire").
    halting = [e for e in events if e.mode == "ceasefire"
               and e.factuality in ("asserted", "conditional", "future") and not _hedged(article, e.trigger.start, promise=True)
               and not any(p.fullmatch(e.trigger.text) for p in table["term"])]
    if halting and not any(s in ("declared", "rejected") for s, _ in statuses):
        statuses.append(("declared", halting[0].trigger.start))
    if any(s == "extended" for s, _ in statuses):  # "agreed to extend the truce" is the extension
        statuses = [(s, o) for s, o in statuses if s != "declared"]
    mediating = [m for p in table.get("mediated", []) for m in p.finditer(text)]
    # "welcomed the ceasefire", "to solidify the truce": no step, yet the ceasefire exists (a later report of it).
    acknowledged = any(p.search(text) for p in table.get("acknowledged", []))
    if not statuses and not mediating and not presupposed and not acknowledged:
        return None  # a ceasefire only spoken of ("a ceasefire could help") is no news of one
    # Who says so is not a side, unless what they "say" is this sentence's step ("X agreed to a truce"
    # is read as a report by X, yet X is the one agreeing).
    cue_offsets = {offset for _, offset in statuses}
    source_spans = [(a.source.start, a.source.end, a.actor) for a in article.attributions
                    if a.source is not None and start <= a.source.start < end and a.cue.start not in cue_offsets]
    sources = [actor for _, _, actor in source_spans if actor]
    named = [a for s, e, a in article.actor_spans if start <= s < end
             and not any(ss <= s < se for ss, se, _ in source_spans)]
    mention = Mention(start, end, text, sorted(statuses, key=lambda s: s[1]), events, list(dict.fromkeys(named)),
                      list(dict.fromkeys(sources)))
    mention.mediators = _mediators(article, mention)
    mention.described = description
    mention.restated = {offset for status, offset in statuses if restates(status, offset)}
    return mention


def _resumption(article: Article, text: str, start: int, terms: list[int]) -> list[tuple[str, int]]:
    """Fighting taken up again near a ceasefire term ("chose war", "resumed its strikes", "fighting resumed"), not
    hedged: the ceasefire's end (`resumed` cue rows). Its words speak of the fighting, so the check that an `ended`
    verb is said of the ceasefire itself does not apply."""
    out = []
    for pattern in cues().get("resumed", []):
        for m in pattern.finditer(text):
            if min(abs(m.start() - t) for t in terms) <= STATUS_REACH and not _hedged(article, start + m.start()):
                out.append(("ended", start + m.start()))
    return sorted(out, key=lambda s: s[1])


def _continuation(article: Article, span: tuple[int, int]) -> Mention | None:
    """A sentence naming no ceasefire that says an arrangement continues ("the arrangement between A and B will
    continue to be in effect until May"): a mention with that step (continuations.tsv), marked as a continuation,
    or None. The noun must be the verb's subject; the end it names ("until May") never dates the step. Not when
    negated or hedged ("should remain")."""
    start, end = span
    text = article.text[start:end]
    table = cues(CONTINUATIONS)
    nouns = [m.start() for p in table["noun"] for m in p.finditer(text)]
    for status in ("extended", "in_effect"):
        for m in (m for p in table.get(status, []) for m in p.finditer(text)):
            offset = start + m.start()
            if any(0 <= m.start() - n <= STATUS_REACH and _subject_of(article, start + n, offset) for n in nouns) \
                    and not _hedged(article, offset, promise=True):
                return _continuation_mention(article, span, status, offset)
    return None


def _subject_of(article: Article, noun: int, offset: int) -> bool:
    """Is the noun at `noun` the subject of the verb at `offset` ("the deal ... was extended"; "has been
    extended": the verb the auxiliaries serve), not a noun of another clause ("the deal was signed, and tariffs
    remain in force")? Without a parse, nearness alone decides."""
    token = _token_at(article, offset)
    if token is None:
        return True
    while token.dep_ in ("aux", "auxpass") and token.head is not token:
        token = token.head
    return any(s <= noun < e for s, e in _subject_spans(article, token.idx))


def _continuation_mention(article: Article, span: tuple[int, int], status: str, offset: int) -> Mention:
    """The continuation sentence as a mention: its one step, the actors it names (who says so aside), its mediators."""
    start, end = span
    events = [e for e in article.all_events if start <= e.trigger.start < end]
    sources = [a.actor for a in article.attributions if a.source is not None and a.actor and start <= a.source.start < end]
    named = [a for s, e, a in article.actor_spans if start <= s < end and a not in sources]
    mention = Mention(start, end, article.text[start:end], [(status, offset)], events, list(dict.fromkeys(named)),
                      list(dict.fromkeys(sources)), continuation=True)
    mention.mediators = _mediators(article, mention)
    return mention


def _side_count(article: Article, mention: Mention) -> int:
    """How many sides a mention names: its parties that are a country or a proper name, one per country."""
    sides = {(a.country or a.id) for a in article.actors if a.id in _parties(mention) and _name_sides(article, [a.id])}
    return len(sides)


def _word_in(token, words: set[str]) -> bool:
    """Is the token one of `words` (lemmas)? Its lemma, or its form less a plural/third-person "s", since the
    tagger sometimes mislemmatizes a verb ("hopes" as "hop")."""
    form = token.lower_
    return token.lemma_.lower() in words or form in words or (form.endswith("s") and form[:-1] in words)


def _of_another(article: Article, offset: int) -> bool:
    """Is the status verb at `offset` said of something else than the ceasefire ("since the conflict began",
    "talks ended")? It is when it has a subject or an object and none of them, nor what its prepositions
    govern ("withdrew from the truce"), names a ceasefire."""
    token = _token_at(article, offset)
    if token is not None and token.dep_ in ("aux", "auxpass") and token.head is not token:
        token = token.head  # "was holding", "has held": the verb the auxiliary serves
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return False
    args = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    governed = [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for arg in args + governed:
        if arg.lower_ in RELATIVE and token.dep_ == "relcl":
            arg = token.head  # "a truce that took effect": the truce
        words = article.text[arg.left_edge.idx:arg.right_edge.idx + len(arg.right_edge)]
        if arg.lower_ in STANDS_FOR or any(p.search(words) for p in cues()["term"]):
            return False
    return bool(args)


def _said_of_ceasefire(article: Article, offset: int) -> bool:
    """Is the status verb at `offset` said of a ceasefire its subject names, however long that subject ("the truce
    between the government of the north and the river clans had been renewed")? Then it counts beyond STATUS_REACH."""
    token = _token_at(article, offset)
    if token is not None and token.dep_ in ("aux", "auxpass") and token.head is not token:
        token = token.head
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(p.match(article.text[c.idx:]) for c in subjects for p in cues()["term"])


def _describes(article: Article, offset: int) -> bool:
    """Is the declaration verb at `offset` a description of the ceasefire ("a Russian-brokered truce", "the
    second brokered by Russian officials") rather than news of its declaration? A verb modifying a noun, with
    no day of its own ("the truce signed on May 2" still dates its declaration). The caller keeps a description
    ("the truce brokered in April", "the UN-brokered truce") as the declaration when its sentence reports nothing
    else of the ceasefire."""
    token = _token_at(article, offset)
    if token is None or token.pos_ != "VERB" or token.dep_ not in ("amod", "acl"):
        return False
    own = _as_date(_cue_clause_time(article, offset))
    return own is None or own.precision != "day"


def _hedged(article: Article, offset: int, promise: bool = False) -> bool:
    """Is the word at `offset` negated, modal, conditional or wished for ("could agree", "has not agreed",
    "if the truce holds", "urged Russia to accept a ceasefire", "called for them to reciprocate by agreeing")?
    Looks at the word and the words it depends on, up through complements, to its clause's verb.
    `promise`: "will" and "would" do not hedge (a side saying it would halt its attacks declares a truce)."""
    hedges = HEDGES - PROMISES if promise else HEDGES
    token = _token_at(article, offset)
    for step in range(5):
        if token is None:
            return False
        if step and _word_in(token, WISHES):
            return True
        if any(c.dep_ in ("aux", "neg", "mark", "advmod") and c.lower_ in hedges for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "advcl", "ccomp", "acl", "dobj", "nsubj", "nsubjpass") \
                or token.head is token:
            return False
        token = token.head
    return False


def _mediators(article: Article, mention: Mention) -> list[str]:
    """Actors named right before a mediation word, joined to it ("a U.S.-proposed ceasefire", "UN-brokered"), or that are
    its subject ("Qatar brokered a truce", "the council sent a team to monitor the truce"), and those whose name ends
    in a go-between's title ("the UN envoy")."""
    out = []
    for pattern in cues().get("mediated", []):
        for m in pattern.finditer(mention.text):
            cue = mention.start + m.start()
            out += [actor for s, e, actor in article.actor_spans if mention.start <= s and e <= cue
                    and article.text[e:cue] in JOINED]  # "U.S.-proposed"; not "Israel, monitored by Y"
            if _is_verb(article, cue) or _as_role(article, cue):  # "a proposal by the government" is a side's;
                # "Qatar brokered", "Lavrov, who acted as a mediator" mediate
                subjects = _subject_spans(article, cue)
                out += [a for s, e, a in article.actor_spans if any(ss <= s < se for ss, se in subjects)]
    titled = {a.id for a in article.actors if a.name.split() and a.name.split()[-1].lower() in MEDIATOR_TITLES}
    out += [a for a in mention.actors if a in titled]
    return list(dict.fromkeys(out))


def _joined_to_mediation(article: Article, mention: Mention, end: int) -> bool:
    """Is a name ending at `end` glued to a mediation word after it ("the Algerian-brokered truce")? It names who
    mediates, not a side."""
    return any(article.text[end:mention.start + m.start()] in JOINED
               for pattern in cues().get("mediated", []) for m in pattern.finditer(mention.text))


def _as_role(article: Article, offset: int) -> bool:
    """Is the word at `offset` a role someone acts as ("acted as a mediator")?"""
    token = _token_at(article, offset)
    return token is not None and token.dep_ == "pobj" and token.head.lower_ == "as"


def _is_verb(article: Article, offset: int) -> bool:
    token = _token_at(article, offset)
    return token is not None and token.pos_ == "VERB"


def _token_at(article: Article, offset: int):
    """The spaCy token at a character offset (None without a parse)."""
    if article.doc is None:
        return None
    span = article.doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _parties(mention: Mention) -> list[str]:
    """The sides: the actors and recipients of the sentence's ceasefire events, else everyone it names
    (mediators and sources aside)."""
    from_events = [a for e in mention.events if _about_ceasefire(e) for a in e.actors + e.recipients]
    if from_events:
        return [a for a in dict.fromkeys(from_events) if a not in mention.mediators]
    return [a for a in mention.actors if a not in mention.mediators and a not in mention.sources]


def _doers(article: Article, mention: Mention, offset: int) -> list[str]:
    """Who declared, extended, ended or rejected: the subject of the cue word ("the rebels extended the
    truce"), else the actors of the event it triggers, else those of the sentence's ceasefire events (named
    in it), else its parties; mediators never. Doers that name no side ("their governments accepted") come
    with the sides the sentence names."""
    doers = _doers_named(article, mention, offset)
    if doers and not _name_sides(article, doers):
        doers += [a for a in mention.actors if a not in mention.mediators + mention.sources + doers
                  and _name_sides(article, [a])]
    return doers


def _doers_named(article: Article, mention: Mention, offset: int) -> list[str]:
    by_subject = [a for a in _subjects(article, mention, offset) if a not in mention.mediators]
    if by_subject:
        return by_subject
    for event in mention.events:
        if event.trigger.start <= offset < max(event.trigger.end, event.trigger.start + 1) and event.actors:
            return [a for a in event.actors if a not in mention.mediators]
    from_events = [a for e in mention.events if _about_ceasefire(e) for a in e.actors if a not in mention.mediators]
    return list(dict.fromkeys(a for a in from_events if a in mention.actors)) or _parties(mention)


def _article_sides(article: Article, actors: dict, mentions: list[Mention]) -> set[str]:
    """The countries of the sides the article names anywhere: its actors with a country that stand for a side (not the
    press, aid groups or civilians), less the mediators and whoever the article quotes. A sentence that says only
    that "our engagement with both countries has helped to halt the hostilities" speaks of the war between the
    countries named before it, not of the place where the talks were held."""
    mediators = {a for m in mentions for a in m.mediators}
    quoted = {a.actor for a in article.attributions if a.actor}
    return {k[1:] for k in party_keys(a for a in actors.values() if a.id not in mediators and a.id not in quoted)
            if k.startswith("@")}


def _name_sides(article: Article, ids: list[str]) -> bool:
    """Does any of these actors identify a side (a country or a proper name), unlike "the delegates"?"""
    return bool(party_keys(a for a in article.actors if a.id in ids))


def _subjects(article: Article, mention: Mention, offset: int) -> list[str]:
    """The actors that are the subject of the word at `offset` ("Hamas violated the truce": Hamas)."""
    spans = _subject_spans(article, offset)
    return list(dict.fromkeys(a for s, e, a in article.actor_spans
                              if a in mention.actors and any(ss <= s < se for ss, se in spans)))


def _subject_spans(article: Article, offset: int) -> list[tuple[int, int]]:
    """The character spans of the subjects (and passive agents) of the word at `offset`, following
    auxiliaries and open complements up to the verb that has them ("agreed to extend": the agreer)."""
    token = _token_at(article, offset)
    if token is not None and token.pos_ == "NOUN":
        # a noun's own "by" phrase names its doer ("condemns the violations of the truce by the Hill Front"),
        # not the subject of the verb the noun is the object of (the condemner)
        agents = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return [(g.left_edge.idx, g.right_edge.idx + len(g.right_edge)) for g in agents]
    for _ in range(5):
        if token is None:
            return []
        found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        found += [g for c in token.children if c.dep_ == "agent" for g in c.children]
        if found:
            return [(token.head.left_edge.idx, token.head.idx + len(token.head))
                    if c.lower_ in RELATIVE and token.dep_ == "relcl" and token.head is not token
                    else (c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in found]
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "thanked Israel for supporting the pause"
            objects = [c for c in token.head.head.children if c.dep_ == "dobj"]
            if objects:
                return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in objects]
        token = token.head if token.dep_ in ("xcomp", "conj", "acl", "relcl", "amod", "compound", "dobj", "pobj", "prep") \
            and token.head is not token else None
    return []


def _about_ceasefire(event: record.Event) -> bool:
    if event.mode == "ceasefire":
        return True
    return event.event_type in ("AGREE", "REJECT") and event.factuality != "negated"


def _coreferent(mention: Mention, groups: list[list[Mention]]) -> list[Mention] | None:
    """The ceasefire a mention speaks of: the one sharing most of its sides, else most of its conflict
    (the countries and names around it); one naming nothing is the one last spoken of. Only a mention
    whose conflict shares nothing with any earlier ceasefire's starts another."""
    if not groups:
        return None
    if not mention.conflict:
        return max(groups, key=lambda g: g[-1].start)
    for field_name in ("keys", "conflict"):
        mine = getattr(mention, field_name)
        overlap = [(len(mine & set().union(*(getattr(m, field_name) for m in g))), g) for g in groups]
        best = max(overlap, key=lambda o: o[0])
        if best[0]:
            return best[1]
    # A ceasefire whose mentions so far name nobody and nowhere takes the first mention that does.
    return next((g for g in groups if not any(m.conflict for m in g)), None)


def _record(article: Article, n: int, mentions: list[Mention]) -> record.Ceasefire:
    if any(offset != m.described for m in mentions for _, offset in m.statuses):
        for m in mentions:  # the article tells what happened: a description ("UN-brokered") is no step of it
            m.statuses = [(s, offset) for s, offset in m.statuses if offset != m.described]
    events = list({e.id: e for m in mentions for e in m.events if _about_ceasefire(e)}.values())
    recorded = {e.id for e in article.events}  # the record names only the events it keeps
    declarations = [e for e in events if e.event_type != "REJECT" and e.factuality in ("asserted", "conditional")]
    mediators = _union(m.mediators for m in mentions)
    declared = _earliest(e.date for e in declarations)
    sides = _sides(article, mentions)
    steps = [step for m in mentions for step in _steps(article, m, declared, sides)]
    # The declarers: the agreeing events' actors and who the declaration steps name ("delegates of the
    # army and the militia agreed to a truce": the delegates, and the two forces).
    declared_by = [a for a in _union([e.actors for e in declarations] + [s.actors for s in steps if s.status == "declared"])
                   if a not in mediators]
    if not declared_by:
        declared_by = [a for a in _union(_parties(m) for m in mentions if any(s == "declared" for s, _ in m.statuses))]
    toward = [a for a in _union(e.recipients for e in declarations) if a not in declared_by and a not in mediators]
    effective = _earliest(s.date for s in steps if s.status == "in_effect")
    ends = _earliest(s.date for s in steps if s.status == "ended")
    conditions, seen = [], set()
    for e in events:
        if e.condition is not None and e.condition.text not in seen:
            seen.add(e.condition.text)
            conditions.append(e.condition)
    return record.Ceasefire(
        id=f"c{n}", declared_by=declared_by, toward=toward, mediators=mediators, declared=declared,
        effective=effective, ends=ends, conditions=conditions, status=_status(steps),
        event_ids=[e.id for e in events if e.id in recorded], steps=_ordered(_fold_unattributed_violations(_collapse(steps))),
        needs_open_ceasefire=all(m.continuation for m in mentions),
    )


def _sides(article: Article, mentions: list[Mention]) -> list[str]:
    """The ceasefire's two sides as the article names them, for "both sides": those that accuse each other in its
    sentences, else the parties and actors its sentences name that name a side, less mediators and any of a
    mediator's country ("Russia's foreign minister, who acted as a mediator")."""
    accusers = [a for m in mentions for e in m.events if e.event_type == "ACCUSE" and _reciprocal(article, e)
                for a in e.actors + m.sources]
    if accusers:
        return list(dict.fromkeys(accusers))
    mediators = _union(m.mediators for m in mentions)
    mediating = {a.country for a in article.actors if a.id in mediators and a.country}
    named = _union(_parties(m) + [a for a in m.actors if a not in m.sources] for m in mentions)
    return [a.id for a in article.actors if a.id in named and a.id not in mediators
            and _name_sides(article, [a.id]) and a.country not in mediating]


def _steps(article: Article, mention: Mention, declared: record.EventDate | None,
           sides: list[str]) -> list[record.CeasefireStep]:
    steps = []
    for status, offset in mention.statuses:
        violated_by, claimed_by, date = [], list(mention.sources), None
        named = []
        if status == "violated":
            violated_by, claimed_by, date = _violation(article, mention, offset, declared, sides)
            named = [] if violated_by else _named_violators(article, mention, offset)
        restated = status == "declared" and offset in mention.restated
        # a restatement happened when its own clause says ("the truce brokered in April"), not when it is reported
        date = _own_date(article, mention, offset) if restated else date or _date_near(article, mention, offset)
        steps.append(record.CeasefireStep(
            status=status, date=date, actors=_doers(article, mention, offset) if status != "violated" else [],
            violated_by=violated_by, violators_named=named, claimed_by=list(dict.fromkeys(claimed_by)), restated=restated,
            evidence=record.Span(start=mention.start, end=mention.end, text=mention.text)))
    return steps


def _violation(article: Article, mention: Mention, offset: int, declared: record.EventDate | None, sides: list[str]):
    """(violators, who says so, date): the subject of the violation word ("Hamas violated the truce"), the
    accused of an accusation in the sentence (the accusers themselves when they accuse each other, or the
    ceasefire's `sides` when the sentence names them not: "both sides accused the other"), or the attackers
    of an attack in it; else the article's first dated, asserted attack by or on a party after the declaration."""
    by_subject = _subjects(article, mention, offset)
    if by_subject:
        return by_subject, mention.sources, _date_near(article, mention, offset)
    if _pronoun_subject(article, offset):  # "it fired before the truce ended": who "it" is, or no one
        span = _antecedent(article, mention)
        actors = [a for s, e, a in article.actor_spans if span and (s, e) == span]
        return actors[:1], mention.sources, _date_near(article, mention, offset)
    if _names_its_subject(article, offset):
        # the violation word's own subject names a side no actor stands for ("Hamas violated the truce when
        # gunmen fired"): it, not the attackers of the clause that tells how, is the violator (violators_named)
        return [], mention.sources, _date_near(article, mention, offset)
    for event in mention.events:
        if event.event_type == "ACCUSE" and _reciprocal(article, event) and (event.actors or sides):
            return event.actors or sides, event.actors + mention.sources, event.date
        if event.event_type == "ACCUSE" and event.recipients:
            return event.recipients, event.actors + mention.sources, event.date
        if event.event_type in ATTACKS and event.actors and event.factuality == "asserted":
            return event.actors, [c.actor for c in event.claimed_by if c.actor] + mention.sources, event.date
    parties = set(_parties(mention))
    for event in article.all_events:
        if event.event_type in ATTACKS and event.factuality == "asserted" and event.date and event.actors \
                and parties & set(event.actors + event.recipients) and (declared is None or event.date.value >= declared.value):
            return event.actors, [c.actor for c in event.claimed_by if c.actor] + mention.sources, event.date
    return [], mention.sources, None


def _reciprocal(article: Article, event: record.Event) -> bool:
    """Is the accusation's object "each other" ("the two armies accused each other of shelling")?"""
    token = _token_at(article, event.trigger.start)
    objects = [c for c in token.children if c.dep_ == "dobj"] if token is not None else []
    return any(article.text[c.left_edge.idx:c.idx + len(c)].lower() in RECIPROCAL for c in objects)


def _names_its_subject(article: Article, offset: int) -> bool:
    """Is the subject of the word at `offset` itself (not of a verb it hangs from) a name?"""
    token = _token_at(article, offset)
    subjects = [c for c in token.children if c.dep_ == "nsubj"] if token is not None else []
    return any(e.label in NAMED_SIDES and c.left_edge.idx <= e.start <= c.idx
               for c in subjects for e in article.entities)


def _pronoun_subject(article: Article, offset: int) -> bool:
    """Is the subject of the word at `offset` a pronoun ("It fired rockets before the truce ended")?"""
    spans = _subject_spans(article, offset)
    return bool(spans) and all(article.text[s:e].strip().lower() in PRONOUNS for s, e in spans)


def _antecedent(article: Article, mention: Mention) -> tuple[int, int] | None:
    """The span of the subject named shortly before the mention ("Hamas reneged on its commitments."),
    an actor's or a named organisation's, group's, country's or person's: what a pronoun subject stands for."""
    named = [(s, e) for s, e, _ in article.actor_spans] + \
        [(e.start, e.end) for e in article.entities if e.label in NAMED_SIDES]
    for s, e in sorted(set(named), reverse=True):
        if s >= mention.start or mention.start - s > ANTECEDENT_REACH:
            continue
        token = _token_at(article, e - 1)
        while token is not None and token.dep_ in ("compound", "amod", "det") and token.head is not token:
            token = token.head
        if token is not None and token.dep_ in ("nsubj", "nsubjpass"):
            return s, e
    return None


def _named_violators(article: Article, mention: Mention, offset: int) -> list[str]:
    """Violators no actor stands for, as the text names them: the names (organisations, groups,
    countries, people) in the violation word's subject ("Hamas violated the truce") or in the object
    of an accusation ("accused the Hill Front of breaching the truce")."""
    spans = _subject_spans(article, offset) or _accused_spans(article, offset)
    if _pronoun_subject(article, offset):
        spans = [span] if (span := _antecedent(article, mention)) else []
    return list(dict.fromkeys(e.text for e in article.entities if e.label in NAMED_SIDES
                              and any(ss <= e.start < se for ss, se in spans)))


def _accused_spans(article: Article, offset: int) -> list[tuple[int, int]]:
    """The object of the accusation the word at `offset` hangs from ("accused Y of violating": Y)."""
    token = _token_at(article, offset)
    for _ in range(4):
        if token is None or token.head is token:
            return []
        token = token.head
        if token.lemma_.lower() in ACCUSING:
            return [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in token.children if c.dep_ == "dobj"]
    return []


def _date_near(article: Article, mention: Mention, offset: int) -> record.EventDate | None:
    """The time of the cue's own clause ("the truce they declared on May 1"), else the date of the
    sentence's event nearest the cue, else of its nearest dated time expression."""
    bounds = {t.text for t in article.times if mention.start <= t.start < mention.end and _end_bound(article, t)}
    own = _own_date(article, mention, offset)
    if own is not None:
        return own
    dated = [(abs(e.trigger.start - offset), e.date) for e in mention.events
             if e.date is not None and e.date.text not in bounds]
    if dated:
        return min(dated, key=lambda d: d[0])[1]
    times = [(abs(t.start - offset), t) for t in article.times if mention.start <= t.start < mention.end
             and t.type == "DATE" and _as_date(t) is not None and t.text not in bounds]
    return _as_date(min(times, key=lambda d: d[0])[1]) if times else None


def _own_date(article: Article, mention: Mention, offset: int) -> record.EventDate | None:
    """The time of the cue's own clause ("the truce they declared on May 1"), unless it reads as the end a step runs to
    ("extended until March 30") in the sentence."""
    clause_time = _cue_clause_time(article, offset)
    bounds = {t.text for t in article.times if mention.start <= t.start < mention.end and _end_bound(article, t)}
    return _as_date(clause_time) if clause_time is not None and clause_time.text not in bounds else None


def _end_bound(article: Article, time: record.Time) -> bool:
    """Is the time the end a step runs to ("extended until March 30", "in force through May")? Then it is not when
    the step happened: the report dates it."""
    return bool(END_BOUND.search(article.text[max(0, time.start - 12):time.start]))


def _cue_clause_time(article: Article, offset: int) -> record.Time | None:
    """The time inside the clause of a verb cue ("declared ... on May 1"), if it holds one."""
    if article.doc is None:
        return None
    span = article.doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or span.root.pos_ != "VERB":
        return None
    words = list(span.root.subtree)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    time = governing_time(article, start, end)
    return time if time is not None and start <= time.start < end else None


def _as_date(time: record.Time | None) -> record.EventDate | None:
    week = re.fullmatch(r"(\d{4})-W(\d{2})", time.value or "") if time is not None else None
    if week:  # "a week ago": the week, dated by its Monday
        monday = datetime.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return record.EventDate(value=monday.isoformat(), precision="week", text=time.text)
    if time is None or not time.value or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", time.value):
        return None
    return record.EventDate(value=time.value, precision={10: "day", 7: "month", 4: "year"}[len(time.value)], text=time.text)


def _collapse(steps: list[record.CeasefireStep]) -> list[record.CeasefireStep]:
    """One step per status and date: an article restating a declaration ("the truce declared on Saturday")
    says it once; an undated restatement goes when a dated step of that status is there."""
    kept: dict[tuple, record.CeasefireStep] = {}
    for step in steps:
        key = (step.status, step.date.value if step.date else None)
        if key not in kept:
            kept[key] = step
        else:
            kept[key] = kept[key].model_copy(update={
                "actors": _union([kept[key].actors, step.actors]),
                "violated_by": _union([kept[key].violated_by, step.violated_by]),
                "claimed_by": _union([kept[key].claimed_by, step.claimed_by]),
                "restated": kept[key].restated and step.restated})  # news of a declaration beside its restatement: news
    dated = {status for status, value in kept if value}
    return [s for (status, value), s in kept.items() if value or status not in dated]


def _fold_unattributed_violations(steps: list[record.CeasefireStep]) -> list[record.CeasefireStep]:
    """A violation naming no violator beside one of the same article naming who committed it, a day apart at most
    ("Despite the truce, shelling killed seven on Friday. The truce has been violated by government troops"), is one
    violation: the named one, dated by the earlier day."""
    def day(step):
        return datetime.date.fromisoformat(step.date.value) if step.date and step.date.precision == "day" else None

    def unnamed(step):
        return step.status == "violated" and not (step.violated_by or step.violators_named) and day(step)

    out = list(steps)
    for step in [s for s in steps if unnamed(s)]:
        targets = [i for i, t in enumerate(out) if t.status == "violated" and (t.violated_by or t.violators_named)
                   and day(t) and abs((day(t) - day(step)).days) <= 1]
        if targets:
            target = out[targets[0]]
            out[targets[0]] = target.model_copy(update={"date": min(step.date, target.date, key=lambda d: d.value),
                                                         "claimed_by": _union([target.claimed_by, step.claimed_by])})
            out.remove(step)
    return out


def _earliest(dates) -> record.EventDate | None:
    dated = sorted((d for d in dates if d is not None), key=lambda d: (PRECISION_RANK[d.precision], d.value))
    return dated[0] if dated else None


def _ordered(steps: list[record.CeasefireStep]) -> list[record.CeasefireStep]:
    """Dated steps by date, and on one day in the order a ceasefire lives them (declared, in effect,
    extended, violated, ended: "it fired before the truce ended" is the violation, then the end);
    undated ones keep their place after the dated step before them."""
    if not all(s.date for s in steps):
        return steps
    return sorted(steps, key=lambda s: (s.date.value, STATUSES.index(s.status)))


def _status(steps: list[record.CeasefireStep]) -> str:
    """The latest reported status; an extension means the ceasefire is in effect (the contract's five values)."""
    if not steps:
        return "declared"
    latest = max(range(len(steps)), key=lambda i: (steps[i].date.value if steps[i].date else "", STATUSES.index(steps[i].status), i))
    status = steps[latest].status
    return "in_effect" if status == "extended" else status


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out += [i for i in items if i not in out]
    return out
