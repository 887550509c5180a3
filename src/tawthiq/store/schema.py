"""The tables, in SQLAlchemy Core and nothing but portable types, so SQLite and PostgreSQL share them.

The migrations in ``migrations/versions`` create exactly these tables;
``tests/store/test_store_migrations.py`` fails if the two drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from tawthiq.records import Event
from tawthiq.review import actor_name

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
    sa.Column("duplicate_of", sa.Text, index=True),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("search_text", sa.Text),
)
"""One row per distinct original that was read: its decoded and cleaned text and what was found.
``duplicate_of`` names the document it is a near-duplicate copy of (never an independent source);
``minhash`` is the MinHash signature of its cleaned text (:mod:`tawthiq.link.duplicates`);
``search_text`` its cleaned text folded for search (:mod:`tawthiq.store.search`)."""

document_bands = sa.Table(
    "document_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("digest", sa.String(16), primary_key=True),
    sa.Column(
        "document_id",
        sa.Text,
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
"""The LSH bands of each document's MinHash: documents sharing a band are near-duplicate candidates."""

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
    sa.Column("link_date", sa.Date, index=True),
    sa.Column("search_text", sa.Text),
)
"""Each event as one document reports it; ``payload`` is :func:`tawthiq.serialize.event_to_dict`.
``link_date`` is the day linking blocks it by: its first day, else its document's publication date;
``search_text`` its place and actor names folded for search (:mod:`tawthiq.store.search`)."""

POSTGRES_SEARCH_INDEXES = {
    "ix_documents_search_text_trgm": "documents",
    "ix_events_search_text_trgm": "events",
}
"""pg_trgm GIN indexes over ``search_text`` that migration 0003 makes on PostgreSQL only (where the
extension is available): SQLAlchemy Core cannot declare an index for one backend, so they are not in
``metadata`` and the schema comparison leaves them out by name."""

SQLITE_SEARCH_TABLES = {"documents_search": "documents", "events_search": "events"}
"""FTS5 tables (trigram tokenizer) over ``search_text`` that migration 0004 makes on SQLite only (where
FTS5 is compiled in), each kept in step with its table by triggers: SQLite's ``LIKE '%word%'`` cannot
use an index, a trigram index finds the same rows. Left out of ``metadata`` like the pg_trgm indexes;
FTS5 adds shadow tables named after each (``documents_search_data``, …)."""

SQLITE_SEARCH_TRIGGERS = tuple(
    f"{table}_search_{change}"
    for table in SQLITE_SEARCH_TABLES.values()
    for change in ("insert", "update", "delete")
)
"""The triggers that keep :data:`SQLITE_SEARCH_TABLES` in step with ``documents`` and ``events``."""

