"""A real web app over a real SQLite store holding the bundled examples, and a client for every role.

The examples are ingested once per session into a template database; each test gets its own copy, so
review writes in one test never leak into another.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tawthiq.accounts import ROLES
from tawthiq.cli import main
from tawthiq.store import Store, open_store
from tawthiq.web import WebConfig, create_app
from tawthiq.web.auth import SESSION_COOKIE, digest, hash_password, new_token, start_session

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "tawthiq" / "examples"
PASSWORD = "correct horse battery staple"
"""Every test account's password."""

BASE_URL = "https://testserver"
"""HTTPS, so that the client sends the app's Secure cookies back."""


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the bundled examples ingested and linked, and one account per role
    (``viewer``, ``analyst``, ``reviewer``, ``admin``), made once per test session."""
    path = tmp_path_factory.mktemp("web") / "examples.db"
    result = CliRunner().invoke(
        main,
        [
            "--db",
            str(path),
            "ingest",
            str(EXAMPLES / "reports.jsonl"),
            str(EXAMPLES / "ar-daraa-clashes.html"),
        ],
    )
    assert result.exit_code == 0, result.output
    hashed = hash_password(PASSWORD)
    with open_store(path) as store:
        for role in ROLES:
            store.add_user(role, role, hashed, by="test-setup")
    return path


@pytest.fixture
def web_store(examples_db: Path, tmp_path: Path) -> Iterator[Store]:
    """This test's own copy of the examples database, open."""
    path = tmp_path / "tawthiq.db"
    shutil.copyfile(examples_db, path)
    with open_store(path) as store:
        yield store


@pytest.fixture
def app(web_store: Store) -> FastAPI:
    return create_app(web_store, WebConfig())


@pytest.fixture
def anonymous(app: FastAPI) -> Iterator[TestClient]:
    """A client that is not logged in."""
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        yield client


@pytest.fixture
def client_as(app: FastAPI, web_store: Store) -> Iterator[Callable[[str], TestClient]]:
    """``client_as("reviewer")``: a client logged in (session cookie) as that role's account. The
    session's CSRF token is in ``client.headers["X-CSRF-Token"]`` only if a test sets it; it is on
    ``client.csrf`` (an attribute set here)."""
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        user = web_store.get_user(role)
        assert user is not None
        token, session = start_session(web_store, user)
        client = TestClient(app, base_url=BASE_URL, follow_redirects=False)
        client.cookies.set(SESSION_COOKIE, token)
        client.csrf = session.csrf  # type: ignore[attr-defined]
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api_as(app: FastAPI, web_store: Store) -> Iterator[Callable[[str], TestClient]]:
    """``api_as("analyst")``: a client sending a fresh API token of that role's account."""
    clients: list[TestClient] = []

    def make(role: str) -> TestClient:
        token = new_token("tq_")
        web_store.add_token(role, digest(token), f"{role} test token", by="test-setup")
        client = TestClient(
            app, base_url=BASE_URL, follow_redirects=False, headers={"Authorization": f"Bearer {token}"}
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
