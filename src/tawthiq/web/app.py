"""The ASGI application: the review pages and the REST API over one store, secure by default."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib.metadata import version
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from tawthiq.store.base import Store
from tawthiq.web import api, pages
from tawthiq.web.auth import LoginThrottle
from tawthiq.web.config import WebConfig
from tawthiq.web.deps import LoginRequired


def create_app(store: Store, config: WebConfig | None = None) -> FastAPI:
    """The web app over ``store``; serve it with ``tawthiq serve`` (uvicorn) or any ASGI server."""
    config = config or WebConfig()
    app = FastAPI(
        title="tawthiq",
        version=version("tawthiq"),
        summary="A verified, geocoded, source-attributed record of violence against civilians.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
    )
    app.state.store = store
    app.state.config = config
    app.state.throttle = LoginThrottle(config.login_failures, config.login_window_s)
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_assets(app)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, _error: LoginRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={pages.quote_next(target)}", status_code=303)

    headers = security_headers(config)

    @app.middleware("http")
    async def add_security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response

    return app


def security_headers(config: WebConfig) -> dict[str, str]:
    """Headers on every response: a strict CSP (own scripts and styles only; tiles from the configured
    server if any), no framing, no sniffing, no referrer, no caching of pages that hold evidence."""
    images = "'self' data: blob:"
    if config.tile_url:
        parts = urlsplit(config.tile_url.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}"
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; font-src 'self'; object-src 'none'; "
        "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cache-Control": "no-store",
    }
