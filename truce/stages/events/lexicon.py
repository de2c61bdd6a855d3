"""Which words express which PLOVER event, and which ACLED type an event of that kind is.

The trigger lexicon (resources/events/triggers.tsv) is written from the PLOVER manual's definitions.
Some words name an event only with the right company ("launched rockets", "closed the embassy",
"a phone call", "rockets landed"); `event_type` checks that company on the parse.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from ..entities import head_nouns

TRIGGERS = Path(__file__).resolve().parents[2] / "resources" / "events" / "triggers.tsv"
STOPPED_BY = TRIGGERS.with_name("stopped_by.tsv")
WEAPONS = {"rocket", "missile", "mortar", "shell", "bomb", "drone", "grenade", "projectile", "katyusha", "artillery",
           "ied", "explosive", "airstrike", "strike", "attack", "raid", "offensive", "assault", "bullet", "gunfire"}
_ATTACK_NOUNS = {"attack", "raid", "offensive", "assault", "strike", "airstrike"}
_IMPACT_VERBS = {"land", "hit", "fall", "explode", "strike", "slam", "rain"}
_CLOSABLE = {"embassy", "consulate", "border", "office", "airspace", "mission", "crossing", "port", "airport"}
# What a government shuts down to silence or restrict it (manual 3.15: banning organisations, censoring
# publications, cutting off the internet); a shop or a plant shut down is business.
_SILENCEABLE = {"agency", "newspaper", "paper", "outlet", "station", "channel", "broadcaster", "website", "internet",
                "ngo", "organization", "organisation", "party", "union", "association", "charity", "group",
                "publication", "magazine", "network", "newsroom", "bureau"}
_FORMED = {"committee", "force", "unit", "militia", "brigade", "commission", "council", "coalition", "army"}
_AIR = {"air", "drone", "missile", "rocket", "military", "artillery", "aerial", "precision", "retaliatory"}
_LABOUR = {"general", "labor", "labour", "hunger", "workers", "national"}
_TIES = {"tie", "ties", "relation", "relations", "link", "links"}
_AID_GOODS = {"aid", "arm", "arms", "weapon", "weapons", "medicine", "medicines", "supply", "supplies", "food",
              "assistance", "equipment", "ammunition", "fuel", "vaccine", "vaccines", "money", "fund", "funds",
              "asylum", "loan", "loans", "grant", "help", "support", "intelligence", "shelter"}
_TROOPS = {"troop", "troops", "force", "forces", "soldier", "soldiers", "reinforcement", "reinforcements", "warship",
           "warships", "police", "army", "unit", "units", "tank", "tanks", "jet", "jets"}
_RESTRICTIONS = {"curfew", "restriction", "restrictions", "ban", "emergency", "measure", "measures", "lockdown",
                 "rule", "rules", "law", "order"}
_PENALTIES = {"sanction", "sanctions", "blockade", "siege", "embargo", "boycott"}
_GATHERINGS = {"demonstration", "protest", "rally", "march", "meeting", "gathering", "strike", "vigil", "sit-in"}
_ASKED_FOR = {"refuge", "asylum", "help", "aid", "support", "assistance", "protection", "release", "extradition"}
_WORKFORCE = {"worker", "union", "employee", "staff", "teacher", "doctor", "nurse", "miner", "labour", "labor"}
_ROADS = {"road", "roads", "highway", "street", "bridge", "railway", "traffic", "transport", "access"}
_BODILY = {"cardiac", "heart", "respiratory", "cardiopulmonary", "cardio-respiratory", "circulatory"}
_VEHICLES = {"car", "vehicle", "truck", "bus", "motorcycle", "boat", "tanker", "device", "pipeline", "plant",
             "factory", "depot", "warehouse", "gas", "ammunition", "mine", "landmine", "suicide"}
# Words of a contest, in which to beat someone is to defeat them, not to hit them.
_CONTESTS = {"match", "game", "final", "semifinal", "cup", "tournament", "championship", "league", "title", "election",
             "vote", "poll", "win", "victory", "incumbent", "primary", "runoff", "nomination", "medal"}
_SCORE = re.compile(r"\b\d{1,3}[-–]\d{1,3}\b")
_QUANTITY_NOUNS = {"number", "series", "host", "lot", "range", "variety", "string", "set"}
_CIVILIANS = {"protester", "protesters", "demonstrator", "demonstrators", "worker", "workers", "resident",
              "residents", "farmer", "farmers", "student", "students", "villager", "villagers", "activist",
              "activists", "people", "crowd", "crowds", "driver", "drivers", "trucker", "truckers"}


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str          # V, N or *
    event_type: str
    mode: str | None
    particle: str | None


class Lexicon:
    def __init__(self, path: Path = TRIGGERS):
        self.by_lemma: dict[str, list[Trigger]] = {}
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if not row or row[0].startswith("#"):
                    continue
                lemma, pos, event_type = row[0], row[1], row[2]
                mode = row[3] if len(row) > 3 and row[3] else None
                word, _, particle = lemma.partition("_")
                self.by_lemma.setdefault(word, []).append(Trigger(word, pos, event_type, mode, particle or None))

    def match(self, token: Token) -> Trigger | None:
        """The trigger this token is, if any: part of speech, particle and company checked."""
        trigger = self._match(token) or _custody_or_captivity(token)
        if trigger is None:
            return None
        objects = {o.lemma_.lower() for o in _objects(token)}
        if trigger.lemma == "protest" and token.pos_ == "NOUN" and token.head.lemma_.lower() in ("lodge", "file", "register", "deliver", "issue"):
            return Trigger("protest", "N", "ACCUSE", "disapprove", None)  # "lodged a protest": a complaint, not a rally
        if trigger.lemma == "strike" and token.pos_ == "NOUN" and _labour_strike(token):
            return Trigger("strike", "N", "PROTEST", "strike", None)  # "a general strike", "workers' strike"
        if trigger.lemma == "attack" and _modifiers(token) & {"cyber", "ransomware", "hacking"}:
            return Trigger("attack", "N", "COERCE", "cyber", None)  # manual 3.15: cyber attacks are COERCE
        if trigger.lemma == "accept" and objects & {"demand", "condition", "term"}:
            return Trigger("accept", "V", "CONCEDE", None, None)  # accepting demands yields (manual 3.4)
        if trigger.lemma == "cancel" and objects & {"visit", "talks", "talk", "meeting", "trip"}:
            return Trigger("cancel", "V", "REJECT", None, None)  # a cancelled meeting is rejected (manual 3.13)
        if trigger.lemma in ("fight", "fighting", "battle", "combat", "beat") and self._figurative(token):
            return None  # "fought corruption", "beat the cancer", "fighting to get an interview": no assault
        if trigger.lemma == "beat" and token.pos_ == "VERB" and _contest(token.sent):
            return None  # "Peru beat Chile 2-1", "the senator beat the incumbent": a defeat in a contest
        if trigger.event_type == "RETREAT" and trigger.lemma in ("release", "free") and _released_thing(token):
            return None  # "released a statement", "data released by the ministry": no one was set free
        if trigger.lemma in ("explosion", "blast") and self._figurative(token):
            return None  # "an explosion of applications": a sudden growth
        if trigger.lemma == "offensive" and _modifiers(token) & _CAMPAIGNS:
            return None  # "a charm offensive", "a diplomatic offensive": a campaign to win favour
        if trigger.lemma in ("attack", "assault") and _abstract_under_attack(token):
            return None  # "freedom of expression is under attack": no one is hurt
        if trigger.lemma in ("vow", "swear"):
            return self._vowed(token)
        if trigger.lemma == "impose" and objects & (_RESTRICTIONS | {"blockade", "siege", "martial"}):
            return Trigger("impose", "V", "COERCE", "curfew" if "curfew" in objects else "restrict", None)
        if trigger.lemma == "send" and objects & _TROOPS:
            return Trigger("send", "V", "MOBILIZE", "troops", None)
        if trigger.lemma in ("lift", "cancel") and objects & _RESTRICTIONS:
            return Trigger(trigger.lemma, "V", "CONCEDE", None, None)  # easing restrictions concedes
        if trigger.lemma == "lift" and objects & _PENALTIES:
            return Trigger("lift", "V", "RETREAT", "ease", None)
        return trigger

    def _figurative(self, word: Token) -> bool:
        """A fight for a goal ('fighting to get') or against a thing that is neither a party nor an
        armed event ('fights an impeachment', 'battling the order', 'a battle against illness', 'an
        explosion of applications'); 'fought the rebels', 'fought a battle', 'a battle with the
        army', 'an explosion of a car bomb' are violent."""
        if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in word.children):
            return True
        if word.pos_ == "VERB":
            target = next((c for c in word.children if c.dep_ == "dobj"), None)
        else:
            target = _object_of(word, "of" if word.lemma_.lower() in ("explosion", "blast") else "against")
        return target is not None and not (
            _names_a_party(target) or target.lemma_.lower() in self.by_lemma or target.lemma_.lower() in WEAPONS | _VEHICLES)

    def _vowed(self, token: Token) -> Trigger | None:
        """'vowed to fight on' threatens; 'vowed to cooperate' promises; a bare 'vowed' is neither."""
        act = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if act is None:
            return None
        acts = {t.event_type for t in self.by_lemma.get(act.lemma_.lower(), [])}
        if acts & {"ASSAULT", "COERCE", "SANCTION"}:
            return Trigger(token.lemma_.lower(), "V", "THREATEN", act.lemma_.lower(), None)
        return Trigger(token.lemma_.lower(), "V", "AGREE", None, None)

    def _match(self, token: Token) -> Trigger | None:
        if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.ent_type_ in ("DATE", "TIME"):
            return None  # "Friday March 20" names a day, not a march
        pos = "V" if token.pos_ == "VERB" else "N"
        lemma = hyphenated(token) or token.lemma_.lower()
        if lemma not in self.by_lemma:
            # The lemmatizer slips on some inflections ("staged" -> "stag"): try the regular stems.
            lemma = next((s for s in _stems(token.lower_) if s in self.by_lemma), lemma)
        for trigger in self.by_lemma.get(lemma, []) + self.by_lemma.get(token.lower_, []):
            if trigger.pos not in ("*", pos):
                continue
            if trigger.particle and not _has_particle(token, trigger.particle):
                continue
            if not trigger.particle and pos == "V" and any(
                    t.particle and t.pos == "V" and _has_particle(token, t.particle) for t in self.by_lemma.get(lemma, [])):
                continue  # "call on" is a request, so its bare "call" reading is not tried
            if _in_company(token, trigger):
                return trigger
        if pos == "V" and lemma in _IMPACT_VERBS and _subject_is_weapon(token):
            return Trigger(lemma, "V", "ASSAULT", "heavy-weapons", None)  # "rockets landed near the airport"
        return None


