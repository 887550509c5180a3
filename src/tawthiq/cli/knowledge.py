"""``tawthiq gazetteer``: look places up, and import fuller place lists than the package ships."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tawthiq.cli.table import render_table
from tawthiq.knowledge.gazetteer import Candidate, Gazetteer, import_csv, import_geonames, user_gazetteer_path

USER_FILE_HELP = "File of imported places [default: $TAWTHIQ_GAZETTEER, else in your user data folder]"


user_file_option = click.option(
    "--user-file", type=click.Path(dir_okay=False, path_type=Path), default=None, help=USER_FILE_HELP
)


@click.group()
def gazetteer() -> None:
    """Look up Syrian places and import fuller place lists (GeoNames, OCHA P-codes)."""


@gazetteer.command()
@click.argument("text")
@click.option("--context", default="", help="Other place names or text of the same document.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most candidates shown."
)
@user_file_option
def lookup(text: str, context: str, output_format: str, limit: int, user_file: Path | None) -> None:
    """Ranked places TEXT may name: "الطبقة", "حي اليرموك" --context "الرقة", "Deir Ezzor"."""
    try:
        places = Gazetteer.load(user_file)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    candidates = places.lookup(text, context=context, limit=limit)
    if output_format == "json":
        click.echo(json.dumps([_as_json(c) for c in candidates], ensure_ascii=False, indent=2))
        return
    if not candidates:
        click.echo(f"no place matches {text!r}")
        return
    headers = ("id", "name_ar", "name_en", "kind", "admin1", "lat", "lon", "precision", "score")
    rows = [
        (c.place.id, c.place.name_ar, c.place.name_en, c.place.kind, _admin1(c), c.place.lat, c.place.lon,
         c.precision, f"{c.score:.3f}")
        for c in candidates
    ]  # fmt: skip
    click.echo(render_table(headers, rows))


def _admin1(candidate: Candidate) -> str | None:
    place = candidate.place
    return place.name_en if place.kind == "admin1" else place.admin1


def _as_json(candidate: Candidate) -> dict[str, object]:
    place = candidate.place
    return {
        "id": place.id,
        "name_ar": place.name_ar,
        "name_en": place.name_en,
        "kind": place.kind,
        "country": place.country,
        "admin1": _admin1(candidate),
        "admin2": place.admin2,
        "admin3": place.admin3,
        "lat": place.lat,
        "lon": place.lon,
        "precision": candidate.precision,
        "score": candidate.score,
        "pcode": place.pcode,
    }


@gazetteer.group("import")
def import_group() -> None:
    """Add places from a file you downloaded to your own gazetteer file, which lookups then use."""


@import_group.command("geonames")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@user_file_option
def import_geonames_command(file: Path, user_file: Path | None) -> None:
    """Import a GeoNames country dump (SY.txt from download.geonames.org/export/dump/SY.zip)."""
    try:
        added = import_geonames(file, user_file)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{added} new places from {file} written to {user_gazetteer_path(user_file)}")


@import_group.command("csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@user_file_option
def import_csv_command(file: Path, user_file: Path | None) -> None:
    """Import an OCHA P-code CSV: admin4Name_ar, admin4Pcode, latitude, longitude (admin4Name_en,
    admin3Pcode optional; common header variants accepted)."""
    try:
        added = import_csv(file, user_file)
    except (OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{added} new places from {file} written to {user_gazetteer_path(user_file)}")


__all__ = ["gazetteer"]
