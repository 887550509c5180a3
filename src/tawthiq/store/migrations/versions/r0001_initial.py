"""The archive (originals, custody), documents, failures, events, incidents and their claims.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SHA256 = sa.String(64)
UTC_DATETIME = sa.DateTime(timezone=True)


def _event_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("event_type", sa.String(64), nullable=False),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("admin1", sa.String(200)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("killed", sa.Integer),
    ]


def _event_indexes(table: str) -> None:
    for column in ("event_type", "date_start", "admin1"):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "originals",
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("media_type", sa.String(200), nullable=False),
        sa.Column("stored_at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_originals"),
    )
    op.create_table(
        "custody",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("retrieved_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["originals.sha256"], name="fk_custody_sha256_originals"),
        sa.PrimaryKeyConstraint("id", name="pk_custody"),
    )
    op.create_index("ix_custody_sha256", "custody", ["sha256"])
    op.create_table(
        "documents",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("sha256", SHA256, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("html", sa.Boolean, nullable=False),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("aggregates", sa.JSON, nullable=False),
        sa.Column("errors", sa.JSON, nullable=False),
        sa.Column("processed_at", UTC_DATETIME, nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["sha256"], ["originals.sha256"], name="fk_documents_sha256_originals"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("sha256", name="uq_documents_sha256"),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("sha256", SHA256),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
    )
    op.create_index("ix_failures_sha256", "failures", ["sha256"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("document_id", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        *_event_columns(),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_events_document_id_documents", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_document_id", "events", ["document_id"])
    _event_indexes("events")
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("canonical", sa.JSON, nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        *_event_columns(),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incidents"),
    )
    _event_indexes("incidents")
    op.create_table(
        "incident_claims",
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name="fk_incident_claims_incident_id_incidents",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name="fk_incident_claims_event_id_events", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("incident_id", "event_id", name="pk_incident_claims"),
    )
    op.create_index("ix_incident_claims_event_id", "incident_claims", ["event_id"])


def downgrade() -> None:
    for table in ("incident_claims", "incidents", "events", "failures", "documents", "custody", "originals"):
        op.drop_table(table)
