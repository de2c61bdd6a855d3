"""The corpus format's vocabulary (PLOVER 2.0 types and modes, factuality, ceasefire status) and the
fixed train/test split.

The types and modes are PLOVER 2.0's (manual, Table 2.2 and chapter 3; CC BY-SA 4.0, Open Event Data
Alliance). ``GUIDE_VERSION`` is the version of ``corpus/GUIDE.md`` an annotation follows.
"""
from __future__ import annotations

import hashlib
import re

GUIDE_VERSION = 1

MODES = {
    "AGREE": (), "SUPPORT": (), "CONCEDE": (), "COOPERATE": (), "AID": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional"),
}
EVENT_TYPES = tuple(MODES)
FACTUALITY = ("asserted", "negated", "future", "possible", "conditional")
PRECISIONS = ("day", "week", "month", "year")
CEASEFIRE_STATUS = ("declared", "in_effect", "violated", "ended", "rejected")
SPLITS = ("train", "test")

DATE_FORMS = {"day": re.compile(r"\d{4}-\d{2}-\d{2}"), "week": re.compile(r"\d{4}-\d{2}-\d{2}"),
              "month": re.compile(r"\d{4}-\d{2}"), "year": re.compile(r"\d{4}")}


def split_of(article_id: str) -> str:
    """'test' for a fixed fifth of the articles, chosen by a hash of the id; 'train' for the rest.

    The test part is never trained or tuned on: every learned component reads only 'train'.
    """
    digest = hashlib.sha256(f"truce-corpus:{article_id}".encode("utf-8")).hexdigest()
    return "test" if int(digest[:8], 16) % 5 == 0 else "train"
