"""ACLED event and sub-event types: a classifier over the event's sentence, checked against its PLOVER type.

The classifier (scripts/train_acled.py) reads the MiniLM embedding of the sentence beside yes/no cues
written from the ACLED codebook (resources/events/acled_cues.tsv): the embedding says what the text
is about, the cues which weapon or act the codebook's definitions turn on, which a small training set
cannot teach. Its answer is taken when it fits the PLOVER type of the event (an ASSAULT is a battle,
an explosion or violence against civilians, not a protest); otherwise the keyword rules of lexicon.py
decide.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ...embeddings import SentenceEncoder

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "events"
MODEL = RESOURCES / "acled_model.npz"
CUES = RESOURCES / "acled_cues.tsv"
# CASE 2021 sub-event codes -> ACLED codebook (event type, sub-event type), plus the "Other" types.
CODEBOOK = {
    "ARMED_CLASH": ("Battles", "Armed clash"), "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"), "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"), "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"), "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"), "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
    "ORG_CRIME": ("Other", "Organized crime"), "NATURAL_DISASTER": ("Other", "Natural disaster"),
    "MAN_MADE_DISASTER": ("Other", "Man-made disaster"), "DIPLO": ("Other", "Diplomatic event"),
    "ATTRIB": ("Other", "Attribution of responsibility"),
}
# Which ACLED event types an event of each PLOVER type can be.
# "Other" covers what ACLED does not: a deadly blast that was an accident, a flood, a gang's killing.
FITS = {
    "ASSAULT": {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Strategic developments",
                "Other"},
    "COERCE": {"Strategic developments", "Violence against civilians", "Protests", "Battles", "Other"},
    "PROTEST": {"Protests", "Riots"},
    "RETREAT": {"Strategic developments", "Battles"},
    "AGREE": {"Strategic developments", "Other"},
    "COOPERATE": {"Strategic developments", "Other"},
    "MOBILIZE": {"Strategic developments", "Battles"},
}
# Sub-event types that contradict the PLOVER type although their event type fits: an attack is no agreement.
UNFIT = {"ASSAULT": {"Agreement", "Non-violent transfer of territory", "Headquarters or base established"}}
DISASTERS = {"Natural disaster", "Man-made disaster"}
DIPLOMATIC = {"CONSULT", "SUPPORT", "REQUEST", "REJECT", "ACCUSE", "SANCTION", "CONCEDE", "AID", "THREATEN"}


class CodebookCues:
    """Yes/no features: does the text name what an ACLED definition turns on (a drone, tear gas, a truce)?"""

    def __init__(self, path: Path = CUES, weight: float = 1.0):
        rows = [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if not line.startswith("#")]
        self.names = [name for name, _, _ in rows]
        self.patterns = [re.compile(pattern, re.IGNORECASE) for _, pattern, _ in rows]
        self.evidence_of = [set(filter(None, labels.split(","))) for _, _, labels in rows]
        self.weight = weight  # the cues' scale beside the unit-length embedding

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.weight * self.found(texts)

    def found(self, texts: list[str]) -> np.ndarray:
        """Which cues each text names, as a (texts x cues) array of 0 and 1."""
        found = [[bool(p.search(text)) for p in self.patterns] for text in texts]
        return np.array(found, dtype=np.float32).reshape(len(texts), len(self.patterns))

    def evidence(self, label: str, text: str) -> bool:
        """Does the text name something the codebook's definition of this sub-event type turns on?"""
        return self.supports(label, self.found([text])[0])

    def supports(self, label: str, found: np.ndarray) -> bool:
        """Is one of these found cues (a row of `found`) evidence of this sub-event type?"""
        return any(label in labels and hit for hit, labels in zip(found, self.evidence_of))


