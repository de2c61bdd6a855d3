"""What the learned event models read: named features of a word, of an event's clause, of a role.

Each function gives sparse features as strings ("lemma=attack", "dep=dobj") that a model hashes
(linear.py), plus, for the trigger detector, the word's vector. They are computed the same way when a
model is trained (scripts/train_events.py) and when it is used, so they live here and nowhere else.
The rule-based readings of the parse (lexicon.py, clause.py) are features too: the models learn when
to believe them.
"""
from __future__ import annotations

import numpy as np
from spacy.tokens import Span, Token

from ...nlp import noun_chunks_of
from . import clause

CANDIDATE_POS = {"VERB", "NOUN", "PROPN", "ADJ"}
_MARKERS = {"if", "unless", "provided", "providing", "otherwise", "whether", "until", "once", "before", "after",
            "when", "while", "because", "although", "though"}
_QUOTES = set("\"“”")


def is_candidate(token: Token) -> bool:
    """Words that may express an event: verbs, nouns, adjectives, not dates or numbers."""
    return token.pos_ in CANDIDATE_POS and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY",
                                                                 "ORDINAL", "QUANTITY") and token.is_alpha


def trigger_features(token: Token, lexeme, known_lemmas=frozenset()) -> list[str]:
    """Sparse features of a word as a possible event trigger; `lexeme` is the lexicon's reading or None,
    `known_lemmas` the lexicon's words (a known word the lexicon does not read as a trigger was vetoed)."""
    head = token.head
    lemma = token.lemma_.lower()
    found = [f"lemma={lemma}", f"lower={token.lower_}", f"pos={token.pos_}", f"tag={token.tag_}", f"dep={token.dep_}",
             f"lemma_pos={lemma}|{token.pos_}", f"head={head.lemma_.lower()}", f"head_dep={lemma}|{token.dep_}",
             f"head_pos={head.pos_}", f"ent={token.ent_type_ or '-'}", f"ent_iob={token.ent_iob_}",
             f"suffix={token.lower_[-3:]}", f"shape={token.shape_[:4]}"]
    if lexeme is not None:
        found += [f"lex={lexeme.event_type}", f"lex_mode={lexeme.event_type}|{lexeme.mode}",
                  f"lex_lemma={lexeme.event_type}|{lemma}"]
    elif token.lemma_.lower() in known_lemmas:
        found.append("lex=vetoed")  # a trigger word whose company says it is none here ("cardiac arrest")
    else:
        found.append("lex=none")
    for child in token.children:
        found.append(f"child={child.dep_}|{child.lemma_.lower()}")
        if child.dep_ == "prep":
            found += [f"prep_obj={child.lower_}|{g.lemma_.lower()}" for g in child.children if g.dep_ == "pobj"]
        if child.dep_ in ("dobj", "nsubjpass", "nsubj"):
            found.append(f"arg={child.dep_}|{child.ent_type_ or child.lemma_.lower()}")
    if token.dep_ in ("dobj", "pobj", "attr", "xcomp", "ccomp"):
        found.append(f"governed_by={head.lemma_.lower()}|{token.dep_}")
    if token.i > 0:
        found.append(f"prev={token.doc[token.i - 1].lower_}")
    if token.i + 1 < len(token.doc):
        found.append(f"next={token.doc[token.i + 1].lower_}")
    found.append(f"sent_first={token.sent.start == 0}")
    return found


def token_vector(token: Token, sentence: np.ndarray | None = None) -> np.ndarray:
    """The word's vector, its head's and its sentence's (the mean of its words'), each of unit length
    and zeros where the model has none. `sentence` may be given, computed once a sentence."""
    if sentence is None:
        sentence = sentence_vector(token.sent)
    return np.concatenate([_word_unit(token), _word_unit(token.head), sentence])


_WORD_UNITS, _SENTENCE_UNITS = "truce_word_units", "truce_sentence_units"


def _word_unit(token: Token) -> np.ndarray:
    """_unit(token.vector), computed once a Doc for each word: the detector reads every candidate
    word with its head, and heads and common words recur. With static vectors a word's vector is its
    form's (so the form is the key); without them it is the token's own row of the Doc's tensor."""
    known = token.doc.user_data.setdefault(_WORD_UNITS, {})
    key = token.orth if token.vocab.vectors.size else -1 - token.i
    found = known.get(key)
    if found is None:
        found = known[key] = _unit(token.vector)
    return found


def sentence_vector(sentence: Span) -> np.ndarray:
    """The sentence's mean word vector at unit length, computed once a Doc for each sentence (the
    detector's two passes, over the rules' words and over the others, both read it)."""
    known = sentence.doc.user_data.setdefault(_SENTENCE_UNITS, {})
    key = (sentence.start, sentence.end)
    found = known.get(key)
    if found is None:
        found = known[key] = _unit(sentence.vector)
    return found


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector)) if vector.size else 0.0
    return (vector / norm).astype(np.float32) if norm else np.zeros(vector.shape or (300,), dtype=np.float32)


