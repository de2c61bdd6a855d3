"""events: every political event the text reports, PLOVER-typed, with roles, factuality and context.

Steps, each in its own function:
    detect      the judged stage (the default): trigger words of the lexicon, checked on the parse
                (lexicon.py), each with the learned detector's probability that it is an event as
                its confidence (learned/detector.npz, trained on the corpus by scripts/train_events.py),
                and the words the lexicon does not list that the detector reads as events;
                the rules stage: the lexicon's words, every one kept; the learned stage: the detector over
                every candidate word, reading the word, its parse, its vectors and the lexicon's reading.
                A word that names what is prevented or to be stopped ("a ban on rallies", "agreed to
                halt attacks", resources/events/stopped_by.tsv) is no event of its own
    roles       actors and recipients from the parse (clause.py); the role model over the mentions of
                the event's sentence (learned/roles.npz) fills a role the parse leaves empty, and gives
                every role in the learned stage; mapped to the actors stage's ids, pronouns resolved to
                the nearest fitting actor before them
    retype      the judged stage: the relation typer (typer.py) corrects the lexicon's type of an
                event that is alone in its sentence, when it is sure and the lexicon's type unlikely
    factuality  negation, future, modality, and the condition it depends on (clause.py); a learned
                factuality model is read only where one ships (train_events.py --factuality; none does:
                the corpus has too few events that are not asserted)
    threats     a coercive act that is only planned on a condition is the content of a threat: it
                becomes a THREATEN event whose mode names the act, never an asserted ASSAULT
    attach      date, location, quantities, claimed_by from the times, places and attributions (attach.py)
    merge       the same event mentioned twice in a sentence is one event, the better-filled mention
                kept; a headline's event that the body tells again is the body's; the same event
                told in a later sentence is one (corefer)
    rank        most salient first
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from ... import record
from ...corpus.format import EVENT_TYPES
from ...article import Article
from ...gazetteer import Gazetteer
from . import attach, clause
from .acled import CODEBOOK, AcledClassifier, choose, fallback_type
from .confidence import Calibrator, features, strength
from .context import ContextTagger
from .model_features import (factuality_features, is_candidate, mentions, role_features, sentence_vector, token_vector,
                             trigger_features)
from .lexicon import Lexicon, Trigger, acled_type, hyphenated, party_nouns, stopped
from .linear import LinearModel
from .typer import MODEL as TYPER_MODEL, RelationTyper

# The learned models' folder (scripts/train_events.py writes them there); used with events="learned".
LEARNED = Path(__file__).resolve().parents[2] / "resources" / "events" / "learned"
# The rules' events are all kept; the learned detector's record threshold is chosen by
# scripts/train_events.py on the corpus's train split (cross-validated) and kept in training.json.
DEFAULT_MIN_CONFIDENCE = 0.0
# A word is an event candidate when the detector gives it at least this probability of being one; the
# candidates below the record's threshold are kept for --all-events.
DETECTION_FLOOR = 0.1
COERCIVE = {"ASSAULT", "COERCE", "SANCTION"}
# PLOVER manual 3.1: cooperative actions of these types reported in the future tense are AGREE.
PROMISABLE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# PLOVER types whose events ACLED codes as violent or strategic (the others are "Other" at most).
ACLED_COVERED = {"ASSAULT", "COERCE", "PROTEST", "RETREAT", "AGREE", "MOBILIZE", "COOPERATE"}
# How sure the ACLED classifier must be of an event in the lead that the lexicon's events there are not.
SURE = 0.5
# The relation typer retypes an event when its own type is at least this likely and the lexicon's below the other.
RETYPE_SURE, RETYPE_DOUBT = 0.6, 0.1
# "ready to host talks", "willing to withdraw": indicating willingness is agreeing (PLOVER AGREE).
WILLING = {"willing", "ready", "prepared", "eager", "keen", "open"}
# Reporting verbs whose content, said with "must" or "should", is a demand: "X said Y must stop".
DEMANDING = {"say", "declare", "announce", "insist", "state", "stress", "tell", "warn", "add", "reiterate"}
# Entity types of the people, bodies and places an event noun may only qualify ("riot police").
NAMED_PARTIES = {"PERSON", "ORG", "NORP", "FAC", "GPE", "LOC"}
_KIND_FOR_PRONOUN = {"he": {"person"}, "she": {"person"}, "his": {"person"}, "her": {"person"},
                     "it": {"organization", "state"}, "its": {"organization", "state"},
                     "they": {"group", "organization", "state"}, "them": {"group", "organization", "state"},
                     "their": {"group", "organization", "state"}, "we": {"group", "organization", "state"}}


@dataclass(slots=True)
class Candidate:
    trigger: Token
    lexeme: Trigger
    event_type: str
    mode: str | None
    sentence: Span
    clause: Span
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    factuality: str = "asserted"
    condition: Span | None = None
    by_classifier: bool = False  # found by the ACLED classifier, not by a trigger word
    announced: bool = False  # a promise or an announced concession: the act itself has not happened
    probability: float | None = None  # the detector's probability that the word is an event of this type
    learned: bool = False  # the judged stage: found by the detector on a word the lexicon does not list
    actor_mentions: list[Span] = field(default_factory=list)
    recipient_mentions: list[Span] = field(default_factory=list)

    @property
    def happened(self) -> bool:
        """Only what happened is an ACLED event: not a threat, a promise, or an act still to come."""
        return self.factuality == "asserted" and self.event_type != "THREATEN" and not self.announced


class Events:
    """Fills article.events from the earlier stages' results."""

    def __init__(self, lexicon: Lexicon | None = None, classifier: AcledClassifier | None = None,
                 calibrator: Calibrator | None = None, gazetteer: Gazetteer | None = None,
                 models: Path | None = None, min_confidence: float | None = None, judge: bool = False):
        self.gazetteer = gazetteer or Gazetteer()
        self.lexicon = lexicon or Lexicon()
        self.classifier = classifier or AcledClassifier()
        self.calibrator = calibrator or Calibrator()
        self.contexts = ContextTagger()
        self.detector = _model(models, "detector.npz")
        # judge: the rules find the events and read them; the detector only says how sure it is of each
        self.judge = judge and self.detector is not None
        self.factuality_model = None if self.judge else _model(models, "factuality.npz")
        # the learned stage's roles; the judged stage keeps the parse's and fills what it leaves empty
        self.role_model = _model(models, "roles.npz")
        # the judged stage: the relation typer may correct the lexicon's type of an event
        self.typer = RelationTyper(encoder=self.classifier.encoder) if self.judge and TYPER_MODEL.exists() else None
        self.min_confidence = min_confidence if min_confidence is not None else \
            default_threshold(models, "judged" if self.judge else "learned" if self.detector else "rules")

    def __call__(self, article: Article) -> None:
        lead = _lead(article.doc)
        if self.detector is not None and not self.judge:
            candidates = self.detect_learned(article.doc)
        else:
            candidates = self.detect(article.doc)
            if lead is not None:
                candidates += self.detect_by_classifier(lead, candidates)
            if self.judge:
                self.judged(candidates)
                # words the lexicon does not list, which the detector reads as events (read with the same threshold)
                candidates += self.detect_learned(article.doc, beside={c.trigger.i for c in candidates})
        for candidate in candidates:
            self.roles(article, candidate)
        if self.typer is not None:
            self.retype(candidates)
        for candidate in candidates:
            self.factuality(candidate)
            if self.detector is None or self.judge and not candidate.learned:
                # The lexicon reads words out of context, so a threatened or promised act is retyped
                # here; the detector learned from annotations in which it already is.
                self.threats(candidate)
            if candidate.event_type == "THREATEN" and not candidate.recipients:
                candidate.recipients = _threatened(article, candidate)
        focus = attach.focus_country(article)
        at_focus = attach.focus_location(article, focus, self.gazetteer)
        opening = attach.dateline(article)
        kept = [c for c in merge(candidates) if not _posturing_in_attack(c, candidates) and not _demanded_or_threatened(c, candidates)]
        # Only events that happened get an ACLED type, so only their sentences are embedded (the costly part).
        sentences = sorted({c.sentence.start_char: _classified_text(c.sentence, lead) for c in kept if c.happened}.items())
        predicted = dict(zip((s for s, _ in sentences), self.classifier.read([t for _, t in sentences])))
        depths = [_depth(c.trigger) + _protest_topic(c, kept) for c in kept]
        evidence = [features(c, depth, _rivals(c, kept)) for c, depth in zip(kept, depths)]
        # Each event's place and how surely the text gives it; unplaced events go to the focus region or country.
        located = [attach.event_location(article, c.trigger, c.clause, c.sentence, focus, opening) for c in kept]
        events = [self.to_record(article, c, n, place or at_focus, predicted.get(c.sentence.start_char),
                                 round(c.probability, 2) if c.probability is not None else self.calibrator(found))
                  for n, (c, found, (place, _)) in enumerate(zip(kept, evidence, located), start=1)]
        placed = {e.id: surety for e, (_, surety) in zip(events, located)}
        article.event_features = {e.id: found for e, found in zip(events, evidence)}  # for fitting the calibrator
        weights = {e.id: (depth, strength(c)) for e, c, depth in zip(events, kept, depths)}
        reading = predicted.get(lead[0].sent.start_char) if lead is not None else None
        events = retold_after_headline(events, _headline_end(article))
        events = lead_reading_first(corefer(rank(events, weights), placed), lead, reading)
        article.all_events = events
        article.events = [e for e in events if e.confidence >= self.min_confidence]

    def judged(self, candidates: list[Candidate]) -> None:
        """How likely the detector finds each rule-found trigger to be an event at all."""
        none = self.detector.classes.index("NONE")
        contexts = {}
        for c in candidates:
            token = c.trigger
            if c.by_classifier:
                continue  # its trigger is only the lead's main verb: the classifier's reading says how sure it is
            if c.sentence.start not in contexts:
                contexts[c.sentence.start] = sentence_vector(c.sentence)
            context = contexts[c.sentence.start]
            found = self.detector.probabilities(trigger_features(token, self.lexicon.match(token), self.lexicon.by_lemma.keys()),
                                                token_vector(token, context))
            c.probability = float(1.0 - found[none])

    def retype(self, candidates: list[Candidate]) -> None:
        """The relation typer reads each trigger-found event's type from its sentence, its roles and its
        word; it replaces the lexicon's type only when it is sure of its own and finds the lexicon's
        unlikely, since the lexicon reads a word out of context ("struck a deal" is no attack)."""
        told = [c for c in candidates if not (c.by_classifier or c.learned)]
        per_sentence = Counter(c.sentence.start for c in candidates if not c.by_classifier)
        # The typer learned from sentences that tell one event; in a sentence of several it cannot tell which it reads.
        found = [c for c in told if per_sentence[c.sentence.start] == 1]
        if not found:
            return
        probabilities = self.typer.type_probabilities(self.typer.probabilities(
            [c.sentence.text for c in found], [_role_text(c, "actor") for c in found],
            [_role_text(c, "recipient") for c in found],
            [c.trigger.text for c in found]))
        for c, p in zip(found, probabilities):
            best = int(p.argmax())
            if p[best] >= RETYPE_SURE and p[EVENT_TYPES.index(c.event_type)] < RETYPE_DOUBT:
                c.event_type = EVENT_TYPES[best]
                c.mode = None  # the lexicon's mode was of its own type

    def detect_learned(self, doc, beside: set[int] | None = None) -> list[Candidate]:
        """Every word the detector reads as an event: its most probable type, unless that is NONE.
        `beside`: the judged stage's trigger words (their indices); then only words the lexicon does not list are read."""
        read = list(self._words_to_read(doc, beside))
        if not read:
            return []
        found = []
        none = self.detector.classes.index("NONE")
        # every word of the document in one product
        rows = self.detector.probabilities_of([features for *_, features, _ in read], np.vstack([v for *_, v in read]))
        for (token, lexeme, sentence, _, _), probabilities in zip(read, rows):
            if 1.0 - probabilities[none] < DETECTION_FLOOR:
                continue
            probabilities[none] = 0.0  # the type is the likeliest of the others
            best = int(probabilities.argmax())
            event_type = self.detector.classes[best]
            mode = lexeme.mode if lexeme is not None and lexeme.event_type == event_type else None
            lexeme = lexeme if lexeme is not None and lexeme.event_type == event_type else \
                Trigger(token.lemma_.lower(), "V" if token.pos_ == "VERB" else "N", event_type, None, None)
            root = clause.clause_root(token)
            span = doc[min(t.i for t in root.subtree):max(t.i for t in root.subtree) + 1]
            found.append(Candidate(token, lexeme, event_type, mode, sentence, span,
                                   probability=float(probabilities[best]), learned=beside is not None))
        return found

    def _words_to_read(self, doc, beside: set[int] | None):
        """(word, the lexicon's reading, sentence, features, vector) of each word the detector reads."""
        for sentence in doc.sents:
            context = None
            for token in sentence:
                if beside is not None and token.i in beside or not is_candidate(token) or _names_a_kind(token):
                    continue
                lexeme = self.lexicon.match(token)
                if beside is not None and (lexeme is not None or stopped(token)):
                    continue  # the rules read this word and did not take it
                context = sentence_vector(sentence) if context is None else context
                yield (token, lexeme, sentence, trigger_features(token, lexeme, self.lexicon.by_lemma.keys()),
                       token_vector(token, context))

    def detect(self, doc) -> list[Candidate]:
        found = []
        for sentence in doc.sents:
            for token in sentence:
                lexeme = self.lexicon.match(token) or _demand(token)
                if lexeme is None or _names_a_kind(token) or stopped(token):
                    continue
                root = clause.clause_root(token)
                span = doc[min(t.i for t in root.subtree):max(t.i for t in root.subtree) + 1]
                found.append(Candidate(token, lexeme, lexeme.event_type, lexeme.mode, sentence, span))
        return found

    def detect_by_classifier(self, lead: Span, candidates: list[Candidate]) -> list[Candidate]:
        """No trigger word for a violent or strategic event ("Three soldiers died in a clash near the
        border"): when the classifier reads one in the lead, with confidence, it is the event of the
        lead's first sentence with a verb and no event of the lexicon's. The lead is read whole because
        that is what the classifier learned from, and what ACLED codes an article by. When the lexicon
        found other violent or strategic events that happened, the classifier has to be surer."""
        reading = self.classifier.read([lead.text])[0]
        found = fallback_type(reading)
        happened = [c for c in candidates if c.event_type in ACLED_COVERED and _plainly_happened(c.trigger)]
        if found is None or any(c.event_type == found[0] and c.sentence.start < lead.end for c in happened) \
                or happened and reading[1] < SURE:
            return []
        explained = {c.sentence.start for c in candidates}  # a sentence whose event the lexicon read
        for sentence in lead.sents:
            verb = _main_verb(sentence)
            if sentence.start in explained or verb is None:
                continue
            plover, _ = found
            lexeme = Trigger(verb.lemma_.lower(), "V", plover, None, None)
            span = lead.doc[min(t.i for t in verb.subtree):max(t.i for t in verb.subtree) + 1]
            return [Candidate(verb, lexeme, plover, None, sentence, span, by_classifier=True, probability=reading[1])]
        return []

    def roles(self, article: Article, candidate: Candidate) -> None:
        if self.role_model is not None and not self.judge:
            return self.learned_roles(article, candidate)
        trigger = candidate.trigger
        candidate.actors = _actor_ids(article, clause.actor_tokens(trigger))
        candidate.recipients = [a for a in _actor_ids(article, clause.recipient_tokens(trigger, candidate.event_type))
                                if a not in candidate.actors]
        if self.role_model is not None and not (candidate.actors and candidate.recipients):
            self.missing_roles(article, candidate)

    def missing_roles(self, article: Article, candidate: Candidate) -> None:
        """The judged stage: the parse's roles stand, and the role model fills a role the parse leaves empty."""
        found = Candidate(candidate.trigger, candidate.lexeme, candidate.event_type, candidate.mode,
                          candidate.sentence, candidate.clause)
        self.learned_roles(article, found)
        if not candidate.actors:
            candidate.actors = [a for a in found.actors if a not in candidate.recipients]
            candidate.actor_mentions = found.actor_mentions
        if not candidate.recipients:
            candidate.recipients = [a for a in found.recipients if a not in candidate.actors]
            candidate.recipient_mentions = found.recipient_mentions

    def learned_roles(self, article: Article, candidate: Candidate) -> None:
        """Each mention of the sentence the role model reads as the event's actor or recipient."""
        trigger = candidate.trigger
        for mention in mentions(candidate.sentence):
            if mention.start <= trigger.i < mention.end:
                continue
            role, _ = self.role_model.best(role_features(trigger, mention, candidate.event_type))
            if role == "none":
                continue
            ids = _actor_ids(article, [mention.root])
            if role == "actor":
                candidate.actor_mentions.append(mention)
                candidate.actors += [a for a in ids if a not in candidate.actors]
            else:
                candidate.recipient_mentions.append(mention)
                candidate.recipients += [a for a in ids if a not in candidate.recipients and a not in candidate.actors]

    def factuality(self, candidate: Candidate) -> None:
        if self.factuality_model is not None:
            return self.learned_factuality(candidate)
        trigger = candidate.trigger
        if clause.inside_condition(trigger):
            candidate.factuality = "possible"  # the event is the hypothesis an 'if' states
            return
        candidate.condition = clause.condition_clause(trigger, candidate.sentence)
        if clause.negated(trigger):
            candidate.factuality = "negated"
            return
        tense = clause.tense_of(trigger)
        if candidate.condition is not None and tense in ("future", "possible"):
            candidate.factuality = "conditional"
        else:
            candidate.factuality = tense

    def learned_factuality(self, candidate: Candidate) -> None:
        trigger = candidate.trigger
        found, _ = self.factuality_model.best(factuality_features(trigger, candidate.event_type, candidate.sentence))
        condition = clause.condition_clause(trigger, candidate.sentence)
        if found == "conditional" and condition is None:
            found = "possible"  # the model reads a condition the clause does not show: only possible
        candidate.factuality = found
        candidate.condition = condition if found == "conditional" else None

    def threats(self, candidate: Candidate) -> None:
        """'it plans to target 80 sites if ...', 'will impose sanctions': a threat made, whose content is a
        coercive act that has not happened. 'Ready to host talks': willingness to cooperate is AGREE."""
        if candidate.event_type in COERCIVE and candidate.factuality in ("conditional", "future", "possible"):
            candidate.mode = candidate.event_type.lower()
            candidate.event_type = "THREATEN"
        elif candidate.event_type not in COERCIVE | {"AGREE", "THREATEN"} and _willing(candidate.trigger):
            candidate.mode = candidate.event_type.lower()
            candidate.event_type = "AGREE"
        elif candidate.event_type in PROMISABLE and candidate.factuality in ("future", "conditional"):
            # "Portugal will support Turkey's bid": a promise to cooperate, made now (manual 3.1)
            candidate.mode = candidate.event_type.lower()
            candidate.event_type = "AGREE"
            candidate.factuality = "asserted" if candidate.factuality == "future" else "conditional"
            candidate.announced = True
        elif candidate.event_type == "RETREAT" and candidate.factuality == "future":
            # "announced it would withdraw troops": an announced retreat is a concession (manual 3.4.2)
            candidate.event_type = "CONCEDE"
            candidate.factuality = "asserted"
            candidate.announced = True
        if candidate.event_type == "THREATEN" and candidate.factuality in ("future", "possible") and candidate.lexeme.event_type == "THREATEN":
            candidate.factuality = "asserted"  # "the US has threatened to impose sanctions": the threat happened

    def to_record(self, article: Article, c: Candidate, n: int, location: record.Location | None = None,
                  predicted=None, confidence: float = 0.5) -> record.Event:
        text = article.text
        trigger_start = c.trigger.doc[c.trigger.i - 2].idx if hyphenated(c.trigger) else c.trigger.idx
        trigger_end = c.trigger.idx + len(c.trigger.text)
        evidence = c.sentence
        words = {t.lower_ for t in c.sentence}
        acled = choose(c.event_type, predicted, acled_type(c.event_type, words)) if c.happened else None
        return record.Event(
            id=f"e{n}",
            event_type=c.event_type,
            mode=c.mode,
            context=self.contexts(c.sentence.text, c.mode),
            acled=record.Acled(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
            actors=c.actors,
            recipients=c.recipients,
            date=attach.event_date(article, c.clause, c.trigger),
            location=location,
            quantities=attach.quantities(c.trigger, c.sentence),
            factuality=c.factuality,
            condition=record.Condition(text=c.condition.text, start=c.condition.start_char, end=c.condition.end_char)
            if c.condition is not None else None,
            claimed_by=attach.claims(article, c.trigger),
            evidence=record.Span(start=evidence.start_char, end=evidence.end_char, text=text[evidence.start_char:evidence.end_char]),
            trigger=record.Span(start=trigger_start, end=trigger_end, text=text[trigger_start:trigger_end]),
            confidence=confidence,
            actor_mentions=[_span(text, m) for m in c.actor_mentions],
            recipient_mentions=[_span(text, m) for m in c.recipient_mentions],
        )


def _role_text(c: Candidate, role: str) -> str:
    """The words naming an event's actor or recipient, as the typer learned them: the role model's
    mentions, else the phrases the parse finds (each head with the words before it)."""
    mentions = c.actor_mentions if role == "actor" else c.recipient_mentions
    if mentions:
        return " and ".join(m.text for m in mentions)
    heads = clause.actor_tokens(c.trigger) if role == "actor" else clause.recipient_tokens(c.trigger, c.event_type)
    return " and ".join(c.trigger.doc[h.left_edge.i:h.i + 1].text for h in heads)


def _span(text: str, span: Span) -> record.Span:
    return record.Span(start=span.start_char, end=span.end_char, text=text[span.start_char:span.end_char])


def default_threshold(models: Path | None, stage: str = "learned") -> float:
    """The record's confidence threshold: none for the rules, the one chosen in training for the
    learned stage ("threshold") and for the judged rules ("judged_threshold")."""
    found = models / "training.json" if models is not None and stage != "rules" else None
    if found is None or not found.exists():
        return DEFAULT_MIN_CONFIDENCE
    chosen = json.loads(found.read_text(encoding="utf-8"))
    return float(chosen.get("judged_threshold" if stage == "judged" else "threshold", DEFAULT_MIN_CONFIDENCE))


def _model(folder: Path | None, name: str) -> LinearModel | None:
    path = folder / name if folder is not None else None
    return LinearModel(path) if path is not None and path.exists() else None


def _willing(trigger: Token) -> bool:
    token = trigger
    for _ in range(3):
        if token.dep_ not in ("xcomp", "acl", "conj") or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ in WILLING:
            return True
    return False


def _demand(token: Token) -> Trigger | None:
    """'The minister said Israel must withdraw': the content's 'must' makes the saying a demand."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in DEMANDING:
        return None
    for complement in (c for c in token.children if c.dep_ == "ccomp"):
        if any(a.lower_ in ("must", "should") for a in complement.children if a.dep_ == "aux"):
            return Trigger(token.lemma_.lower(), "V", "REQUEST", None, None)
    return None


def _main_verb(sentence: Span) -> Token | None:
    """The sentence's root verb, or its first verb when the parse hangs the sentence on a noun."""
    if sentence.root.pos_ in ("VERB", "AUX"):
        return sentence.root
    return next((t for t in sentence if t.pos_ == "VERB"), None)


def _names_a_kind(token: Token) -> bool:
    """'riot police', 'protest leaders', 'battle zones', 'Amnesty International': an event noun that only
    says what kind of party or place its head is. ('A mediation mission', 'aid deliveries' are events.)"""
    head = token.head
    return token.dep_ == "compound" and (head.ent_type_ in NAMED_PARTIES or head.lemma_.lower() in party_nouns())


def _actor_ids(article: Article, tokens: list[Token]) -> list[str]:
    """Actor ids for the phrases headed by these tokens (pronouns: the nearest fitting actor before)."""
    ids: list[str] = []
    for token in tokens:
        found = _actors_in(article, token)
        if not found and token.lower_ in _KIND_FOR_PRONOUN:
            found = _antecedent(article, token)
        if not found:
            found = _state_of_place(article, token)
        for actor in found:
            if actor not in ids:
                ids.append(actor)
    return ids


def _actors_in(article: Article, token: Token) -> list[str]:
    """Actors the phrase names: its head's mention, or one in the words before the head ("US
    Secretary of State Mike Pompeo"), and those of its conjuncts and appositions ("the minister,
    Adel Abdul-Mahdi"; "the government and parliament")."""
    ids: list[str] = []
    for head in _coordinated(token):
        start = min(t.idx for t in head.subtree if t.i <= head.i)
        end = head.idx + len(head.text)
        for s, e, actor in article.actor_spans:
            if (s <= head.idx < e or start <= s and e <= end + 1) and actor not in ids:
                ids.append(actor)
    return ids


def _coordinated(token: Token) -> list[Token]:
    """The phrase's head and the heads coordinated or in apposition with it, down the whole chain:
    the parser hangs "France" in "the United States, Britain and France" on "Britain", not on the first."""
    found = [token]
    for head in found:  # the list grows as the chain is followed
        found += [c for c in head.children if c.dep_ in ("conj", "appos") and c not in found]
    return found


def _antecedent(article: Article, pronoun: Token) -> list[str]:
    """The actor a pronoun stands for: a fitting subject earlier in its sentence, else in the sentence
    before, else the nearest fitting mention (subjects are what later pronouns usually continue)."""
    kinds = _KIND_FOR_PRONOUN[pronoun.lower_]
    by_id = {a.id: a for a in article.actors}
    doc = pronoun.doc
    before = [(s, e, a) for s, e, a in article.actor_spans if e <= pronoun.idx and by_id[a].kind in kinds
              and pronoun.idx - e < 600]
    sentence = pronoun.sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    for scope in (sentence, previous):
        if scope is None:
            continue
        for s, e, actor in reversed(before):
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and scope.start_char <= s < scope.end_char and span.root.dep_ in ("nsubj", "nsubjpass"):
                return [actor]
    return [before[-1][2]] if before else []


def _threatened(article: Article, candidate: Candidate) -> list[str]:
    """Whom a threat is aimed at when no object says so: the party its condition or content names."""
    where = candidate.condition or next((c for c in candidate.trigger.children if c.dep_ in ("ccomp", "xcomp", "acl")), None)
    if where is None:
        return []
    tokens = list(where) if isinstance(where, Span) else list(where.subtree)
    heads = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")]
    return [a for a in _actor_ids(article, heads) if a not in candidate.actors][:2]


def _state_of_place(article: Article, token: Token) -> list[str]:
    """A country or capital in a role ('sanctions on Iraq'): its state, when the article has that actor."""
    place = next((p for p in article.places if p.start <= token.idx < p.end and p.country_code), None)
    if place is None:
        return []
    states = {n: a.id for a in article.actors if a.kind == "state" for n in [a.name] + a.aliases}
    for other in article.places:  # the state actor is named by one of the country's place mentions
        if other.country_code == place.country_code and other.text in states:
            return [states[other.text]]
    return []


def _posturing_in_attack(c: Candidate, candidates: list[Candidate]) -> bool:
    """A MOBILIZE told in the same sentence as an attack that happened is part of it (manual 3.14.1)."""
    return c.event_type == "MOBILIZE" and any(
        o.event_type == "ASSAULT" and o.factuality == "asserted" and o.sentence.start == c.sentence.start for o in candidates)


# The dependencies by which a word belongs to what a demand or a threat asks for or threatens: its
# complement clauses and objects ("urged them to leave", "a threat to close the embassy", "demanded
# the release of the prisoners"), and the prepositions that introduce such content ("called for an
# end to the shelling", "the threat of sanctions"); not "by" or "after", which tell how or when.
_CONTENT_DEPS = ("xcomp", "ccomp", "dobj", "acl")
_CONTENT_PREPOSITIONS = ("for", "of")


def _demanded_or_threatened(c: Candidate, candidates: list[Candidate]) -> bool:
    """What a REQUEST asks for or a THREATEN threatens is not coded as an event of its own
    (annotation guide, section 2): the act lies in the complement of the demand's or threat's word.
    Nor is what a refusal refuses to do ("declined to meet the envoy": a REJECT, and no meeting)."""
    if c.event_type in ("REQUEST", "THREATEN", "REJECT"):
        return False
    others = [o for o in candidates if o.sentence.start == c.sentence.start and o.trigger.i != c.trigger.i]
    asking = {o.trigger.i for o in others if o.event_type in ("REQUEST", "THREATEN")}
    refused = {o.trigger.i for o in others if o.event_type == "REJECT"}
    return bool(asking) and _inside_content_of(c.trigger, asking) or bool(refused) and _refused_act(c.trigger, refused)


def _refused_act(token: Token, refusals: set[int]) -> bool:
    """Whether token is the act a refusal's to-infinitive names ("refused to apologize"); a denial's
    gerund ("denied carrying out the attack") is a negated event, which the guide codes."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return verb.dep_ == "xcomp" and verb.head.i in refusals and _to_infinitive(verb)


def _inside_content_of(token: Token, heads: set[int]) -> bool:
    """Whether token hangs below one of the `heads` words through complements, objects and content
    prepositions only (an infinitive that tells a purpose counts: "sent envoys to negotiate a truce")."""
    while token.head.i != token.i:
        if not _carries_content(token):
            return False
        token = token.head
        if token.i in heads:
            return True
    return False


def _to_infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _carries_content(token: Token) -> bool:
    return (token.dep_ in _CONTENT_DEPS or token.dep_ in ("advcl", "relcl") and _to_infinitive(token)
            or token.dep_ in ("pobj", "pcomp") or token.dep_ == "prep" and token.lower_ in _CONTENT_PREPOSITIONS)


def _protest_topic(c: Candidate, kept: list[Candidate]) -> int:
    """The demand a protest makes is its topic, not the event (manual 3.12.2): it ranks after the protest."""
    return int(c.event_type == "REQUEST" and any(
        o.event_type == "PROTEST" and o.sentence.start == c.sentence.start for o in kept))


def _depth(token: Token) -> int:
    """How far the trigger hangs below its sentence's root: the main clause's event is 0. A noun
    carried by a light verb ("staged demonstrations", "declared a ceasefire") counts as that verb."""
    verb = clause.clause_root(token)
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj") and clause.is_light(verb):
        token = verb
    depth = 0
    while token.head.i != token.i and depth < 10:
        token = token.head
        depth += 1
    return depth


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """One event per type and clause: 'launching rockets that landed' is one attack."""
    kept: list[Candidate] = []
    for c in candidates:
        twin = next((k for k in kept if k.event_type == c.event_type and k.sentence.start == c.sentence.start
                     and (set(k.actors) & set(c.actors) or not k.actors or not c.actors)
                     and k.factuality == c.factuality), None)
        if twin is None:
            kept.append(c)
        elif _richness(c) > _richness(twin):
            kept[kept.index(twin)] = c
    return kept


def _headline_end(article: Article) -> int:
    """Where the headline ends when the text opens with it, else 0."""
    first_line = article.text.split("\n", 1)[0].strip()
    return len(first_line) if article.title and first_line == article.title.strip() and "\n" in article.text else 0


def retold_after_headline(events: list[record.Event], headline_end: int) -> list[record.Event]:
    """A headline announces what the body then tells: its event is the body's event of the same type
    with a party in common (or the headline names none), and the body's telling is kept, as the more
    informative mention ("Rebels Will Resume Attacks" over "the rebels said they would resume attacks
    if ...")."""
    body = [e for e in events if e.evidence.start >= headline_end]
    return [e for e in events if e.evidence.start >= headline_end or not any(_retold(e, b) for b in body)]


def _retold(headline: record.Event, told: record.Event) -> bool:
    return headline.event_type == told.event_type and (
        not headline.actors or bool(set(headline.actors) & set(told.actors + told.recipients)))


def corefer(events: list[record.Event], placed: dict[str, int]) -> list[record.Event]:
    """The same event told again in a later sentence is one event: "the attack on Sunday ... Sunday's
    attack" (same type and factuality, the same day, a shared party) or "the kidnapping of Brandt ...
    the 2015 kidnapping of Brandt near Gao" (the same act done to the same party, told with a date at
    most once). Places in two countries that their own sentences name keep them apart; `placed` says
    how surely the text places each event (attach.event_location). The most informative mention is
    kept, in the place of the first, and takes the other's place when that is surer, and its date when
    it has none."""
    placed = dict(placed)
    kept: list[record.Event] = []
    for event in events:
        twin = next((k for k in kept if _same_event(k, event, placed)), None)
        if twin is None:
            kept.append(event)
            continue
        best, other = (event, twin) if _informative(event, placed) > _informative(twin, placed) else (twin, event)
        kept[kept.index(twin)] = _filled(best, other, placed)
        placed[best.id] = max(placed[best.id], placed[other.id])
    return kept


def _same_event(a: record.Event, b: record.Event, placed: dict[str, int]) -> bool:
    if a.event_type != b.event_type or a.factuality != b.factuality or a.evidence.start == b.evidence.start:
        return False
    countries = {e.location.country_code for e in (a, b) if placed[e.id] == 2 and e.location.country_code}
    if len(countries) > 1:
        return False
    if a.date is not None and b.date is not None:
        same_day = a.date.precision == b.date.precision == "day" and a.date.value == b.date.value
        # a raid and the detentions in it share a day and a party, but not a mode
        return same_day and a.mode == b.mode and bool(set(a.actors + a.recipients) & set(b.actors + b.recipients))
    return a.mode == b.mode and bool(set(a.recipients) & set(b.recipients))


def _filled(best: record.Event, other: record.Event, placed: dict[str, int]) -> record.Event:
    update = {}
    if placed[other.id] > placed[best.id]:
        update["location"] = other.location
    if best.date is None and other.date is not None:
        update["date"] = other.date
    return best.model_copy(update=update) if update else best


def _informative(e: record.Event, placed: dict[str, int]) -> int:
    precise = placed[e.id] == 2 and e.location.precision != "country"
    return 2 * bool(e.actors) + bool(e.recipients) + bool(e.quantities) + precise + bool(e.condition)


def _richness(c: Candidate) -> int:
    return 2 * bool(c.actors) + bool(c.recipients) + bool(c.condition)


# ACLED codes an article's main event from its lead, and the classifier learned from short snippets.
LEAD_SENTENCES = 3


def _plainly_happened(trigger: Token) -> bool:
    """Before factuality is read in full: neither negated nor future, modal or planned."""
    return clause.tense_of(trigger) == "asserted" and not clause.negated(trigger)


def _lead(doc) -> Span | None:
    """The article's first sentences, read once per article."""
    lead = [s for _, s in zip(range(LEAD_SENTENCES), doc.sents)]
    return doc[lead[0].start:lead[-1].end] if lead else None


def _classified_text(sentence: Span, lead: Span | None) -> str:
    """What the ACLED classifier reads for an event: the whole lead for an event in it, else its sentence."""
    return lead.text if lead is not None and sentence.start < lead.end else sentence.text


def _rivals(c: Candidate, kept: list[Candidate]) -> int:
    return sum(1 for o in kept if o.sentence.start == c.sentence.start and o.event_type != c.event_type)


def lead_reading_first(events: list[record.Event], lead: Span | None,
                       reading: tuple[str, float, bool] | None) -> list[record.Event]:
    """The event the whole lead is about, as the classifier reads it ("wounded as security forces used
    tear gas in clashes with protesters": a violent demonstration), goes before the lead's other events
    of an ACLED type. Events ACLED does not code (an accusation, a request) keep their places."""
    if lead is None or reading is None or reading[0] not in CODEBOOK:
        return events
    sub_event_type = CODEBOOK[reading[0]][1]
    coded = [n for n, e in enumerate(events) if e.evidence.start < lead.end_char and e.acled is not None]
    main = next((n for n in coded if events[n].acled.sub_event_type == sub_event_type), None)
    if main is None:
        return events
    reordered = [e for n, e in enumerate(events) if n != main]
    reordered.insert(coded[0], events[main])
    return reordered


def rank(events: list[record.Event], weights: dict[str, tuple[int, float]]) -> list[record.Event]:
    """Most salient first: the earliest sentences (news puts the main event first), and within a
    sentence the event of its main clause, then strong (filled roles, verb trigger), asserted events
    with a place. `weights` gives each event's depth below its sentence's root and its strength."""
    def key(pair):
        position, event = pair
        depth, score = weights[event.id]
        asserted = event.factuality == "asserted"
        score += 0.1 * asserted + 0.05 * bool(event.location) - 0.15 * depth
        return (event.evidence.start, -score, position)
    return [e for _, e in sorted(enumerate(events), key=key)]
