"""UCDP GED-style rows: one per incident, the best/low/high range kept rather than collapsed.

``type_of_violence`` comes from the actor types: one-sided (3) when civilians are the target, state-based
(1) when state forces are a side, non-state (2) otherwise. UCDP's conflict and dyad ids are not coded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tawthiq.export.countries import country
from tawthiq.export.fields import CIVILIANS, civilian_targeting, sides, sources
from tawthiq.export.restricted import public_incident
from tawthiq.export.tally import Tally
from tawthiq.records import DateRange, Incident

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "where_prec",
    "date_prec",
    "date_start",
    "date_end",
    "latitude",
    "longitude",
    "country",
    "adm_1",
    "best",
    "low",
    "high",
    "deaths_civilians",
    "source_article",
    "source_original",
    "number_of_sources",
)

STATE_FORCES = "State forces"
_WHERE_PREC_BY_KIND = {"admin2": 3, "admin3": 3, "admin1": 4, "region": 5, "country": 6}


def type_of_violence(incident: Incident) -> int:
    """UCDP's type of violence: 1 state-based, 2 non-state, 3 one-sided (against civilians)."""
    first, second = sides(incident)
    if civilian_targeting(incident, second) or (second.actor and second.actor.type == CIVILIANS):
        return 3
    types = {side.actor.type for side in (first, second) if side.actor}
    return 1 if STATE_FORCES in types else 2


def where_prec(incident: Incident) -> int:
    """UCDP's where_prec (1 exact place … 6 country) from the place's kind and ACLED precision."""
    place = incident.event.location
    if place is None:
        return 6
    by_kind = _WHERE_PREC_BY_KIND.get(place.kind or "")
    if by_kind is not None:
        return by_kind
    return {1: 1, 2: 2}.get(place.precision, 4)


def date_prec(date: DateRange | None) -> int:
    """UCDP's date_prec: 1 exact day, 2 two to six days, 3 a week, 4 a month, 5 a year."""
    if date is None or date.precision == "year":
        return 5
    if date.precision == "month":
        return 4
    if date.precision == "week":
        return 3
    return 1 if date.start == date.end else 2 if (date.end - date.start).days < 6 else 3


def ucdp_rows(
    incidents: Iterable[Incident], *, public: bool = False, tally: Tally | None = None
) -> Iterator[dict[str, str]]:
    """UCDP GED-style rows (column → text), one per incident, streamed."""
    tally = tally if tally is not None else Tally()
    for incident in incidents:
        tally.count(True)
        tally.rows += 1
        yield ucdp_row(public_incident(incident) if public else incident)


def ucdp_row(incident: Incident) -> dict[str, str]:
    event, place, date = incident.event, incident.event.location, incident.event.date
    first, second = sides(incident)
    found = country(place.country if place else None)
    cited = sources(incident)
    return {
        "id": incident.id,
        "year": str(date.start.year) if date else "",
        "type_of_violence": str(type_of_violence(incident)),
        "side_a": first.name,
        "side_b": second.name,
        "where_prec": str(where_prec(incident)),
        "date_prec": str(date_prec(date)),
        "date_start": date.start.isoformat() if date else "",
        "date_end": date.end.isoformat() if date else "",
        "latitude": "" if place is None or place.lat is None else f"{place.lat:.5f}",
        "longitude": "" if place is None or place.lon is None else f"{place.lon:.5f}",
        "country": found.name if found else (place.country or "" if place else ""),
        "adm_1": (place.admin1 or "") if place else "",
        "best": _count(incident.best),
        "low": _count(incident.low),
        "high": _count(incident.high),
        "deaths_civilians": _count(event.fatalities.civilians),
        "source_article": "; ".join(sorted({c.document_id for c in incident.claims})),
        "source_original": "; ".join(s.name for s in cited),
        "number_of_sources": str(incident.sources),
    }


def _count(value: int | None) -> str:
    return "" if value is None else str(value)
