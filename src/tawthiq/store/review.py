"""Reviews in the SQL store: assessments, field overrides and notes, each checked against the version
the reviewer saw (optimistic locking) and audited in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from tawthiq.review import (
    MAX_NOTE_LENGTH,
    ReviewError,
    apply_overrides,
    check_status,
    field_values,
    merged_overrides,
    validate_edits,
)
from tawthiq.serialize import event_from_dict
from tawthiq.store import audit, schema
from tawthiq.store.base import Note, StaleIncident
from tawthiq.store.linking import stored_overrides


def assess(
    connection: sa.Connection, incident_id: str, status: str, *, by: str, version: int, now: dt.datetime
) -> None:
    check_status(status)
    row = _current(connection, incident_id, version)
    _update(connection, incident_id, version, {"status": status, "updated_at": now})
    target = f"incident:{incident_id}"
    audit.append(
        connection, by, "incident.assess", target, {"status": row.status}, {"status": status}, at=now
    )


def edit(
    connection: sa.Connection,
    incident_id: str,
    edits: Mapping[str, str | None],
    *,
    by: str,
    version: int,
    now: dt.datetime,
) -> None:
    """Lay the edits over the machine's event; each field keeps who set it, and the audit entry holds
    each edited field's value before and after (as the reviewer saw and left it)."""
    cleaned = validate_edits(edits)
    if not cleaned:
        raise ReviewError("no field was edited: change at least one field")
    row = _current(connection, incident_id, version)
    stored = stored_overrides(row.overrides)
    current = {field: value for field, value, _ in stored}
    setters = {field: setter for field, _, setter in stored}
    overrides = merged_overrides(current, cleaned)
    for field, value in cleaned.items():
        if value is not None:
            setters[field] = by
    machine = event_from_dict(row.canonical)
    old_event, new_event = apply_overrides(machine, current.items()), apply_overrides(machine, overrides)
    old_values, new_values = field_values(old_event), field_values(new_event)
    _update(
        connection,
        incident_id,
        version,
        {
            "overrides": [[field, value, setters[field]] for field, value in overrides],
            **schema.incident_columns(new_event),
            "updated_at": now,
        },
    )
    audit.append(
        connection,
        by,
        "incident.edit",
        f"incident:{incident_id}",
        {field: old_values[field] for field in sorted(cleaned)},
        {field: new_values[field] for field in sorted(cleaned)},
        at=now,
    )


def add_note(connection: sa.Connection, incident_id: str, text: str, *, by: str, now: dt.datetime) -> Note:
    text = text.strip()
    if not text:
        raise ReviewError("the note is empty: type what you want to keep")
    if len(text) > MAX_NOTE_LENGTH:
        raise ReviewError(f"the note is longer than {MAX_NOTE_LENGTH} characters: shorten it or split it")
    incidents = schema.incidents
    if connection.scalar(sa.select(incidents.c.id).where(incidents.c.id == incident_id)) is None:
        raise ReviewError(f"there is no incident {incident_id}: it may have been merged or split; reload it")
    table = schema.incident_notes
    inserted = connection.execute(
        table.insert().values(incident_id=incident_id, author=by, text=text, at=now)
    )
    note = Note(inserted_id(inserted), incident_id, by, text, now)
    audit.append(
        connection,
        by,
        "incident.note",
        f"incident:{incident_id}",
        None,
        {"note": note.id, "text": text},
        at=now,
    )
    return note


def notes(connection: sa.Connection, incident_id: str) -> list[Note]:
    table = schema.incident_notes
    rows = connection.execute(
        sa.select(table).where(table.c.incident_id == incident_id).order_by(table.c.at, table.c.id)
    )
    return [Note(row.id, row.incident_id, row.author, row.text, row.at) for row in rows]


def _current(connection: sa.Connection, incident_id: str, version: int) -> Any:
    """The incident's row, if it is still at ``version``; else :class:`StaleIncident`."""
    table = schema.incidents
    row = connection.execute(
        sa.select(table.c.status, table.c.canonical, table.c.overrides, table.c.version).where(
            table.c.id == incident_id
        )
    ).first()
    if row is None or row.version != version:
        raise StaleIncident(incident_id, version, None if row is None else row.version)
    return row


def _update(connection: sa.Connection, incident_id: str, version: int, values: dict[str, Any]) -> None:
    """Write only if nobody changed the incident since ``version`` was read (on PostgreSQL another
    transaction may have, between the read and this write)."""
    table = schema.incidents
    updated = connection.execute(
        table.update()
        .where(table.c.id == incident_id, table.c.version == version)
        .values(**values, version=table.c.version + 1)
    )
    if updated.rowcount != 1:
        found = connection.scalar(sa.select(table.c.version).where(table.c.id == incident_id))
        raise StaleIncident(incident_id, version, found)


def inserted_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
