"""The web explorer: a JSON API over a store, and the page that draws it.

Every endpoint reads the store through :mod:`tidings.analytics`, the same library
the command line uses, on a read-only connection opened per request (so an ingest
can keep writing between requests). Filters arrive as query parameters, are
checked here (types, patterns, known values) and reach SQL only as parameters.
Errors are JSON ``{"error": message}``, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__, analytics
from ..errors import ConfigError, TidingsError
from ..export import export_selection
from ..store import Keeper, Store

STATIC = Path(__file__).parent / "static"
COUNTRY = r"^[A-Za-z]{3}$"
SECTOR = r"^[A-Za-z]{3}$"
EVENT_TYPE = r"^[A-Z]{3,12}$"
ORDER = "^(" + "|".join(analytics.EVENT_ORDERS) + ")$"
FACTUALITY = Literal["asserted", "negated", "hypothetical", "future", "historical", "reported"]
EXPORTS = {"csv": ("text/csv", "csv"), "gdelt": ("text/tab-separated-values", "tsv"),
           "plover": ("application/x-ndjson", "jsonl")}
KEEP_OPEN_SECONDS = 2.0  # the store stays open this long after a request; then a writer can get in
log = logging.getLogger("tidings.web")


@dataclass
class Filters:
    """The filters every view shares; also the names used in the page's URL."""

    date_from: dt.date | None = Query(None, description="First day, YYYY-MM-DD")
    date_to: dt.date | None = Query(None, description="Last day, YYYY-MM-DD")
    actor: str | None = Query(None, pattern=COUNTRY, description="Actor country code, e.g. CHN")
    recipient: str | None = Query(None, pattern=COUNTRY, description="Recipient country code, e.g. PRK")
    actor_sector: str | None = Query(None, pattern=SECTOR, description="Actor sector, e.g. GOV")
    recipient_sector: str | None = Query(None, pattern=SECTOR, description="Recipient sector, e.g. MIL")
    event_type: str | None = Query(None, pattern=EVENT_TYPE, description="PLOVER event type, e.g. CONSULT")
    quad_class: int | None = Query(None, ge=1, le=4, description="GDELT QuadClass 1-4")
    factuality: FACTUALITY | None = Query(None, description="asserted, negated, …")
    location_country: str | None = Query(None, pattern=COUNTRY, description="Country the event took place in "
                                         "(ISO3, from its geocoded location), e.g. VNM")
    outlet: str | None = Query(None, max_length=200, description="Outlet name as stored")
    attributed: str | None = Query(None, max_length=200, description="Attributed to: the farthest outlet that "
                                   "relayed the claim, else the speaker (a name as in /api/facets)")
    text: str | None = Query(None, max_length=200, description="Words in the source sentence")

    def as_dict(self) -> dict[str, Any]:
        values = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for name in ("actor_sector", "recipient_sector"):
            if values[name]:
                values[name] = values[name].upper()
        return values


def create_app(db: str) -> FastAPI:
    """The FastAPI application for the store at ``db`` (opened read-only, per request)."""
    store = Store(db, lock_wait=10.0)
    keeper = Keeper(store, idle=KEEP_OPEN_SECONDS)
    app = FastAPI(title="tidings explorer", version=__version__,
                  description="Read-only API over a tidings event store.")

    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, exc: TidingsError) -> JSONResponse:
        status = 400 if isinstance(exc, ConfigError) else 503
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": f"bad request: {problems}"}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)

    @app.get("/api/facets", summary="Values the filters can take")
    def facets() -> dict[str, Any]:
        with store.session(keeper):
            return analytics.facets(store)

    @app.get("/api/events", summary="A page of merged events matching the filters")
    def events(f: Filters = Depends(), order: str = Query("date", pattern=ORDER), desc: bool = True, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict:
        filters = f.as_dict()
        with store.session(keeper):
            page, total = analytics.events_view(store, filters, order, desc, limit, offset)
        return {"total": total, "offset": offset, "limit": limit, "rows": page.dicts()}

    @app.get("/api/events/{event_id}", summary="One event with every sentence that reports it")
    def event(event_id: str) -> dict:
        if not event_id.isalnum() or len(event_id) > 40:
            raise HTTPException(404, f"no event {event_id!r}")
        with store.session(keeper):
            detail = analytics.event_detail(store, event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return detail

    @app.get("/api/quotes", summary="The quotes of one article: content, cue, speaker, outlets")
    def quotes(article: str = Query(..., min_length=1, max_length=200, description="Article id")) -> dict:
        with store.session(keeper):
            return {"article": article, "quotes": analytics.article_quotes(store, article)}

    @app.get("/api/timeline", summary="Events per period by QuadClass, with mean Goldstein")
    def timeline(f: Filters = Depends(), by: Literal["day", "week", "month", "year"] = "month") -> dict:
        with store.session(keeper):
            return {"by": by, "rows": analytics.timeline(store, f.as_dict(), by).dicts()}

    @app.get("/api/dyads", summary="Events per period and country dyad")
    def dyads(by: Literal["day", "week", "month", "year"] = "month",
              actor: str | None = Query(None, pattern=COUNTRY), recipient: str | None = Query(None, pattern=COUNTRY),
              limit: int = Query(500, ge=1, le=5000)) -> dict:
        with store.session(keeper):
            return {"rows": analytics.dyads(store, by, actor, recipient, limit).dicts()}

    @app.get("/api/network", summary="Country network: edges weighted by events, with mean Goldstein")
    def network(f: Filters = Depends(), min_events: int = Query(1, ge=1), limit: int = Query(300, ge=1, le=5000)) -> dict:
        with store.session(keeper):
            edges = analytics.network_edges(store, min_events, f.as_dict(), limit).dicts()
        nodes: dict[str, int] = {}
        for edge in edges:
            for end in (edge["source"], edge["target"]):
                nodes[end] = nodes.get(end, 0) + edge["weight"]
        return {"nodes": [{"id": k, "events": v} for k, v in sorted(nodes.items())], "edges": edges}

    @app.get("/api/places", summary="Events per place, for the map: at their geocoded location "
             "(source 'event location'), else at the actor country's capital (source 'actor country (capital)')")
    def places(f: Filters = Depends()) -> dict:
        with store.session(keeper):
            return {"rows": analytics.places(store, f.as_dict()).dicts()}

    @app.get("/api/export", summary="Download the selected events (csv, gdelt, plover)")
    def export(f: Filters = Depends(), format: Literal["csv", "gdelt", "plover"] = "csv") -> Response:  # noqa: A002
        where, params = analytics.event_filter(f.as_dict())
        buffer = io.StringIO()
        export_selection(store, format, buffer, where, params)
        media, suffix = EXPORTS[format]
        return Response(buffer.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="tidings-events.{suffix}"'})

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
