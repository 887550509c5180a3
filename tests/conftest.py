"""Shared fixtures: where ../shared is, and the knowledge base loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "dev-gold").is_dir():
        pytest.skip("../shared (seeds, dev-gold, corpus) is not beside the repository")
    return SHARED
