"""Linking in the store: incremental joins, near-duplicate copies, a person's merges and splits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from store_records import add, make_document, make_event

from tawthiq.link import Lock
from tawthiq.store import SQLStore, open_store

WIRE = "قالت مصادر محلية إن غارة جوية للتحالف الدولي استهدفت حياً سكنياً في مدينة الرقة " * 6


def strike(killed: int, day: dt.date = dt.date(2017, 7, 3)) -> tuple:  # type: ignore[type-arg]
    return (make_event(killed=killed, day=day),)


def test_new_documents_join_the_incident_already_stored(store: SQLStore) -> None:
    add(store, make_document("a", "تقرير أول", strike(5), outlet="A"))
    store.link(["a"])
    add(store, make_document("b", "تقرير ثان", strike(9), outlet="B"))
    add(store, make_document("far", "تقرير ثالث", strike(2, dt.date(2017, 9, 1)), outlet="C"))
    report = store.link(["b", "far"])
    assert report.claims == 3
    joined, alone = sorted(store.incidents(), key=lambda i: -len(i.claims))
    assert [c.document_id for c in joined.claims] == ["a", "b"]
    assert (joined.low, joined.best, joined.high, joined.sources) == (5, 5, 9, 2)
    assert [c.document_id for c in alone.claims] == ["far"]
    assert store.counts()["incidents"] == 2


def test_full_relink_is_deterministic_and_keeps_ids(new_database: Callable[[], str]) -> None:
    documents = [
        make_document(name, f"نص {name}", strike(k), outlet=name) for name, k in [("a", 5), ("b", 7)]
    ]
    listings = []
    for target, order in ((new_database(), documents), (new_database(), documents[::-1])):
        with open_store(target) as store:
            for document in order:
                add(store, document)
            store.link()
            first = [(i.id, [c.event_id for c in i.claims]) for i in store.incidents()]
            store.link()
            assert [(i.id, [c.event_id for c in i.claims]) for i in store.incidents()] == first
            listings.append(first)
    assert listings[0] == listings[1]
    assert len(listings[0]) == 1


def test_a_near_duplicate_copy_is_linked_to_its_original_and_adds_no_source(store: SQLStore) -> None:
    add(store, make_document("wire", WIRE, strike(5), outlet="Wire"))
    add(store, make_document("copy", WIRE + " شارك المقال", strike(5), outlet="Reprint"))
    add(store, make_document("other", "تقرير مستقل عن الغارة نفسها", strike(7), outlet="Other"))
    store.link()
    assert store.duplicate_of("copy") == "wire"
    assert store.duplicate_of("wire") is None
    [incident] = store.incidents()
    assert (incident.sources, incident.reports) == (2, 3)
    assert {c.document_id: c.duplicate_of for c in incident.claims}["copy"] == "wire"


def test_merge_and_split_are_recorded_and_kept_by_later_links(store: SQLStore) -> None:
    add(store, make_document("a", "أ", strike(5), outlet="A"))
    add(store, make_document("b", "ب", strike(5), outlet="B"))
    other = dataclasses.replace(make_event(admin1="Aleppo"), location=None)
    add(store, make_document("c", "ج", (other,), outlet="C"))
    store.link()
    joined = next(i for i in store.incidents() if len(i.claims) == 2)
    lone = next(i for i in store.incidents() if len(i.claims) == 1)
    first, rest = store.record_split(joined.id, [joined.claims[0].event_id], by="analyst")
    assert first != rest
    store.link()
    assert store.counts()["incidents"] == 3
    split = store.get_incident(first)
    assert split is not None
    assert split.locked
    merged = store.record_merge([lone.id, rest], by="analyst", note="same strike, per witness")
    store.link()
    assert len(store.get_incident(merged).claims) == 2  # type: ignore[union-attr]
    assert [lock.kind for lock in store.locks()] == ["split", "merge"]
    assert store.locks()[1] == Lock(
        "merge", store.locks()[1].groups, by="analyst", note="same strike, per witness"
    )


def test_split_needs_some_but_not_all_events(store: SQLStore) -> None:
    add(store, make_document("a", "أ", strike(5)))
    [incident] = store.incidents()
    with pytest.raises(ValueError, match="some but not all"):
        store.record_split(incident.id, [c.event_id for c in incident.claims], by="x")
    with pytest.raises(ValueError, match="no incident has this id"):
        store.record_split("inc-none", ["ev-1"], by="x")
