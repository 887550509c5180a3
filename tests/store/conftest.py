"""Real stores in throwaway databases: every storage test runs on SQLite and on a real PostgreSQL server.

``store`` and ``new_database`` are parametrized over both backends (``[sqlite]`` / ``[postgresql]`` in test
ids, like splink's backend marks); ``db_path`` is a SQLite file, for the tests of SQLite's own behaviour.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tawthiq.store import SQLStore, open_store

BACKENDS = ("sqlite", "postgresql")
_numbers = itertools.count()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tawthiq.db"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def new_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """Makes empty databases on the test's backend: a file path, or a URL of a new PostgreSQL database
    (dropped afterwards, so a shared server given by $TAWTHIQ_TEST_POSTGRES is left as it was)."""
    if backend == "sqlite":
        yield lambda: str(tmp_path / f"tawthiq-{next(_numbers)}.db")
        return
    server = sa.make_url(request.getfixturevalue("postgres_server")).set(drivername="postgresql+psycopg")
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"tawthiq_test_{next(_numbers)}_{tmp_path.name.lower()}"[:63]
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        made.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in made:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def db_target(new_database: Callable[[], str]) -> str:
    return new_database()


@pytest.fixture
def store(db_target: str) -> Iterator[SQLStore]:
    with open_store(db_target) as opened:
        yield opened