class AcledClassifier:
    def __init__(self, encoder: SentenceEncoder | None = None, path: Path = MODEL):
        data = np.load(path, allow_pickle=False)
        self.coef, self.intercept = data["coef"], data["intercept"]
        self.labels = [str(label) for label in data["labels"]]
        self.cues = CodebookCues(weight=float(data["cue_weight"]))
        if [str(name) for name in data["cue_names"]] != self.cues.names:
            raise ValueError(f"{path} was trained with other cues than {CUES}: run scripts/train_acled.py")
        self.encoder = encoder or SentenceEncoder()

    def features(self, texts: list[str]) -> np.ndarray:
        return self._features(texts, self.cues.found(texts))

    def _features(self, texts: list[str], found: np.ndarray) -> np.ndarray:
        return np.hstack([self.encoder.encode(texts), self.cues.weight * found])

    def read(self, texts: list[str]) -> list[tuple[str, float, bool]]:
        """(CASE label, probability, whether the text names what the label turns on) for each text.
        The cues are searched once: they are both features and evidence."""
        if not texts:
            return []
        found = self.cues.found(texts)
        logits = self._features(texts, found) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        return [(self.labels[i], float(probs[n, i]), self.cues.supports(self.labels[i], found[n]))
                for n, i in enumerate(best)]


def choose(event_type: str, predicted: tuple[str, float, bool] | None, by_rule: tuple[str, str] | None) -> tuple[str, str] | None:
    """The classifier's type when it fits the PLOVER type, else the rule's. `predicted` is the
    classifier's (label, probability, evidence). A diplomatic event (a request, a meeting, an inquiry)
    has an ACLED type of the "Other" kind only when the classifier reads the sentence so ("an
    investigation into a smuggling network" is organized crime): a protest that demands something is
    a protest. A disaster it has only when the text names one ("police are investigating a crash"):
    the classifier reads text with no conflict in it ("the minister visited a hospital") as one."""
    acled = CODEBOOK.get(predicted[0]) if predicted is not None else None
    if event_type in DIPLOMATIC:
        named = acled is not None and (acled[1] not in DISASTERS or predicted[2])
        return acled if named and acled[0] == "Other" else None
    if acled and acled[0] in FITS.get(event_type, set()) and acled[1] not in UNFIT.get(event_type, set()):
        return acled
    return by_rule


# The PLOVER type of an event found only by the classifier ("Three soldiers died in a clash").
PLOVER_OF = {"Battles": "ASSAULT", "Explosions/Remote violence": "ASSAULT", "Violence against civilians": "ASSAULT",
             "Protests": "PROTEST", "Riots": "PROTEST"}
PLOVER_OF_SUB = {"Organized crime": "ASSAULT", "Man-made disaster": "ASSAULT", "Natural disaster": "ASSAULT",
                 "Agreement": "AGREE", "Arrests": "COERCE", "Disrupted weapons use": "COERCE",
                 "Looting/property destruction": "COERCE", "Headquarters or base established": "MOBILIZE",
                 "Change to group/activity": "MOBILIZE", "Non-violent transfer of territory": "RETREAT",
                 "Diplomatic event": "CONSULT", "Attribution of responsibility": "ACCUSE"}
MIN_PROBABILITY = 0.15  # below it, a sentence with no trigger word is not taken as an event


def fallback_type(reading: tuple[str, float, bool]) -> tuple[str, tuple[str, str]] | None:
    """PLOVER and ACLED types for a lead the lexicon found no event in, when the classifier is sure.
    The classifier always reads some type, and text with no political event (a weather report, a
    market report) it reads as a disaster or a diplomatic event: those types are taken only when the
    text names what they turn on (a flood, a crash, a minister)."""
    label, probability, evidence = reading
    acled = CODEBOOK.get(label)
    if acled is None or probability < MIN_PROBABILITY or acled[0] == "Other" and not evidence:
        return None
    plover = PLOVER_OF.get(acled[0]) or PLOVER_OF_SUB.get(acled[1])
    return (plover, acled) if plover else None
