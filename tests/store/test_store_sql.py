"""The SQL store, on real SQLite files and real PostgreSQL databases (see conftest.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_records import add, make_document, make_event

from tawthiq.errors import TawthiqError
from tawthiq.records import DateRange, Failure
from tawthiq.store import DATABASE_ENV, SQLStore, database_url, default_database_path, open_store

T0 = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)


def test_add_original_is_idempotent_and_byte_exact(store: SQLStore) -> None:
    content = "تقرير\r\n".encode("cp1256") + bytes(range(256))
    sha256, new = store.add_original(content, "application/octet-stream")
    assert (sha256, new) == (hashlib.sha256(content).hexdigest(), True)
    assert store.add_original(content, "text/plain") == (sha256, False)
    stored = store.original_bytes(sha256)
    assert stored == content
    assert stored is not None
    assert hashlib.sha256(stored).hexdigest() == sha256
    assert store.counts()["originals"] == 1


def test_custody_keeps_every_sighting_in_order(store: SQLStore) -> None:
    sha256, _ = store.add_original(b"report", "text/plain")
    store.record_custody(sha256, "/b/report.txt", T0 + dt.timedelta(hours=1))
    store.record_custody(sha256, "/a/report.txt", T0)
    original = store.original(sha256)
    assert original is not None
    assert [(c.origin, c.retrieved_at) for c in original.custody] == [
        ("/a/report.txt", T0),
        ("/b/report.txt", T0 + dt.timedelta(hours=1)),
    ]
    assert original.media_type == "text/plain"
    assert original.stored_at.tzinfo is dt.UTC


def test_custody_needs_the_original_archived_first(store: SQLStore) -> None:
    with pytest.raises(sa.exc.IntegrityError):
        store.record_custody("0" * 64, "/nowhere", T0)


def test_datetimes_are_kept_in_utc(store: SQLStore) -> None:
    sha256, _ = store.add_original(b"x", "text/plain")
    store.record_custody(
        sha256, "/x", dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    )
    original = store.original(sha256)
    assert original is not None
    assert original.custody[0].retrieved_at == T0
    assert original.custody[0].retrieved_at.utcoffset() == dt.timedelta(0)
    with pytest.raises(sa.exc.StatementError, match="naive datetime"):
        store.record_custody(sha256, "/x", dt.datetime(2024, 5, 1, 12, 30))


def test_document_round_trips_with_its_events(store: SQLStore) -> None:
    document = make_document(
        "report", "نص التقرير", (make_event(), make_event(day=None, admin1=None, killed=None))
    )
    assert add(store, document) == ("report", True)
    assert store.get_document("report") == document
    assert store.get_document("absent") is None
    assert list(store.documents()) == [document]
    assert store.counts() == {
        "originals": 1,
        "custody": 0,
        "documents": 1,
        "events": 2,
        "incidents": 2,
        "failures": 0,
    }


def test_same_original_is_stored_once(store: SQLStore) -> None:
    document = make_document("report", "نص", (make_event(),))
    add(store, document)
    renamed = dataclasses.replace(document, id="copy-of-report")
    assert add(store, renamed) == ("report", False)
    assert store.document_id_for(document.sha256 or "") == "report"
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 1


def test_document_id_held_by_other_content_gets_a_suffix(store: SQLStore) -> None:
    first, second = make_document("report", "first text"), make_document("report", "second text")
    add(store, first)
    stored_id, new = add(store, second)
    assert new
    assert stored_id == f"report-{(second.sha256 or '')[:8]}"
    stored = store.get_document(stored_id)
    assert stored is not None
    assert stored.raw_text == "second text"


def test_document_needs_its_original_and_sha256(store: SQLStore) -> None:
    orphan = make_document("orphan", "never archived")
    with pytest.raises(sa.exc.IntegrityError):
        store.add_document(orphan, extractor_version="test")
    with pytest.raises(ValueError, match="no sha256"):
        store.add_document(dataclasses.replace(orphan, sha256=None), extractor_version="test")
    assert store.counts()["documents"] == 0


def test_a_document_is_stored_whole_or_not_at_all(store: SQLStore, db_target: str) -> None:
    document = make_document("report", "نص", (make_event(), make_event()))
    taken = hashlib.sha256(f"{document.sha256}:1".encode()).hexdigest()[:16]
    engine = sa.create_engine(database_url(db_target))
    with engine.begin() as connection:  # an incident id the second event will collide with
        connection.execute(
            sa.text(
                "INSERT INTO incidents (id, canonical, status, event_type, sub_event_type,"
                " created_at, updated_at, version)"
                " VALUES (:id, '{}', 'unreviewed', 'x', 'y', '2024-01-01', '2024-01-01', 1)"
            ),
            {"id": f"inc-{taken}"},
        )
    engine.dispose()
    with pytest.raises(sa.exc.IntegrityError):
        add(store, document)
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["incidents"]) == (0, 0, 1)


def test_each_event_is_its_own_incident_with_one_claim(store: SQLStore) -> None:
    event = make_event()
    add(store, make_document("report", "نص", (event,), outlet="Enab Baladi"))
    [incident] = store.incidents()
    assert incident.id.startswith("inc-")
    assert incident.event == event
    assert incident.status == "unreviewed"
    assert [(claim.document_id, claim.event, claim.outlet) for claim in incident.claims] == [
        ("report", event, "Enab Baladi")
    ]
    assert incident.sources == 1
    assert store.get_incident(incident.id) == incident
    assert store.get_incident("inc-absent") is None


def test_event_ids_are_the_same_in_every_database(new_database: Callable[[], str]) -> None:
    document = make_document("report", "نص", (make_event(), make_event(day=dt.date(2017, 7, 1))))
    ids = []
    for target in (new_database(), new_database()):
        with open_store(target) as store:
            add(store, document)
            ids.append(sorted(incident.id for incident in store.incidents()))
    assert ids[0] == ids[1]
    assert len(set(ids[0])) == 2


@pytest.fixture
def filled(store: SQLStore) -> SQLStore:
    events = (
        make_event(day=dt.date(2017, 7, 3), admin1="Ar-Raqqa"),
        make_event(
            day=dt.date(2017, 6, 1), admin1="Aleppo", sub_event_type="Shelling/artillery/missile attack"
        ),
        make_event(day=None, admin1="Aleppo"),
        make_event(day=dt.date(2016, 1, 9), admin1="Idleb", sub_event_type="Attack"),
    )
    add(store, make_document("report", "نص", events))
    return store


def dates(store: SQLStore, **filters: Any) -> list[dt.date | None]:
    found = store.incidents(**filters)
    return [incident.event.date.start if incident.event.date else None for incident in found]


def test_incidents_in_date_order_undated_last(filled: SQLStore) -> None:
    assert dates(filled) == [dt.date(2016, 1, 9), dt.date(2017, 6, 1), dt.date(2017, 7, 3), None]


def test_incidents_filters(filled: SQLStore) -> None:
    assert dates(filled, since=dt.date(2017, 6, 1)) == [dt.date(2017, 6, 1), dt.date(2017, 7, 3)]
    assert dates(filled, until=dt.date(2017, 6, 1)) == [dt.date(2016, 1, 9), dt.date(2017, 6, 1)]
    assert dates(filled, since=dt.date(2017, 1, 1), until=dt.date(2017, 6, 30)) == [dt.date(2017, 6, 1)]
    assert dates(filled, admin1="aleppo") == [dt.date(2017, 6, 1), None]
    assert dates(filled, event_type="Violence against civilians") == [dt.date(2016, 1, 9)]
    assert dates(filled, event_type="Air/drone strike") == [dt.date(2017, 7, 3), None]
    assert dates(filled, limit=2, offset=1) == [dt.date(2017, 6, 1), dt.date(2017, 7, 3)]
    assert dates(filled, admin1="Damascus") == []


def test_incidents_overlapping_a_date_range(store: SQLStore) -> None:
    event = dataclasses.replace(make_event(), date=DateRange(dt.date(2017, 7, 3), dt.date(2017, 7, 10)))
    add(store, make_document("report", "نص", (event,)))
    assert len(list(store.incidents(since=dt.date(2017, 7, 5), until=dt.date(2017, 7, 6)))) == 1
    assert list(store.incidents(since=dt.date(2017, 7, 11))) == []


def test_failures_are_kept_once_oldest_first(store: SQLStore) -> None:
    binary = Failure("/in/a.bin", "E103", "a.bin: file is binary", sha256="ab" * 32)
    missing = Failure("/in/gone.txt", "E101", "gone.txt: no such file")
    assert store.add_failure(missing, at=T0 + dt.timedelta(minutes=1))
    assert store.add_failure(binary, at=T0)
    assert not store.add_failure(binary, at=T0 + dt.timedelta(days=1))
    assert not store.add_failure(missing)
    stored = list(store.failures())
    assert [(entry.failure, entry.at) for entry in stored] == [
        (binary, T0),
        (missing, T0 + dt.timedelta(minutes=1)),
    ]
    assert stored[0].id != stored[1].id


def test_wal_foreign_keys_and_busy_timeout_are_on(db_path: Path) -> None:
    store = open_store(db_path)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with store._engine.connect() as connection:  # the store's own connections
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    store.close()


def test_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "t.db"
    open_store(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0


def test_data_survives_reopening(db_target: str) -> None:
    with open_store(db_target) as store:
        add(store, make_document("report", "نص", (make_event(),)))
    with open_store(db_target) as store:
        assert store.counts()["incidents"] == 1


def test_database_location_flag_then_environment_then_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    assert default_database_path() == tmp_path / "data" / "tawthiq" / "tawthiq.db"
    assert database_url().database == str(tmp_path / "data" / "tawthiq" / "tawthiq.db")
    monkeypatch.setenv(DATABASE_ENV, str(tmp_path / "env.db"))
    assert database_url().database == str(tmp_path / "env.db")
    assert database_url(tmp_path / "flag.db").database == str(tmp_path / "flag.db")
    assert database_url(f"sqlite:///{tmp_path}/url.db").database == f"{tmp_path}/url.db"
    open_store().close()
    assert (tmp_path / "env.db").exists()


def test_open_store_refuses_other_databases(tmp_path: Path) -> None:
    for url in ("mysql://team@db.example/tawthiq", "not a url://x"):
        with pytest.raises(TawthiqError) as raised:
            open_store(url)
        assert raised.value.code == "E303"
        assert "postgresql://" in str(raised.value)


def test_postgresql_urls_use_psycopg_3() -> None:
    for given in ("postgresql://team@db.example/tawthiq", "postgresql+psycopg://team@db.example/tawthiq"):
        url = database_url(given)
        assert (url.drivername, url.host, url.database) == ("postgresql+psycopg", "db.example", "tawthiq")


def test_open_store_explains_an_unreachable_server_without_showing_the_password() -> None:
    with pytest.raises(TawthiqError) as raised:
        open_store("postgresql://team:s3cret@127.0.0.1:1/tawthiq?connect_timeout=2")
    assert raised.value.code == "E301"
    assert "s3cret" not in str(raised.value)
    assert "127.0.0.1:1/tawthiq" in str(raised.value)


def test_open_store_explains_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are notes, not a database" * 100)
    with pytest.raises(TawthiqError) as raised:
        open_store(path)
    assert raised.value.code == "E301"
    assert str(raised.value).startswith(f"{path}: cannot open the database (file is not a database)")


def test_open_store_explains_a_folder_given_as_database(tmp_path: Path) -> None:
    with pytest.raises(TawthiqError) as raised:
        open_store(tmp_path)
    assert raised.value.code == "E301"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_open_store_explains_an_unwritable_place(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(TawthiqError) as raised:
            open_store(tmp_path / "sub" / "t.db")
        assert raised.value.code == "E301"
    finally:
        tmp_path.chmod(0o700)
