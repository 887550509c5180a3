"""Security of the web app and the REST API: every route × every role, CSRF, XSS, SQL injection,
path traversal, session fixation, security headers, and no secret in logs or in the audit log.

The authorisation matrix is built from the app itself: each route declares the permission it needs
through :func:`tawthiq.web.deps.page_permission` / :func:`~tawthiq.web.deps.api_permission`, and a
route that declares none must be on :data:`OPEN_ROUTES`. So a new route that forgets its check fails
here before it ships.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from tawthiq.accounts import ROLES, allowed
from tawthiq.store import Store
from tawthiq.web.auth import SESSION_COOKIE

PASSWORD = "correct horse battery staple"  # every account's, as tests/web/conftest.py makes them

OPEN_ROUTES = {
    ("GET", "/"),  # a redirect to the list, which checks
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/healthz"),
    ("GET", "/language"),
    ("POST", "/language"),
}
"""Routes anyone may reach: the front door, logging in and out, the API's description, the language
switch."""

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _permission_of(route: APIRoute) -> str | None:
    """The permission a route's dependencies require, found by walking its dependency tree."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependency = pending.pop()
        permission = getattr(dependency.call, "permission", None)
        if permission is not None:
            return str(permission)
        pending.extend(dependency.dependencies)
    return None


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every APIRoute, through the wrappers FastAPI puts around included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(included.routes)


def _routes(app: FastAPI) -> Iterator[tuple[str, str, APIRoute]]:
    for route in _api_routes(app.routes):
        for method in sorted(route.methods - {"HEAD", "OPTIONS"}):
            yield method, route.path, route


def test_the_matrix_sees_every_route(app: FastAPI) -> None:
    """The walk above must find the routes, or every test below would pass by checking nothing."""
    paths = {path for _method, path, _route in _routes(app)}
    assert {"/incidents", "/incidents/{incident_id}", "/api/v1/incidents", "/api/v1/audit"} <= paths
    assert len(paths) >= 30


def _fill(path: str, values: dict[str, str]) -> str:
    """The route's path with each parameter given a real value (a stored incident, document...)."""
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m.group(1), "nothing-here"), path)


@pytest.fixture
def path_values(web_store: Store) -> dict[str, str]:
    incident = next(web_store.incidents())
    document = incident.claims[0].document_id
    sha256 = web_store.get_document(document).sha256  # type: ignore[union-attr]
    values = {"incident_id": incident.id, "document_id": document, "sha256": sha256 or "", "format": "jsonl"}
    values.update(
        {"id": incident.id, "token_id": "999999", "name": "viewer", "event_id": incident.claims[0].event_id}
    )
    return values


def test_every_route_declares_a_permission_or_is_knowingly_open(app: FastAPI) -> None:
    undeclared = [
        (method, path)
        for method, path, route in _routes(app)
        if _permission_of(route) is None and (method, path) not in OPEN_ROUTES
    ]
    assert not undeclared, f"routes with no permission check: {undeclared}"


def _request(client: TestClient, method: str, url: str, csrf: str | None) -> Any:
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if method == "GET":
        return client.get(url, headers=headers)
    if url.startswith("/api/"):
        return client.request(method, url, json={}, headers=headers)
    return client.request(method, url, data={"csrf": csrf or ""}, headers=headers)


def test_authorisation_matrix_every_route_every_role(
    app: FastAPI,
    anonymous: TestClient,
    client_as: Callable[[str], TestClient],
    api_as: Callable[[str], TestClient],
    path_values: dict[str, str],
) -> None:
    sessions = {role: client_as(role) for role in ROLES}
    tokens = {role: api_as(role) for role in ROLES}
    wrong: list[str] = []
    for method, path, route in _routes(app):
        permission = _permission_of(route)
        if permission is None or (method, path) == ("POST", "/logout"):
            continue  # logging out ends the session the rest of the matrix uses: tested on its own
        url = _fill(path, path_values)
        api = path.startswith("/api/")
        response = _request(anonymous, method, url, None)
        refused = {401} if api else {303, 401}
        if response.status_code not in refused:
            wrong.append(f"anonymous {method} {path}: {response.status_code}")
        elif not api and response.status_code == 303:
            assert response.headers["location"].startswith("/login")
        for role in ROLES:
            clients = [("session", sessions[role])] + ([("token", tokens[role])] if api else [])
            for via, client in clients:
                csrf = client.csrf if via == "session" else None  # type: ignore[attr-defined]
                response = _request(client, method, url, csrf)
                status = response.status_code
                if allowed(role, permission):  # type: ignore[arg-type]
                    if status in {401, 403} or status >= 500:
                        wrong.append(f"{role} ({via}) {method} {path} needs {permission}: {status}")
                elif status != 403:
                    wrong.append(f"{role} ({via}) {method} {path} lacks {permission}: {status}")
    assert not wrong, "\n".join(wrong)


