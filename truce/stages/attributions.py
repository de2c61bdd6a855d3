"""attributions: every quote and reported statement, as source / cue / content spans.

Forms read from the dependency parse:
- a reporting verb and its complement: "X said (that) Y", "X told MEE Y", "X has learned Y";
- the same verb after its content: "Y, X said" / "Y," said X (the content is the rest of the clause);
- "according to X, Y" and "Y, according to X";
- direct quotes, also over several paragraphs, take the nearest reporting verb as cue.
A content that itself holds a reported statement ("officials said Pompeo told Salih that ...") gives
both attributions: nesting is kept. The source's actor is filled in by the actors stage.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import record
from ..article import Article
from ..nlp import text_of

# Verbs that report speech, writing or a stance (lemmas).
REPORTING = {
    "say", "tell", "report", "claim", "announce", "add", "state", "note", "explain", "argue", "believe", "think",
    "write", "insist", "warn", "suggest", "acknowledge", "admit", "deny", "confirm", "learn", "allege", "ask",
    "urge", "predict", "estimate", "reveal", "testify", "tweet", "post", "respond", "reply", "recall", "complain",
    "concede", "contend", "declare", "emphasize", "emphasise", "indicate", "maintain", "mention", "promise",
    "remark", "stress", "vow", "fear", "assert", "agree", "disclose", "charge", "accuse", "point", "observe",
    "caution", "conclude", "find", "show", "know", "feel", "hope", "expect", "understand", "speculate",
    "signal", "demand", "boast", "lament", "pledge", "threaten", "counter", "quip", "joke", "concede", "assure",
    "inform", "reiterate", "describe", "characterize", "announce", "question", "doubt", "recommend", "propose",
}
# Verbs of stance whose content may be their object ("criticized the plan", "called for a ceasefire").
STANCE = {"call", "cite", "criticize", "criticise", "want", "plan", "support", "attack", "decline", "decide",
          "propose", "praise", "describe", "encourage", "echo", "prefer", "oppose", "condemn", "blame", "welcome",
          "reject", "endorse", "defend", "dismiss", "question", "applaud", "slam", "accuse", "demand", "urge",
          "back", "favor", "favour", "refuse", "vow", "pledge", "promise", "threaten", "seek"}
# Nouns that introduce reported content: "a statement that", "the claim that".
_QUOTE_PAIRS = [("\u201c", "\u201d"), ('"', '"')]
_COMPLEMENT_DEPS = ("ccomp", "xcomp")


class Attributions:
    """Fills article.attributions from article.doc."""

    def __call__(self, article: Article) -> None:
        article.attributions = find(article.doc)


def _span(doc: Doc, start: int, end: int) -> record.Span:
    return record.Span(start=start, end=end, text=text_of(doc)[start:end])


def _tokens_span(tokens: list[Token]) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_punct or t.text in ("\u201d", '"', "%")]
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _subtree(token: Token, exclude: set[int] = frozenset()) -> list[Token]:
    return [t for t in token.subtree if t.i not in exclude]


def find(doc: Doc) -> list[record.Attribution]:
    found: list[record.Attribution] = []
    seen: set[tuple[int, int]] = set()
    for token in doc:
        attribution = _from_reporting_verb(token) or _from_according_to(token)
        if attribution is None:
            continue
        key = (attribution.content.start, attribution.content.end)
        if key not in seen:
            seen.add(key)
            found.append(attribution)
    found = _widen_to_quotes(doc, found)
    seen = {(a.content.start, a.content.end) for a in found}
    found.extend(a for a in _direct_quotes(doc, seen))
    return sorted(found, key=lambda a: a.content.start)


def _quotes(text: str):
    for opening, closing in _QUOTE_PAIRS:
        pattern = re.compile(re.escape(opening) + r"([^" + re.escape(closing) + r"]{20,3000})" + re.escape(closing))
        for m in pattern.finditer(text):
            yield m


def _widen_to_quotes(doc: Doc, found: list[record.Attribution]) -> list[record.Attribution]:
    """A verb read only the last sentence of a quote it closes: its content is the whole quote."""
    for m in _quotes(text_of(doc)):
        start, end = m.start(1), m.end(1)
        for i, a in enumerate(found):
            inside = start <= a.content.start and a.content.end <= end + 1
            cue_near = end <= a.cue.start <= end + 80 or start - 80 <= a.cue.end <= start
            if inside and cue_near and (a.content.start, a.content.end) != (start, end):
                found[i] = a.model_copy(update={"content": _span(doc, start, end)})
    return found


def _from_reporting_verb(verb: Token) -> record.Attribution | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or lemma not in REPORTING | STANCE:
        return None
    subject = _subject_of(verb)
    complement = next((c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS and c.i > verb.i), None)
    if complement is None and lemma in STANCE:
        complement = _stance_object(verb)
    source = _tokens_span(list(subject.subtree)) if subject is not None else None
    if lemma not in REPORTING and complement is None:
        return None
    if complement is not None:
        content = _tokens_span(list(complement.subtree))
    elif verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        # "Y, X said": the content is the head clause, less the reporting clause itself.
        content = _tokens_span(_subtree(verb.head, {t.i for t in verb.subtree}))
    elif verb.dep_ == "ROOT":
        # "Y," said X / "Y," X said, with the content parsed as the verb's left dependent.
        left = [c for c in verb.children if c.i < verb.i and c.dep_ in ("ccomp", "parataxis", "dobj", "advcl")]
        content = _tokens_span([t for c in left for t in c.subtree]) if left else None
    else:
        content = None
    if content is None or source is None and subject is None and verb.dep_ != "ROOT":
        return None
    if source is None:
        source = _inverted_subject(verb)
    doc = verb.doc
    cue_end = _cue_end(verb)
    return record.Attribution(
        source=_span(doc, *source) if source else None,
        cue=_span(doc, verb.idx, cue_end),
        content=_span(doc, *content),
    )


def _subject_of(verb: Token) -> Token | None:
    """The verb's subject, or for a participle ("..., saying that ...") its head verb's."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("advcl", "xcomp", "conj") and verb.tag_ in ("VBG", "VB", "VBD", "VBZ"):
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject


