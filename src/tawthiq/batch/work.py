"""One Dask task: a shard's lines → documents → events (Parquet) and failures (JSON Lines).

Every output is written under a temporary name and renamed into place, the manifest entry last: a shard
either has its complete outputs and its manifest entry, or it is done again from the start, replacing
whatever a crashed run left. A document that cannot be read or processed becomes a failure record, never
a failed task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tawthiq import errors
from tawthiq.batch.shards import Shard, shard_items
from tawthiq.ingest import Rejected
from tawthiq.records import Document, Failure
from tawthiq.serialize import aggregate_to_dict, event_to_dict
from tawthiq.store.schema import indexed_columns

EVENTS = "events"
DOCUMENTS = "documents"
FAILURES = "failures"
MANIFEST = "manifest"

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("document_id", pa.string()),
        ("document_sha256", pa.string()),
        ("position", pa.int32()),
        ("origin", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.date32()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("admin1", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("killed", pa.int64()),
        ("payload", pa.string()),
    ]
)
"""One row per event: columns to filter on, and ``payload``, the event as ``tawthiq extract`` writes it."""

DOCUMENT_SCHEMA = pa.schema(
    [
        ("line", pa.int64()),
        ("sha256", pa.string()),
        ("id", pa.string()),
        ("text", pa.string()),
        ("language", pa.string()),
        ("published", pa.date32()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("html", pa.bool_()),
        ("aggregates", pa.string()),
        ("errors", pa.string()),
    ]
)
"""One row per processed document: what the store keeps besides its events and its original (which is
the input line ``line``, read again when loading: see :mod:`tawthiq.batch.load`)."""


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a shard gave: kept as its manifest entry."""

    shard: str
    documents: int
    events: int
    failures: int
    skipped: bool = False


def events_path(out: Path, shard: str) -> Path:
    return out / EVENTS / f"shard={shard}" / "part.parquet"


def failures_path(out: Path, shard: str) -> Path:
    return out / FAILURES / f"shard={shard}.jsonl"


def documents_path(out: Path, shard: str) -> Path:
    return out / DOCUMENTS / f"shard={shard}" / "part.parquet"


def manifest_path(out: Path, shard: str) -> Path:
    return out / MANIFEST / f"{shard}.json"


def completed(out: Path, shard: str) -> ShardResult | None:
    """The manifest entry of a shard a run finished, or None (never done, or cut off midway)."""
    path = manifest_path(out, shard)
    if not path.is_file():
        return None
    entry = json.loads(path.read_text(encoding="utf-8"))
    return ShardResult(**{**entry, "skipped": True})


def process_shard(shard: Shard, out: str) -> ShardResult:
    """Extract the events of every document in ``shard`` and write them under ``out`` (see module docs)."""
    folder = Path(out)
    done = completed(folder, shard.name)
    if done is not None:
        return done
    from tawthiq.pipeline import run_pipeline

    rows: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []
    failures: list[Failure] = []
    documents = 0
    for number, item in shard_items(shard, _now()):
        if isinstance(item, Rejected):
            failures.append(item.failure)
            continue
        documents += 1
        try:
            document = run_pipeline(item.document)
        except Exception as error:  # one bad document never fails the task
            failures.append(_processing_failure(item.origin, item.document.sha256, error))
            continue
        rows.extend(event_rows(document, item.origin))
        kept.append(document_row(document, number))
    result = ShardResult(shard.name, documents, len(rows), len(failures))
    _write_atomically(events_path(folder, shard.name), lambda path: _write_events(path, rows))
    _write_atomically(
        documents_path(folder, shard.name),
        lambda path: pq.write_table(pa.Table.from_pylist(kept, schema=DOCUMENT_SCHEMA), path),
    )
    _write_atomically(failures_path(folder, shard.name), lambda path: _write_failures(path, failures))
    entry = json.dumps({k: v for k, v in asdict(result).items() if k != "skipped"})
    _write_atomically(
        manifest_path(folder, shard.name), lambda path: path.write_text(entry, encoding="utf-8")
    )
    return result


def event_id(sha256: str | None, position: int) -> str:
    """The id the store gives the same event (derived from the original's sha256 and the position)."""
    return f"ev-{hashlib.sha256(f'{sha256}:{position}'.encode()).hexdigest()[:16]}"


def event_rows(document: Document, origin: str) -> Iterator[dict[str, Any]]:
    """The Parquet rows of a processed document's events."""
    for position, event in enumerate(document.events):
        yield {
            "event_id": event_id(document.sha256, position),
            "document_id": document.id,
            "document_sha256": document.sha256,
            "position": position,
            "origin": origin,
            "outlet": document.outlet,
            "published": document.published,
            **indexed_columns(event),
            "payload": json.dumps(event_to_dict(event), ensure_ascii=False),
        }


def document_row(document: Document, line: int) -> dict[str, Any]:
    """The Parquet row of a processed document (its events go to the events table)."""
    return {
        "line": line,
        "sha256": document.sha256,
        "id": document.id,
        "text": document.text,
        "language": document.language,
        "published": document.published,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "html": document.html,
        "aggregates": json.dumps([aggregate_to_dict(a) for a in document.aggregates], ensure_ascii=False),
        "errors": json.dumps(list(document.errors), ensure_ascii=False),
    }


def _processing_failure(origin: str, sha256: str | None, error: Exception) -> Failure:
    detail = f"{type(error).__name__}: {error}"
    return errors.failure(origin, "E201", sha256=sha256, detail=detail)


def _write_events(path: Path, rows: list[dict[str, Any]]) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=EVENT_SCHEMA), path)


def _write_failures(path: Path, failures: Iterable[Failure]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for failure in failures:
            stream.write(json.dumps(asdict(failure), ensure_ascii=False) + "\n")


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write through ``write(temporary_path)`` then rename onto ``target``: readers and resumed runs see
    the old file or the whole new one, never a part. Temporary names start with a dot (never read)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
