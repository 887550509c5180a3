"""ACLED-compatible rows: ACLED's 31 public columns, in ACLED's order, coded by ACLED's rules.

Follows the column set ACLED has published since its 20 March 2023 change (``disorder_type``,
``civilian_targeting`` and ``tags`` added; ``data_id``, ``iso3`` and ``event_id_no_cnty`` dropped),
with ``inter1``/``inter2``/``interaction`` as numbers (what ACLED's API gives with ``inter_num=1``).

One row per incident-day: a multi-day incident is split into one row a day, its fatalities divided
evenly with the remainder on the first day, and the split said in ``notes``. ``fatalities`` is the
lowest credible figure (:attr:`Incident.conservative`), 0 when none was reported. An incident with no
date, or dated no closer than a year, is left out (ACLED drops what it cannot date to a month).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tawthiq.export.countries import country
from tawthiq.export.fields import civilian_targeting, interaction, notes, sides, source_text
from tawthiq.export.restricted import public_incident
from tawthiq.export.tally import Tally
from tawthiq.records import DateRange, Incident

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""ACLED's 31 public export columns, in ACLED's order (codebook of 3 October 2024)."""

DISORDER_BY_SUB_EVENT = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Protest with intervention": "Demonstrations",
    "Peaceful protest": "Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
}
DISORDER_BY_EVENT = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Strategic developments": "Strategic developments",
}
UNKNOWN_COUNTRY = "XXX"


@dataclass(frozen=True, slots=True)
class IncidentDay:
    """One ACLED row's worth of an incident: the day, its share of fatalities, and which day of how many."""

    day: dt.date
    fatalities: int
    split: tuple[int, int] | None


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type for an event and sub-event type."""
    return DISORDER_BY_SUB_EVENT.get(sub_event_type) or DISORDER_BY_EVENT.get(event_type, "")


def incident_days(date: DateRange, fatalities: int) -> list[IncidentDay]:
    """ACLED's rows for a date range: one a day for day precision (fatalities split evenly, the
    remainder on the first day); one on the mid-point for a week or a month; none vaguer."""
    if date.precision == "year":
        return []
    if date.precision != "day":
        middle = date.start + (date.end - date.start) / 2
        return [IncidentDay(middle, fatalities, None)]
    count = (date.end - date.start).days + 1
    if count <= 1:
        return [IncidentDay(date.start, fatalities, None)]
    share, remainder = divmod(fatalities, count)
    return [
        IncidentDay(date.start + dt.timedelta(days=i), share + (remainder if i == 0 else 0), (i + 1, count))
        for i in range(count)
    ]


def acled_event_id(incident: Incident, split: tuple[int, int] | None) -> str:
    """A stable ``event_id_cnty``: the country's alpha-3, the incident id, and the day when split."""
    place = incident.event.location
    found = country(place.country if place else None)
    prefix = found.alpha3 if found else UNKNOWN_COUNTRY
    base = f"{prefix}-{incident.id.removeprefix('inc-')}"
    return f"{base}-{split[0]}" if split else base


def acled_rows(
    incidents: Iterable[Incident],
    *,
    public: bool = False,
    timestamp: int | None = None,
    tally: Tally | None = None,
) -> Iterator[dict[str, str]]:
    """ACLED rows (column → text) for incidents, streamed; ``timestamp`` defaults to now."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    tally = tally if tally is not None else Tally()
    for incident in incidents:
        shown = public_incident(incident) if public else incident
        days = incident_days(shown.event.date, shown.conservative or 0) if shown.event.date else []
        tally.count(bool(days))
        for day in days:
            tally.rows += 1
            yield acled_row(shown, day, stamp)


def acled_row(incident: Incident, day: IncidentDay, timestamp: str) -> dict[str, str]:
    """One ACLED row for one day of an incident."""
    event, place = incident.event, incident.event.location
    first, second = sides(incident)
    found = country(place.country if place else None)
    date = event.date
    return {
        "event_id_cnty": acled_event_id(incident, day.split),
        "event_date": day.day.isoformat(),
        "year": str(day.day.year),
        "time_precision": str(date.acled_time_precision if date else 3),
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": first.name,
        "assoc_actor_1": first.associated_names,
        "inter1": _text(first.inter),
        "actor2": second.name,
        "assoc_actor_2": second.associated_names,
        "inter2": _text(second.inter),
        "interaction": interaction(first.inter, second.inter),
        "civilian_targeting": "Civilians targeted" if civilian_targeting(incident, second) else "",
        "iso": str(found.numeric) if found else "",
        "region": found.region if found else "",
        "country": found.name if found else (place.country or "" if place else ""),
        "admin1": _text(place.admin1 if place else None),
        "admin2": _text(place.admin2 if place else None),
        "admin3": _text(place.admin3 if place else None),
        "location": (place.name_en or place.name) if place else "",
        "latitude": _coordinate(place.lat if place else None),
        "longitude": _coordinate(place.lon if place else None),
        "geo_precision": str(place.precision) if place else "",
        "source": source_text(incident),
        "source_scale": "",
        "notes": notes(incident, day.day, day.fatalities, day.split),
        "fatalities": str(day.fatalities),
        "tags": "; ".join(event.tags),
        "timestamp": timestamp,
    }


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"
