"""ceasefires: one record per ceasefire the article reports, built from its events.

A ceasefire event is a RETREAT of mode ceasefire ("declared a truce", "a conditional ceasefire",
"would halt their operations") or an agreement whose object is a ceasefire ("agreed on a ceasefire").
Events of one ceasefire share a declaring party (or name none); the record gathers who declared it,
toward whom, when, on what conditions, and what became of it: rejected, violated (an attack by or on
its parties after it was declared), ended, in effect, or just declared.
"""
from __future__ import annotations

import re

from .. import record
from ..article import Article

CEASEFIRE_WORDS = re.compile(r"\b(?:cease-?fire|truce|armistice|halt (?:their|its|all) (?:military )?(?:operations|attacks))\b", re.I)
ENDED = re.compile(r"\b(?:collapsed|broke down|ended|expired|called off)\b", re.I)
IN_EFFECT = re.compile(r"\b(?:holding|held|took effect|in effect|came into force|went into effect)\b", re.I)


class Ceasefires:
    """Fills article.ceasefires from article.events."""

    def __call__(self, article: Article) -> None:
        groups: list[list[record.Event]] = []
        for event in article.events:
            if not _about_ceasefire(event):
                continue
            group = next((g for g in groups if _same_parties(event, g)), None)
            if group is None:
                groups.append([event])
            else:
                group.append(event)
        article.ceasefires = [_record(article, n, group) for n, group in enumerate(groups, start=1)]


def _about_ceasefire(event: record.Event) -> bool:
    if event.event_type == "RETREAT" and event.mode == "ceasefire":
        return True
    return event.event_type in ("AGREE", "REJECT") and bool(CEASEFIRE_WORDS.search(event.evidence.text)) \
        and event.factuality != "negated"


def _same_parties(event: record.Event, group: list[record.Event]) -> bool:
    parties = {a for e in group for a in e.actors}
    return not event.actors or not parties or bool(parties & set(event.actors))


def _record(article: Article, n: int, events: list[record.Event]) -> record.Ceasefire:
    declarations = [e for e in events if e.event_type != "REJECT" and e.factuality in ("asserted", "conditional")]
    declared_by = _union(e.actors for e in declarations)
    toward = [a for a in _union(e.recipients for e in declarations) if a not in declared_by]
    dated = sorted((e.date for e in declarations if e.date is not None),
                   key=lambda d: ({"day": 0, "week": 1, "month": 2, "year": 3}[d.precision], d.value))
    conditions, seen = [], set()
    for e in events:
        if e.condition is not None and e.condition.text not in seen:
            seen.add(e.condition.text)
            conditions.append(e.condition)
    return record.Ceasefire(
        id=f"c{n}", declared_by=declared_by, toward=toward, declared=dated[0] if dated else None,
        effective=None, ends=None, conditions=conditions, status=_status(article, events, declared_by + toward, dated),
        event_ids=[e.id for e in events],
    )


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out += [i for i in items if i not in out]
    return out


def _status(article: Article, events: list[record.Event], parties: list[str], dated) -> str:
    if any(e.event_type == "REJECT" for e in events):
        return "rejected"
    if any(ENDED.search(e.evidence.text) for e in events):
        return "ended"
    declared = dated[0].value if dated else None
    for e in article.events:
        if e.event_type == "ASSAULT" and e.factuality == "asserted" and e.date and declared \
                and e.date.value > declared and set(e.actors + e.recipients) & set(parties):
            return "violated"
    if any(IN_EFFECT.search(e.evidence.text) for e in events):
        return "in_effect"
    return "declared"
