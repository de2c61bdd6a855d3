"""Ceasefires tracked across articles: which stored ceasefire an article's ceasefire is, its history, its alerts.

Each article adds one row per ceasefire to `ceasefire_history`, holding the steps it reports (declared,
in effect, extended, violated, ended, rejected), each with its date, its sentence and who says so. The
stored ceasefire an article's ceasefire joins is found by its sides and the time (linking.same_ceasefire),
never by coordinates. A step that changes the ceasefire's status, and every violation, is an alert.
"""
from __future__ import annotations

import hashlib
import json
from calendar import monthrange
from datetime import date, datetime, timedelta, timezone

from .. import record as rec
from . import linking
from .backends import Backend
from .ingest import day, event_uid

HISTORY_COLUMNS = ("ceasefire_id, article_id, local_id, entry_date, status, declared_by, toward, party_keys, "
                   "declared, effective, ends, violated_by, violated_on, conditions, event_uids, steps, mediators")
# Statuses that happen anew each time (a second extension, another violation): one entry per day.
EACH_TIME = ("extended", "violated")
STATUS_ORDER = ("declared", "in_effect", "extended", "rejected", "violated", "ended")  # later ones win when merging


def history_entry(record: rec.Record, ceasefire: rec.Ceasefire) -> dict:
    """What one article says of one ceasefire: its sides, mediators, dates, conditions and steps."""
    actors = {a.id: a for a in record.actors}
    names = lambda ids: "; ".join(actors[i].name for i in ids if i in actors)  # noqa: E731
    parties = [i for i in ceasefire.declared_by + ceasefire.toward if i in actors]
    keys = linking.party_keys(actors[i] for i in parties) or \
        linking.party_keys(actors[i] for s in ceasefire.steps for i in s.actors + s.violated_by if i in actors)
    keys |= {"@" + code for code in ceasefire.countries}  # the conflict: where, and between which countries
    published = day(record.published)
    steps = [{
        "status": s.status, "date": s.date.value if s.date else None, "precision": s.date.precision if s.date else None,
        "entry_date": (day(s.date.value) if s.date else None) or published,
        "actors": names(s.actors), "claimed_by": names(s.claimed_by),
        "violated_by": "; ".join(x for x in [names(s.violated_by), *s.violators_named] if x),
        "evidence": s.evidence.text, "restated": s.restated,
    } for s in ceasefire.steps]  # none: the article names the ceasefire (its mediators, monitors) but no step
    violation = next((s for s in steps if s["status"] == "violated"), None)
    declared = ceasefire.declared.value if ceasefire.declared else None
    return {
        "article_id": record.id, "local_id": ceasefire.id,
        "entry_date": published or day(declared),
        "status": ceasefire.status,
        "declared_by": names(ceasefire.declared_by), "toward": names(ceasefire.toward),
        "mediators": names(ceasefire.mediators),
        "party_keys": linking.pack(keys or linking.party_keys(actors[i] for i in ceasefire.mediators if i in actors)),
        "declared": declared,
        "effective": ceasefire.effective.value if ceasefire.effective else None,
        "ends": ceasefire.ends.value if ceasefire.ends else None,
        "violated_by": violation["violated_by"] or None if violation else None,
        "violated_on": violation["date"] if violation else None,
        "conditions": json.dumps([c.text for c in ceasefire.conditions], ensure_ascii=False),
        "event_uids": json.dumps([event_uid(record.id, e) for e in ceasefire.event_ids]),
        "steps": json.dumps(steps, ensure_ascii=False, default=str),
    }


def merge_entries(old: dict, new: dict) -> dict:
    """One entry per article and ceasefire: two of an article's ceasefires that are one real ceasefire merge."""
    merged = dict(old)
    merged["local_id"] = f"{old['local_id']}+{new['local_id']}"
    merged["status"] = max(old["status"], new["status"], key=STATUS_ORDER.index)
    for field in ("declared_by", "toward", "mediators"):
        merged[field] = "; ".join(dict.fromkeys(n for e in (old, new) for n in (e[field] or "").split("; ") if n))
    merged["party_keys"] = linking.pack(linking.unpack(old["party_keys"]) | linking.unpack(new["party_keys"]))
    for field in ("conditions", "event_uids", "steps"):
        merged[field] = json.dumps(list({json.dumps(x, sort_keys=True, default=str): x for x in
                                         json.loads(old[field] or "[]") + json.loads(new[field] or "[]")}.values()),
                                   ensure_ascii=False, default=str)
    for field in ("entry_date", "declared", "effective", "ends", "violated_by", "violated_on"):
        merged[field] = old[field] or new[field]
    return merged


