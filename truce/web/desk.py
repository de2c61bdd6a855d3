"""The analyst's desk in the API: the table, the map's points, the trends, "export this view", and the
review of events (accept, reject, edit) with its audit trail.

Reads take the same filters as /api/events. A review is a write: it needs the server's bearer token,
by the same rule as /api/ingest (`authorized`, from app.py).
"""

import io
from typing import Annotated, Any, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..store import EventFilter, SharedStore
from ..store import review as reviews
from ..store import table

MAX_ROWS = 200
View = Literal[table.VIEWS]  # type: ignore[valid-type]


class ReviewIn(BaseModel):
    """One review of one event. `fields` (for edit): any of truce.store.review.EDITABLE."""

    action: Literal[reviews.ACTIONS]  # type: ignore[valid-type]
    reviewer: str = Field(min_length=1, max_length=100)
    fields: dict[str, Any] = {}


def add_desk_routes(app: FastAPI, shared: SharedStore, authorized, filters) -> None:
    """Register the desk's routes on `app`; `authorized` and `filters` are app.py's dependencies."""
    Filters = Annotated[EventFilter, Depends(filters)]

    @app.get("/api/table", tags=["desk"])
    def table_page(f: Filters, view: View = "incident",
                   sort: Literal[tuple(table.SORTS)] = "date",  # type: ignore[valid-type]
                   order: Literal["asc", "desc"] = "desc", limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 50,
                   offset: Annotated[int, Query(ge=0)] = 0) -> dict:
        """One page of the analyst's table: one row per incident (its most confident matching event, its
        sources) or per event, sorted, searched (`q`) and paged by the server."""
        with shared.open() as store:
            return {"limit": limit, "offset": offset, "view": view, "sort": sort, "order": order,
                    **table.page(store, f, view, sort, order == "desc", limit, offset)}

    @app.get("/api/points", tags=["desk"])
    def points(f: Filters, view: View = "incident") -> dict:
        """Every located row of the view, for the map (no cap): {fields, rows} as compact arrays."""
        with shared.open() as store:
            return table.points(store, f, view)

    @app.get("/api/trends", tags=["desk"])
    def trends(f: Filters, view: View = "incident", period: Literal[table.PERIODS] = "month",  # type: ignore[valid-type]
               split: Literal[tuple(table.SPLITS)] = "type") -> list[dict]:  # type: ignore[valid-type]
        """Counts per week or month, split by type, ACLED type or country (dated rows only)."""
        with shared.open() as store:
            return table.trends(store, f, view, period, split)

    @app.get("/api/export", tags=["desk"])
    def export_view(f: Filters, format: Literal["csv", "geojson"] = "csv") -> Response:
        """The filtered events as `truce export` writes them (ACLED-like CSV, or GeoJSON), as a download."""
        from ..export import export

        out = io.StringIO()
        with shared.open() as store:
            export(store, format, out, f)
        media = "text/csv" if format == "csv" else "application/geo+json"
        return Response(out.getvalue(), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="truce-events.{format}"'})

    @app.post("/api/events/{uid}/review", dependencies=[Depends(authorized)], tags=["desk"])
    def review(uid: str, body: ReviewIn) -> dict:
        """Accept, reject or edit an event; the change is kept in the audit trail and outlives re-ingestion."""
        with shared.open() as store:
            try:
                entry = reviews.review_event(store.db, store.countries, uid, body.action, body.reviewer, body.fields)
            except reviews.ReviewError as exc:
                raise HTTPException(422, str(exc)) from None
        if entry is None:
            raise HTTPException(404, "no such event")
        return entry

    @app.get("/api/events/{uid}/audit", tags=["desk"])
    def event_audit(uid: str) -> list[dict]:
        """The audit trail of one event, newest first (its earlier analyses' entries too)."""
        with shared.open() as store:
            return reviews.audit(store.db, uid)

    @app.get("/api/audit", tags=["desk"])
    def audit(limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0)] = 0,
              orphans: Optional[bool] = False) -> list[dict]:
        """Every review action, newest first; `orphans=true`: the reviews whose event a re-analysis dropped."""
        with shared.open() as store:
            return reviews.orphans(store.db) if orphans else reviews.audit(store.db, None, limit, offset)
