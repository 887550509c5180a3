"""The audit log as a hash chain: each entry's hash covers its content and the hash of the entry before.

An entry's hash is sha256 over the previous entry's hash followed by the canonical JSON (sorted keys,
UTF-8, no spaces) of its id, time (ISO 8601, UTC), actor, action, target, before and after; the first
entry follows 64 zeros. Changing, removing, inserting or reordering an entry therefore breaks the
chain from that entry on, and :func:`verify` names it. Writers append inside their own transaction,
one at a time (SQLite's ``BEGIN IMMEDIATE``; a transaction-scoped advisory lock on PostgreSQL), so two
writers never chain onto the same entry. The head hash, copied somewhere else now and then, also
shows when entries were cut off the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlalchemy as sa

from tawthiq.store import schema
from tawthiq.store.base import AuditCheck, AuditEntry, JSONValue

GENESIS = "0" * 64
"""The previous hash of the first entry."""

_LOCK = 0x7A77_6175  # "twau": any constant, the same in every tawthiq process
_BATCH = 500


def entry_hash(
    previous_hash: str,
    *,
    id: int,
    at: dt.datetime,
    actor: str,
    action: str,
    target: str,
    before: JSONValue,
    after: JSONValue,
) -> str:
    """The hash chaining an entry with this content to the entry whose hash is ``previous_hash``."""
    content = {
        "id": id,
        "at": at.astimezone(dt.UTC).isoformat(),
        "actor": actor,
        "action": action,
        "target": target,
        "before": before,
        "after": after,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous_hash + canonical).encode()).hexdigest()


def append(
    connection: sa.Connection,
    actor: str,
    action: str,
    target: str,
    before: JSONValue,
    after: JSONValue,
    *,
    at: dt.datetime,
) -> AuditEntry:
    """Append one entry in the caller's (writing) transaction, after taking the chain's lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    table = schema.audit_log
    last = connection.execute(
        sa.select(table.c.id, table.c.hash).order_by(table.c.id.desc()).limit(1)
    ).first()
    entry_id, previous = (1, GENESIS) if last is None else (last.id + 1, last.hash)
    at = at.astimezone(dt.UTC)
    values: dict[str, Any] = {
        "id": entry_id,
        "at": at,
        "actor": actor,
        "action": action,
        "target": target,
        "before": before,
        "after": after,
    }
    digest = entry_hash(previous, **values)
    connection.execute(table.insert().values(**values, previous_hash=previous, hash=digest))
    return AuditEntry(previous_hash=previous, hash=digest, **values)


def entries(
    connection: sa.Connection, *, target: str | None, limit: int | None, offset: int
) -> list[AuditEntry]:
    """Entries newest first, of one target or all."""
    table = schema.audit_log
    statement = sa.select(table).order_by(table.c.id.desc()).offset(offset).limit(limit)
    if target is not None:
        statement = statement.where(table.c.target == target)
    return [_entry(row) for row in connection.execute(statement)]


def verify(connection: sa.Connection) -> AuditCheck:
    """Walk the chain in id order (streamed, so any length fits in memory) and stop at the first
    entry that does not follow the one before or whose content no longer matches its hash."""
    table = schema.audit_log
    rows = connection.execute(sa.select(table).order_by(table.c.id).execution_options(yield_per=_BATCH))
    head, count, last_id = GENESIS, 0, 0
    for row in rows:
        entry = _entry(row)
        if entry.previous_hash != head:
            where = "the start of the log" if count == 0 else f"entry {last_id}, the one before it"
            problem = (
                f"entry {entry.id} does not follow {where}: entries were removed, inserted or moved "
                "there; compare with a backup of the database"
            )
            return AuditCheck(count, head, problem, entry.id)
        content = {k: getattr(entry, k) for k in ("id", "at", "actor", "action", "target", "before", "after")}
        if entry_hash(entry.previous_hash, **content) != entry.hash:
            problem = (
                f"entry {entry.id} was changed after it was written: its content no longer matches its "
                "hash; compare with a backup of the database"
            )
            return AuditCheck(count, head, problem, entry.id)
        head, count, last_id = entry.hash, count + 1, entry.id
    return AuditCheck(count, head)


def _entry(row: sa.Row[Any]) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        target=row.target,
        before=row.before,
        after=row.after,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )
