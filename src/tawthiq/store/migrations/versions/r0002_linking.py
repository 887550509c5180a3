"""Incident linking: near-duplicate documents, link dates, incident ranges and flags, manual locks.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-01

Columns are added in place (no table copy), so SQLite's foreign keys never cascade during the upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC_DATETIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("documents", sa.Column("duplicate_of", sa.Text))
    op.add_column("documents", sa.Column("minhash", sa.LargeBinary))
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.add_column("events", sa.Column("link_date", sa.Date))
    op.create_index("ix_events_link_date", "events", ["link_date"])
    op.execute(
        "UPDATE events SET link_date = COALESCE(date_start,"
        " (SELECT published FROM documents WHERE documents.id = events.document_id))"
    )
    for name in ("low", "best", "high", "conservative"):
        op.add_column("incidents", sa.Column(name, sa.Integer))
    op.add_column("incidents", sa.Column("sources", sa.Integer, nullable=False, server_default="1"))
    op.add_column("incidents", sa.Column("flags", sa.JSON))
    op.add_column("incidents", sa.Column("provenance", sa.JSON))
    op.add_column("incidents", sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column(
        "incident_claims", sa.Column("party_claim", sa.Boolean, nullable=False, server_default=sa.false())
    )
    op.create_table(
        "document_bands",
        sa.Column("band", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(16), nullable=False),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_document_bands_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("band", "digest", "document_id", name="pk_document_bands"),
    )
    op.create_index("ix_document_bands_document_id", "document_bands", ["document_id"])
    op.create_table(
        "link_locks",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("groups", sa.JSON, nullable=False),
        sa.Column("made_by", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("made_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_link_locks"),
    )


def downgrade() -> None:
    op.drop_table("link_locks")
    op.drop_table("document_bands")
    with op.batch_alter_table("incident_claims") as batch:
        batch.drop_column("party_claim")
    with op.batch_alter_table("incidents") as batch:
        for name in ("locked", "provenance", "flags", "sources", "conservative", "high", "best", "low"):
            batch.drop_column(name)
    op.drop_index("ix_events_link_date", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("link_date")
    op.drop_index("ix_documents_duplicate_of", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("minhash")
        batch.drop_column("duplicate_of")
