"""The web server: a JSON API over the store and the static dashboard that reads it.

Safe by default, so that it can face more than loopback later: every SQL value is a parameter (the
store's rule); request bodies are capped; writes (POST /api/analyze, /api/ingest) need
`Authorization: Bearer $TRUCE_API_TOKEN` when that variable is set, compared in constant time, and
without a token they are taken from loopback clients only (a server bound to 0.0.0.0 without a token
serves reads to everyone and writes to no one else); no CORS headers are sent, so other origins cannot
read the API; the page puts article text in the DOM with textContent only.
"""

import hmac
import ipaddress
import os
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from ..alerts import atom_feed, json_feed
from ..errors import TruceError
from ..inputs import doc_from_json
from ..record import EVENT_TYPES
from ..settings import load_settings
from ..store import EventFilter, SharedStore, StoreBusy, UnknownCountry, sources
from ..store.query import REVIEW_STATES
from .desk import add_desk_routes

STATIC = Path(__file__).parent / "static"
MAX_PAGE = 1000


class ArticleIn(BaseModel):
    """One article, as a line of `truce analyze --jsonl` input."""

    text: Optional[str] = None
    html: Optional[str] = None
    id: Optional[str] = None
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


def create_app(db: str | None = None, pipeline=None, token: str | None = None, webhook=None) -> FastAPI:
    """`pipeline` is loaded on the first analysis when not given; `token` defaults to $TRUCE_API_TOKEN."""
    settings = load_settings()
    # Opened per request (a DuckDB file), so that `truce query`, `export` and `ingest` can use the file
    # between requests and what they write shows at the next request; see truce/store/shared.py.
    shared = SharedStore(db)
    analysis_lock = threading.Lock()  # one pipeline (spaCy is not shared between threads)
    token = token if token is not None else os.environ.get("TRUCE_API_TOKEN") or None
    loaded = {"pipeline": pipeline}
    app = FastAPI(title="truce", summary="News articles in, structured political-event records out.",
                  version=str(shared.version), docs_url=None, redoc_url=None)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy):
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(UnknownCountry)
    async def unknown_country(request: Request, exc: UnknownCountry):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        if request.method == "POST":
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return JSONResponse({"detail": "a Content-Length header is required"}, status_code=411)
            if int(length) > settings.max_bytes:
                return JSONResponse({"detail": f"the body is over {settings.max_bytes:,} bytes"}, status_code=413)
        return await call_next(request)

    def authorized(request: Request) -> None:
        if token is None:
            if not _loopback(request.client.host if request.client else None):
                raise HTTPException(403, "writes from other machines need TRUCE_API_TOKEN set on the server")
            return
        given = request.headers.get("authorization", "")
        if not (given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def analyzed(article: ArticleIn):
        try:
            doc = doc_from_json(article.model_dump(exclude_none=True), max_bytes=settings.max_bytes)
        except TruceError as exc:
            raise HTTPException(422, str(exc)) from None
        with analysis_lock:  # apart from the store's lock: reads go on while an article is analysed
            if loaded["pipeline"] is None:
                from ..pipeline import Pipeline

                loaded["pipeline"] = Pipeline(settings)
            result = loaded["pipeline"].analyze_one(doc)
        if hasattr(result, "error"):
            raise HTTPException(422, result.error)
        return result

    def one(lookup, key: str, missing: str) -> dict:
        with shared.open() as store:
            found = lookup(store)(key)
        if found is None:
            raise HTTPException(404, missing)
        return found

    def filters(country: Optional[str] = None, since: Optional[date] = None, until: Optional[date] = None,
                type: Annotated[list[str], Query()] = [], factuality: Annotated[list[str], Query()] = [],  # noqa: B006
                actor: Optional[str] = None, article: Optional[str] = None,
                incident: Optional[str] = None,
                q: Annotated[Optional[str], Query(max_length=200, description="Words anywhere in the event")] = None,
                min_confidence: Annotated[Optional[float], Query(ge=0, le=1)] = None,
                acled_type: Annotated[list[str], Query(description="ACLED event type as shown")] = [],  # noqa: B006
                review: Annotated[Optional[Literal[tuple(REVIEW_STATES)]], Query()] = None) -> EventFilter:  # type: ignore
        unknown = [t for t in type if t.upper() not in EVENT_TYPES]
        if unknown:
            raise HTTPException(422, f"unknown event type {unknown[0]!r}")
        return EventFilter(country=country, since=since, until=until, types=type, factuality=factuality,
                           actor=actor, article_id=article, incident_id=incident, text=q,
                           min_confidence=min_confidence, acled_types=acled_type, review=review)

    @app.post("/api/analyze", dependencies=[Depends(authorized)], tags=["analysis"])
    def analyze(article: ArticleIn) -> dict:
        """Analyze one article and return its record (nothing is stored)."""
        return analyzed(article).model_dump(mode="json")

    @app.post("/api/ingest", dependencies=[Depends(authorized)], tags=["store"])
    def ingest(article: ArticleIn) -> dict:
        """Analyze one article and store it (replacing an earlier analysis of the same article)."""
        result = analyzed(article)
        with shared.open() as store:
            summary = store.ingest(result)
        if webhook is not None:  # after the store is let go: a slow webhook holds no one up
            webhook.post(summary["alerts"])
        return summary

    @app.get("/api/events", tags=["store"])
    def events(f: Annotated[EventFilter, Depends(filters)], limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict:
        """Stored events, newest first, filtered and paged."""
        with shared.open() as store:
            return {"total": store.count_events(f), "limit": limit, "offset": offset,
                    "events": store.events(f, limit, offset)}

    @app.get("/api/events/{uid}", tags=["store"])
    def event(uid: str) -> dict:
        """One event: its fields, its record JSON, and every source of its incident."""
        return one(lambda store: lambda key: event_with_sources(store, key), uid, "no such event")

    @app.get("/api/timeline", tags=["store"])
    def timeline(f: Annotated[EventFilter, Depends(filters)]) -> list[dict]:
        """Events per day and type."""
        with shared.open() as store:
            return store.timeline(f)

    @app.get("/api/countries", tags=["store"])
    def countries() -> list[dict]:
        """The countries of the stored events with their event counts, most events first."""
        with shared.open() as store:
            return store.event_countries()

    @app.get("/api/ceasefires", tags=["store"])
    def ceasefires() -> list[dict]:
        """Each tracked ceasefire with its sides, mediators, conditions, articles and history: one entry per change
        of status (article, day, status, who, who violated it, who says so, the sentence), oldest first."""
        with shared.open() as store:
            return store.ceasefires()

    @app.get("/api/alerts", tags=["store"])
    def alerts(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> dict:
        """The ceasefire alerts (new ceasefire, change of status, violation), newest first, as a JSON Feed 1.1."""
        with shared.open() as store:
            return json_feed(store.alerts(limit), str(request.base_url).rstrip("/"))

    @app.get("/api/alerts.atom", tags=["store"], response_class=Response)
    def alerts_atom(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> Response:
        """The same alerts as an Atom feed."""
        with shared.open() as store:
            found = store.alerts(limit)
        return Response(atom_feed(found, str(request.base_url).rstrip("/")), media_type="application/atom+xml")

    @app.get("/api/articles/{article_id}", tags=["store"])
    def article(article_id: str) -> dict:
        """The stored record of one article (or of the article a syndicated copy was folded into), with
        `sources`: every address it was received from."""
        return one(lambda store: lambda key: article_with_sources(store, key), article_id, "no such article")

    add_desk_routes(app, shared, authorized, filters)

    @app.get("/docs", include_in_schema=False)
    def docs():
        """Swagger UI from the vendored files: FastAPI's default page would fetch it from a CDN."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="truce API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html")

    app.mount("/", StaticFiles(directory=STATIC, html=True), name="static")
    app.state.store = shared
    return app


def article_with_sources(store, article_id: str) -> dict | None:
    """The record of an article, found by its id or by the id of one of its copies, with its sources
    (truce/store/sources.py) as `sources`."""
    record = store.article(article_id) or store.article(sources.original_id(store.db, article_id) or "")
    if record is not None:
        record["sources"] = sources.sources_of(store.db, record["id"])
    return record


def event_with_sources(store, uid: str) -> dict | None:
    """An event whose incident's articles each carry their own sources as `article_sources`."""
    event = store.event(uid)
    for reported in event["sources"] if event else []:
        reported["article_sources"] = sources.sources_of(store.db, reported["article_id"])
    return event


def _loopback(host: str | None) -> bool:
    try:
        address = ipaddress.ip_address(host or "")
    except ValueError:  # no address, or a name (the test client calls itself "testclient")
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on a dual-stack socket
    return (mapped or address).is_loopback