def record_history(db: Backend, record: rec.Record, ceasefire: rec.Ceasefire) -> tuple[str | None, list[dict]]:
    """Add one article's ceasefire to the store: returns the stored ceasefire's id and the alerts it raised (no
    id: an arrangement said to continue, with no ceasefire open between its sides, is not tracked)."""
    entry = history_entry(record, ceasefire)
    if ceasefire.needs_open_ceasefire:  # an arrangement said to continue is a step of an open ceasefire, or nothing
        ceasefire_id = _open_ceasefire(db, entry, _step_sides(record, ceasefire))
        if ceasefire_id is None:
            return None, []
    else:
        ceasefire_id = _matching_ceasefire(db, entry, _party_sides(record, ceasefire))
    before = steps_of(history_rows(db, ceasefire_id)) if ceasefire_id else None
    if ceasefire_id is None:
        ceasefire_id = f"cf-{hashlib.sha256((record.id + chr(0) + ceasefire.id).encode()).hexdigest()[:12]}"
        db.execute("INSERT INTO ceasefires (id, parties, party_keys, status, conditions, mediators) "
                   "VALUES (?, '', '', ?, '[]', '')", (ceasefire_id, entry["status"]))
    entry["ceasefire_id"] = ceasefire_id
    earlier = _dicts(db, f"SELECT {HISTORY_COLUMNS} FROM ceasefire_history WHERE ceasefire_id = ? AND article_id = ?",
                     [ceasefire_id, record.id])
    if earlier:
        entry = merge_entries(earlier[0], entry)
        db.execute("DELETE FROM ceasefire_history WHERE ceasefire_id = ? AND article_id = ?", (ceasefire_id, record.id))
    columns = HISTORY_COLUMNS.split(", ")
    db.execute(f"INSERT INTO ceasefire_history ({HISTORY_COLUMNS}) VALUES ({', '.join('?' for _ in columns)})",
               [entry[c] for c in columns])
    refresh(db, ceasefire_id)
    return ceasefire_id, _raise_alerts(db, ceasefire_id, record, before)


def _matching_ceasefire(db: Backend, entry: dict, sides: list[set[str]] = ()) -> str | None:
    """The stored ceasefire sharing the most sides with the entry, in its time window (nearest first)."""
    keys = linking.unpack(entry["party_keys"])
    if not keys:
        return None
    steps = json.loads(entry["steps"])
    # An undated restatement ("the truce that the two sides agreed must hold") declares nothing: the report joins the
    # ceasefire it speaks of as any report that declares nothing does, and its date says nothing of a declaration.
    declarations = [s for s in steps if s["status"] == "declared" and not _undated_restatement(s)]
    # A report with no declaration at all ("the truce collapsed on Friday") carries the stage's fallback declared day
    # (the report's): no declaration, so it is not compared with the stored ceasefire's.
    mine = {"keys": keys, "declared": _first_day(entry["declared"]) if declarations else None,
            "date": entry["entry_date"], "declares": bool(declarations), "sides": list(sides),
            "declared_step": min((d for s in declarations for d in [_declared_on(s)] if d), default=None)}
    return _best(db, mine, linking.same_ceasefire)


def _undated_restatement(step: dict) -> bool:
    """Is the step a declaration its article only describes, as made before, with no date of its own ("the truce
    that the two sides agreed", "the Norwegian-brokered truce")?"""
    return step["status"] == "declared" and bool(step.get("restated")) and not step.get("date")


def _declared_on(step: dict) -> date | None:
    """The earliest day a declaration step can have happened: the first day of its date when that is coarser than a
    day ("the truce they agreed in March", "last month"), since a restatement's period holds the day of the
    declaration it restates; otherwise its day (an undated step's is the report's)."""
    period = _period(step["date"], step.get("precision"))
    return _first_day(period[0]) if period else _first_day(step["entry_date"])


def _open_ceasefire(db: Backend, entry: dict, sides: list[set[str]]) -> str | None:
    """The stored ceasefire, not ended, that an arrangement said to continue belongs to (linking.continues_open)."""
    mine = {"keys": linking.unpack(entry["party_keys"]), "sides": sides, "date": entry["entry_date"]}
    return _best(db, mine, linking.continues_open) if sides else None


