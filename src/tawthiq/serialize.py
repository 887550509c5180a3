"""Records to and from the plain JSON shapes of the ``extract`` output contract (DESIGN.md).

One place owns the contract's field names, so the CLI, the store and the exports cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tawthiq.records import (
    Actor,
    Aggregate,
    Attribution,
    Casualties,
    Claim,
    DateRange,
    Document,
    Event,
    Incident,
    Place,
    Span,
)

JSON = dict[str, Any]

CONTRACT_FATALITY_FIELDS = ("killed", "civilians", "children", "women", "injured", "low", "high")
"""The contract's ``fatalities`` keys, always present (``null`` when not stated)."""

HARM_FIELDS = ("fighters", "abducted", "arrested", "displaced")
"""Further harms tawthiq reports in ``harms`` beside the contract's ``fatalities``."""


def _span(span: Span | None) -> JSON | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _span_from(data: JSON | None) -> Span | None:
    return None if data is None else Span(int(data["start"]), int(data["end"]))


def date_range_to_dict(value: DateRange | None) -> JSON | None:
    if value is None:
        return None
    return {"start": value.start.isoformat(), "end": value.end.isoformat(), "precision": value.precision}


def date_range_from_dict(data: JSON | None) -> DateRange | None:
    if data is None:
        return None
    return DateRange(
        start=dt.date.fromisoformat(data["start"]),
        end=dt.date.fromisoformat(data["end"]),
        precision=data.get("precision", "day"),
    )


def place_to_dict(place: Place | None) -> JSON | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "name_en": place.name_en,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
        "gazetteer_id": place.gazetteer_id,
        "kind": place.kind,
        "span": _span(place.span),
    }


def place_from_dict(data: JSON | None) -> Place | None:
    if data is None:
        return None
    fields = {k: data.get(k) for k in ("name_en", "country", "admin1", "admin2", "admin3", "lat", "lon")}
    return Place(
        name=data["name"],
        precision=int(data.get("precision") or 3),
        gazetteer_id=data.get("gazetteer_id"),
        kind=data.get("kind"),
        span=_span_from(data.get("span")),
        **fields,
    )


def actor_to_dict(actor: Actor) -> JSON:
    return {
        "name": actor.name,
        "role": actor.role,
        "type": actor.type,
        "mention": actor.mention,
        "actor_id": actor.actor_id,
        "hedged": actor.hedged,
        "span": _span(actor.span),
    }


def actor_from_dict(data: JSON) -> Actor:
    return Actor(
        name=data["name"],
        role=data["role"],
        type=data.get("type"),
        mention=data.get("mention", ""),
        actor_id=data.get("actor_id"),
        hedged=bool(data.get("hedged", False)),
        span=_span_from(data.get("span")),
    )


def attribution_to_dict(attribution: Attribution) -> JSON:
    return {
        "source": attribution.source,
        "mention": attribution.mention,
        "source_id": attribution.source_id,
        "affiliation": attribution.affiliation,
        "party_claim": attribution.party_claim,
        "span": _span(attribution.span),
    }


def attribution_from_dict(data: JSON) -> Attribution:
    return Attribution(
        source=data["source"],
        mention=data.get("mention", ""),
        source_id=data.get("source_id"),
        affiliation=data.get("affiliation"),
        party_claim=bool(data.get("party_claim", False)),
        span=_span_from(data.get("span")),
    )


def event_to_dict(event: Event) -> JSON:
    casualties = event.fatalities
    return {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date": date_range_to_dict(event.date),
        "location": place_to_dict(event.location),
        "actors": [actor_to_dict(a) for a in event.actors],
        "fatalities": {name: getattr(casualties, name) for name in CONTRACT_FATALITY_FIELDS},
        "harms": {name: getattr(casualties, name) for name in HARM_FIELDS},
        "attribution": [attribution_to_dict(a) for a in event.attribution],
        "evidence": [_span(s) for s in event.evidence],
        "confidence": round(event.confidence, 3),
        "tags": list(event.tags),
    }


