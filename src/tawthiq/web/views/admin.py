"""What only an admin does: accounts, the public view, and reading the audit log.

Every change goes through the store, which audits it with the admin's name; the audit page checks the
hash chain each time it is shown, so a tampered log is visible where it is read.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from tawthiq.accounts import ROLES, AccountError, check_name, check_password, check_role
from tawthiq.store.base import JSONValue
from tawthiq.web.auth import Principal, hash_password
from tawthiq.web.deps import PUBLIC_VIEW, check_csrf, get_store, page_permission
from tawthiq.web.i18n import language_of
from tawthiq.web.render import redirect, render

router = APIRouter()

Admin = Annotated[Principal, Depends(page_permission("admin"))]
Auditor = Annotated[Principal, Depends(page_permission("audit"))]

AUDIT_PAGE = 100


def _error(request: Request, principal: Principal, message: str) -> Response:
    t = language_of(request)
    return render(
        request,
        "message.html",
        principal,
        {"title": t("error_title"), "message": message, "link": "/admin", "link_label": t("back")},
        status_code=400,
    )


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False)
def admin_page(request: Request, principal: Admin) -> Response:
    store = get_store(request)
    context = {
        "users": store.users(),
        "roles": ROLES,
        "public_view": store.setting(PUBLIC_VIEW) == "on",
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "admin.html", principal, context)


@router.post("/admin/users", include_in_schema=False)
async def add_user(request: Request, principal: Admin) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    try:
        name = check_name(str(form.get("name", "")).strip())
        role = check_role(str(form.get("role", "")))
        password = check_password(str(form.get("password", "")))
        get_store(request).add_user(name, role, hash_password(password), by=principal.name)
    except AccountError as error:
        return _error(request, principal, str(error))
    return redirect("/admin?saved=1")


@router.post("/admin/users/{name}", include_in_schema=False)
async def change_user(request: Request, name: str, principal: Admin) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    store = get_store(request)
    if store.get_user(name) is None:
        return _error(request, principal, f"no account {name!r}: it may have been renamed; reload the page")
    action = str(form.get("action", ""))
    try:
        if action == "role":
            store.update_user(name, by=principal.name, role=check_role(str(form.get("role", ""))))
        elif action in ("disable", "enable"):
            if name == principal.name and action == "disable":
                raise AccountError("you cannot disable your own account: ask another admin")
            store.update_user(name, by=principal.name, disabled=action == "disable")
        elif action == "password":
            password = check_password(str(form.get("password", "")))
            store.update_user(name, by=principal.name, password_hash=hash_password(password))
        else:
            raise AccountError(f"{action!r} is not an account change: use the buttons on the admin page")
    except AccountError as error:
        return _error(request, principal, str(error))
    return redirect("/admin?saved=1")


@router.post("/admin/public-view", include_in_schema=False)
async def public_view(request: Request, principal: Admin) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    value = "on" if form.get("value") == "on" else "off"
    get_store(request).set_setting(PUBLIC_VIEW, value, by=principal.name)
    return redirect("/admin?saved=1")


def _json(value: JSONValue) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(request: Request, principal: Auditor) -> Response:
    store = get_store(request)
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    target = request.query_params.get("target") or None
    entries = store.audit(target=target, limit=AUDIT_PAGE + 1, offset=(page - 1) * AUDIT_PAGE)
    context = {
        "check": store.verify_audit(),
        "entries": entries[:AUDIT_PAGE],
        "more": len(entries) > AUDIT_PAGE,
        "page": page,
        "target": target or "",
        "as_json": _json,
    }
    return render(request, "audit.html", principal, context)
