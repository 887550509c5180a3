"""Golden tests: the two seed reports yield every non-optional event of ../shared/dev-gold,
with the right type, place, date, perpetrator and figures."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tawthiq.evaluation import actor_right, date_right, pair_events, place_right
from tawthiq.knowledge import load_knowledge
from tawthiq.pipeline import run_pipeline
from tawthiq.records import Document, Event

SEEDS = ("000_bb3fd84aac5b828c", "003_8f90c83d0f1dc36e")


def _extract(shared: Path, seed: str) -> tuple[dict, list[Event]]:
    gold = json.loads((shared / "dev-gold" / f"{seed}.json").read_text(encoding="utf-8"))
    text = (shared / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    published = dt.date.fromisoformat(gold["published"])
    document = run_pipeline(Document(id=seed, raw_text=text, published=published))
    return gold, list(document.events)


def _required(shared: Path) -> list[tuple[str, int]]:
    cases = []
    for seed in SEEDS:
        path = shared / "dev-gold" / f"{seed}.json"
        gold = json.loads(path.read_text(encoding="utf-8"))
        cases += [(seed, i) for i, e in enumerate(gold["events"]) if not e.get("optional")]
    return cases


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_non_optional_events_are_found_with_their_fields(shared: Path, seed: str) -> None:
    gold, events = _extract(shared, seed)
    related = load_knowledge().related
    pairs = dict(pair_events(tuple(gold["events"]), events, related))
    problems = []
    for index, expected in enumerate(gold["events"]):
        if expected.get("optional"):
            continue
        where = f"#{index} {expected['sub_event_type']} at {expected['place']['name']}"
        if index not in pairs:
            problems.append(f"{where}: not found")
            continue
        event = events[pairs[index]]
        checks = {
            "type": event.sub_event_type == expected["sub_event_type"],
            "place": place_right(expected, event),
            "date": date_right(expected, event),
            "perpetrator": actor_right(expected["perpetrator"], event, "perpetrator", related),
            "killed": event.fatalities.killed == expected["killed"],
        }
        problems += [f"{where}: wrong {name}" for name, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems)


def test_seed_000_keeps_cumulative_toll_out_of_events(shared: Path) -> None:
    document = run_pipeline(
        Document(
            id="000",
            raw_text=(shared / "seeds" / "000_bb3fd84aac5b828c.txt").read_text(encoding="utf-8"),
            published=dt.date(2017, 7, 4),
        )
    )
    assert all(e.fatalities.killed != 173 for e in document.events)
    toll = [a for a in document.aggregates if a.value == 173]
    assert toll and toll[0].qualifier == "more than"
    assert toll[0].period is not None and toll[0].period.start == dt.date(2017, 6, 1)


def test_seed_003_isis_claim_is_a_party_claim(shared: Path) -> None:
    _, events = _extract(shared, "003_8f90c83d0f1dc36e")
    claimed = [e for e in events if e.fatalities.killed == 20]
    assert claimed, "the 20 killed claimed by Amaq must be an event"
    assert any(a.party_claim for a in claimed[0].attribution)


def test_boilerplate_is_not_content(shared: Path) -> None:
    text = (shared / "seeds" / "003_8f90c83d0f1dc36e.txt").read_text(encoding="utf-8")
    document = run_pipeline(Document(id="003", raw_text=text, published=dt.date(2017, 4, 13)))
    assert "منظمة صوت و صورة" not in document.text
    assert "اترك رد" not in document.text
    assert document.text.startswith("قتلى للقوات الأمريكية")
