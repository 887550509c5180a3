"""Arabic-aware full-text search: a folded search text per document and per event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-03-01

Existing rows are filled here, with the same folding new rows get (:mod:`tawthiq.store.search`). On
PostgreSQL, when the pg_trgm extension is available (it ships in Debian's ``postgresql`` package), a
trigram GIN index over each search text makes ``LIKE '%word%'`` fast; without it searches still give
the same answers, only by scanning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from tawthiq.serialize import event_from_dict
from tawthiq.store.schema import POSTGRES_SEARCH_INDEXES
from tawthiq.store.search import event_search_text, folded

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    op.add_column("documents", sa.Column("search_text", sa.Text))
    op.add_column("events", sa.Column("search_text", sa.Text))
    connection = op.get_bind()
    _fill(connection, "documents", "text", folded)
    _fill(connection, "events", "payload", lambda payload: event_search_text(event_from_dict(payload)))
    if connection.dialect.name == "postgresql" and _trigrams_available(connection):
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index, table in POSTGRES_SEARCH_INDEXES.items():
            op.execute(f"CREATE INDEX {index} ON {table} USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    for index in POSTGRES_SEARCH_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {index}")
    for table in ("events", "documents"):
        # In place, not a batch table copy: a copied documents table would cascade-delete its events.
        op.drop_column(table, "search_text")


def _fill(connection: sa.Connection, table_name: str, source: str, make: Callable[[Any], str]) -> None:
    """Compute ``search_text`` from ``source`` for the rows already there, a batch at a time."""
    kind = sa.JSON() if source == "payload" else sa.Text()
    table = sa.table(table_name, sa.column("id"), sa.column(source, kind), sa.column("search_text"))
    rows = connection.execute(sa.select(table.c.id, table.c[source])).all()
    for start in range(0, len(rows), _BATCH):
        updates = [{"key": key, "value": make(value)} for key, value in rows[start : start + _BATCH]]
        connection.execute(
            table.update().where(table.c.id == sa.bindparam("key")).values(search_text=sa.bindparam("value")),
            updates,
        )


def _trigrams_available(connection: sa.Connection) -> bool:
    found = connection.scalar(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"))
    return found is not None