def _party_sides(record: rec.Record, ceasefire: rec.Ceasefire) -> list[set[str]]:
    """The ceasefire's sides as the article names them, each as its party keys; two actors sharing a key ("Colombia"
    and "Colombian forces", both @COL) are one side."""
    actors = {a.id: a for a in record.actors}
    sides: list[set[str]] = []
    for i in dict.fromkeys(ceasefire.declared_by + ceasefire.toward):
        keys = linking.party_keys([actors[i]]) if i in actors else set()
        same = [side for side in sides if side & keys]
        if keys:
            sides = [side for side in sides if not side & keys] + [keys.union(*same)]
    return sides


def _step_sides(record: rec.Record, ceasefire: rec.Ceasefire) -> list[set[str]]:
    """Each side its steps name, as that side's party keys (one set per actor that names a side)."""
    actors = {a.id: a for a in record.actors}
    ids = dict.fromkeys(i for s in ceasefire.steps for i in s.actors if i in actors)
    return [keys for i in ids if (keys := linking.party_keys([actors[i]]))]


def _best(db: Backend, mine: dict, same) -> str | None:
    """Of the stored ceasefires that `same(mine, candidate)` accepts, the one sharing the most sides with mine,
    then the nearest in time."""
    best, best_score = None, None
    for cid, other_keys, other_declared, status, first, last in db.execute(
            "SELECT c.id, c.party_keys, c.declared, c.status, min(h.entry_date), max(h.entry_date) FROM ceasefires c "
            "LEFT JOIN ceasefire_history h ON h.ceasefire_id = c.id "
            "GROUP BY c.id, c.party_keys, c.declared, c.status ORDER BY c.id"):
        candidate = {"keys": linking.unpack(other_keys), "declared": _first_day(other_declared), "status": status,
                     "first": first, "last": last}
        if same(mine, candidate):
            score = (len(mine["keys"] & candidate["keys"]), -linking.days_outside(mine["date"], candidate))
            if best_score is None or score > best_score:
                best, best_score = cid, score
    return best


def refresh(db: Backend, ceasefire_id: str) -> None:
    """Recompute a ceasefire from its history; one with no history left is removed."""
    rows = history_rows(db, ceasefire_id)
    if not rows:
        db.execute("DELETE FROM ceasefires WHERE id = ?", (ceasefire_id,))
        return
    parties = _union(n for h in rows for field in ("declared_by", "toward") for n in (h[field] or "").split("; "))
    mediators = [m for m in _union(n for h in rows for n in (h["mediators"] or "").split("; ")) if m not in parties]
    keys = set().union(*(linking.unpack(h["party_keys"]) for h in rows))
    declared = min((h["declared"] for h in rows if h["declared"]), default=None, key=lambda v: (len(v) != 10, v))
    latest = lambda field: next((h[field] for h in reversed(rows) if h[field]), None)  # noqa: E731
    conditions = _union(c for h in rows for c in json.loads(h["conditions"]))
    history = steps_of(rows)
    status = history[-1]["status"] if history else rows[-1]["status"]
    db.execute("UPDATE ceasefires SET parties = ?, party_keys = ?, declared = ?, effective = ?, ends = ?, "
               "status = ?, conditions = ?, mediators = ? WHERE id = ?",
               ("; ".join(parties), linking.pack(keys), declared, latest("effective"), latest("ends"),
                "in_effect" if status == "extended" else status, json.dumps(conditions, ensure_ascii=False),
                "; ".join(mediators), ceasefire_id))


def history_rows(db: Backend, ceasefire_id: str) -> list[dict]:
    """The articles' entries, oldest first (undated last), then in article order, with title and source."""
    return _dicts(db, f"SELECT {HISTORY_COLUMNS}, title, source_name, ingested_at FROM ceasefire_history "
                      "LEFT JOIN articles ON articles.id = ceasefire_history.article_id WHERE ceasefire_id = ? "
                      "ORDER BY entry_date NULLS LAST, ingested_at, article_id, local_id", [ceasefire_id])


