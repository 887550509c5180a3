"""A real SQLite store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tawthiq.store import SQLStore, open_store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tawthiq.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLStore]:
    with open_store(db_path) as opened:
        yield opened
