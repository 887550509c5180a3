"""Backing a store up to one file and restoring it, on SQLite and on PostgreSQL.

A store holds documentation that may not exist anywhere else, so a backup must be consistent while
the store is in use and must be checked before anyone relies on it. SQLite: the online backup API
copies a consistent snapshot even while an ingest writes, into a new file readable by its owner only,
then ``PRAGMA integrity_check`` verifies the copy. PostgreSQL: ``pg_dump --format=custom`` and
``pg_restore --clean --if-exists``, the server's own tools (a snapshot too, and restorable across
versions).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from tawthiq.store.sql import database_url

PG_BINARIES = Path("/usr/lib/postgresql")
"""Where Debian and Ubuntu install PostgreSQL's client programs when they are not on PATH."""


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What was written: where, how many bytes, and the backend."""

    path: Path
    size: int
    backend: str


def backup(target: str | os.PathLike[str] | None, destination: Path) -> BackupReport:
    """Write a consistent snapshot of the store at ``target`` (as ``--db``) to ``destination``, which must
    not exist yet (a backup never overwrites another)."""
    url = database_url(target)
    if destination.exists():
        raise BackupError(f"{destination}: already exists; give a new file name for the backup")
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(_sqlite_path(url), destination)
    else:
        _backup_postgres(url, destination)
    return BackupReport(destination, destination.stat().st_size, url.get_backend_name())


def restore(source: Path, target: str | os.PathLike[str] | None, *, force: bool = False) -> BackupReport:
    """Restore the backup ``source`` into the store at ``target``. A SQLite snapshot is verified first,
    and a target that holds anything is overwritten only with ``force``."""
    url = database_url(target)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file; give the file `tawthiq backup` wrote")
    if url.get_backend_name() == "sqlite":
        _restore_sqlite(source, _sqlite_path(url), force=force)
    else:
        _restore_postgres(source, url)
    return BackupReport(source, source.stat().st_size, url.get_backend_name())


def verify_sqlite(path: Path) -> None:
    """Raise :class:`BackupError` unless ``path`` is a whole, uncorrupted SQLite database."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path}: not a usable SQLite snapshot ({error}); take the backup again") from error
    if found != ["ok"]:
        shown = "; ".join(str(problem) for problem in found[:3])
        raise BackupError(f"{path}: the snapshot is damaged ({shown}); take the backup again")


def _backup_sqlite(database: Path, destination: Path) -> None:
    if not database.is_file():
        raise BackupError(f"{database}: no such database; check the path given with --db or TAWTHIQ_DB")
    _create_private(destination)
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source,
            contextlib.closing(sqlite3.connect(destination)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    except sqlite3.Error as error:
        destination.unlink(missing_ok=True)
        raise BackupError(
            f"{database}: cannot be backed up ({error}); check the file and try again"
        ) from error
    try:
        verify_sqlite(destination)
    except BackupError:
        destination.unlink(missing_ok=True)
        raise


def _restore_sqlite(source: Path, database: Path, *, force: bool) -> None:
    verify_sqlite(source)
    if _holds_tables(database) and not force:
        raise BackupError(
            f"{database}: already holds a store; restore into a new path, or add --force to replace it"
        )
    _create_private(database, exist_ok=True)
    try:
        with (
            contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as snapshot,
            contextlib.closing(sqlite3.connect(database)) as target,
        ):
            snapshot.backup(target)
            target.execute("PRAGMA journal_mode=WAL")  # as tawthiq keeps its stores
    except sqlite3.Error as error:
        raise BackupError(f"{database}: cannot be restored into ({error}); check the path") from error
    verify_sqlite(database)


def _holds_tables(database: Path) -> bool:
    if not database.is_file() or database.stat().st_size == 0:
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            tables: int = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError:
        return True  # not a database: never overwritten without --force either
    return tables > 0


def _create_private(path: Path, *, exist_ok: bool = False) -> None:
    """Create ``path`` readable by its owner only before anything is written into it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (0 if exist_ok else os.O_EXCL)
    os.close(os.open(path, flags, 0o600))
    path.chmod(0o600)


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory database cannot be backed up; give the database file with --db")
    return Path(url.database)


def _backup_postgres(url: sa.URL, destination: Path) -> None:
    command = [_pg_program("pg_dump"), "--format=custom", "--no-owner", f"--file={destination}"]
    _create_private(destination)
    try:
        _run_pg([*command, _libpq_url(url)], url, "back up")
    except BackupError:
        destination.unlink(missing_ok=True)
        raise


def _restore_postgres(source: Path, url: sa.URL) -> None:
    command = [_pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    _run_pg([*command, f"--dbname={_libpq_url(url)}", str(source)], url, "restore into")


def _run_pg(command: list[str], url: sa.URL, doing: str) -> None:
    with _password_in_environment(url) as environment:
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        shown = url.render_as_string(hide_password=True)
        raise BackupError(
            f"{shown}: cannot {doing} this database ({detail[-1] if detail else done.returncode}); "
            "check the URL, that the server runs, and that its pg_dump/pg_restore version is not older"
        )


@contextlib.contextmanager
def _password_in_environment(url: sa.URL) -> Iterator[dict[str, str]]:
    """The environment for pg_dump/pg_restore, with the password in PGPASSWORD, never on a command line
    (where other users' ``ps`` would see it)."""
    environment = dict(os.environ)
    if url.password is not None:
        environment["PGPASSWORD"] = str(url.password)
    yield environment


def _libpq_url(url: sa.URL) -> str:
    """The URL as libpq reads it: no SQLAlchemy driver name, no password."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)


def _pg_program(name: str) -> str:
    """``name`` on PATH, else the newest one Debian installed (a newer pg_dump reads older servers)."""
    found = shutil.which(name)
    if found:
        return found
    installed = sorted(PG_BINARIES.glob(f"*/bin/{name}"), key=lambda path: _version_key(path.parts[-3]))
    if installed:
        return str(installed[-1])
    raise BackupError(
        f"{name} is not installed; install PostgreSQL's client programs "
        "(Debian: apt install postgresql-client)"
    )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())
