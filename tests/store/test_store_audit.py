"""The audit log: hash-chained, append-only in the database, and any tampering named (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tawthiq.store import SQLStore, database_url
from tawthiq.store.audit import GENESIS, entry_hash
from tawthiq.store.sql import create_engine


@pytest.fixture
def outside(db_target: str) -> Iterator[sa.Engine]:
    """Another program's connection to the same database: what someone bypassing tawthiq could do."""
    engine = create_engine(database_url(db_target))
    yield engine
    engine.dispose()


def drop_triggers(engine: sa.Engine) -> None:
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        else:
            connection.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def five_entries(store: SQLStore) -> None:
    for number in range(5):
        store.append_audit("web", "document.ingest", f"document:d{number}", None, {"n": number, "نص": "نعم"})


def test_entries_chain_from_zeros_and_verify(store: SQLStore) -> None:
    assert store.verify_audit().entries == 0
    assert store.verify_audit().head == GENESIS
    five_entries(store)
    newest_first = store.audit()
    assert [e.id for e in newest_first] == [5, 4, 3, 2, 1]
    first = newest_first[-1]
    assert first.previous_hash == GENESIS
    assert all(e.previous_hash == older.hash for e, older in itertools.pairwise(newest_first))
    content = {k: getattr(first, k) for k in ("id", "at", "actor", "action", "target", "before", "after")}
    assert entry_hash(GENESIS, **content) == first.hash
    check = store.verify_audit()
    assert (check.ok, check.entries, check.head, check.first_bad) == (True, 5, newest_first[0].hash, None)
    assert [e.id for e in store.audit(limit=2, offset=1)] == [4, 3]
    assert [e.target for e in store.audit(target="document:d2")] == ["document:d2"]


def test_the_database_refuses_updates_and_deletes(store: SQLStore, outside: sa.Engine) -> None:
    five_entries(store)
    for statement in (
        "UPDATE audit_log SET actor = 'mallory' WHERE id = 2",
        "DELETE FROM audit_log WHERE id = 5",
    ):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), outside.begin() as connection:
            connection.exec_driver_sql(statement)
    assert [e.actor for e in store.audit()] == ["web"] * 5
    assert store.verify_audit().ok


def test_an_edited_entry_is_named(store: SQLStore, outside: sa.Engine) -> None:
    five_entries(store)
    drop_triggers(outside)
    with outside.begin() as connection:
        connection.exec_driver_sql("UPDATE audit_log SET actor = 'mallory' WHERE id = 3")
    check = store.verify_audit()
    assert (check.ok, check.first_bad, check.entries) == (False, 3, 2)
    assert check.problem is not None and "entry 3 was changed" in check.problem


def test_a_deleted_entry_is_named(store: SQLStore, outside: sa.Engine) -> None:
    five_entries(store)
    drop_triggers(outside)
    with outside.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id = 3")
    check = store.verify_audit()
    assert (check.ok, check.first_bad) == (False, 4)
    assert check.problem is not None and "does not follow entry 2" in check.problem
    with outside.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id = 1")
    assert store.verify_audit().first_bad == 2
    assert "start of the log" in (store.verify_audit().problem or "")


def test_reordered_entries_are_named(store: SQLStore, outside: sa.Engine) -> None:
    five_entries(store)
    drop_triggers(outside)
    with outside.begin() as connection:
        for statement in (
            "UPDATE audit_log SET id = 100 WHERE id = 2",
            "UPDATE audit_log SET id = 2 WHERE id = 3",
            "UPDATE audit_log SET id = 3 WHERE id = 100",
        ):
            connection.exec_driver_sql(statement)
    check = store.verify_audit()
    assert (check.ok, check.first_bad, check.entries) == (False, 2, 1)


def test_concurrent_writers_never_fork_the_chain(store: SQLStore) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for number in range(5):
                store.set_setting(f"key{worker}", str(number), by=f"worker{worker}")
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    check = store.verify_audit()
    assert (check.ok, check.entries) == (True, 20)
