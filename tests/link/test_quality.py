"""The linking test set (tests/link/linkset.py): extracted events → incidents, scored against the truth.

Floors only go up. The figures are in docs/quality.md ("Linking").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linkset import extract_claims, load_set, score

GOLD = Path(__file__).resolve().parents[1] / "gold"

PAIRWISE_PRECISION_FLOOR = 0.85
PAIRWISE_RECALL_FLOOR = 0.65
BCUBED_F1_FLOOR = 0.90


def test_linking_quality_meets_the_floors(shared: Path) -> None:
    pytest.importorskip("tawthiq.pipeline.extract")
    claims, truth = extract_claims(load_set(shared, GOLD))
    result = score(claims, truth)
    shown = f"pairwise {result.pairwise}, B-cubed {result.bcubed} over {result.events} events"
    assert result.events >= 25, shown
    assert result.pairwise.precision >= PAIRWISE_PRECISION_FLOOR, shown
    assert result.pairwise.recall >= PAIRWISE_RECALL_FLOOR, shown
    assert result.bcubed.f1 >= BCUBED_F1_FLOOR, shown
