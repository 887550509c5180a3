"""The linking test set: documents, which of their events report the same incident, and the scoring.

Two parts. Real reports: the gold documents in tests/gold (corpus lines of SaudiNewsNet and written
English reports), each gold event its own incident unless :data:`SAME_INCIDENT` groups it with others
(facts from the gold files: same strike, same clash). Written reports: reports/written.jsonl, our own
short Arabic and English prose, several outlets per incident with different figures, spellings and
relative dates, and distractors close in time and place; each gives its truth.

Each true event is represented by the best-matching event extracted from its document (same family
and governorate, dates within a day, the same sub-event type preferred); the scores are over those.
Every other extracted event still takes part in linking, as noise that may be wrongly joined.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tawthiq.evaluation import load_gold
from tawthiq.link import Scores, bcubed, knowledge_sides, link_claims, pairwise
from tawthiq.link.items import fold_name
from tawthiq.pipeline import default_stages, run_pipeline
from tawthiq.records import Claim, Document, Event

HERE = Path(__file__).parent
WRITTEN = HERE / "reports" / "written.jsonl"

SAME_INCIDENT: dict[str, tuple[tuple[str, int], ...]] = {
    "maarat-market-2019-07-22": (("en-01", 0), ("en-02", 0)),
    "ghwayran-bomb-2022-01-20": (("en-06", 0), ("en-07", 0)),
    "ghwayran-clash-2022-01-20": (("en-06", 1), ("en-07", 2)),
    "ghwayran-strike-2022-01-21": (("en-06", 2), ("en-07", 3)),
    "ghwayran-arrests-2022-01-20": (("en-06", 3), ("en-07", 5)),
    "hadar-strike-2015-07-29": (("snn-0876", 0), ("snn-0889", 0)),
    "azaz-clash-2015-07-31": (("snn-0848", 2), ("snn-0969", 0), ("snn-1137", 2)),
    "azaz-strike-2015-07-31": (("snn-0848", 1), ("snn-0969", 1), ("snn-1137", 3)),
    "division30-abduction-2015-07-29": (("snn-0855", 0), ("snn-1137", 1)),
}
"""Gold events (document id, index in its gold file) that report one incident."""

DATE_SLACK_DAYS = 1


@dataclass(frozen=True, slots=True)
class Truth:
    label: str
    family: str
    start: dt.date | None
    end: dt.date | None
    admin1: str | None
    sub_event_type: str | None = None
    names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SetDocument:
    document: Document
    truths: tuple[Truth, ...]


@dataclass(frozen=True, slots=True)
class Result:
    pairwise: Scores
    bcubed: Scores
    events: int
    incidents: int


def load_set(shared: Path, gold_dir: Path) -> list[SetDocument]:
    """Every document of the set, with the incidents its events may belong to."""
    grouped = {member: label for label, members in SAME_INCIDENT.items() for member in members}
    wanted = {document_id for document_id, _ in grouped}
    found = []
    for gold in load_gold(shared, gold_dir):
        if gold.id not in wanted:
            continue
        truths = tuple(
            _truth(grouped.get((gold.id, i), f"{gold.id}#{i}"), event) for i, event in enumerate(gold.events)
        )
        document = Document(id=gold.id, raw_text=gold.text, published=gold.published, language=gold.language)
        found.append(SetDocument(document, truths))
    for line in WRITTEN.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        document = Document(
            id=data["id"],
            raw_text=data["text"],
            published=dt.date.fromisoformat(data["published"]),
            outlet=data["outlet"],
        )
        found.append(SetDocument(document, tuple(_truth(t["label"], t) for t in data["truth"])))
    return found


def extract_claims(documents: Sequence[SetDocument]) -> tuple[list[Claim], dict[str, str]]:
    """The claims the pipeline finds, and the true incident of the claim chosen for each true event."""
    stages = default_stages()
    claims: list[Claim] = []
    truth: dict[str, str] = {}
    for item in documents:
        processed = run_pipeline(item.document, stages)
        found = [
            Claim(
                item.document.id,
                event,
                item.document.outlet,
                f"{item.document.id}:{i}",
                item.document.published,
            )
            for i, event in enumerate(processed.events)
        ]
        claims.extend(found)
        for true_event in item.truths:
            chosen = _representative(true_event, found)
            if chosen is not None:
                truth[chosen.event_id] = true_event.label
    return claims, truth


def score(claims: Sequence[Claim], truth: dict[str, str]) -> Result:
    groups = link_claims(claims, sides=knowledge_sides())
    predicted = {event_id: group[0] for group in groups for event_id in group if event_id in truth}
    return Result(
        pairwise(truth, predicted), bcubed(truth, predicted), len(truth), len(set(predicted.values()))
    )


def _truth(label: str, event: dict[str, Any]) -> Truth:
    date = event.get("date")
    if isinstance(date, dict):
        start, end = dt.date.fromisoformat(date["start"]), dt.date.fromisoformat(date["end"])
    elif date:
        start = end = dt.date.fromisoformat(date)
    else:
        start = end = None
    place = event.get("place") or {}
    admin1 = event.get("admin1") or place.get("admin1")
    names = frozenset(fold_name(n) for n in [place.get("name"), *place.get("alt_names", [])] if n)
    return Truth(label, event["family"], start, end, admin1, event.get("sub_event_type"), names)


def _representative(truth: Truth, claims: Sequence[Claim]) -> Claim | None:
    """The extracted event that stands for a true one: it could be it, and is dated and located best."""
    fitting = [claim for claim in claims if _fits(claim.event, truth)]
    return min(fitting, key=lambda claim: _quality(claim, truth), default=None)


def _fits(event: Event, truth: Truth) -> bool:
    admin1 = event.location.admin1 if event.location else None
    if truth.family != event.event_type or (
        admin1 and truth.admin1 and admin1.casefold() != truth.admin1.casefold()
    ):
        return False
    return not (event.date and truth.start and truth.end and not _near(event, truth))


def _quality(claim: Claim, truth: Truth) -> tuple[bool, bool, bool, bool, int]:
    event, place = claim.event, claim.event.location
    named = {fold_name(n) for n in (place.name, place.name_en) if n} if place else set()
    return (
        truth.sub_event_type is not None and truth.sub_event_type != event.sub_event_type,
        bool(truth.names) and not named & truth.names,
        event.date is None,
        event.location is None or event.location.admin1 is None,
        int(claim.event_id.split(":")[1]),
    )


def _near(event: Event, truth: Truth) -> bool:
    assert event.date is not None and truth.start is not None and truth.end is not None
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    return event.date.start <= truth.end + slack and event.date.end >= truth.start - slack
