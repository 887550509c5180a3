"""Linking inside the store: near-duplicate detection at ingest, and incidents (re)built from claims.

The linking core (:mod:`tawthiq.link`) is pure; this module feeds it the claims of a *neighbourhood*
and writes back what it returns. A neighbourhood is the seed events, every stored event in the same
blocks (event type, governorate, nearby link dates; found through indexed columns), the whole
incidents those events belong to, and the events of any lock touching them. New documents therefore
join existing incidents without the rest of the store being read again.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from tawthiq.link import (
    DEFAULT_CONFIG,
    LinkConfig,
    Lock,
    Sides,
    bands,
    build_incident,
    incident_ids,
    link_claims,
    original_among,
)
from tawthiq.records import Claim, Incident
from tawthiq.review import REVIEWER, UNREVIEWED, apply_overrides
from tawthiq.serialize import event_from_dict, event_to_dict
from tawthiq.store import schema

CHUNK = 500
"""Ids per IN (...) list: well under every backend's limit on bound parameters."""

NEIGHBOUR_MARGIN_DAYS = 2
"""Extra days around a block's dates when looking for neighbours (undated reports look back 2 days)."""


@dataclass(frozen=True, slots=True)
class LinkReport:
    """What one linking run did."""

    claims: int
    incidents: int
    multi_source: int


def find_original(connection: sa.Connection, signature: bytes) -> str | None:
    """The stored document this signature is a near-duplicate of (its own original, if a copy)."""
    table = schema.document_bands
    keys = bands(signature)
    condition = sa.or_(*(sa.and_(table.c.band == band, table.c.digest == digest) for band, digest in keys))
    candidates = sorted(set(connection.scalars(sa.select(table.c.document_id).where(condition).distinct())))
    if not candidates:
        return None
    documents = schema.documents
    rows = connection.execute(
        sa.select(documents.c.id, documents.c.minhash, documents.c.duplicate_of).where(
            documents.c.id.in_(candidates)
        )
    ).all()
    original = original_among(signature, {row.id: row.minhash for row in rows if row.minhash})
    roots = {row.id: row.duplicate_of for row in rows}
    return None if original is None else roots.get(original) or original


def insert_bands(connection: sa.Connection, document_id: str, signature: bytes) -> None:
    rows = [{"band": band, "digest": digest, "document_id": document_id} for band, digest in bands(signature)]
    connection.execute(schema.document_bands.insert(), rows)


def relink(
    connection: sa.Connection,
    seeds: Sequence[str] | None,
    sides: Sides,
    *,
    config: LinkConfig = DEFAULT_CONFIG,
    now: dt.datetime,
) -> LinkReport:
    """Re-link the neighbourhood of the seed events (every event when ``seeds`` is None)."""
    locks = read_locks(connection)
    if seeds is None:
        event_ids = None
    else:
        event_ids = _neighbourhood(connection, seeds, locks, config)
        if not event_ids:
            return LinkReport(0, 0, 0)
    claims = list(_claims(connection, event_ids))
    previous = _memberships(connection, event_ids)
    clusters = link_claims(claims, sides=sides, config=config, locks=locks)
    by_id = {claim.event_id: claim for claim in claims}
    locked_events = {event_id for lock in locks for event_id in lock.event_ids}
    naming = _naming_memberships(clusters, previous, _reviewed(connection, sorted(set(previous.values()))))
    incidents = [
        build_incident(
            incident_id, [by_id[e] for e in cluster], sides, locked=bool(locked_events & set(cluster))
        )
        for incident_id, cluster in incident_ids(clusters, naming)
    ]
    _replace_incidents(connection, sorted(set(previous.values())), incidents, previous, now)
    multi = sum(1 for incident in incidents if len(incident.claims) > 1)
    return LinkReport(len(claims), len(incidents), multi)


def write_incidents(
    connection: sa.Connection,
    incidents: Sequence[Incident],
    now: dt.datetime,
    kept: dict[str, Any] | None = None,
) -> None:
    """Insert incidents and their claims; ``kept`` gives each inherited id's old row (its status,
    overrides, creation time and version)."""
    kept = kept or {}
    rows: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for incident in incidents:
        old = kept.get(incident.id)
        rows.append(_incident_row(incident, now, old))
        claims.extend(
            {"incident_id": incident.id, "event_id": claim.event_id, "party_claim": claim.party_claim}
            for claim in incident.claims
        )
    if rows:
        connection.execute(schema.incidents.insert(), rows)
        connection.execute(schema.incident_claims.insert(), claims)


def add_lock(connection: sa.Connection, lock: Lock, now: dt.datetime) -> None:
    connection.execute(
        schema.link_locks.insert().values(
            kind=lock.kind,
            groups=[list(group) for group in lock.groups],
            made_by=lock.by,
            note=lock.note,
            made_at=now,
        )
    )


