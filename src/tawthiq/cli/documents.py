"""Commands over the store: ``ingest``, ``link``, ``incidents``, ``show``, ``failures`` and ``original``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.metadata
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tawthiq import errors
from tawthiq.cli.common import DATE, db_option, echo_failures, incident_filters, opened_store
from tawthiq.cli.table import render_table
from tawthiq.ingest import DEFAULT_MAX_BYTES, Loaded, Rejected, read_inputs
from tawthiq.link import DEFAULT_CONFIG
from tawthiq.pipeline import Stage, default_stages, run_pipeline
from tawthiq.records import Document, Failure, Incident
from tawthiq.serialize import document_to_dict, incident_to_dict

if TYPE_CHECKING:
    from tawthiq.store import LinkReport, Original, Store, StoredFailure
    from tawthiq.store.base import IncidentQuery

FORMAT = click.Choice(["table", "jsonl"])
"""Failures an ingest run lists; ``tawthiq failures`` shows them all."""


@dataclass
class Tally:
    """What one ingest run did, for its closing summary."""

    documents: int = 0
    new: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    to_link: list[str] = field(default_factory=list)
    linked: LinkReport | None = None


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--published",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Publication date (YYYY-MM-DD) for documents that give none; relative dates are read from it.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    metavar="N",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest file, download or JSON line to read.",
)
@click.option(
    "--link/--no-link",
    "link_new",
    default=True,
    show_default=True,
    help="Link the new reports into incidents with those already stored (`tawthiq link` does it later).",
)
@db_option
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    published: dt.datetime | None,
    max_bytes: int,
    link_new: bool,
) -> None:
    """Archive reports and store what they say: text, HTML and JSON Lines files, folders, http(s) URLs.

    The original bytes are kept unaltered with where and when they were read; reading the same bytes
    again adds nothing but that record. An input that cannot be read is stored as a failure and the
    run goes on. A near-duplicate of a stored report (a syndicated copy) is kept, marked as a copy and
    never counted as an independent source. Exit status: 0 when any document was read, 1 when none could be.
    """
    stages = _pipeline_stages()
    day = published.date() if published else None
    with opened_store(ctx) as store:
        tally = Tally()
        for item in read_inputs(sources, max_bytes=max_bytes):
            if isinstance(item, Rejected):
                tally.failures.append(_keep_rejected(store, item))
            else:
                _ingest_loaded(store, item, stages, day, tally)
        tally.linked = store.link(tally.to_link) if link_new and tally.to_link else None
    _print_summary(tally)
    if not tally.documents:
        ctx.exit(1)


@click.command()
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@incident_filters
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Show at most N.")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N", help="Skip the first N.")
@db_option
@click.pass_context
def incidents(
    ctx: click.Context,
    *,
    output_format: str,
    query: IncidentQuery,
    limit: int | None,
    offset: int,
) -> None:
    """List stored incidents (in date order unless --sort), as a table or as JSON Lines (one a line)."""
    with opened_store(ctx) as store:
        found = store.incidents(query, limit=limit, offset=offset)
        if output_format == "jsonl":
            _print_json_lines(incident_to_dict(incident) for incident in found)
            return
        rows = [_incident_row(incident) for incident in found]
    if not rows:
        click.echo("no incidents match; `tawthiq ingest PATH` adds reports", err=True)
        return
    headers = ("ID", "DATE", "EVENT", "PLACE", "ADMIN1", "LOW", "BEST", "HIGH", "FLAGS", "SOURCES", "CLAIMS")
    click.echo(render_table(headers, rows))


@click.command()
@click.argument("identifier", metavar="ID")
@db_option
@click.pass_context
def show(ctx: click.Context, identifier: str) -> None:
    """Show an incident (with every claim, its sources, casualty range and flags) or a document (with
    its chain of custody) as JSON."""
    with opened_store(ctx) as store:
        incident = store.get_incident(identifier)
        if incident is not None:
            _print_json(incident_to_dict(incident))
            return
        document = store.get_document(identifier)
        if document is None:
            raise click.ClickException(
                f"{identifier}: no incident or document has this id; `tawthiq incidents` lists incidents"
            )
        _print_json(_document_with_custody(document, store))


@click.command()
@click.option("--format", "output_format", type=FORMAT, default="table", show_default=True)
@db_option
@click.pass_context
def failures(ctx: click.Context, output_format: str) -> None:
    """List the inputs that could not be used, oldest first, with the reason and what to do."""
    with opened_store(ctx) as store:
        found = store.failures()
        if output_format == "jsonl":
            _print_json_lines(_failure_to_dict(stored) for stored in found)
            return
        rows = [_failure_row(stored) for stored in found]
    if not rows:
        click.echo("no failures recorded", err=True)
        return
    click.echo(render_table(("AT", "CODE", "SHA256", "REASON"), rows, max_width=160))


@click.command()
@click.argument("sha256")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file, not stdout."
)
@db_option
@click.pass_context
def original(ctx: click.Context, sha256: str, output: Path | None) -> None:
    """Write an archived original, byte for byte, as it was read (its sha256 is in `show`)."""
    with opened_store(ctx) as store:
        content = store.original_bytes(sha256.lower())
    if content is None:
        raise click.ClickException(
            f"{sha256}: no original with this sha256; `tawthiq show ID` gives a document's"
        )
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(content)


@click.command()
@click.option(
    "--window-days", type=click.IntRange(min=0), default=DEFAULT_CONFIG.window_days, show_default=True
)
@click.option("--max-km", type=click.FloatRange(min=0), default=DEFAULT_CONFIG.max_km, show_default=True)
@db_option
@click.pass_context
def link(ctx: click.Context, window_days: int, max_km: float) -> None:
    """Re-link every stored claim into incidents (deterministic; keeps people's merges and splits).

    Reports of the same incident (same event family and governorate, dates within the window, places
    close, compatible actors and figures) become one incident that keeps every claim.
    """
    config = dataclasses.replace(DEFAULT_CONFIG, window_days=window_days, max_km=max_km)
    with opened_store(ctx) as store:
        report = store.link(config=config)
    click.echo(_link_line(report))


def _link_line(report: LinkReport) -> str:
    return (
        f"linked {_plural(report.claims, 'claim')} into {_plural(report.incidents, 'incident')}"
        f" ({report.multi_source:,} with more than one claim)"
    )


def _pipeline_stages() -> Sequence[Stage]:
    try:
        return default_stages()
    except ImportError as error:
        raise click.ClickException(
            f"the extraction pipeline cannot be loaded ({error}); reinstall tawthiq"
        ) from error


def _keep_rejected(store: Store, rejected: Rejected) -> Failure:
    """Keep an unusable input's bytes (when there are any) and custody beside its failure."""
    if rejected.original is not None:
        sha256, _ = store.add_original(rejected.original, rejected.media_type)
        store.record_custody(sha256, rejected.origin, rejected.retrieved_at)
    store.add_failure(rejected.failure, at=rejected.retrieved_at)
    return rejected.failure


def _ingest_loaded(
    store: Store, loaded: Loaded, stages: Sequence[Stage], published: dt.date | None, tally: Tally
) -> None:
    """Archive the original and its custody, then process and store the document unless it is stored."""
    sha256, _ = store.add_original(loaded.original, loaded.media_type)
    store.record_custody(sha256, loaded.origin, loaded.retrieved_at)
    stored_id = store.document_id_for(sha256)
    if stored_id is not None:
        # Linked again: a run killed after storing it but before linking left it unlinked, and
        # linking is deterministic, so a document linked already comes out the same.
        tally.to_link.append(stored_id)
        tally.documents += 1
        return
    try:
        document = _process(loaded.document, stages, published)
    except Exception as error:  # one document that breaks a stage must not stop the batch
        failure = errors.failure(
            loaded.origin, "E201", sha256=sha256, detail=f"{type(error).__name__}: {error}"
        )
        store.add_failure(failure)
        tally.failures.append(failure)
        return
    stored_id, new = store.add_document(document, extractor_version=_version())
    if new:
        tally.to_link.append(stored_id)
    tally.documents += 1
    tally.new += new
    tally.events += len(document.events) if new else 0


def _process(document: Document, stages: Sequence[Stage], published: dt.date | None) -> Document:
    if published is not None and document.published is None:
        document = dataclasses.replace(document, published=published)
    return run_pipeline(document, stages)


def _print_summary(tally: Tally) -> None:
    """One line on stdout; the failures, if any, one a line on stderr."""
    if tally.documents:
        documents, events = _plural(tally.documents, "document"), _plural(tally.events, "new event")
        line = f"ingested {documents} ({tally.new:,} new), {events}"
        if tally.linked is not None:
            line += f", {_link_line(tally.linked)}"
    else:
        line = "nothing ingested"
    if tally.failures:
        line += f"; {_plural(len(tally.failures), 'failure')}:"
    click.echo(line)
    echo_failures(tally.failures)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _incident_row(incident: Incident) -> tuple[object, ...]:
    event, place = incident.event, incident.event.location
    return (
        incident.id,
        _date_text(event.date.start, event.date.end) if event.date else None,
        event.sub_event_type,
        place.name if place else None,
        place.admin1 if place else None,
        incident.low,
        incident.best,
        incident.high,
        ",".join(incident.flags) or None,
        incident.sources,
        len(incident.claims),
    )


def _date_text(start: dt.date, end: dt.date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


def _document_with_custody(document: Document, store: Store) -> dict[str, Any]:
    shown = document_to_dict(document)
    found = store.original(document.sha256) if document.sha256 else None
    shown["original"] = _original_to_dict(found) if found else None
    return shown


def _original_to_dict(found: Original) -> dict[str, Any]:
    return {
        "sha256": found.sha256,
        "media_type": found.media_type,
        "size": len(found.content),
        "stored_at": found.stored_at.isoformat(),
        "custody": [
            {"origin": sighting.origin, "retrieved_at": sighting.retrieved_at.isoformat()}
            for sighting in found.custody
        ],
    }


def _failure_to_dict(stored: StoredFailure) -> dict[str, Any]:
    failure = stored.failure
    return {
        "id": stored.id,
        "at": stored.at.isoformat(),
        "origin": failure.origin,
        "code": failure.code,
        "reason": failure.reason,
        "sha256": failure.sha256,
    }


def _failure_row(stored: StoredFailure) -> tuple[object, ...]:
    failure = stored.failure
    short = failure.sha256[:12] if failure.sha256 else None
    return (stored.at.strftime("%Y-%m-%d %H:%M:%S"), failure.code, short, failure.reason)


def _print_json(value: dict[str, Any]) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _print_json_lines(values: Iterable[dict[str, Any]]) -> None:
    for value in values:
        click.echo(json.dumps(value, ensure_ascii=False))


@functools.cache
def _version() -> str:
    return importlib.metadata.version("tawthiq")
