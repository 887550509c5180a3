"""The review app's pages (server-rendered HTML, Arabic first) and the files they need.

:data:`router` joins the pages of :mod:`tawthiq.web.views`; :func:`mount_assets` serves our own CSS
and JS, the offline basemap, and Leaflet from ``web/frontend/node_modules`` (installed by
``make assets`` from the npm registry, pinned by its lock file, never committed), and answers errors
on pages with an HTML page instead of the API's JSON.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from tawthiq.web.deps import current_principal
from tawthiq.web.i18n import language_of
from tawthiq.web.render import STATIC, VENDOR_LEAFLET, quote_next, render
from tawthiq.web.views import admin, documents, incidents, maps, session

__all__ = ["mount_assets", "quote_next", "router"]

router = APIRouter()
for _module in (session, incidents, documents, maps, admin):
    router.include_router(_module.router)

ASSETS_MISSING = (
    "Leaflet is not installed, so the map cannot be drawn. Run `make assets` "
    "(npm ci --prefix src/tawthiq/web/frontend) and restart `tawthiq serve`."
)

_TITLES = {401: "login", 403: "forbidden", 404: "not_found"}


class _Static(StaticFiles):
    """Static files a browser may keep for an hour: our CSS/JS, the basemap and Leaflet hold no data."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.setdefault("Cache-Control", "public, max-age=3600")
        return response


def mount_assets(app: FastAPI) -> None:
    """Serve ``/static`` (ours) and ``/static/vendor/leaflet`` (npm's), and HTML error pages."""
    if (VENDOR_LEAFLET / "leaflet.js").exists():
        app.mount("/static/vendor/leaflet", _Static(directory=VENDOR_LEAFLET), name="leaflet")
    else:

        @app.get("/static/vendor/leaflet/{path:path}", include_in_schema=False)
        def leaflet_missing(path: str) -> Response:
            return PlainTextResponse(ASSETS_MISSING, status_code=404)

    app.mount("/static", _Static(directory=STATIC), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def html_errors(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/")):
            return await http_exception_handler(request, error)
        try:
            principal = current_principal(request)
        except StarletteHTTPException:
            principal = None
        t = language_of(request)
        response = render(
            request,
            "message.html",
            principal,
            {
                "title": t(_TITLES.get(error.status_code, "error_title")),
                "message": str(error.detail),
                "link": "/incidents",
                "link_label": t("incidents"),
            },
            status_code=error.status_code,
        )
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response
