"""``tawthiq batch``: extraction over archives of millions of articles on Dask (see :mod:`tawthiq.batch`)."""

from __future__ import annotations

from pathlib import Path

import click

from tawthiq.errors import TawthiqError


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help="output folder"
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="a running Dask cluster [default: a local one]")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1), help="local workers")
@click.option(
    "--shard-lines",
    default=1000,
    show_default=True,
    type=click.IntRange(min=1),
    help="documents per shard (one task; the unit of resuming)",
)
@click.option(
    "--db",
    metavar="PATH|URL",
    help="also load the documents, events and failures into this store (a SQLite file or postgresql://…)",
)
@click.option("--progress/--no-progress", default=True, show_default=True, help="show a progress bar")
def batch(
    inputs: tuple[str, ...],
    out: Path,
    scheduler: str | None,
    workers: int,
    shard_lines: int,
    db: str | None,
    progress: bool,
) -> None:
    """Extract the events of INPUTs (JSON Lines .jsonl / .jsonl.gz, Parquet tables with the same fields,
    or WARC web archives .warc / .warc.gz) on Dask and link them into incidents; with --db, load them into
    that store too.

    Writes OUT/events/shard=NAME/part.parquet, OUT/documents/, OUT/failures/, OUT/manifest/ and
    OUT/incidents.jsonl. Re-run the same command after a crash: finished shards are skipped, and loading
    again adds nothing already stored.
    """
    from tawthiq.batch import run_batch
    from tawthiq.batch.load import BatchLoadError

    def say(line: str) -> None:
        click.echo(line, err=True)

    try:
        report = run_batch(
            list(inputs),
            out,
            scheduler=scheduler,
            workers=workers,
            shard_lines=shard_lines,
            progress=progress,
            db=db,
            say=say,
        )
    except (TawthiqError, BatchLoadError) as error:
        raise click.ClickException(str(error)) from error
    say(
        f"{report.documents} documents, {report.events} events, {report.failures} failures "
        f"({report.shards} shards, {report.skipped} done before); "
        f"{report.incidents} incidents in {report.incidents_path}"
    )
    if report.loaded is not None:
        say(
            f"stored {report.loaded.documents} new documents, {report.loaded.events} events and "
            f"{report.loaded.failures} new failures in {db}"
        )
