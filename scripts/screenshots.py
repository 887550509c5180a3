"""Take the README's screenshots of the review app. Run: ``.venv/bin/python scripts/screenshots.py``.

Ingests the bundled examples into a temporary database, creates an admin, serves the app on a free
local port and drives Debian's chromium (``apt-get install chromium``) with Playwright: the incident
list, an incident with its evidence, the map and the timeline, in Arabic (right to left), plus the
incident list in English. Writes ``docs/screenshots/*.png``. Needs Leaflet (``make assets``).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from tawthiq.cli import main as tawthiq_main
from tawthiq.store import open_store
from tawthiq.store.base import IncidentQuery
from tawthiq.web import WebConfig, create_app
from tawthiq.web.auth import hash_password

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "tawthiq" / "examples"
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PASSWORD = "screenshots only, never used elsewhere"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "tawthiq.db"
        result = CliRunner().invoke(
            tawthiq_main,
            [
                "--db",
                str(db),
                "ingest",
                str(EXAMPLES / "reports.jsonl"),
                str(EXAMPLES / "ar-daraa-clashes.html"),
            ],
        )
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        with open_store(db) as store:
            store.add_user("huda", "admin", hash_password(PASSWORD), by="screenshots")
            first = next(store.incidents(IncidentQuery(sort="-killed")))
            store.assess_incident(first.id, "confirmed", by="huda", version=first.version)
            port = _port()
            server = uvicorn.Server(
                uvicorn.Config(
                    create_app(store, WebConfig()), host="127.0.0.1", port=port, log_level="warning"
                )
            )
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.05)
            try:
                shoot(f"http://127.0.0.1:{port}", first.id, args.out)
            finally:
                server.should_exit = True
                thread.join(5)
    return 0


def shoot(base: str, incident_id: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            base_url=base, viewport={"width": 1280, "height": 860}, device_scale_factor=1
        )
        page = context.new_page()
        page.goto("/login")
        page.fill("#name", "huda")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit].primary")
        page.wait_for_url("**/incidents")
        page.screenshot(path=out / "incidents.png", full_page=True)
        page.goto(f"/incidents/{incident_id}")
        page.screenshot(path=out / "incident.png", full_page=True)
        page.goto("/map")
        page.wait_for_selector("path.incident-point")
        page.wait_for_timeout(300)
        page.screenshot(path=out / "map.png")
        page.goto("/timeline")
        page.screenshot(path=out / "timeline.png", full_page=True)
        page.goto("/incidents?lang=en")
        page.screenshot(path=out / "incidents-en.png", full_page=True)
        browser.close()
    for name in ("incidents", "incident", "map", "timeline", "incidents-en"):
        print(out / f"{name}.png")


if __name__ == "__main__":
    sys.exit(main())
