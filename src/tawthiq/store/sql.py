"""The :class:`~tawthiq.store.base.Store` on SQLAlchemy Core.

The queries use only portable SQLAlchemy constructs, so the same class serves SQLite and PostgreSQL
(psycopg 3); what is SQLite's own (WAL, the busy timeout, ``BEGIN IMMEDIATE``) lives in
:func:`create_engine` alone, and PostgreSQL's own (an advisory lock around migrations) in :func:`migrate`.
The schema is brought up to date by the Alembic migrations shipped in ``migrations/`` whenever a
store is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Container, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler

from tawthiq.errors import TawthiqError
from tawthiq.link import DEFAULT_CONFIG, LinkConfig, Lock, Sides, build_incident, knowledge_sides, signature
from tawthiq.records import Claim, Document, Event, Failure, Incident
from tawthiq.serialize import aggregate_from_dict, aggregate_to_dict, event_from_dict, event_to_dict
from tawthiq.store import accounts, audit, linking, review, schema, search
from tawthiq.store.base import (
    SORTS,
    ApiToken,
    AuditCheck,
    AuditEntry,
    Custody,
    IncidentPoint,
    IncidentQuery,
    JSONValue,
    MapPlace,
    Note,
    Original,
    StaleIncident,
    Store,
    StoredFailure,
    User,
    WebSession,
    WeekCount,
)
from tawthiq.store.linking import LinkReport

DATABASE_ENV = "TAWTHIQ_DB"
"""Environment variable naming the database when no ``--db`` is given."""

MIGRATIONS = Path(__file__).parent / "migrations"

SQLITE_WAL = "PRAGMA journal_mode=WAL"
"""Readers (the web app, ``incidents``) never block an ingest, nor it them. Kept in the file itself, so
set once the file is known to be tawthiq's (see :func:`open_store`)."""

SQLITE_PRAGMAS = (
    "PRAGMA synchronous=FULL",  # a committed document survives a power cut
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",  # wait up to 30 s for another writer instead of failing
)

_WRITE = "tawthiq_write"
"""Execution option marking a transaction that writes (SQLite takes the write lock up front)."""

_BATCH = 500
_MIGRATION_LOCK = 0x7A77_7468  # "tawth": any constant, the same in every tawthiq process
_ID_DIGEST_LENGTH = 16


def default_database_path() -> Path:
    """``tawthiq.db`` in the user's data folder (``~/.local/share/tawthiq`` on Linux)."""
    return Path(platformdirs.user_data_dir("tawthiq", appauthor=False)) / "tawthiq.db"


def database_url(target: str | os.PathLike[str] | None = None) -> sa.URL:
    """Where the database is: ``target`` (a path or URL), else ``$TAWTHIQ_DB``, else the default path."""
    chosen = os.fspath(target) if target is not None else os.environ.get(DATABASE_ENV) or None
    if chosen is None:
        return _sqlite_url(default_database_path())
    if "://" not in chosen:
        return _sqlite_url(Path(chosen).expanduser())
    try:
        url = sa.make_url(chosen)
    except sa.exc.ArgumentError as error:
        raise TawthiqError("E303", target=chosen) from error
    backend = url.get_backend_name()
    if backend == "postgresql":
        # psycopg 3 is the driver shipped with tawthiq; SQLAlchemy would otherwise pick psycopg2.
        return url.set(drivername="postgresql+psycopg")
    if backend != "sqlite":
        raise TawthiqError("E303", target=chosen)
    return url


def open_store(target: str | os.PathLike[str] | None = None) -> SQLStore:
    """Open (creating it if needed) the database at ``target`` (see :func:`database_url`), migrated to
    the newest schema. Raises :class:`~tawthiq.errors.TawthiqError` when it cannot be used."""
    shown = os.fspath(target) if target is not None else os.environ.get(DATABASE_ENV) or "database"
    try:
        url = database_url(target)
        shown = _shown(url) or shown
        _create_private_file(url)
        engine = create_engine(url)
        migrate(engine, shown)
        if url.get_backend_name() == "sqlite":
            _enable_wal(engine)
    except TawthiqError:
        raise
    except (OSError, sa.exc.SQLAlchemyError) as error:
        raise TawthiqError("E301", target=shown, detail=_reason(error)) from error
    return SQLStore(engine)


