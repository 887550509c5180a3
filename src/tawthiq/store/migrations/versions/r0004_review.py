"""Reviews, accounts and the audit log: overrides, notes, users, sessions, tokens, settings, audit_log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-04-01

Incidents gain the reviewers' overrides and two columns lists and maps read (the perpetrator's
canonical name, the place's name), filled here for the rows already there, and one index per sort.
The audit log is append-only in the database itself: triggers refuse UPDATE and DELETE on it, on
both backends, so not even a program that bypasses tawthiq can quietly rewrite history (dropping the
trigger is possible for a database owner, and :meth:`~tawthiq.store.base.Store.verify_audit` then
still shows the change).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tawthiq.serialize import event_from_dict
from tawthiq.store.schema import FILTERS_INDEX, SQLITE_SEARCH_TABLES, SQLITE_SEARCH_TRIGGERS, incident_columns

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SHA256 = sa.String(64)
UTC_DATETIME = sa.DateTime(timezone=True)
APPEND_ONLY = "the audit log is append-only"

_BATCH = 1000
_INDEXES: dict[str, list[str | sa.TextClause]] = {
    "ix_incidents_date_order": [
        "date_start",
        "id",
        "date_end",
        "status",
        "killed",
        "event_type",
        "sub_event_type",
        "admin1",
        "perpetrator",
    ],
    "ix_incidents_status_order": ["status", "date_start", "id"],
    "ix_incidents_killed_order": ["killed", "id"],
    "ix_incidents_updated_order": ["updated_at", "id"],
    "ix_incidents_sources_order": ["sources", "id"],
    "ix_incidents_weeks": ["date_start", "perpetrator", "killed"],
    "ix_incidents_points": ["lat", "lon", "event_type", "date_start", "killed", "status", "place", "id"],
    FILTERS_INDEX: [
        sa.text("lower(admin1)"),
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
    ],
}
_TRIGRAMS = "tokenize='trigram case_sensitive 1'"


def upgrade() -> None:
    op.add_column("incidents", sa.Column("overrides", sa.JSON))
    op.add_column("incidents", sa.Column("perpetrator", sa.String(500)))
    op.add_column("incidents", sa.Column("place", sa.Text))
    _fill_incidents(op.get_bind())
    op.create_index("ix_incidents_perpetrator", "incidents", ["perpetrator"])
    for name, columns in _INDEXES.items():
        op.create_index(name, "incidents", columns)
    op.create_table(
        "incident_notes",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(64), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_incident_notes"),
    )
    op.create_index("ix_incident_notes_incident_id", "incident_notes", ["incident_id"])
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("name", name="pk_users"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", SHA256, nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(128), nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("expires_at", UTC_DATETIME, nullable=False),
        sa.ForeignKeyConstraint(["user"], ["users.name"], name="fk_web_sessions_user_users"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_web_sessions"),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("user", sa.String(64), nullable=False),
        sa.Column("token_hash", SHA256, nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("created_at", UTC_DATETIME, nullable=False),
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(["user"], ["users.name"], name="fk_api_tokens_user_users"),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    op.create_index("ix_api_tokens_user", "api_tokens", ["user"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", UTC_DATETIME, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("at", UTC_DATETIME, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("previous_hash", SHA256, nullable=False),
        sa.Column("hash", SHA256, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sa.UniqueConstraint("hash", name="uq_audit_log_hash"),
    )
    op.create_index("ix_audit_log_target", "audit_log", ["target"])
    _refuse_changes_to_the_audit_log(op.get_bind().dialect.name)
    if op.get_bind().dialect.name == "sqlite" and _fts5_available(op.get_bind()):
        _make_search_tables()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_SEARCH_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for search_table in SQLITE_SEARCH_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {search_table}")
    op.drop_table("audit_log")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS tawthiq_audit_append_only()")
    for table in ("settings", "api_tokens", "web_sessions", "users", "incident_notes"):
        op.drop_table(table)
    for name in (*_INDEXES, "ix_incidents_perpetrator"):
        op.drop_index(name, "incidents")
    for column in ("place", "perpetrator", "overrides"):
        # In place, not a batch table copy: a copied incidents table would cascade-delete its claims.
        op.drop_column("incidents", column)


def _fts5_available(connection: sa.Connection) -> bool:
    options = {str(row[0]) for row in connection.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def _make_search_tables() -> None:
    """An FTS5 trigram index over each ``search_text`` (SQLite ≥ 3.34): a phrase of three or more
    characters finds the rows holding it as a substring, as ``LIKE '%word%'`` does, without reading
    every row. Filled from the rows there, then kept in step by triggers. Case-sensitive: the texts
    and the query words are lower-cased already, and so match exactly as ``LIKE`` matches them."""
    for search_table, table in SQLITE_SEARCH_TABLES.items():
        op.execute(f"CREATE VIRTUAL TABLE {search_table} USING fts5(id UNINDEXED, search_text, {_TRIGRAMS})")
        op.execute(
            f"INSERT INTO {search_table} (id, search_text) "
            f"SELECT id, search_text FROM {table} WHERE search_text IS NOT NULL"
        )
        add = (
            f"INSERT INTO {search_table} (id, search_text) SELECT NEW.id, NEW.search_text "
            "WHERE NEW.search_text IS NOT NULL;"
        )
        remove = f"DELETE FROM {search_table} WHERE id = OLD.id;"
        op.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {add} END")
        op.execute(
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF id, search_text ON {table} "
            f"BEGIN {remove} {add} END"
        )
        op.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END")


def _refuse_changes_to_the_audit_log(dialect: str) -> None:
    if dialect == "sqlite":
        for change in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{change.lower()} BEFORE {change} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION tawthiq_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION tawthiq_audit_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION tawthiq_audit_append_only()"
    )


def _fill_incidents(connection: sa.Connection) -> None:
    """Fill the new columns of the incidents already there (no overrides yet), a batch at a time."""
    table = sa.table(
        "incidents",
        sa.column("id"),
        sa.column("canonical", sa.JSON()),
        sa.column("overrides", sa.JSON()),
        sa.column("perpetrator"),
        sa.column("place"),
    )
    rows = connection.execute(sa.select(table.c.id, table.c.canonical)).all()
    for start in range(0, len(rows), _BATCH):
        updates = []
        for key, canonical in rows[start : start + _BATCH]:
            columns = incident_columns(event_from_dict(canonical))
            updates.append({"key": key, "perpetrator": columns["perpetrator"], "place": columns["place"]})
        connection.execute(
            table.update()
            .where(table.c.id == sa.bindparam("key"))
            .values(overrides=[], perpetrator=sa.bindparam("perpetrator"), place=sa.bindparam("place")),
            updates,
        )