@functools.cache
def stopping_governors(path: Path = STOPPED_BY) -> dict[tuple[str, str], str]:
    """{(governor lemma, relation): kind} of resources/events/stopped_by.tsv."""
    with path.open(encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return {(governor, relation): kind for governor, relation, kind in rows}


@functools.cache
def _governor_lemmas() -> frozenset[str]:
    return frozenset(governor for governor, _ in stopping_governors())


# Prepositions that introduce members of the noun they hang on ("operations, including air strikes").
_EXAMPLE_MARKERS = {"including"}


def stopped(token: Token) -> bool:
    """Is the word what a governor prevents, forbids or is to stop ("to halt attacks", "a ban on
    protests", "an end to the shelling")? Then it tells of no act that happened: the stopping is the event."""
    if token.dep_ == "conj":
        token = token.head  # "a ban on rallies and marches": the first conjunct is the object
    if token.dep_ == "pobj" and token.head.lower_ in _EXAMPLE_MARKERS and token.head.head.pos_ in ("NOUN", "PROPN"):
        token = token.head.head  # "halt their operations, including air strikes": an example shares its head's fate
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" \
            and token.head.head.lemma_.lower() not in _governor_lemmas():
        token = token.head.head  # "prevent any form of aid": the act is what the measure word measures
    if token.dep_ == "dobj":
        governor, relation = token.head, "dobj"
    elif token.dep_ == "pobj":
        governor, relation = token.head.head, token.head.lower_
    else:
        return False
    kind = stopping_governors().get((governor.lemma_.lower(), relation))
    if kind == "cease":
        # "halted the march" (a reported past act) stopped a march that happened
        return governor.pos_ != "VERB" or governor.tag_ == "VB"
    return kind == "prevent"


@functools.cache
def party_nouns() -> frozenset[str]:
    """Nouns for people, bodies and places ('police', 'leader', 'zone'), from the entities lexicon."""
    return head_nouns("PERSON", "ORG", "FAC", "LOC")


def _contest(sentence: Span) -> bool:
    """A sentence about a match or an election: a score ("2-1", "6-4") or a word of a contest."""
    return bool(_SCORE.search(sentence.text)) or any(t.lemma_.lower() in _CONTESTS for t in sentence)


def _released_thing(verb: Token) -> bool:
    """What the verb releases is a thing, not a person or body ("released a report", "the video released
    on Monday"); when the parse shows nothing released, the release stands."""
    target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if target is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        target = verb.head
    if target is None:
        return False
    return not (target.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or target.pos_ in ("PRON", "NUM")
                or target.lemma_.lower() in party_nouns())


def _names_a_party(token: Token) -> bool:
    """A name, a pronoun or a noun for people, bodies or places: someone an act can be done to."""
    return bool(token.ent_type_) or token.pos_ in ("PRON", "PROPN") or token.lemma_.lower() in party_nouns()


def _abstract_under_attack(word: Token) -> bool:
    """'Press freedom is under attack' says a value is threatened; 'the town came under attack' and
    'journalists are under attack' name parties that are attacked."""
    if word.dep_ != "pobj" or word.head.lower_ != "under":
        return False
    verb = word.head.head
    target = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if target is None and verb.dep_ in ("acl", "amod", "appos"):
        target = verb.head  # "democracy under attack"
    if target is None and word.head.dep_ == "prep" and verb.pos_ in ("NOUN", "PROPN"):
        target = verb
    return target is not None and not _names_a_party(target)


def hyphenated(token: Token) -> str | None:
    """'sit-in', 'cease-fires': the tokenizer splits a hyphenated word; its last part stands for it."""
    i = token.i
    if i < 2 or token.doc[i - 1].text != "-" or token.doc[i - 1].whitespace_ or token.doc[i - 2].whitespace_:
        return None
    return f"{token.doc[i - 2].lower_}-{token.lower_}"


def _stems(word: str) -> list[str]:
    stems = []
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                                ("es", ""), ("s", ""), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.append(word[: len(word) - len(suffix)] + replacement)
    return stems


def _custody_or_captivity(token: Token) -> Trigger | None:
    """'were taken into custody', 'took him into police custody': an arrest said without its verb;
    'held hostage', 'took them captive', 'held against their will': an abduction."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in ("take", "hold", "keep"):
        return None
    if token.lemma_.lower() == "take" and any(o.lemma_.lower() == "custody" for o in _pobjs(token, "into")):
        return Trigger("take", "V", "COERCE", "arrest", None)
    if any(c.lower_ in _CAPTIVE for c in token.children if c.dep_ not in ("nsubj", "nsubjpass")) \
            or any(o.lemma_.lower() == "will" for o in _pobjs(token, "against")):
        return Trigger(token.lemma_.lower(), "V", "ASSAULT", "abduct", None)
    return None


_CAPTIVE = {"hostage", "hostages", "captive", "captives"}


def _object_of(noun: Token, preposition: str) -> Token | None:
    """The object of the noun's preposition, past quantity words: 'against a number of problems' -> problems."""
    target = next(_pobjs(noun, preposition), None)
    while target is not None and target.lemma_.lower() in _QUANTITY_NOUNS:
        target = next(_pobjs(target, "of"), None)
    return target


def _pobjs(token: Token, preposition: str):
    """The objects of the token's prepositions of this word, in order ('custody' of 'taken into custody')."""
    return (o for p in token.children if p.dep_ == "prep" and p.lower_ == preposition
            for o in p.children if o.dep_ == "pobj")


def _has_particle(token: Token, particle: str) -> bool:
    return any(c.lower_ == particle and c.dep_ in ("prt", "prep") for c in token.children)


def _objects(token: Token) -> list[Token]:
    """Objects, prepositional objects, and what an object is 'of' ('a state of emergency')."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "pobj", "nsubjpass")]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        objects += [c for c in prep.children if c.dep_ == "pobj"]
    return objects + [g for o in objects for g in _pobjs(o, "of")]


def _labour_strike(strike: Token) -> bool:
    """A strike by workers, not from the air: a labour modifier, or workers and unions in its sentence."""
    if _modifiers(strike) & _AIR:
        return False
    return bool(_modifiers(strike) & _LABOUR or {t.lemma_.lower() for t in strike.sent} & _WORKFORCE)


# What an offensive that wins favour rather than ground is made of.
_CAMPAIGNS = {"charm", "diplomatic", "media", "pr", "propaganda", "publicity", "peace", "public-relations"}


def _modifiers(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}


def _subject_is_weapon(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in WEAPONS for c in token.children)


def _in_company(token: Token, trigger: Trigger) -> bool:
    lemma = trigger.lemma
    objects = {o.lemma_.lower() for o in _objects(token)}
    modifiers = _modifiers(token)
    if lemma in ("launch", "fire"):
        # "launched an attack": the noun is the event and "launch" its light verb; "launched rockets" is one
        return bool(objects & (WEAPONS - _ATTACK_NOUNS)) or lemma == "fire" and not objects
    if lemma == "close":
        return bool(objects & _CLOSABLE)
    if lemma == "shut":
        return bool(objects & _SILENCEABLE)
    if lemma == "ban":
        return _bans_a_party(token)
    if lemma in ("create", "form"):
        return bool(objects & _FORMED)
    if lemma == "call" and trigger.pos == "N":
        return bool(modifiers & {"phone", "telephone", "conference"})
    if lemma in ("return", "share", "exchange", "free", "back", "press", "host", "station"):
        return bool(objects)
    if lemma == "establish":
        return bool(objects & _TIES)
    if lemma in ("provide", "grant", "send", "give", "hand", "shelter"):
        return bool(objects & _AID_GOODS) or lemma == "shelter"
    if lemma == "contribute":
        return bool(objects & (_AID_GOODS | _TROOPS))
    if lemma in ("reduce", "cut"):
        return bool(objects & (_AID_GOODS | _TIES))
    if lemma in ("upgrade", "restore"):
        return bool(objects & _TIES)
    if lemma == "defend":  # verbal defence of a party; troops defending a town are fighting
        return not {c.lemma_.lower() for c in token.children if c.dep_ == "nsubj"} & _TROOPS
    if lemma == "prevent":
        return bool(objects & _GATHERINGS)
    if lemma == "seek":
        return bool(objects & _ASKED_FOR)
    if lemma == "beat":
        return bool(objects) or _has_particle(token, "up")
    if lemma in ("strengthen", "bolster", "reinforce"):
        return bool(objects & _TROOPS) or lemma == "reinforce"
    if lemma == "shorten":
        return bool(objects & _RESTRICTIONS)
    if lemma in ("ease", "relax"):
        return bool(objects & _RESTRICTIONS)
    if lemma == "lift":
        return bool(objects & (_RESTRICTIONS | _PENALTIES))
    if lemma == "cancel":
        return bool(objects & ({"visit", "talks", "meeting", "trip", "contract", "deal"} | _RESTRICTIONS))
    if lemma == "block":
        subjects = {c.lemma_.lower() for c in token.children if c.dep_ == "nsubj"} | {c.lower_ for c in token.children if c.dep_ == "nsubj"}
        return bool(subjects & _CIVILIANS or objects & _ROADS)
    if lemma == "decline":
        return any(c.dep_ == "xcomp" for c in token.children)
    if lemma == "strike" and trigger.pos == "V":
        return any(c.lemma_.lower() in _CIVILIANS for c in token.children if c.dep_ == "nsubj")
    if lemma in ("talk",) and trigger.pos == "V":
        return any(c.lower_ == "with" for c in token.children)
    if lemma == "arrest" and token.pos_ != "VERB":
        return not modifiers & _BODILY  # "died of cardiac arrest": a death, not a detention
    if trigger.event_type == "ASSAULT" and token.pos_ == "VERB" and objects and objects <= _REFLEXIVES:
        return False  # "drove her to kill herself": a suicide, no attack ("killed himself and six others" is)
    return True


_PUBLICATIONS = {"book", "film", "song", "app", "platform", "broadcast", "programme", "program", "show", "article"}


def _bans_a_party(ban: Token) -> bool:
    """'banned the opposition party', 'banned protests', 'was banned from travelling' restrict parties
    and their rights (manual 3.15); a law that 'bans genocide' or a state that bans flogging does not."""
    objects = _objects(ban)
    return not objects or any(_names_a_party(o) or o.lemma_.lower() in (_GATHERINGS | _SILENCEABLE | _PUBLICATIONS)
                              for o in objects)


_REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "yourself", "ourselves", "oneself"}


# ACLED codebook names (event type, sub-event type), chosen by the words around a PLOVER event.
ACLED_RULES: list[tuple[str, set[str], tuple[str, str]]] = [
    ("ASSAULT", {"chemical", "chlorine", "sarin", "mustard", "toxic"}, ("Explosions/Remote violence", "Chemical weapon")),
    ("ASSAULT", {"suicide"}, ("Explosions/Remote violence", "Suicide bomb")),
    ("ASSAULT", {"airstrike", "airstrikes", "warplane", "warplanes", "jet", "jets", "drone", "drones", "helicopter",
                 "aircraft", "air", "bombard", "bombarded"}, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", {"grenade", "grenades"}, ("Explosions/Remote violence", "Grenade")),
    ("ASSAULT", {"ied", "ieds", "landmine", "landmines", "mine", "mines", "roadside", "car", "explosive", "explosives",
                 "bomb", "bombs", "bombing", "blast", "explosion", "detonated", "booby"}, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", {"rocket", "rockets", "missile", "missiles", "mortar", "mortars", "shell", "shells", "shelling",
                 "shelled", "artillery", "katyusha"}, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", {"rape", "raped", "sexual", "sexually"}, ("Violence against civilians", "Sexual violence")),
    ("ASSAULT", {"abducted", "kidnapped", "abduction", "kidnapping", "disappeared", "abduct", "kidnap"},
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("ASSAULT", {"clash", "clashes", "clashed", "fighting", "battle", "battled", "exchange", "firefight", "gunbattle"},
     ("Battles", "Armed clash")),
    ("ASSAULT", {"mob", "lynched", "lynch", "vigilante"}, ("Riots", "Mob violence")),
    ("ASSAULT", set(), ("Violence against civilians", "Attack")),
    ("PROTEST", {"riot", "rioters", "rioting", "stones", "torched", "vandalized", "violent", "clashed"}, ("Riots", "Violent demonstration")),
    ("PROTEST", {"tear", "dispersed", "police", "arrested", "detained"}, ("Protests", "Protest with intervention")),
    ("PROTEST", set(), ("Protests", "Peaceful protest")),
    ("COERCE", {"arrest", "arrested", "detained", "detain", "custody", "nabbed"}, ("Strategic developments", "Arrests")),
    ("COERCE", {"looted", "looting", "torched", "burned", "destroyed", "demolished", "vandalised", "vandalized"},
     ("Strategic developments", "Looting/property destruction")),
    ("COERCE", {"seized", "captured", "recaptured"}, ("Strategic developments", "Disrupted weapons use")),
    ("AGREE", set(), ("Strategic developments", "Agreement")),
    ("RETREAT", {"ceasefire", "truce", "cease-fire"}, ("Strategic developments", "Agreement")),
    ("RETREAT", {"withdrew", "withdraw", "withdrawal", "handed", "handover"}, ("Strategic developments", "Non-violent transfer of territory")),
    ("COOPERATE", set(), ("Strategic developments", "Agreement")),
    ("CONSULT", set(), ("Other", "Diplomatic event")),
    ("SUPPORT", set(), ("Other", "Diplomatic event")),
    ("REQUEST", set(), ("Other", "Diplomatic event")),
    ("REJECT", set(), ("Other", "Diplomatic event")),
    ("ACCUSE", {"responsibility", "claimed"}, ("Other", "Attribution of responsibility")),
    ("ACCUSE", set(), ("Other", "Diplomatic event")),
    ("SANCTION", set(), ("Other", "Diplomatic event")),
    ("MOBILIZE", set(), ("Strategic developments", "Change to group/activity")),
]


def acled_type(event_type: str, words: set[str]) -> tuple[str, str] | None:
    for rule_type, keywords, acled in ACLED_RULES:
        if rule_type == event_type and (not keywords or keywords & words):
            return acled
    return None
