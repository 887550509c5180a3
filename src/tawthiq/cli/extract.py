"""``tawthiq extract`` (reports → events, no database) and ``tawthiq eval`` (quality against gold)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from tawthiq.cli.table import render_table
from tawthiq.ingest import Loaded, Rejected, read_inputs
from tawthiq.records import Document
from tawthiq.serialize import document_to_dict


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2017-04-13"
        ) from None


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--published",
    callback=_parse_day,
    metavar="YYYY-MM-DD",
    help="publication date, the anchor of relative dates (for inputs that do not carry one)",
)
@click.option("--lang", type=click.Choice(["ar", "en"]), help="language of the inputs [default: detected]")
@click.option(
    "--format", "output_format", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True
)
def extract(inputs: tuple[str, ...], published: dt.date | None, lang: str | None, output_format: str) -> None:
    """Extract the incidents reported in text, HTML or JSON Lines INPUTs; nothing is stored.

    Prints one JSON object per document, in input order (the contract in docs/output.md).
    """
    from tawthiq.pipeline import run_pipeline

    failures = 0
    documents = 0
    for item in read_inputs(inputs):
        if isinstance(item, Rejected):
            failures += 1
            click.echo(f"error: {item.failure.reason}", err=True)
            _emit(_failure_object(item), output_format)
            continue
        documents += 1
        document = _with_overrides(item, published, lang)
        try:
            result = run_pipeline(document)
        except Exception as error:  # a batch never dies on one bad document
            failures += 1
            click.echo(f"error: {item.origin}: extraction failed ({type(error).__name__}: {error})", err=True)
            result = dataclasses.replace(document, errors=(f"E300 extraction failed: {error}",))
        _emit(document_to_dict(result), output_format)
    if failures:
        click.echo(f"{documents} documents read, {failures} failed (listed above)", err=True)
    if documents == 0:
        sys.exit(1)


def _with_overrides(item: Loaded, published: dt.date | None, lang: str | None) -> Document:
    document = item.document
    return dataclasses.replace(
        document,
        published=document.published or published,
        language=lang or document.language,
    )


def _failure_object(item: Rejected) -> dict[str, Any]:
    failure = item.failure
    return {
        "document": {"id": failure.origin, "sha256": failure.sha256},
        "events": [],
        "aggregates": [],
        "errors": [f"{failure.code} {failure.reason}"],
    }


def _emit(obj: dict[str, Any], output_format: str) -> None:
    if output_format == "jsonl":
        click.echo(json.dumps(obj, ensure_ascii=False))
        return
    doc = obj["document"]
    click.echo(f"# {doc.get('id')}  {doc.get('published') or ''}  {doc.get('title') or ''}")
    rows = list(_event_rows(obj))
    if rows:
        click.echo(render_table(["type", "date", "place", "perpetrator", "target", "killed", "source"], rows))
    for error in obj.get("errors", []):
        click.echo(f"  ! {error}")
    click.echo("")


def _event_rows(obj: dict[str, Any]) -> Iterator[list[str]]:
    for event in obj["events"]:
        actors = {a["role"]: a["name"] for a in reversed(event["actors"])}
        date = event["date"]
        yield [
            event["sub_event_type"],
            ""
            if date is None
            else date["start"]
            if date["start"] == date["end"]
            else f"{date['start']}…{date['end']}",
            (event["location"] or {}).get("name") or "",
            actors.get("perpetrator", ""),
            actors.get("target", ""),
            "" if event["fatalities"]["killed"] is None else str(event["fatalities"]["killed"]),
            ", ".join(a["source"] for a in event["attribution"]),
        ]


@click.command(name="eval")
@click.option(
    "--shared",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="the shared folder with dev-gold/, seeds/ and data/corpus/",
)
@click.option(
    "--gold",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tests/gold"),
    show_default=True,
    help="our gold folder (ar/, en/)",
)
@click.option("--misses", is_flag=True, help="list every missed and spurious event")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def evaluate_command(shared: Path, gold: Path, misses: bool, as_json: bool) -> None:
    """Score extraction against the development gold: event P/R/F1 and each field."""
    from tawthiq.evaluation import evaluate, load_gold
    from tawthiq.knowledge import load_knowledge
    from tawthiq.pipeline import run_pipeline

    if not (shared / "dev-gold").is_dir():
        raise click.UsageError(f"{shared}/dev-gold not found; point --shared at the shared data folder")
    knowledge = load_knowledge()
    report = evaluate(load_gold(shared, gold), run_pipeline, knowledge.related)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(_report_table(report.as_dict()))
    if misses:
        for line in report.misses:
            click.echo(line)


def _report_table(data: dict[str, Any]) -> str:
    rows = [["events", *_prf(data["events"])]]
    rows += [[f"  {name}", *_prf(counts)] for name, counts in data["fields"].items()]
    rows += [[f"events ({lang})", *_prf(counts)] for lang, counts in data["by_language"].items()]
    header = f"{data['documents']} documents\n"
    return header + render_table(["", "precision", "recall", "F1", "tp", "fp", "fn"], rows)


def _prf(counts: dict[str, Any]) -> list[str]:
    return [
        f"{counts['precision']:.3f}",
        f"{counts['recall']:.3f}",
        f"{counts['f1']:.3f}",
        str(counts["tp"]),
        str(counts["fp"]),
        str(counts["fn"]),
    ]