def create_engine(url: sa.URL) -> sa.Engine:
    """An engine that writes JSON as readable UTF-8 and, on SQLite, runs in WAL mode with foreign keys."""
    engine = sa.create_engine(url, json_serializer=functools.partial(json.dumps, ensure_ascii=False))
    if url.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _on_sqlite_connect)
        sa.event.listen(engine, "begin", _on_sqlite_begin)
        engine.dialect.statement_compiler = _SQLiteCompiler
    return engine


class _SQLiteCompiler(SQLiteCompiler):
    """SQLite's compiler, writing a table hint (``with_hint(table, "INDEXED BY …", "sqlite")``) after
    the table's name, where SQLite reads it; SQLAlchemy's own leaves hints out on SQLite."""

    def get_from_hint_text(self, table: sa.FromClause, text: str | None) -> str | None:
        return text


def alembic_config() -> Config:
    """Alembic's configuration for the migrations shipped in the package (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: sa.Engine, shown: str = "database") -> None:
    """Bring the schema to the newest revision; cheap when it is there already. Two processes opening
    a new database at once are serialised by the write transaction the upgrade runs in. Another
    program's database is refused, not written into."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with _writing(engine) as connection:
        _lock_for_migration(connection)
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        if current is None and set(sa.inspect(connection).get_table_names()) - {"alembic_version"}:
            raise TawthiqError("E304", target=shown)
        if current is not None and current not in {revision.revision for revision in script.walk_revisions()}:
            raise TawthiqError("E302", target=shown, revision=current)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _lock_for_migration(connection: sa.Connection) -> None:
    """On PostgreSQL, serialise concurrent upgrades with a transaction-scoped advisory lock (SQLite's
    ``BEGIN IMMEDIATE`` already does): two team members opening a new database at once must not both
    create the tables."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


class SQLStore(Store):
    """The store on a SQLAlchemy engine; open one with :func:`open_store`."""

    def __init__(self, engine: sa.Engine, sides: Sides | None = None) -> None:
        self._engine = engine
        self._given_sides = sides

    @functools.cached_property
    def _sides(self) -> Sides:
        return self._given_sides or knowledge_sides()

    @functools.cached_property
    def _trigrams(self) -> bool:
        """Whether this is SQLite with the FTS5 search tables (migration 0004 makes them where FTS5 is)."""
        if self._engine.dialect.name != "sqlite":
            return False
        with self._engine.connect() as connection:
            names = set(sa.inspect(connection).get_table_names())
        return set(schema.SQLITE_SEARCH_TABLES) <= names

    def _filters(self, query: IncidentQuery | None) -> list[sa.ColumnElement[bool]]:
        return _query_filters(query or IncidentQuery(), trigrams=self._trigrams)

    def _stopping_filters(self, query: IncidentQuery, wanted: int) -> list[sa.ColumnElement[bool]]:
        """The query's filters for a statement that stops after ``wanted`` rows: on SQLite, each broad
        search word (:func:`~tawthiq.store.search.broad_terms`) is checked on the incidents walked in
        order rather than turned into every matching incident's id first."""
        return _query_filters(query, trigrams=self._trigrams, walk=self._walked_terms(query, wanted))

    def _walked_terms(self, query: IncidentQuery, wanted: int) -> set[str]:
        """The search words broad enough to check on the incidents walked in order (SQLite only)."""
        if not self._trigrams or query.text is None:
            return set()
        with self._engine.connect() as connection:
            return search.broad_terms(connection, search.search_terms(query.text), wanted)

    def _covered(self, statement: sa.Select[Any], query: IncidentQuery | None) -> sa.Select[Any]:
        """``statement`` (a count, the map's or the timeline's), told on SQLite to read
        :data:`~tawthiq.store.schema.FILTERS_INDEX` when a filter is set. It holds every column they
        read, so no table row is read, and is sought by governorate; without the hint SQLite, having no
        statistics, picks any index an equality matches (``status``) and reads each row's table row."""
        if query is None or query == IncidentQuery(sort=query.sort):
            return statement
        return statement.with_hint(schema.incidents, f"INDEXED BY {schema.FILTERS_INDEX}", "sqlite")

    def add_original(self, content: bytes, media_type: str) -> tuple[str, bool]:
        sha256 = hashlib.sha256(content).hexdigest()
        with _writing(self._engine) as connection:
            if _exists(connection, schema.originals, schema.originals.c.sha256 == sha256):
                return sha256, False
            connection.execute(
                schema.originals.insert().values(
                    sha256=sha256, content=content, size=len(content), media_type=media_type, stored_at=_now()
                )
            )
        return sha256, True

    def record_custody(self, sha256: str, origin: str, retrieved_at: dt.datetime) -> None:
        with _writing(self._engine) as connection:
            connection.execute(
                schema.custody.insert().values(sha256=sha256, origin=origin, retrieved_at=retrieved_at)
            )

    def add_document(
        self, document: Document, *, extractor_version: str, processed_at: dt.datetime | None = None
    ) -> tuple[str, bool]:
        if document.sha256 is None:
            raise ValueError(f"document {document.id!r} has no sha256: archive its original first")
        at = processed_at or _now()
        with _writing(self._engine) as connection:
            existing = _document_id_for(connection, document.sha256)
            if existing is not None:
                return existing, False
            document_id = _free_document_id(connection, document.id, document.sha256)
            row = _document_row(document, document_id, at, extractor_version)
            minhash = signature(document.text or document.raw_text)
            if minhash is not None:
                row.update(minhash=minhash, duplicate_of=linking.find_original(connection, minhash))
            connection.execute(schema.documents.insert().values(row))
            if minhash is not None:
                linking.insert_bands(connection, document_id, minhash)
            claims = _insert_events(
                connection, document, document_id, row["duplicate_of"] if minhash else None
            )
            singletons = [
                build_incident(_incident_id(claim.event_id), [claim], self._sides) for claim in claims
            ]
            linking.write_incidents(connection, singletons, at)
        return document_id, True

    def link(
        self, document_ids: Sequence[str] | None = None, *, config: LinkConfig = DEFAULT_CONFIG
    ) -> LinkReport:
        with _writing(self._engine) as connection:
            if document_ids is None:
                return linking.relink(connection, None, self._sides, config=config, now=_now())
            seeds = _events_of(connection, document_ids)
            return linking.relink(connection, seeds, self._sides, config=config, now=_now())

    def record_merge(self, incident_ids: Sequence[str], *, by: str, note: str = "") -> str:
        with _writing(self._engine) as connection:
            before = {
                incident_id: _members(connection, incident_id) for incident_id in sorted(set(incident_ids))
            }
            events = sorted(e for members in before.values() for e in members)
            now = _now()
            linking.add_lock(connection, Lock("merge", (tuple(events),), by=by, note=note), now)
            linking.relink(connection, events, self._sides, now=now)
            merged = linking.incident_of(connection, events[0])
            assert merged is not None
            after = {"incidents": {merged: events}, "note": note}
            audit.append(
                connection, by, "incident.merge", f"incident:{merged}", {"incidents": before}, after, at=now
            )
        return merged

    def record_split(
        self, incident_id: str, event_ids: Sequence[str], *, by: str, note: str = ""
    ) -> tuple[str, str]:
        with _writing(self._engine) as connection:
            members = _members(connection, incident_id)
            apart = sorted(set(event_ids))
            rest = sorted(set(members) - set(apart))
            if not apart or not rest or not set(apart) <= set(members):
                raise ValueError(
                    f"a split of {incident_id} needs some but not all of its events {members}, got {apart}"
                )
            now = _now()
            linking.add_lock(connection, Lock("split", (tuple(apart), tuple(rest)), by=by, note=note), now)
            linking.relink(connection, members, self._sides, now=now)
            first, second = (
                linking.incident_of(connection, apart[0]),
                linking.incident_of(connection, rest[0]),
            )
            assert first is not None and second is not None
            audit.append(
                connection,
                by,
                "incident.split",
                f"incident:{incident_id}",
                {"incidents": {incident_id: members}},
                {"incidents": {first: apart, second: rest}, "note": note},
                at=now,
            )
        return first, second

    def locks(self) -> list[Lock]:
        with self._engine.connect() as connection:
            return linking.read_locks(connection)

    def duplicate_of(self, document_id: str) -> str | None:
        table = schema.documents
        with self._engine.connect() as connection:
            found: str | None = connection.scalar(
                sa.select(table.c.duplicate_of).where(table.c.id == document_id)
            )
        return found

    def add_failure(self, failure: Failure, *, at: dt.datetime | None = None) -> bool:
        table = schema.failures
        with _writing(self._engine) as connection:
            same = (
                table.c.origin == failure.origin,
                table.c.code == failure.code,
                table.c.sha256.is_not_distinct_from(failure.sha256),
            )
            if _exists(connection, table, *same):
                return False
            connection.execute(
                table.insert().values(
                    origin=failure.origin,
                    code=failure.code,
                    reason=failure.reason,
                    sha256=failure.sha256,
                    at=at or _now(),
                )
            )
        return True

    def document_id_for(self, sha256: str) -> str | None:
        with self._engine.connect() as connection:
            return _document_id_for(connection, sha256)

    def documents(self) -> Iterator[Document]:
        yield from self._select_documents(sa.select(schema.documents).order_by(schema.documents.c.id))

    def get_document(self, document_id: str) -> Document | None:
        statement = sa.select(schema.documents).where(schema.documents.c.id == document_id)
        with contextlib.closing(self._select_documents(statement)) as found:
            return next(found, None)

    def original(self, sha256: str) -> Original | None:
        custody = schema.custody
        with self._engine.connect() as connection:
            row = connection.execute(
                sa.select(schema.originals).where(schema.originals.c.sha256 == sha256)
            ).first()
            if row is None:
                return None
            sightings = connection.execute(
                sa.select(custody.c.origin, custody.c.retrieved_at)
                .where(custody.c.sha256 == sha256)
                .order_by(custody.c.retrieved_at, custody.c.id)
            )
            chain = tuple(Custody(origin, retrieved_at) for origin, retrieved_at in sightings)
        return Original(row.sha256, row.content, row.media_type, row.stored_at, chain)

    def failures(self) -> Iterator[StoredFailure]:
        table = schema.failures
        with self._engine.connect() as connection:
            rows = connection.execute(
                sa.select(table).order_by(table.c.at, table.c.id).execution_options(yield_per=_BATCH)
            )
            for row in rows:
                failure = Failure(origin=row.origin, code=row.code, reason=row.reason, sha256=row.sha256)
                yield StoredFailure(row.id, failure, row.at)

    def incidents(
        self,
        query: IncidentQuery | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Incident]:
        shorthand = IncidentQuery(since=since, until=until, admin1=admin1, event_type=event_type, text=text)
        if query is not None and shorthand != IncidentQuery():
            raise ValueError(
                "give incidents() a query or keyword filters, not both: put the filters in the query"
            )
        chosen = query or shorthand
        walk = self._walked_terms(chosen, offset + limit) if limit is not None else set()
        statement = (
            sa.select(schema.incidents)
            .where(*_query_filters(chosen, trigrams=self._trigrams, walk=walk))
            .order_by(*_order(chosen.sort))
            .offset(offset)
            .limit(limit)
        )
        if walk:
            # Walked words are checked incident by incident: in the sort's own index, so the walk
            # stops at the page, rather than over every incident another filter's index finds.
            index = _SORT_INDEXES[chosen.sort.removeprefix("-")]
            statement = statement.with_hint(schema.incidents, f"INDEXED BY {index}", "sqlite")
        yield from self._select_incidents(statement)

    def count_incidents(self, query: IncidentQuery | None = None, *, cap: int | None = None) -> int:
        if cap is None:
            counted = sa.select(sa.func.count()).select_from(schema.incidents).where(*self._filters(query))
            statement = self._covered(counted, query)
        else:
            # The rows of a select that stops at ``cap``: a broad word is then checked incident by
            # incident, and the walk ends once ``cap`` have matched.
            kept = sa.select(sa.literal(1)).select_from(schema.incidents)
            kept = kept.where(*self._stopping_filters(query or IncidentQuery(), cap)).limit(cap)
            statement = sa.select(sa.func.count()).select_from(self._covered(kept, query).subquery())
        with self._engine.connect() as connection:
            return int(connection.scalar(statement) or 0)

    def incident_points(self, query: IncidentQuery | None = None) -> Iterator[IncidentPoint]:
        """In no set order: the map draws them all, and the covering index answers fastest unsorted."""
        table = schema.incidents
        columns = (table.c.id, table.c.lat, table.c.lon, table.c.event_type, table.c.date_start)
        statement = (
            sa.select(*columns, table.c.killed, table.c.status, table.c.place)
            .where(*self._filters(query), table.c.lat.is_not(None), table.c.lon.is_not(None))
            .execution_options(yield_per=_BATCH)
        )
        with self._engine.connect() as connection:
            for rows in connection.execute(self._covered(statement, query)).partitions():
                # Positional, in the dataclass's field order: 100,000 points, so no attribute look-ups.
                yield from (IncidentPoint(*row) for row in rows)

    def map_places(self, query: IncidentQuery | None = None) -> list[MapPlace]:
        table = schema.incidents
        statement = (
            sa.select(
                table.c.lat,
                table.c.lon,
                sa.func.min(table.c.place),
                sa.func.count(),
                sa.func.sum(sa.func.coalesce(table.c.killed, 0)),
                sa.func.min(table.c.id),
            )
            .where(*self._filters(query), table.c.lat.is_not(None), table.c.lon.is_not(None))
            .group_by(table.c.lat, table.c.lon)
        )
        with self._engine.connect() as connection:
            return [
                MapPlace(lat, lon, place, int(count), int(killed or 0), first)
                for lat, lon, place, count, killed, first in connection.execute(
                    self._covered(statement, query)
                )
            ]

    def weekly_counts(self, query: IncidentQuery | None = None) -> list[WeekCount]:
        table = schema.incidents
        statement = (
            sa.select(
                table.c.date_start,
                table.c.perpetrator,
                sa.func.count().label("incidents"),
                sa.func.sum(sa.func.coalesce(table.c.killed, 0)).label("killed"),
            )
            .where(*self._filters(query), table.c.date_start.is_not(None))
            .group_by(table.c.date_start, table.c.perpetrator)
        )
        weeks: dict[tuple[dt.date, str | None], list[int]] = defaultdict(lambda: [0, 0])
        with self._engine.connect() as connection:
            for row in connection.execute(self._covered(statement, query)):
                week = row.date_start - dt.timedelta(days=row.date_start.weekday())
                totals = weeks[week, row.perpetrator]
                totals[0] += int(row.incidents)
                totals[1] += int(row.killed or 0)
        return [
            WeekCount(week, perpetrator, incidents, killed)
            for (week, perpetrator), (incidents, killed) in sorted(
                weeks.items(), key=lambda item: (item[0][0], item[0][1] is None, item[0][1] or "")
            )
        ]

    def incidents_of_document(self, document_id: str) -> list[str]:
        claims, events = schema.incident_claims, schema.events
        statement = (
            sa.select(claims.c.incident_id)
            .join(events, events.c.id == claims.c.event_id)
            .where(events.c.document_id == document_id)
            .distinct()
            .order_by(claims.c.incident_id)
        )
        with self._engine.connect() as connection:
            return list(connection.scalars(statement))

    def get_incident(self, incident_id: str) -> Incident | None:
        statement = sa.select(schema.incidents).where(schema.incidents.c.id == incident_id)
        with contextlib.closing(self._select_incidents(statement)) as found:
            return next(found, None)

    # --- reviews -----------------------------------------------------------------------------------

    def assess_incident(self, incident_id: str, status: str, *, by: str, version: int) -> Incident:
        with _writing(self._engine) as connection:
            review.assess(connection, incident_id, status, by=by, version=version, now=_now())
        return self._reread(incident_id)

    def edit_incident(
        self, incident_id: str, edits: Mapping[str, str | None], *, by: str, version: int
    ) -> Incident:
        with _writing(self._engine) as connection:
            review.edit(connection, incident_id, edits, by=by, version=version, now=_now())
        return self._reread(incident_id)

    def add_note(self, incident_id: str, text: str, *, by: str) -> Note:
        with _writing(self._engine) as connection:
            return review.add_note(connection, incident_id, text, by=by, now=_now())

    def notes(self, incident_id: str) -> list[Note]:
        with self._engine.connect() as connection:
            return review.notes(connection, incident_id)

    # --- accounts ----------------------------------------------------------------------------------

    def add_user(self, name: str, role: str, password_hash: str, *, by: str) -> User:
        with _writing(self._engine) as connection:
            return accounts.add_user(connection, name, role, password_hash, by=by, now=_now())

    def get_user(self, name: str) -> User | None:
        with self._engine.connect() as connection:
            return accounts.get_user(connection, name)

    def users(self) -> list[User]:
        with self._engine.connect() as connection:
            return accounts.users(connection)

    def update_user(
        self,
        name: str,
        *,
        by: str,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> User:
        with _writing(self._engine) as connection:
            return accounts.update_user(
                connection, name, by=by, now=_now(), role=role, password_hash=password_hash, disabled=disabled
            )

    def add_session(self, session: WebSession) -> None:
        with _writing(self._engine) as connection:
            accounts.add_session(connection, session)

    def get_session(self, token_hash: str, *, now: dt.datetime) -> WebSession | None:
        with self._engine.connect() as connection:
            return accounts.get_session(connection, token_hash, now)

    def delete_session(self, token_hash: str) -> None:
        with _writing(self._engine) as connection:
            accounts.delete_session(connection, token_hash)

    def add_token(self, user: str, token_hash: str, label: str, *, by: str) -> ApiToken:
        with _writing(self._engine) as connection:
            return accounts.add_token(connection, user, token_hash, label, by=by, now=_now())

    def token_user(self, token_hash: str) -> User | None:
        with self._engine.connect() as connection:
            return accounts.token_user(connection, token_hash)

    def tokens(self, user: str | None = None) -> list[ApiToken]:
        with self._engine.connect() as connection:
            return accounts.tokens(connection, user)

    def revoke_token(self, token_id: int, *, by: str) -> None:
        with _writing(self._engine) as connection:
            accounts.revoke_token(connection, token_id, by=by, now=_now())

    def setting(self, key: str) -> str | None:
        with self._engine.connect() as connection:
            return accounts.setting(connection, key)

    def set_setting(self, key: str, value: str, *, by: str) -> None:
        with _writing(self._engine) as connection:
            accounts.set_setting(connection, key, value, by=by, now=_now())

    # --- audit -------------------------------------------------------------------------------------

    def audit(
        self, *, target: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[AuditEntry]:
        with self._engine.connect() as connection:
            return audit.entries(connection, target=target, limit=limit, offset=offset)

    def append_audit(
        self, actor: str, action: str, target: str, before: JSONValue, after: JSONValue
    ) -> AuditEntry:
        with _writing(self._engine) as connection:
            return audit.append(connection, actor, action, target, before, after, at=_now())

    def verify_audit(self) -> AuditCheck:
        with self._engine.connect() as connection:
            return audit.verify(connection)

    def counts(self) -> dict[str, int]:
        tables = ("originals", "custody", "documents", "events", "incidents", "failures")
        with self._engine.connect() as connection:
            return {
                name: int(
                    connection.scalar(sa.select(sa.func.count()).select_from(schema.metadata.tables[name]))
                    or 0
                )
                for name in tables
            }

    def close(self) -> None:
        self._engine.dispose()

    def _reread(self, incident_id: str) -> Incident:
        found = self.get_incident(incident_id)
        if found is None:  # deleted by a re-link committed since the write: the caller must reload
            raise StaleIncident(incident_id, 0, None)
        return found

    def _select_documents(self, statement: sa.Select[Any]) -> Generator[Document]:
        with self._engine.connect() as connection:
            result = connection.execute(statement.execution_options(yield_per=_BATCH))
            for rows in result.partitions():
                found = _events_of_documents(connection, [row.id for row in rows])
                for row in rows:
                    yield _document_from_row(row, found.get(row.id, ()))

    def _select_incidents(self, statement: sa.Select[Any]) -> Generator[Incident]:
        with self._engine.connect() as connection:
            result = connection.execute(statement.execution_options(yield_per=_BATCH))
            for rows in result.partitions():
                claims = linking.claims_of_incidents(connection, [row.id for row in rows])
                for row in rows:
                    yield linking.incident_from_row(row, claims.get(row.id, ()))


@contextlib.contextmanager
def _writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that writes: committed when the block ends, rolled back if it raises."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Transactions are begun by _on_sqlite_begin: the sqlite3 module's own handling would start them
    # late (reads unisolated, DDL outside them).
    dbapi_connection.isolation_level = None
    for pragma in SQLITE_PRAGMAS:
        dbapi_connection.execute(pragma)


def _on_sqlite_begin(connection: sa.Connection) -> None:
    # A writer takes the lock up front, so a second writer waits (busy_timeout) instead of failing
    # when it would upgrade a read lock.
    writes = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _enable_wal(engine: sa.Engine) -> None:
    # On the driver's connection: SQLite changes the journal mode only outside a transaction.
    raw = engine.raw_connection()
    try:
        raw.cursor().execute(SQLITE_WAL)
    finally:
        raw.close()


def _create_private_file(url: sa.URL) -> None:
    """Create a new SQLite file readable by its owner only: it holds sensitive documentation."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.touch(mode=0o600)


def _exists(connection: sa.Connection, table: sa.Table, *conditions: sa.ColumnElement[bool]) -> bool:
    return (
        connection.scalar(sa.select(sa.literal(1)).select_from(table).where(*conditions).limit(1)) is not None
    )


def _document_id_for(connection: sa.Connection, sha256: str) -> str | None:
    table = schema.documents
    found: str | None = connection.scalar(sa.select(table.c.id).where(table.c.sha256 == sha256))
    return found


def _free_document_id(connection: sa.Connection, wanted: str, sha256: str) -> str:
    """``wanted``, or when another document holds it, ``wanted`` with the sha256 (prefix) appended."""
    for candidate in (wanted, f"{wanted}-{sha256[:8]}", f"{wanted}-{sha256}"):
        if not _exists(connection, schema.documents, schema.documents.c.id == candidate):
            return candidate
    raise ValueError(f"no free id for document {wanted!r} ({sha256})")


def _document_row(
    document: Document, document_id: str, processed_at: dt.datetime, extractor_version: str
) -> dict[str, Any]:
    return {
        "id": document_id,
        "sha256": document.sha256,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "published": document.published,
        "language": document.language,
        "html": document.html,
        "raw_text": document.raw_text,
        "text": document.text,
        "aggregates": [aggregate_to_dict(aggregate) for aggregate in document.aggregates],
        "errors": list(document.errors),
        "processed_at": processed_at,
        "extractor_version": extractor_version,
        "search_text": search.document_search_text(document),
    }


def _insert_events(
    connection: sa.Connection, document: Document, document_id: str, duplicate_of: str | None
) -> list[Claim]:
    """Store the events; each becomes a claim of its own incident until linking joins them. Ids derive
    from the original's sha256 and the event's position, so they are the same everywhere."""
    rows, claims = [], []
    for position, event in enumerate(document.events):
        digest = hashlib.sha256(f"{document.sha256}:{position}".encode()).hexdigest()[:_ID_DIGEST_LENGTH]
        event_id = f"ev-{digest}"
        row = {
            "id": event_id,
            "document_id": document_id,
            "position": position,
            "payload": event_to_dict(event),
            "search_text": search.event_search_text(event),
        }
        row.update(
            schema.indexed_columns(event), link_date=event.date.start if event.date else document.published
        )
        rows.append(row)
        claims.append(Claim(document_id, event, document.outlet, event_id, document.published, duplicate_of))
    if rows:
        connection.execute(schema.events.insert(), rows)
    return claims


def _incident_id(event_id: str) -> str:
    return f"inc-{event_id.removeprefix('ev-')}"


def _events_of(connection: sa.Connection, document_ids: Sequence[str]) -> list[str]:
    table = schema.events
    return sorted(
        connection.scalars(sa.select(table.c.id).where(table.c.document_id.in_(list(document_ids))))
    )


def _members(connection: sa.Connection, incident_id: str) -> list[str]:
    members = linking.incident_events(connection, incident_id)
    if not members:
        raise ValueError(f"{incident_id}: no incident has this id")
    return members


def _query_filters(
    query: IncidentQuery, *, trigrams: bool = False, walk: Container[str] = ()
) -> list[sa.ColumnElement[bool]]:
    """The query's filters, on the incidents' own columns (and the search texts for ``text``, through
    SQLite's trigram tables when ``trigrams``, incident by incident for the words in ``walk``); the
    text filters come last, so the cheap column checks run first. ``admin1`` is compared folded, as
    :data:`~tawthiq.store.schema.FILTERS_INDEX` holds it."""
    columns = schema.incidents.c
    filters: list[sa.ColumnElement[bool]] = []
    if query.since is not None:
        filters.append(sa.func.coalesce(columns.date_end, columns.date_start) >= query.since)
    if query.until is not None:
        filters.append(columns.date_start <= query.until)
    if query.admin1 is not None:
        filters.append(sa.func.lower(columns.admin1) == query.admin1.lower())
    if query.event_type is not None:
        filters.append(
            sa.or_(columns.event_type == query.event_type, columns.sub_event_type == query.event_type)
        )
    if query.perpetrator is not None:
        filters.append(sa.func.lower(columns.perpetrator) == query.perpetrator.lower())
    if query.status is not None:
        filters.append(columns.status == query.status)
    if query.min_killed is not None:
        filters.append(columns.killed >= query.min_killed)
    if query.text is not None:
        filters += search.incident_text_filter(search.search_terms(query.text), trigrams=trigrams, walk=walk)
    return filters


_SORT_COLUMNS = {"date": "date_start", "killed": "killed", "updated": "updated_at", "sources": "sources"}
_SORT_INDEXES = {name: f"ix_incidents_{name}_order" for name in _SORT_COLUMNS}
"""The index of ``schema.incidents`` that holds each sort's order."""


def _order(sort: str) -> tuple[sa.ColumnElement[Any], ...]:
    """``sort`` as an ORDER BY: unknown values last either way, then the id (the same direction, so
    one index of ``schema.incidents`` serves the whole order)."""
    name = sort.removeprefix("-")
    if name not in _SORT_COLUMNS:
        raise ValueError(f"{sort!r} is not a sort: choose one of {', '.join(SORTS)}")
    column, key = schema.incidents.c[_SORT_COLUMNS[name]], schema.incidents.c.id
    if sort.startswith("-"):
        return column.desc().nulls_last(), key.desc()
    return column.asc().nulls_last(), key.asc()


def _events_of_documents(connection: sa.Connection, document_ids: Sequence[str]) -> dict[str, list[Event]]:
    table = schema.events
    rows = connection.execute(
        sa.select(table.c.document_id, table.c.payload)
        .where(table.c.document_id.in_(document_ids))
        .order_by(table.c.document_id, table.c.position)
    )
    found: dict[str, list[Event]] = defaultdict(list)
    for document_id, payload in rows:
        found[document_id].append(event_from_dict(payload))
    return found


def _document_from_row(row: sa.Row[Any], events: Iterable[Event]) -> Document:
    return Document(
        id=row.id,
        raw_text=row.raw_text,
        text=row.text,
        published=row.published,
        language=row.language,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        sha256=row.sha256,
        html=row.html,
        events=tuple(events),
        aggregates=tuple(aggregate_from_dict(aggregate) for aggregate in row.aggregates),
        errors=tuple(row.errors),
    )


def _shown(url: sa.URL) -> str | None:
    """How a database is named in messages: a SQLite file's path, a server URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database
    return url.render_as_string(hide_password=True)


def _sqlite_url(path: Path) -> sa.URL:
    return sa.URL.create("sqlite", database=str(path))


def _reason(error: BaseException) -> str:
    """The driver's own words when there are some (``file is not a database``), else the error's."""
    original = getattr(error, "orig", None)
    return str(original or error).splitlines()[0]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
