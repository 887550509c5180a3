"""Logging in and out.

The log-in form is protected against cross-site submission too (a "login CSRF" would sign a victim
into an attacker's account): the form carries a random token that must match a short-lived,
SameSite=Strict cookie set with the form. A successful log-in always starts a new session.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tawthiq.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_LIFETIME,
    LoginRefused,
    LoginThrottle,
    LoginThrottled,
    Principal,
    authenticate,
    new_token,
    start_session,
)
from tawthiq.web.deps import check_csrf, current_principal, get_config, get_store, page_permission
from tawthiq.web.i18n import language_of
from tawthiq.web.render import redirect, render, safe_next

router = APIRouter()

LOGIN_FORM_MAX_AGE = 3600


def _login_page(request: Request, next_path: str, *, message: str = "", status_code: int = 200) -> Response:
    token = new_token()
    response = render(
        request,
        "login.html",
        None,
        {"login_csrf": token, "next": next_path, "message": message},
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=LOGIN_FORM_MAX_AGE,
        secure=get_config(request).secure_cookies,
        httponly=True,
        samesite="strict",
        path="/login",
    )
    return response


@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return redirect("/incidents")


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/incidents") -> Response:
    principal = current_principal(request)
    if principal is not None and not principal.public:
        return redirect(safe_next(next))
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    next_path = safe_next(str(form.get("next", "")))
    t = language_of(request)
    cookie, submitted = request.cookies.get(LOGIN_CSRF_COOKIE), str(form.get("csrf", ""))
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        return _login_page(request, next_path, message=t("login_expired"), status_code=403)
    throttle: LoginThrottle = request.app.state.throttle
    address = request.client.host if request.client else "unknown"
    store = get_store(request)
    try:
        user = authenticate(store, throttle, name, password, address)
    except LoginThrottled as error:
        response = _login_page(
            request, next_path, message=t("login_throttled", seconds=error.retry_after), status_code=429
        )
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except LoginRefused:
        return _login_page(request, next_path, message=t("login_failed"), status_code=401)
    token, _session = start_session(store, user)
    response = redirect(next_path)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        secure=get_config(request).secure_cookies,
        httponly=True,
        samesite="strict",
    )
    response.delete_cookie(
        LOGIN_CSRF_COOKIE, path="/login", secure=get_config(request).secure_cookies, samesite="strict"
    )
    return response


@router.post("/logout", include_in_schema=False)
async def logout(
    request: Request, principal: Annotated[Principal, Depends(page_permission("read"))]
) -> Response:
    await check_csrf(request, principal)
    if principal.session_hash:
        get_store(request).delete_session(principal.session_hash)
    response = redirect("/login")
    response.delete_cookie(
        SESSION_COOKIE, secure=get_config(request).secure_cookies, httponly=True, samesite="strict"
    )
    return response