def event_from_dict(data: JSON) -> Event:
    counts = {**data.get("fatalities", {}), **data.get("harms", {})}
    return Event(
        event_type=data["event_type"],
        sub_event_type=data["sub_event_type"],
        date=date_range_from_dict(data.get("date")),
        location=place_from_dict(data.get("location")),
        actors=tuple(actor_from_dict(a) for a in data.get("actors", [])),
        fatalities=Casualties(**{k: counts.get(k) for k in CONTRACT_FATALITY_FIELDS + HARM_FIELDS}),
        attribution=tuple(attribution_from_dict(a) for a in data.get("attribution", [])),
        evidence=tuple(Span(int(s["start"]), int(s["end"])) for s in data.get("evidence", [])),
        confidence=float(data.get("confidence", 0.5)),
        tags=tuple(data.get("tags", [])),
    )


def aggregate_to_dict(aggregate: Aggregate) -> JSON:
    return {
        "what": aggregate.what,
        "value": aggregate.value,
        "qualifier": aggregate.qualifier,
        "period": date_range_to_dict(aggregate.period),
        "claimed_by": aggregate.claimed_by,
        "span": _span(aggregate.span),
    }


def aggregate_from_dict(data: JSON) -> Aggregate:
    return Aggregate(
        what=data["what"],
        value=data.get("value"),
        qualifier=data.get("qualifier"),
        period=date_range_from_dict(data.get("period")),
        claimed_by=data.get("claimed_by"),
        span=_span_from(data.get("span")),
    )


def document_to_dict(document: Document) -> JSON:
    """The contract's per-document object: document header, events, aggregates, errors."""
    return {
        "document": {
            "id": document.id,
            "language": document.language,
            "published": document.published.isoformat() if document.published else None,
            "title": document.title,
            "url": document.url,
            "outlet": document.outlet,
            "sha256": document.sha256,
            "text": document.text,
        },
        "events": [event_to_dict(e) for e in document.events],
        "aggregates": [aggregate_to_dict(a) for a in document.aggregates],
        "errors": list(document.errors),
    }


def incident_to_dict(incident: Incident) -> JSON:
    """An incident as JSON: its review state (status, version, reviewers' overrides, already laid
    over ``event``), the canonical event with each field's provenance, the casualty range, flags,
    and every claim with its document, outlet and whether a party made it."""
    claims = {claim.event_id: claim for claim in incident.claims}
    return {
        "id": incident.id,
        "status": incident.status,
        "version": incident.version,
        "updated_at": incident.updated_at.isoformat() if incident.updated_at else None,
        "overrides": dict(incident.overrides),
        "locked": incident.locked,
        "sources": incident.sources,
        "reports": incident.reports,
        "casualties": {
            "low": incident.low,
            "best": incident.best,
            "high": incident.high,
            "conservative": incident.conservative,
        },
        "flags": list(incident.flags),
        "event": event_to_dict(incident.event),
        "provenance": {
            name: _provenance(claims.get(event_id), event_id, name) for name, event_id in incident.provenance
        },
        "claims": [
            {
                "event_id": claim.event_id,
                "document_id": claim.document_id,
                "outlet": claim.outlet,
                "published": claim.published.isoformat() if claim.published else None,
                "duplicate_of": claim.duplicate_of,
                "party_claim": claim.party_claim,
                "event": event_to_dict(claim.event),
            }
            for claim in incident.claims
        ],
    }


def _provenance(claim: Claim | None, event_id: str, name: str) -> JSON:
    """Which claim, document and words a canonical field was taken from."""
    span = _field_span(claim, name) if claim else None
    return {
        "event_id": event_id,
        "document_id": claim.document_id if claim else None,
        "span": {"start": span.start, "end": span.end} if span else None,
    }


def _field_span(claim: Claim, name: str) -> Span | None:
    event = claim.event
    spans = {
        "date": event.date.span if event.date else None,
        "location": event.location.span if event.location else None,
        "actors": next((a.span for a in event.actors if a.role == "perpetrator" and a.span), None),
    }
    return spans.get(name) or (event.evidence[0] if event.evidence else None)
