"""`tawthiq backup` and `tawthiq restore`: a snapshot taken while the store is open restores every row,
on SQLite and on a real PostgreSQL server; a damaged snapshot or an occupied target is refused."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from tawthiq.cli import main
from tawthiq.store import open_store
from tawthiq.store.backup import BackupError, backup, restore, verify_sqlite
from tawthiq.store.sql import database_url

REPORTS = [
    "قُتل خمسة مدنيين بينهم طفلان في غارات جوية روسية على مدينة أريحا أمس.",
    "Three civilians were killed in shelling by government forces on Kafr Nabl on Monday.",
    "قصفت قوات النظام بلدة كفرنبل بريف إدلب الجنوبي ما أدى إلى مقتل مدني.",
]


def populate(target: str, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir(exist_ok=True)
    for number, text in enumerate(REPORTS):
        (folder / f"r{number}.txt").write_text(text, encoding="utf-8")
    (folder / "junk.bin").write_bytes(b"\x00\x01\x02 not text")
    result = CliRunner().invoke(main, ["--db", target, "ingest", str(folder), "--published", "2019-05-21"])
    assert result.exit_code == 0, result.output


def every_row(target: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, for comparing two stores."""
    engine = sa.create_engine(database_url(target))
    try:
        with engine.connect() as connection:
            tables = sa.MetaData()
            tables.reflect(connection)
            return {
                name: sorted(tuple(map(repr, row)) for row in connection.execute(sa.select(table)))
                for name, table in tables.tables.items()
            }
    finally:
        engine.dispose()


def test_backup_of_an_open_store_restores_every_row(
    new_database: Callable[[], str], tmp_path: Path, pipeline_loaded: None
) -> None:
    source, target = new_database(), new_database()
    populate(source, tmp_path)
    snapshot = tmp_path / "snapshot.backup"
    with open_store(source) as store:  # open, as when the web app or an ingest holds it
        assert store.counts()["documents"] == len(REPORTS)
        report = backup(source, snapshot)
    assert report.size > 0 and stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    restore(snapshot, target)
    before, after = every_row(source), every_row(target)
    assert set(before) >= {"originals", "custody", "documents", "events", "incidents", "failures"}
    assert after == before
    assert sum(len(rows) for rows in before.values()) > 20
    with open_store(target) as restored, open_store(source) as original:  # it opens and reads the same
        assert restored.counts() == original.counts()
        assert [i.id for i in restored.incidents()] == [i.id for i in original.incidents()]


@pytest.fixture
def pipeline_loaded() -> None:
    from tawthiq.pipeline import default_stages

    default_stages()


def test_sqlite_commands_back_up_and_restore_through_the_cli(tmp_path: Path, pipeline_loaded: None) -> None:
    source, target = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    populate(source, tmp_path)
    runner = CliRunner()
    snapshot = tmp_path / "a.backup"
    made = runner.invoke(main, ["--db", source, "backup", str(snapshot)])
    assert made.exit_code == 0 and "verified" in made.output, made.output
    again = runner.invoke(main, ["--db", source, "backup", str(snapshot)])
    assert again.exit_code == 1 and "already exists" in again.output
    assert runner.invoke(main, ["--db", target, "restore", str(snapshot)]).exit_code == 0
    assert every_row(target) == every_row(source)
    refused = runner.invoke(main, ["--db", target, "restore", str(snapshot)])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert runner.invoke(main, ["--db", target, "restore", "--force", str(snapshot)]).exit_code == 0
    assert every_row(target) == every_row(source)


def test_a_damaged_snapshot_is_refused_and_the_target_left_alone(
    tmp_path: Path, pipeline_loaded: None
) -> None:
    source = str(tmp_path / "a.db")
    populate(source, tmp_path)
    snapshot = tmp_path / "a.backup"
    backup(source, snapshot)
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 4096] = b"\xa5" * 4096  # a flipped block in the middle
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(bytes(data[: len(data) - 1000]))
    target = tmp_path / "new.db"
    with pytest.raises(BackupError, match="take the backup again"):
        verify_sqlite(damaged)
    with pytest.raises(BackupError):
        restore(damaged, str(target))
    assert not target.exists()
    not_sqlite = tmp_path / "notes.backup"
    not_sqlite.write_text("hello", encoding="utf-8")
    with pytest.raises(BackupError, match="not a usable SQLite snapshot"):
        restore(not_sqlite, str(target))


def test_pg_dump_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tawthiq.store import backup as module

    monkeypatch.setattr(module.shutil, "which", lambda _name: None)
    monkeypatch.setattr(module, "PG_BINARIES", tmp_path / "none")
    with pytest.raises(BackupError, match="pg_dump is not installed; install"):
        backup("postgresql://nobody@127.0.0.1:1/none", tmp_path / "x.backup")
    assert not (tmp_path / "x.backup").exists()