def read_locks(connection: sa.Connection) -> list[Lock]:
    table = schema.link_locks
    rows = connection.execute(sa.select(table).order_by(table.c.made_at, table.c.id))
    return [
        Lock(row.kind, tuple(tuple(group) for group in row.groups), by=row.made_by, note=row.note)
        for row in rows
    ]


def incident_events(connection: sa.Connection, incident_id: str) -> list[str]:
    table = schema.incident_claims
    return sorted(connection.scalars(sa.select(table.c.event_id).where(table.c.incident_id == incident_id)))


def incident_of(connection: sa.Connection, event_id: str) -> str | None:
    table = schema.incident_claims
    found: str | None = connection.scalar(sa.select(table.c.incident_id).where(table.c.event_id == event_id))
    return found


def claims_of_incidents(connection: sa.Connection, incident_ids: Sequence[str]) -> dict[str, list[Claim]]:
    """Each incident's claims, as stored (with the party marks linking gave them)."""
    links, events, documents = schema.incident_claims, schema.events, schema.documents
    statement = (
        sa.select(links.c.incident_id, links.c.party_claim, *_claim_columns())
        .join(events, events.c.id == links.c.event_id)
        .join(documents, documents.c.id == events.c.document_id)
        .where(links.c.incident_id.in_(incident_ids))
        .order_by(links.c.incident_id, events.c.document_id, events.c.position)
    )
    found: dict[str, list[Claim]] = defaultdict(list)
    for row in connection.execute(statement):
        found[row.incident_id].append(_claim_from_row(row, party_claim=row.party_claim))
    return found


def incident_from_row(row: sa.Row[Any], claims: Iterable[Claim]) -> Incident:
    """The incident as reviewers left it: the machine's event with their overrides laid over it, and
    each overridden field's provenance naming the reviewer (``review:NAME``)."""
    stored = stored_overrides(row.overrides)
    overrides = tuple((field, value) for field, value, _ in stored)
    machine = tuple((field, event_id) for field, event_id in row.provenance or ())
    return Incident(
        id=row.id,
        event=apply_overrides(event_from_dict(row.canonical), overrides),
        claims=tuple(claims),
        status=row.status,
        low=row.low,
        best=row.best,
        high=row.high,
        conservative=row.conservative,
        flags=tuple(row.flags or ()),
        provenance=machine + tuple((field, REVIEWER + by) for field, _, by in stored),
        locked=bool(row.locked),
        overrides=overrides,
        version=row.version,
        updated_at=row.updated_at,
    )


def stored_overrides(value: Any) -> list[tuple[str, str, str]]:
    """The ``overrides`` column as ``(field, value, by)`` triples, by field (NULL: none)."""
    return sorted((str(field), str(text), str(by)) for field, text, by in value or ())


def _incident_row(incident: Incident, now: dt.datetime, old: Any) -> dict[str, Any]:
    """A new incident's row; an inherited id keeps its status, overrides, creation time and history."""
    stored = stored_overrides(old.overrides) if old else []
    event = apply_overrides(incident.event, [(field, value) for field, value, _ in stored])
    return {
        "id": incident.id,
        "canonical": event_to_dict(incident.event),
        "status": old.status if old else incident.status,
        **schema.incident_columns(event),
        "created_at": old.created_at if old else now,
        "updated_at": now,
        "version": old.version + 1 if old else 1,
        "low": incident.low,
        "best": incident.best,
        "high": incident.high,
        "conservative": incident.conservative,
        "sources": incident.sources,
        "flags": list(incident.flags),
        "provenance": [list(pair) for pair in incident.provenance],
        "locked": incident.locked,
        "overrides": [list(triple) for triple in stored],
    }


def _replace_incidents(
    connection: sa.Connection,
    old_ids: Sequence[str],
    incidents: Sequence[Incident],
    previous: dict[str, str],
    now: dt.datetime,
) -> None:
    """Swap the old incidents for the new, keeping an inherited id's status and history; an incident
    whose claims did not change is left as it is."""
    before: dict[str, set[str]] = defaultdict(set)
    for event_id, incident_id in previous.items():
        before[incident_id].add(event_id)
    changed = [i for i in incidents if before.get(i.id) != {c.event_id for c in i.claims}]
    unchanged = {i.id for i in incidents} - {i.id for i in changed}
    gone = [incident_id for incident_id in old_ids if incident_id not in unchanged]
    kept = {
        row.id: row
        for chunk in _chunks(gone)
        for row in connection.execute(sa.select(schema.incidents).where(schema.incidents.c.id.in_(chunk)))
    }
    for chunk in _chunks(gone):
        connection.execute(
            schema.incident_claims.delete().where(schema.incident_claims.c.incident_id.in_(chunk))
        )
        connection.execute(schema.incidents.delete().where(schema.incidents.c.id.in_(chunk)))
    write_incidents(connection, changed, now, kept)