def _stance_object(verb: Token) -> Token | None:
    """'criticized the plan' -> the plan; 'called for a ceasefire' -> a ceasefire."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is not None:
        return obj
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "on") and prep.i > verb.i:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _cue_end(verb: Token) -> int:
    """Particles and auxiliaries belong to the cue: 'pointed out', 'has learned'."""
    end = verb.idx + len(verb.text)
    for child in verb.children:
        if child.dep_ == "prt" and child.i == verb.i + 1:
            end = child.idx + len(child.text)
    return end


def _inverted_subject(verb: Token) -> tuple[int, int] | None:
    """'..., said Muhammad Mohi': the speaker after the verb."""
    after = [c for c in verb.children if c.i > verb.i and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod")]
    return _tokens_span(list(after[0].subtree)) if after else None


def _from_according_to(token: Token) -> record.Attribution | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.doc[token.i + 1].lower_ != "to":
        return None
    to = token.doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = _tokens_span(list(objects[0].subtree))
    sentence = token.sent
    phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree} | {token.i, to.i}
    content = _tokens_span([t for t in sentence if t.i not in phrase])
    if source is None or content is None:
        return None
    doc = token.doc
    return record.Attribution(source=_span(doc, *source), cue=_span(doc, token.idx, to.idx + len(to.text)),
                              content=_span(doc, *content))


def _direct_quotes(doc: Doc, seen: set[tuple[int, int]]):
    """Quoted passages not already covered, attributed to the reporting verb just after or before them."""
    for m in _quotes(text_of(doc)):
        start, end = m.start(1), m.end(1)
        if any(s <= start < e or start <= s < end for s, e in seen):
            continue
        verb = _nearest_reporting_verb(doc, m.start(), m.end())
        if verb is None:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        source = _tokens_span(list(subject.subtree)) if subject is not None else _inverted_subject(verb)
        seen.add((start, end))
        yield record.Attribution(source=_span(doc, *source) if source else None,
                                 cue=_span(doc, verb.idx, _cue_end(verb)), content=_span(doc, start, end))


def _nearest_reporting_verb(doc: Doc, start: int, end: int) -> Token | None:
    """A reporting verb within a few words after the quote, else just before it."""
    after = doc.char_span(end, min(len(text_of(doc)), end + 80), alignment_mode="expand")
    before = doc.char_span(max(0, start - 80), start, alignment_mode="expand")
    for window in (after, before and reversed(list(before))):
        for token in window or []:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in REPORTING:
                return token
    return None
