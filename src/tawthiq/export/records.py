"""Full incident records for JSON Lines, and GeoJSON features, both built from one incident at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tawthiq.export.fields import flat_record
from tawthiq.records import Claim, Incident
from tawthiq.serialize import incident_to_dict

EvidenceText = Callable[[Claim], list[str]]
"""Looks up the words of a claim's evidence spans in its document (the CLI reads them from the store)."""


def incident_record(incident: Incident, evidence_text: EvidenceText | None = None) -> dict[str, Any]:
    """The whole incident as ``tawthiq incidents --format jsonl`` prints it (status, casualty range,
    flags, canonical event, provenance, every claim) and, when ``evidence_text`` is given, the words
    of each claim's evidence."""
    record = incident_to_dict(incident)
    if evidence_text is not None:
        for claim, row in zip(incident.claims, record["claims"], strict=True):
            row["evidence_text"] = evidence_text(claim)
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
