"""Full-text search that ignores Arabic spelling variants, the same on SQLite and PostgreSQL.

Reports spell one place many ways (الرقة / الرقه, إدلب / ادلب, with or without diacritics). Each document
and each event keeps a *search text*: its cleaned text, or its place and actor names, folded by
:func:`tawthiq.text.normalize.fold` and lower-cased. A query is folded the same way and split into words;
an incident matches when every word is a substring of the search text of one of its claims' documents or
events. Only ``LIKE`` is used, so both backends give the same answers; on PostgreSQL a pg_trgm GIN index
(made by migration 0003 where the extension is available) makes those ``LIKE`` queries fast.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from tawthiq.records import Document, Event
from tawthiq.store import schema
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


def incident_text_filter(terms: Sequence[str], *, trigrams: bool = False) -> list[sa.ColumnElement[bool]]:
    """One condition per word: the incident has a claim whose document or event contains it.
    ``trigrams``: the SQLite FTS5 tables are there (:data:`~tawthiq.store.schema.SQLITE_SEARCH_TABLES`)."""
    incidents = schema.incidents.c
    return [
        incidents.id.in_(
            _incidents_in_trigrams(term)
            if trigrams and len(term) >= MIN_TRIGRAM_TERM and "\x00" not in term  # NUL ends FTS5's query
            else _incidents_containing(term)
        )
        for term in terms
    ]


def _incidents_in_trigrams(term: str) -> sa.CompoundSelect[tuple[str]]:
    """As :func:`_incidents_containing`, through SQLite's FTS5 trigram tables: the word as one phrase
    (its trigrams one after another) is exactly the rows holding it as a substring."""
    claims, events = schema.incident_claims, schema.events
    phrase = '"' + term.replace('"', '""') + '"'
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