FILTERS_INDEX = "ix_incidents_filters"
"""The index holding every filter column (the governorate folded first, so it is sought), and what the
count, the map and the timeline read: on SQLite they are told to use it whenever a filter is set."""

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
    sa.Column("low", sa.Integer),
    sa.Column("best", sa.Integer),
    sa.Column("high", sa.Integer),
    sa.Column("conservative", sa.Integer),
    sa.Column("sources", sa.Integer, nullable=False, server_default="1"),
    sa.Column("flags", sa.JSON),
    sa.Column("provenance", sa.JSON),
    sa.Column("locked", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("overrides", sa.JSON),
    sa.Column("perpetrator", sa.String(500), index=True),
    sa.Column("place", sa.Text),
    sa.Index(
        "ix_incidents_date_order",
        "date_start",
        "id",
        "date_end",
        "status",
        "killed",
        "event_type",
        "sub_event_type",
        "admin1",
        "perpetrator",
    ),
    sa.Index("ix_incidents_status_order", "status", "date_start", "id"),
    sa.Index("ix_incidents_killed_order", "killed", "id"),
    sa.Index("ix_incidents_updated_order", "updated_at", "id"),
    sa.Index("ix_incidents_sources_order", "sources", "id"),
    sa.Index("ix_incidents_weeks", "date_start", "perpetrator", "killed"),
    sa.Index(
        "ix_incidents_points", "lat", "lon", "event_type", "date_start", "killed", "status", "place", "id"
    ),
    sa.Index(
        FILTERS_INDEX,
        sa.func.lower(sa.column("admin1")),
        "status",
        "date_start",
        "perpetrator",
        "killed",
        "date_end",
        "event_type",
        "sub_event_type",
        "admin1",
        "lat",
        "lon",
        "place",
        "id",
    ),
)
"""Real-world incidents: the machine's canonical event and, for optimistic locking of edits, a version;
the casualty range, independent sources, flags and provenance that linking worked out; the reviewers'
status and field overrides (``[field, value, by]`` triples, :mod:`tawthiq.review`). The filter columns
(event type, dates, place, killed, ``perpetrator``, ``place``) hold the event *with* the overrides
applied, so lists, maps and counts never read the JSON. The ``*_order`` indexes serve each sort (the
date one, the default, holds every filter column too, so a filtered page's rows are checked in the
index and only the matching ones read); ``ix_incidents_weeks`` and ``ix_incidents_points`` cover the
timeline's and the map's columns, so neither reads a table row, and :data:`FILTERS_INDEX` covers them
with every filter."""

incident_notes = sa.Table(
    "incident_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(64), nullable=False, index=True),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)
"""Reviewers' notes, by incident id (no foreign key: a re-link may delete an id and make it again)."""

users = sa.Table(
    "users",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
)
"""Accounts (:mod:`tawthiq.accounts`): a password hash, never a password."""

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", SHA256, primary_key=True),
    sa.Column("user", sa.String(64), sa.ForeignKey("users.name"), nullable=False, index=True),
    sa.Column("csrf", sa.String(128), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
)
"""Logged-in browsers, by the hash of their cookie (a stolen database holds no usable cookie)."""

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user", sa.String(64), sa.ForeignKey("users.name"), nullable=False, index=True),
    sa.Column("token_hash", SHA256, nullable=False, unique=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
)
"""REST API tokens, by their hash; a revoked one is kept, so the audit log's ``token:ID`` still names it."""

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
)
"""Team-wide settings (``public_view``)."""

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.Text, nullable=False, index=True),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("previous_hash", SHA256, nullable=False),
    sa.Column("hash", SHA256, nullable=False, unique=True),
)
"""Every review, account, settings and token write, hash-chained (:mod:`tawthiq.store.audit`).
Migration 0004 adds triggers that refuse UPDATE and DELETE on it, on both backends."""

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
    sa.Column("party_claim", sa.Boolean, nullable=False, server_default=sa.false()),
)
"""Which reported events are claims about which incident, and whether a party to the war made it."""

link_locks = sa.Table(
    "link_locks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("groups", sa.JSON, nullable=False),
    sa.Column("made_by", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("made_at", UTCDateTime, nullable=False),
)
"""Merges and splits made by a person (groups of event ids), kept by every later automatic link."""


def indexed_columns(event: Event) -> dict[str, Any]:
    """The event fields that events and incidents keep in columns of their own, for filtering."""
    date, place = event.date, event.location
    return {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "killed": event.fatalities.killed,
    }


def incident_columns(event: Event) -> dict[str, Any]:
    """The columns an incident keeps of its event (with the reviewers' overrides applied): the
    indexed fields, its perpetrator's canonical name and its place's name, for lists and maps."""
    perpetrator = actor_name(event, "perpetrator")
    columns = indexed_columns(event)
    admin1 = columns["admin1"]
    return {
        **columns,
        # A reviewer may type up to 500 characters; the column (shared with events) holds 200.
        "admin1": admin1[:200] if admin1 else admin1,
        "perpetrator": perpetrator[:500] if perpetrator else None,
        "place": event.location.name if event.location else None,
    }
