"""The tables, in SQLAlchemy Core and nothing but portable types, so SQLite and PostgreSQL share them.

The migrations in ``migrations/versions`` create exactly these tables;
``tests/store/test_store_migrations.py`` fails if the two drift apart.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so that later migrations can alter them on every backend."""

SHA256 = sa.String(64)


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """An aware UTC datetime on every backend (SQLite keeps no offset, so one is put back on read)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass an aware one (UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def _event_columns() -> list[sa.Column[object]]:
    """Event fields copied out of the JSON payload, so that filters run on indexed columns everywhere."""
    return [
        sa.Column("event_type", sa.String(64), nullable=False, index=True),
        sa.Column("sub_event_type", sa.String(64), nullable=False),
        sa.Column("date_start", sa.Date, index=True),
        sa.Column("date_end", sa.Date),
        sa.Column("admin1", sa.String(200), index=True),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("killed", sa.Integer),
    ]


originals = sa.Table(
    "originals",
    metadata,
    sa.Column("sha256", SHA256, primary_key=True),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("media_type", sa.String(200), nullable=False),
    sa.Column("stored_at", UTCDateTime, nullable=False),
)
"""Every input's bytes, unaltered, addressed by their sha256."""

custody = sa.Table(
    "custody",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", SHA256, sa.ForeignKey("originals.sha256"), nullable=False, index=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("retrieved_at", UTCDateTime, nullable=False),
)
"""Each time the same bytes were read, from where and when: the chain of custody."""

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("sha256", SHA256, sa.ForeignKey("originals.sha256"), nullable=False, unique=True),
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
    sa.Column("processed_at", UTCDateTime, nullable=False),
    sa.Column("extractor_version", sa.String(64), nullable=False),
)
"""One row per distinct original that was read: its decoded and cleaned text and what was found."""

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("code", sa.String(8), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("sha256", SHA256, index=True),
    sa.Column("at", UTCDateTime, nullable=False),
)
"""Inputs that could not be used. ``sha256`` is set when the bytes were seen; they are in ``originals``
unless they were refused unread (too large)."""

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column(
        "document_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    *_event_columns(),
)
"""Each event as one document reports it; ``payload`` is :func:`tawthiq.serialize.event_to_dict`."""

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("canonical", sa.JSON, nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    *_event_columns(),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
)
"""Real-world incidents: the canonical event and, for optimistic locking of edits, a version."""

incident_claims = sa.Table(
    "incident_claims",
    metadata,
    sa.Column(
        "incident_id", sa.String(64), sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "event_id",
        sa.String(64),
        sa.ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
"""Which reported events are claims about which incident."""
