"""``tawthiq backup FILE`` and ``tawthiq restore FILE``: a verified snapshot of the store, and back.

SQLite stores are copied with SQLite's online backup (safe while another command writes) and checked
with ``PRAGMA integrity_check``; PostgreSQL stores go through ``pg_dump`` and ``pg_restore``.
"""

from __future__ import annotations

from pathlib import Path

import click

from tawthiq.cli.common import Settings, db_option
from tawthiq.errors import TawthiqError

BACKUP_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("backup")
@click.argument("path", metavar="FILE", type=BACKUP_FILE)
@db_option
@click.pass_context
def backup_command(ctx: click.Context, path: Path) -> None:
    """Write a consistent, verified snapshot of the store to FILE (a new file, readable by you only).

    Safe while other commands use the store. Keep the file somewhere else than the store.
    """
    from tawthiq.store.backup import BackupError, backup

    try:
        report = backup(_target(ctx), path)
    except (BackupError, TawthiqError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backed up the {report.backend} store to {report.path} ({report.size:,} bytes), verified")


@click.command("restore")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a SQLite store that already holds records.")
@db_option
@click.pass_context
def restore_command(ctx: click.Context, path: Path, force: bool) -> None:
    """Restore the store from FILE, a `tawthiq backup` snapshot, checking it first.

    A SQLite store that already holds records is replaced only with --force; on PostgreSQL the
    snapshot's tables replace those of the database named by --db.
    """
    from tawthiq.store.backup import BackupError, restore

    try:
        report = restore(path, _target(ctx), force=force)
    except (BackupError, TawthiqError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored the {report.backend} store from {report.path} ({report.size:,} bytes)")


def _target(ctx: click.Context) -> str | None:
    settings = ctx.find_object(Settings) or Settings()
    return settings.db
