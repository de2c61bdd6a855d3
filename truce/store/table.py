"""The analyst's views of the store: the table (one row per incident, or per event), the map's points,
and the trends, all under the store's EventFilter.

The table is sorted, searched and paged by the database, so a page costs the same over fifty
events or fifty thousand. An incident is shown by its most confident matching event, with the count
of the articles that report the incident and their links. Sort keys are a closed list of columns,
never SQL from the request.
"""
from __future__ import annotations

from .query import EventFilter
from .store import Store

VIEWS = ("incident", "event")
# Sort key -> the column of the page's rows it orders by.
SORTS = {"date": "event_date", "type": "event_type", "acled_type": "acled_type", "actor1": "main_actor",
         "actor2": "main_recipient", "confidence": "confidence", "sources": "sources", "country": "country",
         "place": "location_name", "fatalities": "fatalities", "review": "review"}
TABLE_COLUMNS = ("uid, article_id, incident_id, event_type, acled_type, acled_sub_type, factuality, date_value, "
                 "date_precision, event_date, main_actor, assoc_actors, main_recipient, assoc_recipients, actors, "
                 "recipients, location_name, location_precision, country, iso3, lat, lon, confidence, fatalities, "
                 "review, evidence")
PERIODS = ("week", "month")
SPLITS = {"type": "event_type", "country": "COALESCE(country, 'no country')", "acled_type": "acled_type"}
# The map's point of each row: only what a marker needs; its popup asks /api/events/{uid} for the rest.
POINT_COLUMNS = ("uid", "lat", "lon", "event_type", "location_precision", "country", "location_name", "sources")


def _check(view: str) -> None:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")


def _rows(store: Store, filters: EventFilter | None, view: str, columns: str) -> tuple[str, list]:
    """SQL of the filtered rows of a view, with `columns` and `sources` (the articles of the row's
    incident), and its parameters. In the incident view an incident's most confident matching event
    stands for it."""
    _check(view)
    where, params = store.where(filters)
    pick = "ROW_NUMBER() OVER (PARTITION BY incident_id ORDER BY confidence DESC, uid)" if view == "incident" else "1"
    sql = (f"WITH matching AS (SELECT {columns}, incident_id AS incident, {pick} AS pick FROM events {where}), "
           "reports AS (SELECT incident_id AS incident, count(DISTINCT article_id) AS sources FROM events GROUP BY incident_id) "
           f"SELECT {', '.join('matching.' + c.strip() for c in columns.split(','))}, reports.sources "
           "FROM matching JOIN reports ON reports.incident = matching.incident WHERE pick = 1")
    return sql, params


def count(store: Store, filters: EventFilter | None = None, view: str = "incident") -> int:
    _check(view)
    where, params = store.where(filters)
    counted = "DISTINCT incident_id" if view == "incident" else "*"
    return store.db.one(f"SELECT count({counted}) FROM events {where}", params)[0]


def page(store: Store, filters: EventFilter | None = None, view: str = "incident", sort: str = "date",
         descending: bool = True, limit: int = 50, offset: int = 0) -> dict:
    """One page of the table: {total, rows}; each row with its incident's `sources` (one per article).
    The page's rows are chosen over two columns (uid and the sort key), then read in full: sorting
    every matching row with all its text would cost ten times as much."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")
    key = SORTS[sort]
    sql, params = _rows(store, filters, view, "uid" if key == "sources" else f"uid, {key}")
    order = f"{key} {'DESC' if descending else 'ASC'} NULLS LAST, uid"
    chosen = f"SELECT uid, sources, ROW_NUMBER() OVER (ORDER BY {order}) AS place FROM ({sql}) keyed"
    rows = store._dicts(f"SELECT {', '.join('e.' + c.strip() for c in TABLE_COLUMNS.split(','))}, chosen.sources "
                        f"FROM ({chosen} ORDER BY place LIMIT ? OFFSET ?) chosen JOIN events e ON e.uid = chosen.uid "
                        "ORDER BY chosen.place", [*params, limit, offset])
    links = _sources(store, [r["incident_id"] for r in rows])
    for row in rows:
        row["links"] = links.get(row["incident_id"], [])
    return {"total": count(store, filters, view), "rows": rows}


def _sources(store: Store, incidents: list[str]) -> dict[str, list[dict]]:
    """The reporting articles of each incident, one link per article, oldest first."""
    incidents = list(dict.fromkeys(incidents))
    if not incidents:
        return {}
    marks = ", ".join("?" for _ in incidents)
    found: dict[str, list[dict]] = {}
    for row in store._dicts(
            "SELECT e.incident_id, min(e.uid) AS uid, a.id AS article_id, a.title, a.source_name, a.source_url, a.published "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.incident_id IN ({marks}) "
            "GROUP BY e.incident_id, a.id, a.title, a.source_name, a.source_url, a.published "
            "ORDER BY a.published NULLS LAST, a.id", incidents):
        found.setdefault(row.pop("incident_id"), []).append(row)
    return found


def points(store: Store, filters: EventFilter | None = None, view: str = "incident") -> dict:
    """Every located row of the view (no cap) as compact arrays: {fields, rows}."""
    sql, params = _rows(store, filters, view, ", ".join(c for c in POINT_COLUMNS if c != "sources"))
    names, rows = store.db.columns(f"SELECT {', '.join(POINT_COLUMNS)} FROM ({sql}) located "
                                   "WHERE lat IS NOT NULL AND lon IS NOT NULL ORDER BY uid", params)
    return {"fields": list(names), "rows": [list(r) for r in rows]}


def trends(store: Store, filters: EventFilter | None = None, view: str = "incident", period: str = "month",
           split: str = "type") -> list[dict]:
    """Counts per week or month (the period's first day) and per type, ACLED type or country, dated rows only.
    In the incident view an incident counts once in each period and group it has matching events in."""
    _check(view)
    if period not in PERIODS or split not in SPLITS:
        raise ValueError(f"period is one of {', '.join(PERIODS)} and split one of {', '.join(SPLITS)}")
    where, params = store.where(filters)
    where = f"{where} AND event_date IS NOT NULL" if where else "WHERE event_date IS NOT NULL"
    counted = "DISTINCT incident_id" if view == "incident" else "*"
    return store._dicts(f"SELECT CAST(date_trunc('{period}', event_date) AS DATE) AS period, {SPLITS[split]} AS key, "
                        f"count({counted}) AS count FROM events {where} GROUP BY 1, 2 ORDER BY 1, 2", params)
