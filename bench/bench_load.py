"""The web app under load: concurrent clients on loopback, reads and review writes mixed.

    .venv/bin/python bench/bench_load.py --clients 50 --seconds 60

Serves a copy of the bundled examples (ingested and linked, one account per role) with uvicorn in its
own process, as ``tawthiq serve`` does, and runs ``--clients`` concurrent API clients for ``--seconds``:
each one, in a loop, lists a page of incidents (filtered or searched, in Arabic too), opens an
incident, and one time in four writes (a note, or an assessment carrying the version it just read).
Afterwards it checks that nothing went wrong and nothing was lost: no server error and no failed
connection, every note the server accepted is stored exactly once, every accepted write is in the
audit log, and the audit chain verifies. A version conflict (409) is the right answer to two
reviewers assessing the same incident at once, so it counts as a conflict, not as an error.

``tests/web/test_load.py`` runs the same code for a few seconds in ``make test``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tawthiq.accounts import ROLES
from tawthiq.store import open_store
from tawthiq.web.auth import digest, hash_password, new_token

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "tawthiq" / "examples"
SEARCHES = ("غارة", "غاره", "درعا", "قصف", "airstrike", "Idlib")
STATUSES = ("confirmed", "fair", "weak", "contested")
SERVER = """
import sys, uvicorn
from tawthiq.store import open_store
from tawthiq.web import create_app
uvicorn.run(create_app(open_store(sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


@dataclass
class Tally:
    """What the clients saw: latencies by request kind, and every outcome that matters."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    conflicts: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)
    assessments: int = 0

    @property
    def requests(self) -> int:
        return sum(len(times) for times in self.latencies.values())


@dataclass(frozen=True)
class Fixture:
    """A served database: where it is, the server's address, and a token per role."""

    db: Path
    base_url: str
    tokens: dict[str, str]
    incidents: list[str]


def prepare(folder: Path) -> tuple[Path, dict[str, str], list[str]]:
    """The examples ingested into ``folder/load.db``, an account and an API token per role."""
    db = folder / "load.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tawthiq",
            "--db",
            str(db),
            "ingest",
            *sorted(map(str, EXAMPLES.glob("*.*"))),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ingesting the examples failed: {done.stderr or done.stdout}")
    tokens: dict[str, str] = {}
    with open_store(db) as store:
        hashed = hash_password("load-test password, long enough")
        for role in ROLES:
            store.add_user(f"load-{role}", role, hashed, by="bench")
            tokens[role] = new_token("tq_")
            store.add_token(f"load-{role}", digest(tokens[role]), "load test", by="bench")
        incidents = [incident.id for incident in store.incidents()]
    return db, tokens, incidents


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(db: Path) -> Iterator[str]:
    """The app over ``db`` in a uvicorn process of its own; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)], env=env)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base_url}/api/v1/openapi.json", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the web app did not start within 30 s") from None
                time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


async def client_loop(number: int, fixture: Fixture, until: float, tally: Tally, rng: random.Random) -> None:
    role = "reviewer" if number % 2 else "analyst"
    headers = {"Authorization": f"Bearer {fixture.tokens[role]}"}
    async with httpx.AsyncClient(base_url=fixture.base_url, headers=headers, timeout=30) as client:
        while time.monotonic() < until:
            try:
                await one_round(client, number, role, fixture, tally, rng)
            except httpx.HTTPError as error:
                tally.errors.append(f"client {number}: {type(error).__name__}: {error}")


async def timed(
    client: httpx.AsyncClient, kind: str, tally: Tally, method: str, url: str, **kw: object
) -> httpx.Response:
    start = time.perf_counter()
    response = await client.request(method, url, **kw)  # type: ignore[arg-type]
    tally.latencies[kind].append(time.perf_counter() - start)
    return response


async def one_round(
    client: httpx.AsyncClient, number: int, role: str, fixture: Fixture, tally: Tally, rng: random.Random
) -> None:
    params = rng.choice([{}, {"q": rng.choice(SEARCHES)}, {"sort": "-killed"}, {"min_killed": "1"}])
    listed = await timed(client, "list", tally, "GET", "/api/v1/incidents", params=params)
    expect(listed, {200}, tally, "list")
    incident_id = rng.choice(fixture.incidents)
    shown = await timed(client, "incident", tally, "GET", f"/api/v1/incidents/{incident_id}")
    if not expect(shown, {200, 404}, tally, "incident") or shown.status_code == 404:
        return
    if rng.random() >= 0.25:
        return
    if role == "reviewer" and rng.random() < 0.5:
        body = {"status": rng.choice(STATUSES), "version": shown.json()["version"]}
        done = await timed(
            client, "assess", tally, "POST", f"/api/v1/incidents/{incident_id}/assessment", json=body
        )
        if expect(done, {200, 409}, tally, "assess"):
            if done.status_code == 409:
                tally.conflicts += 1
            else:
                tally.assessments += 1
    else:
        text = f"load note {number}-{time.monotonic_ns()} ملاحظة"
        done = await timed(
            client, "note", tally, "POST", f"/api/v1/incidents/{incident_id}/notes", json={"text": text}
        )
        if expect(done, {200, 201}, tally, "note"):
            tally.notes.append((incident_id, text))


def expect(response: httpx.Response, wanted: set[int], tally: Tally, kind: str) -> bool:
    if response.status_code in wanted:
        return True
    tally.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:200]}")
    return False


async def run_clients(fixture: Fixture, clients: int, seconds: float, seed: int = 7) -> Tally:
    tally, until = Tally(), time.monotonic() + seconds
    await asyncio.gather(
        *(client_loop(n, fixture, until, tally, random.Random(seed + n)) for n in range(clients))
    )
    return tally


def lost_writes(db: Path, tally: Tally) -> list[str]:
    """What the server accepted but did not keep: notes missing or doubled, unaudited writes, a broken
    audit chain."""
    problems: list[str] = []
    with open_store(db) as store:
        by_incident: dict[str, list[str]] = defaultdict(list)
        for incident_id, text in tally.notes:
            by_incident[incident_id].append(text)
        for incident_id, texts in by_incident.items():
            stored = [note.text for note in store.notes(incident_id)]
            problems += [
                f"note lost or doubled on {incident_id}: {t!r}" for t in texts if stored.count(t) != 1
            ]
        audited = store.audit()
        notes = sum(1 for entry in audited if entry.action == "incident.note")
        assessed = sum(1 for entry in audited if entry.action == "incident.assess")
        if notes != len(tally.notes):
            problems.append(f"{len(tally.notes)} notes accepted but {notes} in the audit log")
        if assessed != tally.assessments:
            problems.append(f"{tally.assessments} assessments accepted but {assessed} in the audit log")
        check = store.verify_audit()
        if not check.ok:
            problems.append(f"the audit chain is broken: {check.problem}")
    return problems


def run(folder: Path, clients: int, seconds: float) -> tuple[Tally, list[str]]:
    db, tokens, incidents = prepare(folder)
    with served(db) as base_url:
        tally = asyncio.run(run_clients(Fixture(db, base_url, tokens, incidents), clients, seconds))
    return tally, lost_writes(db, tally)


def report(tally: Tally, seconds: float, clients: int) -> str:
    lines = [
        f"{clients} clients, {seconds:.0f} s: {tally.requests:,} requests, "
        f"{tally.requests / seconds:.0f} requests/s, {len(tally.errors)} errors, "
        f"{len(tally.notes)} notes + {tally.assessments} assessments written, "
        f"{tally.conflicts} version conflicts",
        "",
        "| request | count | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for kind, times in sorted(tally.latencies.items()):
        ordered = sorted(times)
        p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
        p99 = ordered[int(0.99 * (len(ordered) - 1))] * 1000
        lines.append(
            f"| {kind} | {len(ordered):,} | {statistics.median(ordered) * 1000:.0f} | {p95:.0f} | {p99:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-load-"))
    try:
        tally, problems = run(folder, arguments.clients, arguments.seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(report(tally, arguments.seconds, arguments.clients))
    for problem in [*tally.errors[:20], *problems]:
        print("PROBLEM:", problem)
    return 1 if tally.errors or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
