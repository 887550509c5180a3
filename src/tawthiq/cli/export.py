"""``tawthiq export``: stored incidents to ACLED/UCDP CSV, GeoJSON, JSON Lines, Parquet or XLSX.

The output goes exactly where ``-o`` says (or to stdout for text formats), through a temporary file in
the same folder renamed into place at the end, so a failed export never leaves half a file; an
existing file is only replaced with ``--force``, and a symbolic link never followed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from tawthiq.cli.common import db_option, incident_filters, opened_store
from tawthiq.records import Incident

if TYPE_CHECKING:
    from tawthiq.export import ExportOptions, Tally
    from tawthiq.store.base import IncidentQuery

EXPORT_FORMATS = ("acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet", "xlsx")
BINARY = frozenset({"parquet", "xlsx"})


@click.command()
@click.option("--format", "output_format", type=click.Choice(EXPORT_FORMATS), required=True)
@incident_filters
@click.option(
    "--public", is_flag=True, help="Leave out restricted fields (the reports' words, unresolved names)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to this file, not stdout (required for parquet and xlsx).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@db_option
@click.pass_context
def export(
    ctx: click.Context,
    *,
    output_format: str,
    query: IncidentQuery,
    public: bool,
    output: Path | None,
    force: bool,
) -> None:
    """Export stored incidents, streamed: ACLED's 31 columns (acled-csv, one row per incident-day),
    UCDP GED-style CSV, GeoJSON for GIS, JSON Lines with every claim, Parquet or XLSX."""
    from tawthiq.export import ExportOptions

    if output is None and output_format in BINARY:
        raise click.UsageError(f"--format {output_format} writes a binary file: give it with -o FILE")
    if output is not None:
        check_output(output, force=force)
    with opened_store(ctx) as store:
        options = ExportOptions(public=public, evidence_text=store.evidence_reader())
        found = store.incidents(query)
        total = store.count_incidents(query)
        with click.progressbar(found, length=total, label="exporting", file=sys.stderr) as bar:
            tally = _write(output_format, bar, output, options)
    _print_tally(tally, output_format, output)


def check_output(output: Path, *, force: bool) -> None:
    """Refuse an output that is a link, a folder, an existing file (without --force) or in no folder."""
    if output.is_symlink():
        raise click.ClickException(f"{output}: is a symbolic link; give the real path")
    if output.is_dir():
        raise click.ClickException(f"{output}: is a folder; give a file name")
    if output.exists() and not force:
        raise click.ClickException(f"{output}: exists; use --force to replace it")
    if not output.parent.is_dir():
        raise click.ClickException(f"{output.parent}: no such folder")


def _write(
    output_format: str, incidents: Iterable[Incident], output: Path | None, options: ExportOptions
) -> Tally:
    from tawthiq.export import BINARY_FORMATS, TEXT_FORMATS

    if output_format in BINARY_FORMATS:
        assert output is not None  # checked before the store was opened
        with _replacing(output, binary=True) as sink:
            return BINARY_FORMATS[output_format](incidents, sink, options)  # type: ignore[arg-type]
    writer = TEXT_FORMATS[output_format]
    if output is None:
        return writer(incidents, sys.stdout, options)
    with _replacing(output, binary=False) as stream:
        return writer(incidents, stream, options)  # type: ignore[arg-type]


@contextlib.contextmanager
def _replacing(output: Path, *, binary: bool) -> Iterator[IO[str] | IO[bytes]]:
    """A temporary file beside ``output``, renamed onto it only when writing succeeded."""
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    try:
        if binary:
            with os.fdopen(handle, "wb") as sink:
                yield sink
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                yield stream
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _print_tally(tally: Tally, output_format: str, output: Path | None) -> None:
    where = f" to {output}" if output else ""
    line = f"exported {tally.incidents:,} incidents ({tally.rows:,} rows) as {output_format}{where}"
    if tally.omitted:
        reason = "no coordinates" if output_format == "geojson" else "no usable date"
        line += f"; left out {tally.omitted:,} with {reason}"
    click.echo(line, err=True)
