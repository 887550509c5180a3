"""FastAPI dependencies shared by the pages and the REST API: the store, and who may do what."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import HTTPException, Request, status

from tawthiq.accounts import Permission
from tawthiq.store.base import Store
from tawthiq.web.auth import CSRF_FIELD, CSRF_HEADER, Principal, csrf_valid, principal_of, public_principal
from tawthiq.web.config import WebConfig

PUBLIC_VIEW = "public_view"
"""The setting that publishes the read-only public view when its value is ``on``."""


class LoginRequired(Exception):  # noqa: N818 (reads as what happened)
    """A page asked for without a session: the pages answer with a redirect to the log-in page."""


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def current_principal(request: Request) -> Principal | None:
    """The logged-in account, or the public reader when an admin published the view, or None."""
    if not hasattr(request.state, "principal"):
        store = get_store(request)
        found = principal_of(request, store)
        if found is None and store.setting(PUBLIC_VIEW) == "on":
            found = public_principal()
        request.state.principal = found
    principal: Principal | None = request.state.principal
    return principal


def authorize(request: Request, permission: Permission, *, page: bool) -> Principal:
    """The principal if it holds ``permission``; otherwise log-in (pages) or 401, or 403."""
    principal = current_principal(request)
    if principal is None or (principal.public and permission != "read"):
        if page:
            raise LoginRequired()
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "log in, or send an API token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not principal.can(permission):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"the {principal.role} role may not do this ({permission}): ask an admin for a role that may",
        )
    return principal


def page_permission(permission: Permission) -> Callable[[Request], Principal]:
    """A page dependency: ``Depends(page_permission("read"))``."""

    def dependency(request: Request) -> Principal:
        return authorize(request, permission, page=True)

    dependency.permission = permission  # type: ignore[attr-defined]  # read by the authorisation-matrix test
    return dependency


def api_permission(permission: Permission) -> Callable[[Request], Principal]:
    """An API dependency: ``Depends(api_permission("assess"))``."""

    def dependency(request: Request) -> Principal:
        return authorize(request, permission, page=False)

    dependency.permission = permission  # type: ignore[attr-defined]  # read by the authorisation-matrix test
    return dependency


async def check_csrf(request: Request, principal: Principal) -> None:
    """Refuse a session-authenticated write without the session's CSRF token (form field or header)."""
    submitted = request.headers.get(CSRF_HEADER)
    if submitted is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not csrf_valid(principal, submitted):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this form is missing its security token or it has expired: reload the page and try again",
        )
