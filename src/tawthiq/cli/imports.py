"""``tawthiq import acled FILE.csv`` and ``tawthiq import jsonl FILE``: external and exported records in.

Each row becomes an archived original (its fields as JSON), a custody record (``acled:<event_id_cnty>``
or ``jsonl:<incident>:<document>``) and a document holding its events, stored through the same
:meth:`Store.add_document` as an ingested report, then linked with what is stored. Re-importing a row
adds only a custody record. A row that cannot be read is kept as a failure with the reason; the run
goes on.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import importlib.metadata
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from tawthiq import errors
from tawthiq.cli.common import db_option, echo_failures, opened_store
from tawthiq.ingest import DEFAULT_MAX_BYTES
from tawthiq.ingest.streams import ExpansionLimitError, bounded_lines, open_lines
from tawthiq.records import Document, Failure

if TYPE_CHECKING:
    from tawthiq.store import LinkReport, Store

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@dataclass
class ImportTally:
    """What one import run did, for its closing summary."""

    rows: int = 0
    new: int = 0
    failures: list[Failure] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    linked: LinkReport | None = None


@click.group("import")
def import_group() -> None:
    """Import records: ACLED CSV files (to compare and merge with an external dataset) or tawthiq's own
    JSON Lines export."""


@import_group.command("acled")
@click.argument("path", type=FILE)
@click.option("--link/--no-link", "link_new", default=True, show_default=True, help="Link the new events.")
@db_option
@click.pass_context
def import_acled(ctx: click.Context, path: Path, link_new: bool) -> None:
    """Import an ACLED CSV export (ACLED's columns, as ACLED or `tawthiq export --format acled-csv`
    writes them); each row is an event, linked into incidents like any other."""
    from tawthiq.export.read import acled_document, acled_origin, acled_original, missing_columns

    tally = ImportTally()
    with path.open(encoding="utf-8-sig", newline="") as stream, opened_store(ctx) as store:
        reader = csv.DictReader(stream)
        line = 0
        try:
            missing = missing_columns(list(reader.fieldnames or []))
            if missing:
                raise click.ClickException(
                    f"{path}: not an ACLED CSV file; its header lacks {', '.join(missing)}"
                )
            line = reader.line_num
            for row in reader:
                origin = acled_origin(row) if row.get("event_id_cnty") else f"{path}:{reader.line_num}"
                original = acled_original(row)
                _import_one(store, origin, original, functools.partial(acled_document, row), tally)
                line = reader.line_num
        except (UnicodeDecodeError, csv.Error) as error:
            # A damaged file stops here; the rows before it are imported and kept.
            _fail(store, tally, errors.failure(str(path), "E117", line=line, detail=_csv_problem(error)))
        _finish(store, tally, link_new)
    _print_summary(tally, "ACLED row")


@import_group.command("jsonl")
@click.argument("path", type=FILE)
@click.option("--link/--no-link", "link_new", default=True, show_default=True, help="Link the new events.")
@db_option
@click.pass_context
def import_jsonl(ctx: click.Context, path: Path, link_new: bool) -> None:
    """Import `tawthiq export --format jsonl` output: every claim of every incident comes back as an
    event of its document, then claims are linked into incidents again."""
    from tawthiq.export.read import jsonl_documents

    tally = ImportTally()
    with open_lines(path) as stream, opened_store(ctx) as store:
        line = 0
        try:
            for line, record in _json_lines(stream):
                origin = f"{path}:{line}"
                if "error" in record:
                    _fail(store, tally, errors.failure(origin, "E111", detail=record["error"]))
                    continue
                try:
                    parts = jsonl_documents(record)
                except (KeyError, TypeError, ValueError, RecursionError) as error:
                    _fail(store, tally, _bad_line(origin, error))
                    continue
                for part_origin, original, document in parts:
                    _import_one(store, part_origin, original, functools.partial(_with_sha, document), tally)
        except ExpansionLimitError as error:
            failure = errors.failure(str(path), "E109", line=line, limit=error.limit, ratio=error.ratio)
            _fail(store, tally, failure)
        except (OSError, EOFError, zlib.error) as error:
            detail = str(error) or type(error).__name__
            _fail(store, tally, errors.failure(str(path), "E108", line=line, detail=detail))
        _finish(store, tally, link_new)
    _print_summary(tally, "JSON Lines claim group")


def _json_lines(stream: BinaryIO) -> Iterator[tuple[int, dict[str, object]]]:
    """Each non-blank line's JSON object; a damaged, non-UTF-8 or oversized line becomes an object the
    reader rejects (read line by line with a cap, so no line can fill memory)."""
    for number, (data, _size) in enumerate(bounded_lines(stream, DEFAULT_MAX_BYTES), start=1):
        if data is None:
            yield number, {"error": f"line is over the {DEFAULT_MAX_BYTES:,}-byte limit"}
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield number, {"error": f"not UTF-8 at byte {error.start}"}
            continue
        if not text.strip():
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            value = {"error": error.msg}
        except RecursionError:
            value = {"error": "nested too deeply"}
        yield (
            number,
            value if isinstance(value, dict) else {"error": f"a {type(value).__name__}, not an object"},
        )


def _csv_problem(error: UnicodeDecodeError | csv.Error) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 at byte {error.start} of a block"
    return str(error)


def _import_one(
    store: Store,
    origin: str,
    original: bytes,
    build: Callable[[str], Document],
    tally: ImportTally,
) -> None:
    """Archive the row and its custody, then build and store its document unless it is stored."""
    tally.rows += 1
    sha256, _ = store.add_original(original, "application/json")
    store.record_custody(sha256, origin, dt.datetime.now(dt.UTC))
    if store.document_id_for(sha256) is not None:
        return
    try:
        document = build(sha256)
    except (KeyError, TypeError, ValueError) as error:
        _fail(store, tally, _bad_line(origin, error, sha256))
        return
    stored_id, new = store.add_document(document, extractor_version=_version())
    if new:
        tally.new += 1
        tally.new_ids.append(stored_id)


def _with_sha(document: Document, sha256: str) -> Document:
    return dataclasses.replace(document, sha256=sha256)


def _bad_line(origin: str, error: Exception, sha256: str | None = None) -> Failure:
    from tawthiq.export.read import RowError

    if isinstance(error, RowError):
        return errors.failure(
            origin,
            "E115",
            sha256=sha256,
            field=error.field,
            expected=error.expected,
            actual=repr(error.actual),
        )
    detail = str(error) or type(error).__name__
    return errors.failure(origin, "E115", sha256=sha256, field="record", expected="readable", actual=detail)


def _fail(store: Store, tally: ImportTally, failure: Failure) -> None:
    store.add_failure(failure)
    tally.failures.append(failure)


def _finish(store: Store, tally: ImportTally, link_new: bool) -> None:
    tally.linked = store.link(tally.new_ids) if link_new and tally.new_ids else None


def _print_summary(tally: ImportTally, noun: str) -> None:
    line = f"imported {tally.rows:,} {noun}s ({tally.new:,} new)"
    if tally.linked is not None:
        line += f", linked {tally.linked.claims:,} claims into {tally.linked.incidents:,} incidents"
    if tally.failures:
        line += f"; {len(tally.failures):,} failures:"
    click.echo(line)
    echo_failures(tally.failures)


@functools.cache
def _version() -> str:
    return importlib.metadata.version("tawthiq")
