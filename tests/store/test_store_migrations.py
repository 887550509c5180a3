"""The Alembic migrations shipped in the package: run at open, idempotent, and in step with schema.py."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from tawthiq.errors import TawthiqError
from tawthiq.store import database_url, open_store
from tawthiq.store.schema import FILTERS_INDEX, POSTGRES_SEARCH_INDEXES, SQLITE_SEARCH_TABLES, metadata
from tawthiq.store.sql import alembic_config, create_engine, migrate

TABLES = {
    "originals",
    "custody",
    "documents",
    "failures",
    "events",
    "incidents",
    "incident_claims",
    "document_bands",
    "link_locks",
    "incident_notes",
    "users",
    "web_sessions",
    "api_tokens",
    "settings",
    "audit_log",
}
SQLITE_SEARCH = {
    f"{name}{part}"
    for name in SQLITE_SEARCH_TABLES
    for part in ("", "_data", "_idx", "_content", "_docsize", "_config")
}
"""The FTS5 tables SQLite keeps for search, with their shadow tables (not in ``metadata``)."""
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def engine_for(target: str | Path) -> sa.Engine:
    """A plain engine on the database, not the store's: what is in it, seen from outside."""
    return create_engine(database_url(target))


def table_names(target: str | Path) -> set[str]:
    engine = engine_for(target)
    with engine.connect() as connection:
        names = set(sa.inspect(connection).get_table_names())
    engine.dispose()
    return names - SQLITE_SEARCH


def tables_and_revision(target: str | Path) -> tuple[set[str], list[tuple[str]]]:
    engine = engine_for(target)
    with engine.connect() as connection:
        revision = [
            tuple(row) for row in connection.execute(sa.text("SELECT version_num FROM alembic_version"))
        ]
    engine.dispose()
    return table_names(target), revision


def test_fresh_database_is_migrated_to_head(db_target: str) -> None:
    open_store(db_target).close()
    names, revision = tables_and_revision(db_target)
    assert names == TABLES | {"alembic_version"}
    assert revision == [(HEAD,)]


def test_migrations_are_idempotent(db_path: Path) -> None:
    open_store(db_path).close()
    before = db_path.read_bytes()
    for _ in range(3):
        open_store(db_path).close()
    assert tables_and_revision(db_path) == (TABLES | {"alembic_version"}, [(HEAD,)])
    assert db_path.read_bytes() == before


def test_migrated_schema_matches_the_tables_the_code_uses(db_target: str) -> None:
    open_store(db_target).close()
    engine = engine_for(db_target)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": _not_search_index})
        differences = compare_metadata(context, metadata)
        trigram_indexes = _index_names(connection, POSTGRES_SEARCH_INDEXES.values())
    engine.dispose()
    assert differences == []
    expected = set(POSTGRES_SEARCH_INDEXES) if engine.dialect.name == "postgresql" else set()
    assert trigram_indexes & set(POSTGRES_SEARCH_INDEXES) == expected


def _not_search_index(item: object, name: str | None, kind: str, reflected: bool, compare_to: object) -> bool:
    return not (kind == "index" and name in POSTGRES_SEARCH_INDEXES) and not (
        kind == "table" and name in SQLITE_SEARCH
    )


def test_sqlite_has_the_search_tables_and_the_folded_filter_index(db_path: Path) -> None:
    """What the schema comparison cannot see on SQLite: the FTS5 tables, and the index on an
    expression (SQLAlchemy does not reflect those from SQLite)."""
    open_store(db_path).close()
    engine = engine_for(db_path)
    with engine.connect() as connection:
        names = set(sa.inspect(connection).get_table_names())
        index = connection.scalar(
            sa.text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": FILTERS_INDEX}
        )
    engine.dispose()
    assert names >= SQLITE_SEARCH
    assert index is not None and "lower(admin1)" in index


def _index_names(connection: sa.Connection, tables: Iterable[str]) -> set[str]:
    inspector = sa.inspect(connection)
    return {str(index["name"]) for table in tables for index in inspector.get_indexes(table)}


def test_migrations_go_down_and_up_again(db_target: str) -> None:
    open_store(db_target).close()
    engine = engine_for(db_target)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert tables_and_revision(db_target)[0] == {"alembic_version"}
    migrate(engine)
    engine.dispose()
    assert tables_and_revision(db_target) == (TABLES | {"alembic_version"}, [(HEAD,)])


def test_database_from_a_newer_tawthiq_is_refused(db_target: str) -> None:
    open_store(db_target).close()
    engine = engine_for(db_target)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(TawthiqError) as raised:
        open_store(db_target)
    assert raised.value.code == "E302"
    assert "schema 9999" in str(raised.value)


def test_two_processes_opening_a_new_database_at_once(db_target: str) -> None:
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_store(db_target).close()
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert tables_and_revision(db_target) == (TABLES | {"alembic_version"}, [(HEAD,)])


def test_another_programs_database_is_refused_untouched(db_target: str) -> None:
    engine = engine_for(db_target)
    with engine.begin() as connection:
        connection.execute(sa.text("CREATE TABLE bookmarks (url TEXT)"))
        connection.execute(sa.text("INSERT INTO bookmarks VALUES ('https://example.org')"))
    with pytest.raises(TawthiqError) as raised:
        open_store(db_target)
    assert raised.value.code == "E304"
    assert table_names(db_target) == {"bookmarks"}
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT url FROM bookmarks")).all() == [("https://example.org",)]
    engine.dispose()
