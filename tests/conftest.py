"""Shared fixtures: where ../shared is, the knowledge base loaded once per session, a PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared (seeds, dev-gold, corpus) is not beside the repository")
    return SHARED


POSTGRES_ENV = "TAWTHIQ_TEST_POSTGRES"
"""A PostgreSQL server URL (``postgresql://user@host:port/postgres``) the tests may create databases on."""

REQUIRE_POSTGRES_ENV = "TAWTHIQ_REQUIRE_POSTGRES"
"""Set to 1 (``.ci/run`` does) to fail, not skip, the PostgreSQL tests when no server can be had."""


def _postgres_unavailable(reason: str) -> NoReturn:
    if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
        pytest.fail(f"PostgreSQL is required ({REQUIRE_POSTGRES_ENV}=1) but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}; set {POSTGRES_ENV} or install Debian's postgresql")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres_user() -> list[str]:
    """postgres refuses to run as root: as root, run its programs as the ``postgres`` system user."""
    if os.geteuid() != 0:
        return []
    if subprocess.run(["id", "-u", "postgres"], capture_output=True, check=False).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        _postgres_unavailable(f"{' '.join(command[:4])}… failed: {(done.stderr or done.stdout).strip()}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's ``postgres`` database: ``$TAWTHIQ_TEST_POSTGRES``, else a throwaway
    cluster started with Debian's binaries for this session (fsync off: it holds nothing to keep)."""
    given = os.environ.get(POSTGRES_ENV)
    if given:
        yield given
        return
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not binaries:
        _postgres_unavailable("no /usr/lib/postgresql/*/bin/initdb")
    bin_dir = Path(binaries[-1]).parent
    home = Path(tempfile.mkdtemp(prefix="tawthiq-pg-"))
    data, port, prefix = home / "data", _free_port(), _as_postgres_user()
    if prefix:
        shutil.chown(home, user="postgres")
    # UTF-8 with byte-order collation, as SQLite compares text: ordering tests mean the same on both.
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "tawthiq", "--auth=trust", "--no-sync"]
    _run([*prefix, *initdb, "-E", "UTF8", "--locale=C"])
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    pg_ctl = [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(home / "log"), "-w"]
    _run([*pg_ctl, "-o", options, "start"])
    try:
        yield f"postgresql+psycopg://tawthiq@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(home, ignore_errors=True)
