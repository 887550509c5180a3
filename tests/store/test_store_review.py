"""Reviews in the store: assessments and edits under optimistic locking, overrides kept across re-links,
notes, and the queries the list, map and timeline share (on SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from alembic import command
from store_records import add, make_document, make_event

from tawthiq.review import MAX_NOTE_LENGTH, ReviewError
from tawthiq.store import SQLStore, database_url, open_store
from tawthiq.store.base import IncidentQuery, StaleIncident, WeekCount
from tawthiq.store.sql import alembic_config, create_engine, migrate

COALITION = "Global Coalition Against Daesh"


def one_incident(store: SQLStore, document_id: str = "a", killed: int = 5) -> str:
    add(
        store,
        make_document(document_id, f"تقرير {document_id}", (make_event(killed=killed),), outlet=document_id),
    )
    [incident_id] = store.incidents_of_document(document_id)
    return incident_id


def test_two_reviewers_on_the_same_version_the_second_is_refused(store: SQLStore) -> None:
    incident_id = one_incident(store)
    opened = store.get_incident(incident_id)
    assert opened is not None
    assert (opened.status, opened.version) == ("unreviewed", 1)
    first = store.assess_incident(incident_id, "fair", by="alice", version=opened.version)
    assert (first.status, first.version) == ("fair", 2)
    with pytest.raises(StaleIncident) as raised:
        store.edit_incident(incident_id, {"killed": "9"}, by="bob", version=opened.version)
    assert (raised.value.expected, raised.value.found) == (1, 2)
    assert "reload it" in str(raised.value)
    with pytest.raises(StaleIncident):
        store.assess_incident(incident_id, "weak", by="bob", version=opened.version)
    kept = store.get_incident(incident_id)
    assert kept is not None
    assert (kept.status, kept.version, kept.overrides) == ("fair", 2, ())
    assert [e.action for e in store.audit()] == ["incident.assess"]
    with pytest.raises(StaleIncident) as gone:
        store.assess_incident("inc-nothing", "fair", by="bob", version=1)
    assert gone.value.found is None


def test_an_edit_overrides_the_machine_and_clearing_it_restores_the_machine_value(store: SQLStore) -> None:
    incident_id = one_incident(store, killed=5)
    edited = store.edit_incident(
        incident_id, {"killed": " 12 ", "perpetrator": "Syrian Arab Army"}, by="alice", version=1
    )
    assert edited.event.fatalities.killed == 12
    assert edited.event.actors[0].name == "Syrian Arab Army"
    assert edited.overrides == (("killed", "12"), ("perpetrator", "Syrian Arab Army"))
    assert ("killed", "review:alice") in edited.provenance
    assert ("fatalities", edited.claims[0].event_id) in edited.provenance
    assert store.count_incidents(IncidentQuery(min_killed=12)) == 1
    assert store.count_incidents(IncidentQuery(perpetrator="syrian arab army")) == 1
    assert store.count_incidents(IncidentQuery(perpetrator=COALITION)) == 0
    [entry] = store.audit(target=f"incident:{incident_id}")
    assert (entry.actor, entry.action) == ("alice", "incident.edit")
    assert entry.before == {"killed": "5", "perpetrator": COALITION}
    assert entry.after == {"killed": "12", "perpetrator": "Syrian Arab Army"}

    restored = store.edit_incident(incident_id, {"killed": None}, by="bob", version=edited.version)
    assert restored.event.fatalities.killed == 5
    assert restored.overrides == (("perpetrator", "Syrian Arab Army"),)
    assert ("perpetrator", "review:alice") in restored.provenance
    assert not any(field == "killed" for field, _ in restored.provenance)
    assert store.count_incidents(IncidentQuery(min_killed=12)) == 0
    latest = store.audit(target=f"incident:{incident_id}", limit=1)[0]
    assert (latest.actor, latest.before, latest.after) == ("bob", {"killed": "12"}, {"killed": "5"})


def test_bad_edits_are_refused_and_change_nothing(store: SQLStore) -> None:
    incident_id = one_incident(store)
    for edits in ({"killed": "many"}, {"colour": "red"}, {}):
        with pytest.raises(ReviewError):
            store.edit_incident(incident_id, edits, by="alice", version=1)
    with pytest.raises(ReviewError):
        store.assess_incident(incident_id, "probably", by="alice", version=1)
    incident = store.get_incident(incident_id)
    assert incident is not None
    assert (incident.version, incident.overrides, store.audit()) == (1, (), [])


def test_status_and_overrides_survive_a_relink_that_adds_reports(store: SQLStore) -> None:
    incident_id = one_incident(store, "a", killed=5)
    store.link(["a"])
    store.assess_incident(incident_id, "confirmed", by="rev", version=1)
    edited = store.edit_incident(incident_id, {"killed": "40", "place": "حي الرميلة"}, by="alice", version=2)
    add(store, make_document("b", "تقرير ثان", (make_event(killed=9),), outlet="B"))
    add(store, make_document("c", "تقرير ثالث", (make_event(killed=7),), outlet="C"))
    store.link(["b", "c"])
    assert store.incidents_of_document("b") == [incident_id]
    incident = store.get_incident(incident_id)
    assert incident is not None
    assert len(incident.claims) == 3
    assert incident.status == "confirmed"
    assert incident.overrides == (("killed", "40"), ("place", "حي الرميلة"))
    assert ("place", "review:alice") in incident.provenance
    assert incident.event.fatalities.killed == 40
    assert incident.event.location is not None and incident.event.location.name == "حي الرميلة"
    assert incident.version > edited.version
    assert [p.place for p in store.incident_points()] == ["حي الرميلة"]
    assert store.count_incidents(IncidentQuery(min_killed=40)) == 1
    with pytest.raises(StaleIncident):  # the re-link changed it since the reviewer opened it
        store.assess_incident(incident_id, "fair", by="rev", version=edited.version)
    cleared = store.edit_incident(incident_id, {"killed": ""}, by="alice", version=incident.version)
    assert cleared.event.fatalities.killed == 7  # the machine's best estimate over the three reports


def test_notes_are_kept_by_incident_and_audited(store: SQLStore) -> None:
    incident_id = one_incident(store)
    first = store.add_note(incident_id, "  الصور تظهر مبنى مدمرا  ", by="alice")
    store.add_note(incident_id, "second source needed", by="bob")
    assert [(n.author, n.text) for n in store.notes(incident_id)] == [
        ("alice", "الصور تظهر مبنى مدمرا"),
        ("bob", "second source needed"),
    ]
    assert store.notes("inc-other") == []
    with pytest.raises(ReviewError):
        store.add_note(incident_id, "   ", by="alice")
    with pytest.raises(ReviewError):
        store.add_note("inc-nothing", "note", by="alice")
    entry = store.audit(target=f"incident:{incident_id}")[-1]
    assert (entry.action, entry.after) == ("incident.note", {"note": first.id, "text": first.text})
    with pytest.raises(ReviewError, match="longer than"):
        store.add_note(incident_id, "م" * (MAX_NOTE_LENGTH + 1), by="alice")
    assert len(store.add_note(incident_id, "م" * MAX_NOTE_LENGTH, by="alice").text) == MAX_NOTE_LENGTH


def test_merges_and_splits_are_audited_with_the_event_ids(store: SQLStore) -> None:
    a = one_incident(store, "a")
    b = one_incident(store, "b")
    event_a, event_b = (f"ev-{incident_id.removeprefix('inc-')}" for incident_id in (a, b))
    events = sorted([event_a, event_b])
    merged = store.record_merge([a, b], by="rev", note="same strike")
    first, second = store.record_split(merged, [events[0]], by="rev")
    split, merge = store.audit()
    assert (merge.action, merge.target, merge.actor) == ("incident.merge", f"incident:{merged}", "rev")
    assert merge.before == {"incidents": {a: [event_a], b: [event_b]}}
    assert merge.after == {"incidents": {merged: events}, "note": "same strike"}
    assert (split.action, split.before) == ("incident.split", {"incidents": {merged: events}})
    assert split.after == {"incidents": {first: [events[0]], second: [events[1]]}, "note": ""}
    assert store.verify_audit().ok


@pytest.fixture
def four(store: SQLStore) -> dict[str, str]:
    """Four unlinked incidents: two in one week in Raqqa, one the next week in Aleppo, one undated."""
    events = {
        "a": make_event(day=dt.date(2017, 7, 3), killed=5),
        "b": make_event(day=dt.date(2017, 7, 5), killed=None),
        "c": make_event(day=dt.date(2017, 7, 12), admin1="Aleppo", killed=20),
        "d": dataclasses.replace(make_event(day=None, admin1="Idlib", killed=1), location=None),
    }
    for name, event in events.items():
        add(store, make_document(name, f"تقرير {name}", (event,), outlet=name))
    return {name: store.incidents_of_document(name)[0] for name in events}


def listed(
    store: SQLStore, ids: dict[str, str], query: IncidentQuery, *, limit: int | None = None, offset: int = 0
) -> str:
    names = {incident_id: name for name, incident_id in ids.items()}
    return "".join(names[incident.id] for incident in store.incidents(query, limit=limit, offset=offset))


def test_sorts_put_unknown_values_last_and_break_ties_by_id(store: SQLStore, four: dict[str, str]) -> None:
    assert listed(store, four, IncidentQuery()) == "abcd"
    assert listed(store, four, IncidentQuery(sort="-date")) == "cbad"
    assert listed(store, four, IncidentQuery(sort="killed")) == "dacb"
    assert listed(store, four, IncidentQuery(sort="-killed")) == "cadb"
    assert listed(store, four, IncidentQuery(sort="sources")) == "".join(
        sorted("abcd", key=lambda n: four[n])
    )
    assert listed(store, four, IncidentQuery(), limit=2, offset=1) == "bc"
    store.assess_incident(four["a"], "weak", by="rev", version=1)
    assert listed(store, four, IncidentQuery(sort="-updated"))[0] == "a"
    assert listed(store, four, IncidentQuery(sort="updated"))[-1] == "a"
    with pytest.raises(ValueError, match="not a sort"):
        list(store.incidents(IncidentQuery(sort="colour")))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        list(store.incidents(IncidentQuery(), admin1="Aleppo"))


def test_filters_and_counts_agree(store: SQLStore, four: dict[str, str]) -> None:
    store.assess_incident(four["c"], "confirmed", by="rev", version=1)
    cases = {
        IncidentQuery(admin1="ar-raqqa"): "ab",
        IncidentQuery(perpetrator=COALITION.upper()): "abcd",
        IncidentQuery(status="confirmed"): "c",
        IncidentQuery(status="unreviewed"): "abd",
        IncidentQuery(min_killed=5): "ac",
        IncidentQuery(since=dt.date(2017, 7, 4), until=dt.date(2017, 7, 31)): "bc",
        IncidentQuery(event_type="Air/drone strike", status="unreviewed", sort="-date"): "bad",
    }
    for query, expected in cases.items():
        assert listed(store, four, query) == expected, query
        assert store.count_incidents(query) == len(expected), query
    assert store.count_incidents() == 4
    assert "".join(i.id for i in store.incidents(admin1="Aleppo")) == four["c"]


def test_map_points_read_columns_and_skip_unlocated_incidents(store: SQLStore, four: dict[str, str]) -> None:
    store.edit_incident(four["a"], {"lat": "36.2", "lon": "37.15", "killed": "6"}, by="alice", version=1)
    points = {point.id: point for point in store.incident_points()}
    assert set(points) == {four["a"], four["b"], four["c"]}
    a = points[four["a"]]
    assert (a.lat, a.lon, a.killed, a.date, a.status, a.place) == (
        36.2,
        37.15,
        6,
        dt.date(2017, 7, 3),
        "unreviewed",
        "الرقة",
    )
    assert a.event_type == "Explosions/Remote violence"
    assert [p.id for p in store.incident_points(IncidentQuery(admin1="Aleppo"))] == [four["c"]]


def test_map_places_group_incidents_by_location(store: SQLStore, four: dict[str, str]) -> None:
    points = list(store.incident_points())
    places = store.map_places()
    assert sum(place.incidents for place in places) == len(points)
    assert {(p.lat, p.lon) for p in places} == {(p.lat, p.lon) for p in points}
    store.edit_incident(four["a"], {"lat": "36.2", "lon": "37.15", "killed": "6"}, by="alice", version=1)
    moved = [place for place in store.map_places() if (place.lat, place.lon) == (36.2, 37.15)]
    assert len(moved) == 1
    assert (moved[0].incidents, moved[0].killed, moved[0].incident_id) == (1, 6, four["a"])
    assert sum(p.incidents for p in store.map_places(IncidentQuery(admin1="Aleppo"))) == 1


def test_weekly_counts_fold_days_into_weeks_by_perpetrator(store: SQLStore, four: dict[str, str]) -> None:
    assert store.weekly_counts() == [
        WeekCount(dt.date(2017, 7, 3), COALITION, 2, 5),
        WeekCount(dt.date(2017, 7, 10), COALITION, 1, 20),
    ]
    store.edit_incident(four["b"], {"perpetrator": "ISIS", "killed": "3"}, by="alice", version=1)
    assert store.weekly_counts() == [
        WeekCount(dt.date(2017, 7, 3), COALITION, 1, 5),
        WeekCount(dt.date(2017, 7, 3), "ISIS", 1, 3),
        WeekCount(dt.date(2017, 7, 10), COALITION, 1, 20),
    ]
    assert store.weekly_counts(IncidentQuery(admin1="Aleppo")) == [
        WeekCount(dt.date(2017, 7, 10), COALITION, 1, 20)
    ]


def test_migration_0004_fills_the_new_columns_of_existing_incidents(db_target: str) -> None:
    with open_store(db_target) as store:
        incident_id = one_incident(store, killed=3)
    engine = create_engine(database_url(db_target))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    migrate(engine)
    engine.dispose()
    with open_store(db_target) as store:
        assert store.count_incidents(IncidentQuery(perpetrator=COALITION)) == 1
        [point] = store.incident_points()
        assert (point.id, point.place, point.killed) == (incident_id, "الرقة", 3)
        incident = store.get_incident(incident_id)
        assert incident is not None and incident.overrides == ()
        assert (
            store.edit_incident(incident_id, {"killed": "4"}, by="alice", version=1).event.fatalities.killed
            == 4
        )