def steps_of(rows: list[dict]) -> list[dict]:
    """The history: every step of every article, by date (then in the order the articles came), a step
    repeating the status before it folded into it as one more report (extensions and violations on other
    days stay apart). A step dated only by its week, month or year ("took effect a week ago") that restates a
    step dated to a day within that time is one more report of it (the nearest to its article's date). On a day
    it is declared anew, a violation is of the ceasefire standing, before the new declaration ("accused each
    other of attacks, then agreed to a new truce")."""
    steps = []
    for order, row in enumerate(rows):
        stored = json.loads(row.get("steps") or "null")
        for s in stored if stored is not None else [_legacy_step(row)]:
            entry_date = s.get("entry_date") or row["entry_date"]
            steps.append({
                "article_id": row["article_id"], "title": row.get("title"), "source_name": row.get("source_name"),
                "entry_date": str(entry_date) if entry_date else None, "status": s["status"],
                "declared_by": s["actors"] or row["declared_by"] if s["status"] != "violated" else "",
                "toward": "; ".join(n for n in (row["toward"] or "").split("; ") if n and n not in s["actors"])
                if s["status"] != "violated" else "",
                "mediators": row.get("mediators") or "",
                "violated_by": s["violated_by"] or None, "claimed_by": s["claimed_by"] or None,
                "evidence": s["evidence"], "_order": order, "_period": _period(s.get("date"), s.get("precision")),
                "_published": str(row["entry_date"]) if row["entry_date"] else None,
                "_restates": _undated_restatement(s)})
    restating = {id(s): r for s in steps if (r := _restated(s, steps) or _unnamed_redeclaration(s, steps))}
    for s in sorted(steps, key=lambda s: (s["_published"] or "", s["_order"])):  # earlier restatements first
        if s["_restates"] and id(s) not in restating and (r := _restated_declaration(s, steps, restating)):
            restating[id(s)] = r
    declared = sorted({s["entry_date"] for s in steps if s["status"] == "declared" and s["entry_date"] and id(s) not in restating})
    anew = set(declared[1:])  # days a ceasefire declared before is declared again
    steps.sort(key=lambda s: (s["entry_date"] is None, s["entry_date"] or "",
                              not (s["status"] == "violated" and s["entry_date"] in anew), s["_order"]))
    history: list[dict] = []
    holding: dict[int, dict] = {}  # step -> the history entry it is part of
    for s in [s for s in steps if id(s) not in restating] + [s for s in steps if id(s) in restating]:
        for private in ("_order", "_period", "_published", "_restates"):
            s.pop(private)
        if id(s) in restating:
            holding[id(restating[id(s)])]["reports"].append(
                {"article_id": s["article_id"], "entry_date": s["entry_date"], "evidence": s["evidence"]})
            continue
        last = history[-1] if history else None
        if s["entry_date"] is None:  # an undated report of a status already in the history is one more source of it
            last = next((h for h in reversed(history) if h["status"] == s["status"]), last)
        if last and last["status"] == s["status"] and (s["status"] not in EACH_TIME or last["entry_date"] == s["entry_date"]
                                                       or s["entry_date"] is None):
            last["reports"].append({"article_id": s["article_id"], "entry_date": s["entry_date"], "evidence": s["evidence"]})
            last["violated_by"] = last["violated_by"] or s["violated_by"]
            last["claimed_by"] = last["claimed_by"] or s["claimed_by"]
            holding[id(s)] = last
            continue
        history.append(s | {"reports": []})
        holding[id(s)] = history[-1]
    return history


def _period(value: str | None, precision: str | None) -> tuple[str, str] | None:
    """The first and last day (ISO) of a step's date coarser than a day; None for a day or no date."""
    if not value or precision == "day" or (precision is None and len(value) == 10):
        return None
    first = _first_day(value)
    if precision == "week":
        last = first + timedelta(days=6)
    elif len(value) == 7:
        last = first.replace(day=monthrange(first.year, first.month)[1])
    else:
        last = date(first.year, 12, 31)
    return first.isoformat(), last.isoformat()


def _restated(step: dict, steps: list[dict]) -> dict | None:
    """The step dated to a day that a coarsely dated step restates: same status, its day within the step's time,
    the nearest to the restating article's date."""
    if step["_period"] is None:
        return None
    first, last = step["_period"]
    same = [s for s in steps if s["_period"] is None and s["status"] == step["status"] and s["entry_date"]
            and first <= s["entry_date"] <= last and not s["_restates"]]  # an undated restatement's day is its report's
    mark = date.fromisoformat(step["_published"] or step["entry_date"] or first)
    return min(same, key=lambda s: abs((date.fromisoformat(s["entry_date"]) - mark).days), default=None)


def _unnamed_redeclaration(step: dict, steps: list[dict]) -> dict | None:
    """The declaration by named sides that a later article's declaration naming nobody restates ("our engagement
    has helped to halt the hostilities", weeks after two sides agreed to a ceasefire): the latest one reported
    before it, by another article. A declaration anew names who agreed to it."""
    if step["status"] != "declared" or step["declared_by"] or not step["_published"]:
        return None
    earlier = [s for s in steps if s["status"] == "declared" and s["declared_by"] and s["article_id"] != step["article_id"]
               and s["_published"] and s["_published"] < step["_published"] and not _restated(s, steps)
               and not s["_restates"]]
    return max(earlier, key=lambda s: (s["_published"], s["_order"]), default=None)


