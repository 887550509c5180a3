"""The quality gate: extraction scored against the development gold must stay above its floors.

The gold is the two seeds' (../shared/dev-gold) and ours (tests/gold: 60 real Arabic articles from
the shared corpus, 20 English reports we wrote). Floors live in tests/eval_floors.json and only go
up. `tawthiq eval` prints the same figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tawthiq.evaluation import Report, evaluate, load_gold
from tawthiq.knowledge import load_knowledge
from tawthiq.pipeline import run_pipeline

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def report(shared: Path) -> Report:
    return evaluate(load_gold(shared, GOLD), run_pipeline, load_knowledge().related)


def test_gold_is_large_enough(shared: Path) -> None:
    gold = load_gold(shared, GOLD)
    arabic = [g for g in gold if "/ar/" in g.path]
    english = [g for g in gold if "/en/" in g.path]
    assert len(arabic) >= 60
    assert len(english) >= 20
    assert any(not g.events for g in gold), "gold must include reports with no incident"


def test_event_f1_is_above_its_floor(report: Report) -> None:
    assert report.events.f1 >= FLOORS["events"], report.as_dict()["events"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_event_f1_per_language_is_above_its_floor(report: Report, language: str) -> None:
    assert report.by_language[language].f1 >= FLOORS[f"events_{language}"]


@pytest.mark.parametrize("field", sorted(FLOORS["fields"]))
def test_field_f1_is_above_its_floor(report: Report, field: str) -> None:
    counts = report.fields[field]
    assert counts.f1 >= FLOORS["fields"][field], f"{field}: {counts.as_dict()}"


def test_gate_can_fail(shared: Path) -> None:
    """An extractor that finds nothing must fall below every floor."""
    empty = evaluate(load_gold(shared, GOLD), lambda d: d, load_knowledge().related)
    assert empty.events.f1 < FLOORS["events"]
    assert all(empty.fields[f].f1 < floor for f, floor in FLOORS["fields"].items())
