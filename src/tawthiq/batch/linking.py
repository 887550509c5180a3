"""After the map: every event the shards wrote, linked into incidents (:func:`tawthiq.link.link_claims`).

Runs where the command runs (linking needs all events at once); reads the Parquet files column-wise.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow.parquet as pq

from tawthiq.batch.work import EVENTS
from tawthiq.link import build_incident, knowledge_sides, link_claims
from tawthiq.records import Claim, Incident
from tawthiq.serialize import event_from_dict, incident_to_dict

INCIDENTS = "incidents.jsonl"


def read_claims(out: Path, shards: Sequence[str]) -> list[Claim]:
    """The claims of ``shards`` (in their order). The same original read twice (one report in two input
    files) counts once, as the store counts it."""
    claims: list[Claim] = []
    seen: set[str] = set()
    for shard in shards:
        table = pq.read_table(out / EVENTS / f"shard={shard}" / "part.parquet")
        for row in table.to_pylist():
            if row["event_id"] in seen:
                continue
            seen.add(row["event_id"])
            event = event_from_dict(json.loads(row["payload"]))
            claims.append(Claim(row["document_id"], event, row["outlet"], row["event_id"], row["published"]))
    return claims


def link_incidents(claims: Sequence[Claim]) -> list[Incident]:
    """The incidents the claims report, each id derived from its first event (as the store derives it)."""
    sides = knowledge_sides()
    by_id = {claim.event_id: claim for claim in claims}
    groups = link_claims(claims, sides=sides)
    return [
        build_incident(f"inc-{group[0].removeprefix('ev-')}", [by_id[e] for e in group], sides)
        for group in groups
    ]


def write_incidents(out: Path, incidents: Sequence[Incident]) -> Path:
    """``incidents.jsonl`` in ``out``, one incident per line as ``tawthiq incidents`` prints them; written
    whole under a temporary name, then renamed."""
    target = out / INCIDENTS
    temporary = out / f".{INCIDENTS}.{uuid.uuid4().hex}.tmp"
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            for line in _lines(incident_to_dict(incident) for incident in incidents):
                stream.write(line)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _lines(objects: Iterator[object]) -> Iterator[str]:
    for obj in objects:
        yield json.dumps(obj, ensure_ascii=False, default=str) + "\n"
