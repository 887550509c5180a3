"""Loading a batch's results into the store, through the same calls ``tawthiq ingest`` makes.

Workers never write to the database (thousands of tasks would contend for it, and a cluster's workers
may not reach it). Once the map is done, this process reads each shard again: every input line is
archived as the original with its custody, as ingest does, and stored with the cleaned text and the
events the worker found (``documents/`` and ``events/`` Parquet). Re-running adds nothing: an original
whose document is stored and whose sighting from the same place is kept is passed over.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from tawthiq.batch.shards import Shard, shard_items
from tawthiq.batch.work import documents_path, events_path, failures_path
from tawthiq.ingest import Loaded, Rejected
from tawthiq.records import Document, Event, Failure
from tawthiq.serialize import aggregate_from_dict, event_from_dict
from tawthiq.store import LinkReport, Store


class BatchLoadError(Exception):
    """A shard's outputs cannot be loaded (written by an older tawthiq, or removed)."""


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What loading stored: new documents and events, failures kept, and the linking that followed."""

    documents: int
    events: int
    failures: int
    linked: LinkReport | None


def load_into_store(store: Store, out: Path, shards: Iterable[Shard]) -> LoadReport:
    """Store every shard's documents, events and failures, then link the new claims into incidents."""
    new_ids: list[str] = []
    events = failures = 0
    for shard in shards:
        stored = _load_shard(store, out, shard)
        new_ids += [document_id for document_id, _ in stored]
        events += sum(count for _, count in stored)
        failures += sum(store.add_failure(failure) for failure in _failures(out, shard.name))
    linked = store.link(new_ids) if new_ids else None
    return LoadReport(len(new_ids), events, failures, linked)


def _load_shard(store: Store, out: Path, shard: Shard) -> list[tuple[str, int]]:
    """Archive every input of the shard and store its new documents; returns their ids and event counts."""
    processed, found = _shard_outputs(out, shard.name)
    version = importlib.metadata.version("tawthiq")
    stored: list[tuple[str, int]] = []
    for _number, item in shard_items(shard, _now()):
        if isinstance(item, Rejected):
            if item.original is not None:
                _archive(store, item.original, item.media_type, item.origin, item.retrieved_at)
            continue
        document = _stored_form(store, item, processed, found)
        if document is None:
            continue
        stored_id, new = store.add_document(document, extractor_version=version)
        if new:
            stored.append((stored_id, len(document.events)))
    return stored


def _stored_form(
    store: Store, item: Loaded, processed: dict[str, dict[str, Any]], found: dict[str, list[Event]]
) -> Document | None:
    """The document to store for ``item``: the input as read, with what the worker made of it; None
    when it is stored already or the worker could not process it (its failure is in the failures file)."""
    sha256 = _archive(store, item.original, item.media_type, item.origin, item.retrieved_at)
    row = processed.get(sha256)
    if row is None or store.document_id_for(sha256) is not None:
        return None
    return dataclasses.replace(
        item.document,
        id=row["id"],
        text=row["text"],
        language=row["language"],
        published=row["published"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        html=row["html"],
        events=tuple(found.get(sha256, ())),
        aggregates=tuple(aggregate_from_dict(a) for a in json.loads(row["aggregates"])),
        errors=tuple(json.loads(row["errors"])),
    )


def _archive(store: Store, content: bytes, media_type: str, origin: str, at: dt.datetime) -> str:
    """Archive the original and its custody, unless this very sighting was loaded before (a re-run)."""
    sha256, new = store.add_original(content, media_type)
    if new or not _sighted(store, sha256, origin):
        store.record_custody(sha256, origin, at)
    return sha256


def _sighted(store: Store, sha256: str, origin: str) -> bool:
    original = store.original(sha256)
    return original is not None and any(c.origin == origin for c in original.custody)


def _shard_outputs(out: Path, shard: str) -> tuple[dict[str, dict[str, Any]], dict[str, list[Event]]]:
    """The worker's processed documents (by sha256) and their events (by sha256, in position order)."""
    documents, events = documents_path(out, shard), events_path(out, shard)
    if not documents.is_file() or not events.is_file():
        raise BatchLoadError(
            f"{out}: shard {shard} has no {documents.relative_to(out)}; it was written by an older tawthiq"
            " or removed: run the batch again into a new --out folder to load it into a database"
        )
    processed = {row["sha256"]: row for row in pq.read_table(documents).to_pylist()}
    # Keyed by position: the same bytes on two lines of a shard were processed, and written, twice.
    payloads: dict[str, dict[int, str]] = defaultdict(dict)
    for row in pq.read_table(events, columns=["document_sha256", "position", "payload"]).to_pylist():
        payloads[row["document_sha256"]][row["position"]] = row["payload"]
    found = {
        sha256: [event_from_dict(json.loads(by_position[p])) for p in sorted(by_position)]
        for sha256, by_position in payloads.items()
    }
    return processed, found


def _failures(out: Path, shard: str) -> list[Failure]:
    path = failures_path(out, shard)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as stream:
        return [Failure(**json.loads(line)) for line in stream if line.strip()]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