def test_every_write_with_a_session_needs_the_csrf_token(
    app: FastAPI, client_as: Callable[[str], TestClient], path_values: dict[str, str]
) -> None:
    admin = client_as("admin")
    let_through = []
    for method, path, _route in _routes(app):
        if method not in WRITE_METHODS or (method, path) in OPEN_ROUTES:
            continue
        url = _fill(path, path_values)
        for csrf in (None, "forged-token"):
            response = _request(admin, method, url, csrf)
            if response.status_code != 403:
                let_through.append(f"{method} {path} with csrf={csrf}: {response.status_code}")
    assert not let_through, "\n".join(let_through)


def test_responses_carry_the_security_headers(client_as: Callable[[str], TestClient]) -> None:
    client = client_as("viewer")
    for url in ("/incidents", "/login", "/api/v1/incidents"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"


def test_login_issues_a_new_session_so_a_planted_one_is_useless(anonymous: TestClient) -> None:
    anonymous.cookies.set(SESSION_COOKIE, "planted-by-an-attacker")
    page = anonymous.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    data = {"name": "reviewer", "password": PASSWORD}
    if csrf:
        data["csrf"] = csrf.group(1)
    response = anonymous.post("/login", data=data)
    assert response.status_code == 303, response.text
    issued = response.cookies.get(SESSION_COOKIE)
    assert issued and issued != "planted-by-an-attacker"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie


XSS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "قصف <script>document.location='http://evil'</script> على حلب",
    '"><svg onload=alert(1)>',
    "\u202e<b>معكوس</b>",
]


def test_stored_xss_in_notes_and_edits_is_escaped(
    web_store: Store, client_as: Callable[[str], TestClient]
) -> None:
    incident = next(web_store.incidents())
    for payload in XSS:
        web_store.add_note(incident.id, payload, by="analyst")
    current = web_store.get_incident(incident.id)
    assert current is not None
    web_store.edit_incident(incident.id, {"place": XSS[2]}, by="reviewer", version=current.version)
    page = client_as("admin").get(f"/incidents/{incident.id}")
    assert page.status_code == 200
    for payload in XSS:
        assert payload not in page.text
    assert "<script>alert" not in page.text and 'onerror="alert' not in page.text
    audit = client_as("admin").get("/audit")
    assert "<script>document.location" not in audit.text


INJECTIONS = [
    "' OR '1'='1",
    "1; DROP TABLE incidents; --",
    '" OR 1=1 --',
    "%' UNION SELECT sha256 FROM originals --",
]


@pytest.mark.parametrize("parameter", ["q", "admin1", "event_type", "perpetrator", "status", "since", "sort"])
def test_sql_injection_in_every_filter_is_inert(
    parameter: str,
    web_store: Store,
    api_as: Callable[[str], TestClient],
    client_as: Callable[[str], TestClient],
) -> None:
    before = web_store.counts()
    for payload in INJECTIONS:
        for client, url in ((api_as("viewer"), "/api/v1/incidents"), (client_as("viewer"), "/incidents")):
            response = client.get(url, params={parameter: payload})
            assert response.status_code in {200, 400, 422}, (parameter, payload, response.status_code)
            if response.status_code == 200 and url.startswith("/api") and parameter != "sort":
                assert response.json()["total"] == 0, (parameter, payload)
    assert web_store.counts() == before


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/documents/..%2F..%2Fetc%2Fpasswd/original",
        "/api/v1/exports/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_path_traversal_reaches_nothing(url: str, client_as: Callable[[str], TestClient]) -> None:
    response = client_as("admin").get(url)
    assert response.status_code in {400, 404, 422}, (url, response.status_code)
    assert "[build-system]" not in response.text and "root:" not in response.text


def test_no_password_or_token_in_logs_or_audit(
    anonymous: TestClient, web_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "a wrong password that must never be logged"
    with caplog.at_level(logging.DEBUG):
        anonymous.post("/login", data={"name": "admin", "password": wrong})
        anonymous.post("/login", data={"name": "admin", "password": PASSWORD})
    assert wrong not in caplog.text and PASSWORD not in caplog.text
    for entry in web_store.audit():
        shown = f"{entry.before} {entry.after}"
        assert "$argon2" not in shown and PASSWORD not in shown
