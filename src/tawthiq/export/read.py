"""Imports: an ACLED row, or a line of our own JSON Lines export, back into documents with events.

An imported row has no report text behind it, so its document's text is the row's English ``notes``
(or, for our JSON Lines, the notes sentence built from the claim) and its events carry no character
spans. ACLED's ``fatalities`` of 0 means "none reported" as often as "none", so it is read as not stated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from tawthiq.export.acled import ACLED_COLUMNS
from tawthiq.export.countries import country_from_acled
from tawthiq.export.fields import INTER_CODES
from tawthiq.records import (
    ACTOR_TYPES,
    EVENT_TYPES,
    Actor,
    Attribution,
    Casualties,
    DatePrecision,
    DateRange,
    Document,
    Event,
    Incident,
    Place,
    Role,
)
from tawthiq.serialize import event_from_dict

TYPE_BY_INTER = {code: name for name, code in INTER_CODES.items()}


class RowError(ValueError):
    """A row that cannot be read: which field, what it should be and what it is."""

    def __init__(self, field: str, expected: str, actual: object) -> None:
        super().__init__(f'field "{field}" must be {expected}, not {actual!r}')
        self.field = field
        self.expected = expected
        self.actual = actual


def acled_origin(row: Mapping[str, str]) -> str:
    """Where an ACLED row came from, for the chain of custody: ``acled:<event_id_cnty>``."""
    return f"acled:{(row.get('event_id_cnty') or '').strip()}"


def acled_original(row: Mapping[str, str]) -> bytes:
    """The row's bytes as archived: its 31 ACLED fields as one JSON object, keys in ACLED's order."""
    return json.dumps({name: row.get(name) or "" for name in ACLED_COLUMNS}, ensure_ascii=False).encode()


def missing_columns(header: list[str]) -> list[str]:
    """The ACLED columns an import needs that the file's header lacks."""
    needed = ("event_id_cnty", "event_date", "event_type", "sub_event_type")
    return [name for name in needed if name not in header]


def acled_document(row: Mapping[str, str], sha256: str) -> Document:
    """One ACLED row as a document holding its one event; raises :class:`RowError`."""
    event_id = (row.get("event_id_cnty") or "").strip()
    if not event_id:
        raise RowError("event_id_cnty", "an ACLED event id", row.get("event_id_cnty"))
    day = _date(row, "event_date")
    notes = (row.get("notes") or "").strip() or f"ACLED event {event_id}"
    sources = _split(row.get("source"))
    _check_type(row)
    event = Event(
        event_type=_text(row, "event_type"),
        sub_event_type=_text(row, "sub_event_type"),
        date=DateRange(day, day, _precision(row)),
        location=_place(row),
        actors=_actors(row),
        fatalities=_casualties(row),
        attribution=tuple(Attribution(source=name) for name in sources),
        confidence=1.0,
        tags=_split(row.get("tags")),
    )
    return Document(
        id=f"acled-{event_id}",
        raw_text=notes,
        text=notes,
        published=day,
        language="en",
        title=f"ACLED {event_id}",
        outlet=sources[0] if sources else None,
        sha256=sha256,
        events=(event,),
    )


def _check_type(row: Mapping[str, str]) -> None:
    event_type, sub_event_type = _text(row, "event_type"), _text(row, "sub_event_type")
    if sub_event_type not in EVENT_TYPES.get(event_type, ()):
        raise RowError(
            "event_type/sub_event_type",
            "an ACLED event type and one of its sub-event types",
            f"{event_type} / {sub_event_type}",
        )


