"""Full-text search that ignores Arabic spelling variants, the same on SQLite and PostgreSQL.

Reports spell one place many ways (الرقة / الرقه, إدلب / ادلب, with or without diacritics). Each document
and each event keeps a *search text*: its cleaned text, or its place and actor names, folded by
:func:`tawthiq.text.normalize.fold` and lower-cased. A query is folded the same way and split into words;
an incident matches when every word is a substring of the search text of one of its claims' documents or
events. Only ``LIKE`` is used, so both backends give the same answers; on PostgreSQL a pg_trgm GIN index
(made by migration 0003 where the extension is available) makes those ``LIKE`` queries fast.
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence

import sqlalchemy as sa

from tawthiq.records import Document, Event
from tawthiq.store import schema
from tawthiq.store.schema import SQLITE_SEARCH_TABLES
from tawthiq.text.normalize import fold

_ESCAPE = "\\"


def folded(text: str) -> str:
    """The matching form of ``text``: folded and lower-cased (Latin names match in any case)."""
    return fold(text).lower()


def document_search_text(document: Document) -> str:
    """What a document is found by: its cleaned text."""
    return folded(document.text)


def event_search_text(event: Event) -> str:
    """What an event is found by: its place's names and its actors' names and mentions, one a line
    (a query word never holds a line break, so it cannot match across two names)."""
    names: list[str] = []
    place = event.location
    if place is not None:
        names += [place.name, place.name_en or "", place.admin1 or "", place.admin2 or "", place.admin3 or ""]
    for actor in event.actors:
        names += [actor.name, actor.mention]
    return folded("\n".join(name for name in names if name))


def search_terms(text: str) -> list[str]:
    """The words of a query, folded; an empty list when it holds none."""
    return folded(text).split()


MIN_TRIGRAM_TERM = 3
"""The shortest word a trigram index can look up; a shorter one is matched with ``LIKE``."""


def search_table(name: str) -> sa.TableClause:
    """One of :data:`~tawthiq.store.schema.SQLITE_SEARCH_TABLES`, for queries."""
    return sa.table(name, sa.column("id"), sa.column("search_text"))


WALK_COST = 3
"""How many times dearer checking one incident's own texts is (reading its claims' rows, about 25 µs)
than turning one matching document or event into its incident's id through the FTS5 tables (about
8 µs): what :func:`broad_terms` weighs."""


def broad_terms(connection: sa.Connection, terms: Sequence[str], wanted: int) -> set[str]:
    """The words of ``terms`` cheaper to check incident by incident, walking the incidents in order
    until ``wanted`` match, than to look up every match once. A word ``hits`` rows hold makes the walk
    read about ``wanted * incidents / hits`` incidents: it is chosen when that costs less than ``hits``
    look-ups, that is when ``hits² ≥ WALK_COST * wanted * incidents``. Matches are counted in SQLite's
    FTS5 tables and only up to that bound, so the measure costs little however common a word (a word
    too short for them is estimated from a sample)."""
    incidents = connection.scalar(sa.select(sa.func.count()).select_from(schema.incidents)) or 0
    bound = max(1, math.isqrt(WALK_COST * wanted * incidents))
    broad: set[str] = set()
    for term in terms:
        if not _trigram_term(term):
            if _sampled_hits(connection, term, incidents) >= bound:
                broad.add(term)
            continue
        for name in SQLITE_SEARCH_TABLES:
            table = search_table(name)
            found = (
                sa.select(sa.literal(1)).where(table.c.search_text.op("MATCH")(_phrase(term))).limit(bound)
            )
            if (connection.scalar(sa.select(sa.func.count()).select_from(found.subquery())) or 0) >= bound:
                broad.add(term)
                break
    return broad


SAMPLE = 2000
"""How many documents and events :func:`_sampled_hits` reads."""


def _sampled_hits(connection: sa.Connection, term: str, incidents: int) -> int:
    """About how many documents or events hold ``term``, a word the trigram tables cannot look up,
    from the first :data:`SAMPLE` of each: counting them all would read every row."""
    pattern = f"%{_escape_like(term)}%"
    hits = 0
    for table in (schema.documents, schema.events):
        sample = sa.select(table.c.search_text).limit(SAMPLE).subquery()
        found = sa.select(sa.func.count()).where(sample.c.search_text.like(pattern, escape=_ESCAPE))
        hits = max(hits, (connection.scalar(found) or 0) * max(incidents, SAMPLE) // SAMPLE)
    return hits


def incident_text_filter(
    terms: Sequence[str], *, trigrams: bool = False, walk: Container[str] = ()
) -> list[sa.ColumnElement[bool]]:
    """One condition per word: the incident has a claim whose document or event contains it.
    ``trigrams``: the SQLite FTS5 tables are there (:data:`~tawthiq.store.schema.SQLITE_SEARCH_TABLES`).
    A word in ``walk`` (see :func:`broad_terms`) is checked incident by incident, so that a query in
    the incidents' order stops at its ``LIMIT``; any other is looked up once for every incident."""
    incidents = schema.incidents.c
    return [
        _incident_contains(term)
        if term in walk
        else incidents.id.in_(
            _incidents_in_trigrams(term) if trigrams and _trigram_term(term) else _incidents_containing(term)
        )
        for term in terms
    ]


