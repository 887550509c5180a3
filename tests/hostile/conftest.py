"""Fixtures of the hostile-input tests (helpers are in ``hostile_inputs.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_inputs import GOOD


@pytest.fixture(scope="session")
def pipeline() -> None:
    """Load the extraction pipeline once, so that timings measure the input, not the knowledge base."""
    from tawthiq.pipeline import default_stages

    default_stages()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A good report in a folder of its own, where each test puts its bad inputs beside it."""
    path = tmp_path / "inputs" / "good.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(GOOD, encoding="utf-8")
    return path