def _text(row: Mapping[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def _date(row: Mapping[str, str], name: str) -> dt.date:
    value = _text(row, name)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(name, "a date written YYYY-MM-DD", value) from None


def _precision(row: Mapping[str, str]) -> DatePrecision:
    value = _text(row, "time_precision") or "1"
    if value not in {"1", "2", "3"}:
        raise RowError("time_precision", "1, 2 or 3", value)
    precisions: dict[str, DatePrecision] = {"1": "day", "2": "week", "3": "month"}
    return precisions[value]


def _number(row: Mapping[str, str], name: str) -> float | None:
    value = _text(row, name)
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise RowError(name, "a number", value) from None


def _place(row: Mapping[str, str]) -> Place | None:
    name = _text(row, "location")
    if not name:
        return None
    found = country_from_acled(_text(row, "country"), _text(row, "iso"))
    geo = _text(row, "geo_precision") or "3"
    if geo not in {"1", "2", "3"}:
        raise RowError("geo_precision", "1, 2 or 3", geo)
    return Place(
        name=name,
        name_en=name,
        country=found.alpha2 if found else None,
        admin1=_text(row, "admin1") or None,
        admin2=_text(row, "admin2") or None,
        admin3=_text(row, "admin3") or None,
        lat=_number(row, "latitude"),
        lon=_number(row, "longitude"),
        precision=int(geo),
    )


def _actor_type(row: Mapping[str, str], name: str) -> str | None:
    value = _text(row, name)
    if not value:
        return None
    if value.isdigit() and int(value) in TYPE_BY_INTER:
        return TYPE_BY_INTER[int(value)]
    if value in ACTOR_TYPES:  # ACLED's newer text inter codes
        return value
    raise RowError(name, "an ACLED inter code (1-8) or actor type", value)


def _actors(row: Mapping[str, str]) -> tuple[Actor, ...]:
    actors: list[Actor] = []
    sides: tuple[tuple[int, Role], ...] = ((1, "perpetrator"), (2, "target"))
    for number, side in sides:
        main = _text(row, f"actor{number}")
        if main:
            actors.append(Actor(name=main, role=side, type=_actor_type(row, f"inter{number}")))
        actors.extend(Actor(name=name, role=side) for name in _split(row.get(f"assoc_actor_{number}")))
    return tuple(actors)


def _casualties(row: Mapping[str, str]) -> Casualties:
    value = _text(row, "fatalities") or "0"
    if not value.isdigit():
        raise RowError("fatalities", "a whole number", value)
    killed = int(value) or None
    civilians = killed if _text(row, "civilian_targeting") else None
    return Casualties(killed=killed, civilians=civilians, low=killed, high=killed)


def jsonl_documents(record: Mapping[str, Any]) -> list[tuple[str, bytes, Document]]:
    """One line of our JSON Lines export as (origin, original bytes, document) for each document whose
    claims it holds; raises :class:`RowError` (or ``KeyError``/``ValueError`` from a damaged record)."""
    incident_id = record.get("id")
    claims = record.get("claims")
    if not isinstance(incident_id, str) or not isinstance(claims, list) or not claims:
        raise RowError("claims", "a list of claims of an incident with an id", type(claims).__name__)
    by_document: dict[str, list[Mapping[str, Any]]] = {}
    for claim in claims:
        by_document.setdefault(str(claim["document_id"]), []).append(claim)
    return [_jsonl_document(incident_id, document_id, group) for document_id, group in by_document.items()]


def _jsonl_document(
    incident_id: str, document_id: str, claims: list[Mapping[str, Any]]
) -> tuple[str, bytes, Document]:
    from tawthiq.export.fields import notes

    events = tuple(_without_spans(event_from_dict(claim["event"])) for claim in claims)
    first = claims[0]
    published = dt.date.fromisoformat(first["published"]) if first.get("published") else None
    original = json.dumps(
        {"incident": incident_id, "document_id": document_id, "claims": claims}, ensure_ascii=False
    ).encode()
    text = " ".join(
        notes(
            Incident(id=incident_id, event=event, claims=()),
            event.date.start if event.date else None,
            0,
            None,
        )
        for event in events
    )
    document = Document(
        id=document_id,
        raw_text=text,
        text=text,
        published=published,
        language="en",
        outlet=first.get("outlet"),
        sha256=hashlib.sha256(original).hexdigest(),
        events=events,
    )
    return f"jsonl:{incident_id}:{document_id}", original, document


def _without_spans(event: Event) -> Event:
    """The event without character spans: they index a text the import does not have."""
    return dataclasses.replace(
        event,
        date=dataclasses.replace(event.date, span=None) if event.date else None,
        location=dataclasses.replace(event.location, span=None) if event.location else None,
        actors=tuple(dataclasses.replace(a, span=None) for a in event.actors),
        attribution=tuple(dataclasses.replace(a, span=None) for a in event.attribution),
        evidence=(),
    )
