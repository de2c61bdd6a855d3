"""Reading an event's clause on the dependency parse: who acts, who is acted on, how sure, on what condition."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..times import auxiliaries

NEGATIONS = {"not", "n't", "never", "no"}
FUTURE_AUX = {"will", "wo", "'ll", "shall"}
# Verbs (and nouns) that put the action they govern in the future or the merely possible.
PLANNING = {"plan", "intend", "aim", "prepare", "decide", "vow", "pledge", "promise", "threaten", "expect", "seek",
            "want", "hope", "agree", "offer", "propose", "consider", "determination", "determine", "plans",
            "ready", "going", "set", "due", "schedule", "warn", "threat", "resolve", "insist", "reiterate"}
POSSIBLE = {"consider", "hint", "mull", "weigh", "could", "might", "may", "possible", "likely", "unlikely", "option",
            "options", "perhaps", "possibly"}
# Types whose nouns take their patient with "of" ("the killing of protesters"); a withdrawal or a
# protest "of" someone names who acts.
ACTED_ON_BY_OF = {"ASSAULT", "COERCE"}
_RECIPIENT_PREPS = {"against", "on", "toward", "towards", "with", "to", "at", "into", "upon"}


def clause_root(trigger: Token) -> Token:
    """The verb whose clause the trigger belongs to (the trigger itself when it is a verb)."""
    token = trigger
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i or _has_auxiliary(token):
            return token
        token = token.head
    return token


def _has_auxiliary(token: Token) -> bool:
    """A word with an auxiliary is a verb, whatever its tag: title-case headlines ('Will Resume Attacks')
    get their verbs tagged as proper nouns."""
    return token.pos_ == "PROPN" and any(c.dep_ in ("aux", "auxpass") for c in token.children)


# Verbs that carry a nominal event without being one: "launched an attack", "agreed on a ceasefire".
LIGHT_VERBS = {"launch", "carry", "conduct", "stage", "mount", "hold", "make", "issue", "declare", "announce",
               "agree", "sign", "reach", "impose", "take", "have", "engage", "resort", "order", "present", "call",
               "begin", "start", "continue", "resume", "step", "offer", "propose", "reiterate", "renew", "stage",
               "hold", "lodge", "file", "undertake", "open", "launch"}
def _forms(verbs: set[str]) -> set[str]:
    """Regular inflections, because the lemmatizer slips ('staged' -> 'stag')."""
    out = set(verbs)
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        out |= {v + "s", stem + "ed", stem + "ing", v + "d"}
    return out | {"held", "made", "took", "had", "began", "begun", "undertook", "undertaken", "filed", "lodged"}


LIGHT_FORMS = _forms(LIGHT_VERBS)


def is_light(verb: Token) -> bool:
    return verb.lemma_.lower() in LIGHT_VERBS or verb.lower_ in LIGHT_FORMS


_CLIMB = ("xcomp", "advcl", "pcomp", "prep", "conj", "acl", "ccomp", "pobj")
_DURING = {"during", "in", "at", "throughout", "after"}


def actor_tokens(trigger: Token) -> list[Token]:
    """The heads of the phrases that name who acts."""
    if trigger.pos_ == "VERB":
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "csubj")]
        agents = [g for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or agents:
            return subjects + agents
        return _inherited_subject(trigger)
    # A nominal event: "the US threat", "Washington's plans", "rocket attacks by militias"
    owners = _owners(trigger)
    owners += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    if owners:
        return owners
    verb = clause_root(trigger)
    if verb.i != trigger.i and is_light(verb) and trigger.dep_ in ("pobj", "dobj", "attr"):
        return actor_tokens(verb)
    if verb.i != trigger.i and trigger.dep_ == "pobj" and trigger.head.lower_ in _DURING:
        return actor_tokens(verb)  # "Pompeo shared images with Salih during a phone call": Pompeo called
    return []


def _owners(noun: Token) -> list[Token]:
    """Who a noun belongs to: its possessor ("Washington's plans"), else a proper-noun compound ("US threat")."""
    marked = [t for t in noun.doc[max(0, noun.i - 6):noun.i]
              if t.dep_ == "poss" and t.head == noun or any(c.dep_ == "case" and c.lower_ in ("'s", "’s") for c in t.children)]
    if marked:
        return [marked[-1]]  # the nearest possessor, which the parser sometimes hangs elsewhere
    return [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]


def _inherited_subject(verb: Token) -> list[Token]:
    """'...agreed, saying they would halt' / 'plans to close' / 'by launching rockets' / 'a minister ... called':
    the subject (or owner) of the nearest governing clause."""
    if verb.dep_ == "relcl":
        return [c for c in verb.children if c.dep_ == "nsubj"]
    token = verb
    for _ in range(5):
        if token.dep_ not in _CLIMB or token.head.i == token.i:
            return []
        head = token.head
        if head.pos_ in ("NOUN", "PROPN") and token.dep_ == "acl":
            if _reduced_passive(token):
                return []  # "the journalist kidnapped in Gao" did not kidnap
            return _owners(head) or [head]
        if head.pos_ in ("VERB", "AUX"):
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                return subjects
        token = head
    return []


def _reduced_passive(verb: Token) -> bool:
    """A past participle describing a noun ('three protesters arrested on Monday'): the noun is acted on.
    A participle with an object, or one conjoined to a verb with one, is no passive: 'aid groups donated
    and delivered goods' is a misparsed main verb."""
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ == "dobj" for v in verbs for c in v.children)


