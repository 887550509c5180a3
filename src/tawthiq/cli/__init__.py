"""The ``tawthiq`` command: a click group; each module defines its commands, registered below."""

from __future__ import annotations

import click

from tawthiq.cli.backup import backup_command, restore_command
from tawthiq.cli.batch import batch
from tawthiq.cli.common import Settings, db_option
from tawthiq.cli.documents import failures, incidents, ingest, link, original, show
from tawthiq.cli.export import export
from tawthiq.cli.extract import evaluate_command, extract
from tawthiq.cli.imports import import_group
from tawthiq.cli.knowledge import gazetteer
from tawthiq.cli.tokens import tokens
from tawthiq.cli.web import audit, serve, users


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tawthiq", prog_name="tawthiq")
@db_option
@click.pass_context
def main(ctx: click.Context) -> None:
    """tawthiq (توثيق): turn reports of armed conflict into a verified, geocoded, source-attributed
    record of violence against civilians."""
    ctx.ensure_object(Settings)


main.add_command(ingest)
main.add_command(link)
main.add_command(incidents)
main.add_command(show)
main.add_command(failures)
main.add_command(original)
main.add_command(extract)
main.add_command(evaluate_command)
main.add_command(gazetteer)
main.add_command(batch)
main.add_command(export)
main.add_command(import_group)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(serve)
main.add_command(users)
main.add_command(audit)
main.add_command(tokens)

__all__ = ["main"]