def _reviewed(connection: sa.Connection, incident_ids: Sequence[str]) -> set[str]:
    """The incidents a person assessed or edited."""
    table = schema.incidents
    found: set[str] = set()
    for chunk in _chunks(incident_ids):
        rows = connection.execute(
            sa.select(table.c.id, table.c.status, table.c.overrides).where(table.c.id.in_(chunk))
        )
        found.update(row.id for row in rows if row.status != UNREVIEWED or row.overrides)
    return found


def _naming_memberships(
    clusters: Sequence[tuple[str, ...]], previous: dict[str, str], reviewed: set[str]
) -> dict[str, str]:
    """The earlier memberships that name the new incidents: where a cluster holds events of an incident
    a person reviewed, only those count, so the reviewed id (with its status and overrides) lives on
    when new reports join it, instead of losing a tie to a new report's own incident."""
    naming: dict[str, str] = {}
    for cluster in clusters:
        earlier = {event_id: previous[event_id] for event_id in cluster if event_id in previous}
        if reviewed & set(earlier.values()):
            earlier = {event_id: old for event_id, old in earlier.items() if old in reviewed}
        naming.update(earlier)
    return naming


def _neighbourhood(
    connection: sa.Connection, seeds: Sequence[str], locks: Sequence[Lock], config: LinkConfig
) -> list[str]:
    events = schema.events
    found = set(seeds)
    ranges: dict[tuple[str, str | None], list[dt.date]] = defaultdict(list)
    for chunk in _chunks(seeds):
        rows = connection.execute(
            sa.select(events.c.event_type, events.c.admin1, events.c.link_date).where(events.c.id.in_(chunk))
        )
        for row in rows:
            if row.link_date is not None:
                ranges[row.event_type, row.admin1].append(row.link_date)
    reach = dt.timedelta(days=2 * config.window_days + NEIGHBOUR_MARGIN_DAYS)
    for (event_type, admin1), days in sorted(ranges.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        found.update(
            connection.scalars(
                sa.select(events.c.id).where(
                    events.c.event_type == event_type,
                    events.c.admin1.is_not_distinct_from(admin1),
                    events.c.link_date.between(_moved(min(days), -reach), _moved(max(days), reach)),
                )
            )
        )
    found |= _members_of_incidents_of(connection, found)
    touched = {e for lock in locks if lock.event_ids & found for e in lock.event_ids}
    found |= touched | _members_of_incidents_of(connection, touched)
    return sorted(found)


def _members_of_incidents_of(connection: sa.Connection, event_ids: Iterable[str]) -> set[str]:
    links = schema.incident_claims
    members: set[str] = set()
    for chunk in _chunks(sorted(event_ids)):
        inner = sa.select(links.c.incident_id).where(links.c.event_id.in_(chunk))
        members.update(connection.scalars(sa.select(links.c.event_id).where(links.c.incident_id.in_(inner))))
    return members


def _claims(connection: sa.Connection, event_ids: Sequence[str] | None) -> Iterator[Claim]:
    events, documents = schema.events, schema.documents
    base = sa.select(*_claim_columns()).join(documents, documents.c.id == events.c.document_id)
    if event_ids is None:
        for row in connection.execute(base.order_by(events.c.id)):
            yield _claim_from_row(row)
        return
    for chunk in _chunks(event_ids):
        for row in connection.execute(base.where(events.c.id.in_(chunk))):
            yield _claim_from_row(row)


def _memberships(connection: sa.Connection, event_ids: Sequence[str] | None) -> dict[str, str]:
    links = schema.incident_claims
    statement = sa.select(links.c.event_id, links.c.incident_id)
    if event_ids is None:
        return {row.event_id: row.incident_id for row in connection.execute(statement)}
    found: dict[str, str] = {}
    for chunk in _chunks(event_ids):
        found.update(
            (row.event_id, row.incident_id)
            for row in connection.execute(statement.where(links.c.event_id.in_(chunk)))
        )
    return found


def _claim_columns() -> tuple[sa.ColumnElement[Any], ...]:
    events, documents = schema.events, schema.documents
    return (
        events.c.id.label("event_id"),
        events.c.document_id,
        events.c.payload,
        documents.c.outlet,
        documents.c.published,
        documents.c.duplicate_of,
    )


def _claim_from_row(row: sa.Row[Any], *, party_claim: bool = False) -> Claim:
    return Claim(
        document_id=row.document_id,
        event=event_from_dict(row.payload),
        outlet=row.outlet,
        event_id=row.event_id,
        published=row.published,
        duplicate_of=row.duplicate_of,
        party_claim=bool(party_claim),
    )


def _chunks(values: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _moved(day: dt.date, by: dt.timedelta) -> dt.date:
    """``day + by``, stopping at the calendar's ends (a report dated 0001-01-01 or 9999-12-31 must not
    stop a run)."""
    try:
        return day + by
    except OverflowError:
        return dt.date.max if by > dt.timedelta(0) else dt.date.min