def factuality_features(trigger: Token, event_type: str, sentence: Span) -> list[str]:
    """Sparse features of how sure the text is that the event happened."""
    verb = clause.clause_root(trigger)
    found = [f"type={event_type}", f"tense_rule={clause.tense_of(trigger)}", f"negated_rule={clause.negated(trigger)}",
             f"inside_condition={clause.inside_condition(trigger)}",
             f"condition_rule={clause.condition_clause(trigger, sentence) is not None}",
             f"trigger_tag={trigger.tag_}", f"verb_tag={verb.tag_}", f"verb={verb.lemma_.lower()}",
             f"trigger_pos={trigger.pos_}", f"morph_tense={trigger.morph.get('Tense')}",
             f"verb_morph={verb.morph.get('Tense')}|{verb.morph.get('VerbForm')}"]
    chain = _governors(verb)
    for depth, governor in enumerate(chain):
        found += [f"gov{depth}={governor.lemma_.lower()}", f"gov={governor.lemma_.lower()}",
                  f"gov_dep{depth}={governor.dep_}"]
    for word in [trigger, verb, *chain]:
        for child in word.children:
            if child.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "prt"):
                found.append(f"{child.dep_}={child.lower_}")
    left = [t.lower_ for t in sentence if t.i < trigger.i]
    found += [f"marker_before={w}" for w in set(left) & _MARKERS]
    found.append(f"quoted={any(t.text in _QUOTES for t in sentence)}")
    return found


def _governors(verb: Token, limit: int = 3) -> list[Token]:
    chain, token = [], verb
    for _ in range(limit):
        if token.head.i == token.i or token.dep_ not in ("xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "conj",
                                                         "pobj", "prep", "dobj"):
            break
        token = token.head
        chain.append(token)
    return chain


def role_features(trigger: Token, mention: Span, event_type: str) -> list[str]:
    """Sparse features of a mention as the actor or recipient of the event at `trigger`."""
    head = mention.root
    path = dependency_path(trigger, head)
    distance = head.i - trigger.i
    found = [f"path={path}", f"path_type={event_type}|{path}", f"side={'before' if distance < 0 else 'after'}",
             f"distance={min(abs(distance) // 3, 6)}", f"ent={head.ent_type_ or '-'}", f"head_pos={head.pos_}",
             f"head_dep={head.dep_}", f"head={head.lemma_.lower()}", f"type={event_type}",
             f"trigger_pos={trigger.pos_}", f"passive={any(c.dep_ in ('auxpass', 'nsubjpass') for c in trigger.children)}",
             f"pronoun={head.pos_ == 'PRON'}", f"len={min(len(mention), 5)}"]
    preposition = head.head.lower_ if head.dep_ == "pobj" else "-"
    found += [f"prep={preposition}", f"prep_type={event_type}|{preposition}", f"dep_type={event_type}|{head.dep_}"]
    found += [f"rule={name}" for name, tokens in (("actor", clause.actor_tokens(trigger)),
                                                   ("recipient", clause.recipient_tokens(trigger, event_type)))
              if any(t.i in range(mention.start, mention.end) for t in tokens)]
    return found


def dependency_path(a: Token, b: Token, limit: int = 4) -> str:
    """The dependency labels from a up to the lowest common head and down to b ('^nsubj' style)."""
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    ids_b = [t.i for t in up_b]
    common = next((t for t in up_a if t.i in ids_b), None)
    if common is None:
        return "none"
    rise = [t.dep_ for t in up_a[:[t.i for t in up_a].index(common.i)]]
    fall = [t.dep_ for t in up_b[:ids_b.index(common.i)]]
    if len(rise) + len(fall) > limit:
        return "far"
    return "^" + "^".join(rise) + "|v" + "v".join(reversed(fall))


_ROLE_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "dative", "attr", "appos", "conj", "compound", "agent"}


_MENTIONS = "truce_mentions"


def mentions(sentence: Span) -> list[Span]:
    """The phrases of a sentence that may name a party: entities, noun chunks and pronouns, one a head.
    Found once a sentence (the role model reads them for each event of the sentence); the Doc keeps
    their bounds, not the Spans, which would hold the Doc in a reference cycle."""
    doc = sentence.doc
    known = doc.user_data.setdefault(_MENTIONS, {})
    key = (sentence.start, sentence.end)
    if key not in known:
        known[key] = [(m.start, m.end, m.label) for m in _find_mentions(sentence)]
    return [Span(doc, start, end, label=label) for start, end, label in known[key]]


def _find_mentions(sentence: Span) -> list[Span]:
    doc = sentence.doc
    found: dict[int, Span] = {}
    for span in [*sentence.ents, *noun_chunks_of(doc, within=sentence)]:
        if span.root.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"):
            continue
        known = found.get(span.root.i)
        if known is None or len(span) > len(known):
            found[span.root.i] = span
    for token in sentence:
        if token.pos_ == "PRON" and token.dep_ in _ROLE_DEPS and token.i not in found:
            found[token.i] = doc[token.i:token.i + 1]
    return sorted(found.values(), key=lambda s: s.start)
