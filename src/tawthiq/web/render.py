"""Rendering the review pages: one Jinja2 environment (autoescaping on), the context every page gets,
and the small parsing helpers the views share.

The templates never build markup from strings: every value is escaped, and the only markup passed in
is what :mod:`tawthiq.web.highlight` and :mod:`tawthiq.web.charts` produce from escaped text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tawthiq.web import i18n
from tawthiq.web.auth import Principal
from tawthiq.web.deps import get_config

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
VENDOR_LEAFLET = HERE / "frontend" / "node_modules" / "leaflet" / "dist"

environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

LANG_MAX_AGE = 365 * 24 * 3600


def page_url(request: Request, **changes: object) -> str:
    """This page's path and query with some parameters changed (``None`` removes one): for sort,
    pagination and language links that keep the filters."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def render(
    request: Request,
    template: str,
    principal: Principal | None,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """A page in the request's language; a ``?lang=`` choice is remembered in a cookie."""
    language = i18n.language_of(request)
    values: dict[str, Any] = {
        "request": request,
        "t": language,
        "principal": principal,
        "csrf": principal.csrf if principal and principal.csrf else "",
        "page_url": lambda **changes: page_url(request, **changes),
        "path": request.url.path,
        "fmt_datetime": fmt_datetime,
    }
    values.update(context or {})
    body = environment.get_template(template).render(values)
    response = HTMLResponse(body, status_code=status_code)
    chosen = request.query_params.get("lang")
    if chosen in i18n.LANGUAGES and request.cookies.get(i18n.COOKIE) != chosen:
        response.set_cookie(
            i18n.COOKIE,
            chosen,
            max_age=LANG_MAX_AGE,
            secure=get_config(request).secure_cookies,
            httponly=True,
            samesite="lax",
        )
    return response


def redirect(url: str) -> RedirectResponse:
    """After a POST: 303, so a reload never repeats the write."""
    return RedirectResponse(url, status_code=303)


def quote_next(path: str) -> str:
    """A path to come back to after logging in, quoted for a query string."""
    return quote(path, safe="")


def safe_next(value: str | None, default: str = "/incidents") -> str:
    """Where to go after logging in: only a path on this site, never another site (open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value


def fmt_datetime(value: dt.datetime | None) -> str:
    """A stored time as UTC, to the second: unambiguous in any language."""
    if value is None:
        return ""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def parse_date(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD form value, or None when empty; ValueError when it is not a date."""
    if not value or not value.strip():
        return None
    return dt.date.fromisoformat(value.strip())


def parse_count(value: str | None) -> int | None:
    """A non-negative whole number form value, or None when empty; ValueError otherwise."""
    if not value or not value.strip():
        return None
    number = int(value.strip())
    if number < 0:
        raise ValueError(value)
    return number
