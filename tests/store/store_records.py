"""Records to put in a store under test (imported by the tests here; fixtures are in conftest.py)."""

from __future__ import annotations

import datetime as dt
import hashlib

from tawthiq.records import Actor, Aggregate, Attribution, Casualties, DateRange, Document, Event, Place, Span
from tawthiq.store import SQLStore


def make_event(
    *,
    day: dt.date | None = dt.date(2017, 7, 3),
    admin1: str | None = "Ar-Raqqa",
    sub_event_type: str = "Air/drone strike",
    killed: int | None = 5,
) -> Event:
    family = "Explosions/Remote violence" if sub_event_type != "Attack" else "Violence against civilians"
    return Event(
        event_type=family,
        sub_event_type=sub_event_type,
        date=DateRange(day, day) if day else None,
        location=Place(
            "الرقة", name_en="Ar-Raqqa", country="SY", admin1=admin1, lat=35.95, lon=39.01, precision=1
        ),
        actors=(
            Actor("Global Coalition Against Daesh", "perpetrator", "External/Other forces", "التحالف الدولي"),
        ),
        fatalities=Casualties(killed=killed, civilians=killed),
        attribution=(Attribution("Raqqa Is Being Slaughtered Silently", "بحسب"),),
        evidence=(Span(0, 12),),
        confidence=0.75,
        tags=("cultural heritage",),
    )


def make_document(
    doc_id: str, text: str, events: tuple[Event, ...] = (), *, outlet: str | None = "Enab Baladi"
) -> Document:
    return Document(
        id=doc_id,
        raw_text=text,
        text=text.strip(),
        published=dt.date(2017, 7, 4),
        language="ar",
        title="عنوان",
        url="https://example.test/a",
        outlet=outlet,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        events=events,
        aggregates=(Aggregate("civilians_killed", 173, "more than", claimed_by="SOHR"),),
        errors=("E-none: kept as given",),
    )


def add(store: SQLStore, document: Document) -> tuple[str, bool]:
    """Archive the document's original (its text, as UTF-8) and store it, as ingest does."""
    store.add_original(document.raw_text.encode(), "text/plain; charset=utf-8")
    return store.add_document(document, extractor_version="test")