def _trigram_term(term: str) -> bool:
    """Whether the FTS5 trigram tables can look ``term`` up (NUL would end FTS5's query)."""
    return len(term) >= MIN_TRIGRAM_TERM and "\x00" not in term


def _phrase(term: str) -> str:
    """``term`` as one FTS5 phrase (its trigrams one after another): exactly the rows holding it."""
    return '"' + term.replace('"', '""') + '"'


def _incident_contains(term: str) -> sa.Exists:
    """The incident (of the enclosing query) has a claim whose event or document contains ``term``:
    a few index look-ups and two ``LIKE`` on one incident's rows."""
    claims, events, documents = schema.incident_claims, schema.events, schema.documents
    pattern = f"%{_escape_like(term)}%"
    return sa.exists(
        sa.select(sa.literal(1))
        .select_from(claims)
        .join(events, events.c.id == claims.c.event_id)
        .join(documents, documents.c.id == events.c.document_id)
        .where(
            claims.c.incident_id == schema.incidents.c.id,
            sa.or_(
                events.c.search_text.like(pattern, escape=_ESCAPE),
                documents.c.search_text.like(pattern, escape=_ESCAPE),
            ),
        )
    )


def _incidents_in_trigrams(term: str) -> sa.CompoundSelect[tuple[str]]:
    """As :func:`_incidents_containing`, through SQLite's FTS5 trigram tables."""
    claims, events = schema.incident_claims, schema.events
    phrase = _phrase(term)
    found_events, found_documents = search_table("events_search"), search_table("documents_search")
    in_events = sa.select(claims.c.incident_id).where(
        claims.c.event_id.in_(
            sa.select(found_events.c.id).where(found_events.c.search_text.op("MATCH")(phrase))
        )
    )
    in_documents = (
        sa.select(claims.c.incident_id)
        .join(events, events.c.id == claims.c.event_id)
        .where(
            events.c.document_id.in_(
                sa.select(found_documents.c.id).where(found_documents.c.search_text.op("MATCH")(phrase))
            )
        )
    )
    return sa.union(in_events, in_documents)


def _incidents_containing(term: str) -> sa.CompoundSelect[tuple[str]]:
    """Ids of incidents with a claim containing ``term``: two selects joined by UNION rather than one
    with OR, so that each can use its own column's index."""
    claims, events, documents = schema.incident_claims, schema.events, schema.documents
    pattern = f"%{_escape_like(term)}%"
    in_events = (
        sa.select(claims.c.incident_id)
        .join(events, events.c.id == claims.c.event_id)
        .where(events.c.search_text.like(pattern, escape=_ESCAPE))
    )
    in_documents = (
        sa.select(claims.c.incident_id)
        .join(events, events.c.id == claims.c.event_id)
        .join(documents, documents.c.id == events.c.document_id)
        .where(documents.c.search_text.like(pattern, escape=_ESCAPE))
    )
    return sa.union(in_events, in_documents)


def _escape_like(term: str) -> str:
    """``term`` with LIKE's wildcards taken literally (a search for ``50%`` means those characters)."""
    return term.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
