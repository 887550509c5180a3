"""Full incident records for JSON Lines, and GeoJSON features, both built from one incident at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tawthiq.export.fields import flat_record
from tawthiq.records import Claim, Incident
from tawthiq.serialize import event_to_dict

EvidenceText = Callable[[Claim], list[str]]
"""Looks up the words of a claim's evidence spans in its document (the CLI reads them from the store)."""


def incident_record(incident: Incident, evidence_text: EvidenceText | None = None) -> dict[str, Any]:
    """The whole incident as JSON: status, casualty range, flags, canonical event, provenance and every
    claim with its event (and, when ``evidence_text`` is given, the words of its evidence)."""
    return {
        "id": incident.id,
        "status": incident.status,
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
        "provenance": dict(incident.provenance),
        "claims": [_claim_record(claim, evidence_text) for claim in incident.claims],
    }


def _claim_record(claim: Claim, evidence_text: EvidenceText | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "event_id": claim.event_id,
        "document_id": claim.document_id,
        "outlet": claim.outlet,
        "published": claim.published.isoformat() if claim.published else None,
        "duplicate_of": claim.duplicate_of,
        "party_claim": claim.party_claim,
        "event": event_to_dict(claim.event),
    }
    if evidence_text is not None:
        record["evidence_text"] = evidence_text(claim)
    return record


def geojson_feature(incident: Incident) -> dict[str, Any] | None:
    """A GeoJSON Feature (RFC 7946: a Point in longitude, latitude order) with flat properties, or
    None when the incident has no coordinates."""
    place = incident.event.location
    if place is None or place.lat is None or place.lon is None:
        return None
    properties = {name: _json_value(value) for name, value in flat_record(incident).items()}
    return {
        "type": "Feature",
        "id": incident.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value