def recipient_tokens(trigger: Token, event_type: str) -> list[Token]:
    """Who is acted on: the object, 'against X', 'on X', 'with X' (for meetings), passive subjects."""
    found = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    if _reduced_passive(trigger):
        found.append(trigger.head)  # "protesters arrested by police"
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # "with respect to US forces", "in regard to Iran": the party is one step further
            if pobj.lemma_.lower() in ("respect", "regard", "regards"):
                found += [g for p in pobj.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
            elif pobj.ent_type_ not in ("DATE", "TIME"):  # "on 20 September" names a day, not a party
                found.append(pobj)
    if trigger.pos_ == "NOUN" and not found and trigger.dep_ == "pobj" and trigger.head.lower_ in _DURING:
        # "...shared images of the sites with Salih during a phone call": the party met, wherever the
        # parser hung its "with"
        verb = clause_root(trigger)
        found += [g for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "with" for g in t.children if g.dep_ == "pobj"]
    if trigger.pos_ == "NOUN" and event_type in ACTED_ON_BY_OF:
        # "the kidnapping of Amanda Lindhout", "the arrest of two journalists": of an act done to
        # someone, "of" names who it was done to
        found += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
    if event_type == "REQUEST":
        # "called on Washington to send": the addressee, not the thing asked for
        found = [t for t in found if t.dep_ == "pobj"] or found
    return found


def negated(trigger: Token) -> bool:
    scope = [trigger] + ([trigger.head] if trigger.dep_ in ("xcomp",) else [])
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in ("neg", "det", "advmod") for t in scope for c in t.children)


def tense_of(trigger: Token) -> str:
    """asserted (past or present), future, or possible, from auxiliaries and governing verbs."""
    verb = clause_root(trigger)
    chain = [verb]
    for _ in range(4):
        if chain[-1].dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl", "pcomp", "conj") and chain[-1].head.i != chain[-1].i:
            chain.append(chain[-1].head)
        else:
            break
    for i, token in enumerate(chain):
        if i > 0 and _own_clause(chain[i - 1]):
            continue  # its coordinate's auxiliaries and verb are not its own; what governs both still counts
        auxes = auxiliaries(token)
        if auxes & FUTURE_AUX or "going" in auxes:
            return "future"
        if auxes & {"may", "might", "could", "can"}:
            return "possible"
        if auxes & {"would"}:
            return "future"
        if i > 0 and (token.lemma_.lower() in PLANNING) and chain[i - 1].dep_ in ("xcomp", "acl", "ccomp") \
                and not _past_finding(chain[i - 1]):
            return "future"
        if i > 0 and token.lemma_.lower() in POSSIBLE and chain[i - 1].dep_ != "conj":
            return "possible"
    if trigger.pos_ == "NOUN":
        owner = trigger.head
        if owner.lemma_.lower() in PLANNING and owner.i != trigger.i:
            return "future"
        return _told_by_its_adjective(trigger) or _modal_before(trigger) or "asserted"
    return _modal_before(trigger) or "asserted"


