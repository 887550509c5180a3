"""A real server and a real headless browser: the review app served by uvicorn on a free local port,
driven by Debian's chromium through Playwright.

Skipped, with the reason, when /usr/bin/chromium is missing, unless ``TAWTHIQ_REQUIRE_BROWSER=1``
(CI sets it, so a missing browser fails there instead of passing silently).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from tawthiq.store import Store, open_store
from tawthiq.web import WebConfig, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "correct horse battery staple"  # every account's, as tests/web/conftest.py makes them


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_store(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("browser") / "tawthiq.db"
    shutil.copyfile(examples_db, path)
    with open_store(path) as store:
        yield store


@pytest.fixture(scope="module")
def live_server(live_store: Store) -> Iterator[str]:
    """The app on http://127.0.0.1:PORT (Chromium sends Secure cookies to 127.0.0.1 over HTTP)."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(live_store, WebConfig()), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 10 s")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("TAWTHIQ_REQUIRE_BROWSER") == "1":
            pytest.fail(
                "TAWTHIQ_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: apt-get install chromium"
            )
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium); browser tests skipped")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page_as(browser: Browser, live_server: str) -> Iterator[Callable[[str], Page]]:
    """``page_as("reviewer")``: a fresh browser context, logged in through the log-in form."""
    contexts = []

    def make(role: str) -> Page:
        context = browser.new_context(
            base_url=live_server, locale="ar", viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.goto("/login")
        page.fill("#name", role)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit].primary")
        page.wait_for_url("**/incidents")
        return page

    yield make
    for context in contexts:
        context.close()