def _restated_declaration(step: dict, steps: list[dict], restating: dict) -> dict | None:
    """The declaration that an undated restatement ("the truce that the two sides agreed must hold", weeks on) is one
    more report of: the latest declaration reported before it by another article that is news of one, else the
    first restatement reported before it (a ceasefire first heard of in a restatement); none: it is the declaration.
    Steps already folded into another (`restating`) are not candidates."""
    earlier = [s for s in steps if s["status"] == "declared" and s["article_id"] != step["article_id"]
               and id(s) not in restating and s["_published"] and step["_published"]
               and (s["_published"], s["_order"]) < (step["_published"], step["_order"])]
    news = [s for s in earlier if not s["_restates"]]
    if news:
        return max(news, key=lambda s: (s["_published"], s["_order"]))
    return min(earlier, key=lambda s: (s["_published"], s["_order"]), default=None)


def _legacy_step(row: dict) -> dict:
    """A row stored before steps were: its article's one status."""
    return {"status": row["status"], "date": row["violated_on"], "entry_date": row["entry_date"], "actors": "",
            "violated_by": row["violated_by"] or "", "claimed_by": "", "evidence": ""}


def listing(db: Backend) -> list[dict]:
    """Every tracked ceasefire with its sides, mediators, conditions and history (`truce query --ceasefires`)."""
    ceasefires = _dicts(db, "SELECT id, status, parties, mediators, declared, effective, ends, conditions "
                            "FROM ceasefires ORDER BY declared NULLS LAST, id")
    for c in ceasefires:
        c["parties"] = [p for p in (c["parties"] or "").split("; ") if p]
        c["mediators"] = [m for m in (c["mediators"] or "").split("; ") if m]
        c["conditions"] = json.loads(c["conditions"])
        rows = history_rows(db, c["id"])
        c["articles"] = [r["article_id"] for r in rows]
        c["history"] = steps_of(rows)
    return ceasefires


# -- alerts -------------------------------------------------------------------------------------------------

def _raise_alerts(db: Backend, ceasefire_id: str, record: rec.Record, before: list[dict] | None) -> list[dict]:
    """The history entries this article added: a new ceasefire, a change of status (the history folds a
    repeated status into the entry before), a violation. Each once: an alert's id is its ceasefire,
    article, status and sentence."""
    seen = {(h["status"], h["entry_date"]) for h in before or []}
    parties = db.one("SELECT parties FROM ceasefires WHERE id = ?", (ceasefire_id,))[0]
    raised = []
    for entry in steps_of(history_rows(db, ceasefire_id)):
        if entry["article_id"] != record.id or (entry["status"], entry["entry_date"]) in seen:
            continue
        kind = "new" if not before and not raised else "violation" if entry["status"] == "violated" else "status"
        alert_id = hashlib.sha256("\0".join([ceasefire_id, record.id, entry["status"], entry["evidence"]]).encode()).hexdigest()[:16]
        if db.one("SELECT 1 FROM alerts WHERE id = ?", (alert_id,)):
            continue
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        alert = {"id": alert_id, "ceasefire_id": ceasefire_id, "article_id": record.id, "kind": kind,
                 "status": entry["status"], "title": record.title, "url": record.source.url,
                 "entry_date": entry["entry_date"], "parties": [p for p in parties.split("; ") if p],
                 "declared_by": entry["declared_by"], "violated_by": entry["violated_by"],
                 "claimed_by": entry["claimed_by"], "evidence": entry["evidence"],
                 "created_at": now.isoformat(timespec="seconds") + "Z"}
        db.execute("INSERT INTO alerts (id, created_at, ceasefire_id, article_id, kind, status, alert) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (alert_id, now, ceasefire_id, record.id, kind, entry["status"], json.dumps(alert, ensure_ascii=False)))
        raised.append(alert)
    return raised


def alerts(db: Backend, limit: int = 100) -> list[dict]:
    """The newest alerts first."""
    return [json.loads(r[0]) for r in db.execute(
        "SELECT alert FROM alerts ORDER BY created_at DESC, id LIMIT ?", (limit,))]


def _first_day(value: str | None) -> date | None:
    """The first day of a YYYY, YYYY-MM or YYYY-MM-DD value."""
    if not value:
        return None
    parts = (value.split("-") + ["01", "01"])[:3]
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def _union(items) -> list:
    out: list = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def _dicts(db: Backend, sql: str, params=()) -> list[dict]:
    names, rows = db.columns(sql, params)
    return [dict(zip(names, row)) for row in rows]