def _own_clause(verb: Token) -> bool:
    """'They were considered heroes and in 2019 he was sentenced': a conjoined verb with its own subject
    is a clause of its own, and takes no auxiliary or sense from the verb it is joined to. ('Police could
    arrest and jail them' shares its subject, and its 'could'.)"""
    # one that a subordinator opens ('but only after they torture me') depends on it, however parsed
    return (verb.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
            and not any(c.dep_ == "mark" for c in verb.children))


# "future attacks", "a planned march" have not happened; "possible strikes" may never.
FUTURE_ADJECTIVES = {"future", "planned", "upcoming", "forthcoming", "imminent", "proposed", "impending"}
POSSIBLE_ADJECTIVES = {"possible", "potential", "likely", "probable", "feared", "hypothetical", "eventual"}


def _told_by_its_adjective(noun: Token) -> str | None:
    adjectives = {c.lower_ for c in noun.children if c.dep_ == "amod"}
    if adjectives & FUTURE_ADJECTIVES:
        return "future"
    if adjectives & POSSIBLE_ADJECTIVES:
        return "possible"
    return None


def _past_finding(complement: Token) -> bool:
    """'determined that the army carried out an attack', 'agreed that rebels had fired': a that-clause in
    the past tense tells what happened, not what is planned."""
    return complement.dep_ == "ccomp" and (complement.tag_ == "VBD" or any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in complement.children))


def _modal_before(trigger: Token) -> str | None:
    """'..., Will Resume Attacks If ...': a headline's parse may lose the auxiliary, but it stands just
    before the event's words, with no punctuation between."""
    for token in reversed(trigger.doc[max(trigger.sent.start, trigger.i - 3):trigger.i]):
        if token.is_punct:
            return None
        if token.lower_ in FUTURE_AUX or token.lower_ == "would":
            return "future"
        if token.lower_ in ("may", "might", "could", "can"):
            return "possible"
    return None


def inside_condition(trigger: Token) -> bool:
    """'...to help defend Saudi Arabia if it is attacked': the event is the condition itself, a
    hypothesis, not something that happened."""
    token = clause_root(trigger)
    for _ in range(4):
        if any(c.lower_ in ("if", "unless") and c.dep_ == "mark" for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def condition_clause(trigger: Token, sentence: Span) -> Span | None:
    """The clause an event depends on: 'if ...', 'unless ...', 'providing that ...', 'otherwise': inside
    the event's own phrase, or modifying a clause that governs it ('plans to close ... unless ...')."""
    anchor = clause_root(trigger) if trigger.pos_ == "NOUN" else trigger
    governing = {anchor.i}
    token = anchor
    for _ in range(3):
        if token.head.i == token.i:
            break
        token = token.head
        governing.add(token.i)
    advcls = [t for t in sentence if t.dep_ == "advcl" and t.head.i in governing]
    scope = list(anchor.subtree) + [t for advcl in advcls for t in advcl.subtree]
    candidates = []
    for token in scope:
        if token.lower_ in ("if", "unless") and token.dep_ in ("mark", "advmod", "prep"):
            candidates.append(token)
        elif token.lower_ in ("providing", "provided") and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "that":
            candidates.append(token)
        elif token.lower_ == "otherwise":
            candidates.append(token)
    if not candidates:
        return None
    mark = candidates[0]
    clause_head = mark.head if mark.dep_ in ("mark",) else mark
    if mark.lower_ in ("providing", "provided"):
        clause_head = mark
    if mark.lower_ == "otherwise":
        return sentence.doc[mark.i:mark.i + 1]
    tokens = sorted(clause_head.subtree, key=lambda t: t.i)
    start = min(mark.i, tokens[0].i)
    end = max(t.i for t in tokens) + 1
    return sentence.doc[start:end]
