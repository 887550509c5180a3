"""One incident mentioned several times in a report becomes one event with all its evidence.

Two events of one document merge when their sub-event types agree, their places agree (same
gazetteer id, or same name, or one has no place), and their dates overlap (or one has none). A
headline repeats the story it heads, so an event found only in the headline merges into the first
body event of the same type whatever its place. The merged event keeps the more specific value of
every field.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from tawthiq.records import Actor, Attribution, Casualties, DateRange, Event, Place

_AREA_KINDS = frozenset({"city", "town", "admin3", "admin2", "admin1", "region"})
_AREA_RADIUS_KM = {"city": 8.0, "town": 4.0, "admin3": 15.0, "admin2": 40.0, "admin1": 100.0, "region": 40.0}
_KIND_RANK = {"neighbourhood": 0, "landmark": 0, "camp": 0, "village": 1, "town": 1, "city": 2}


def merge_events(events: Iterable[Event], title_end: int = 0) -> list[Event]:
    """Merge the mentions of each incident, keeping text order."""
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: _in_title(e, title_end)):
        for index, kept in enumerate(merged):
            if _same_incident(kept, event, headline=_in_title(event, title_end)):
                merged[index] = combine_events(kept, event)
                break
        else:
            merged.append(event)
    return sorted(merged, key=lambda e: e.evidence[0].start if e.evidence else 0)


def _in_title(event: Event, title_end: int) -> bool:
    return bool(event.evidence) and event.evidence[0].end <= title_end


def _same_incident(a: Event, b: Event, headline: bool) -> bool:
    if headline:
        return a.event_type == b.event_type
    if a.sub_event_type != b.sub_event_type:
        return False
    return _same_place(a.location, b.location) and _same_time(a.date, b.date) and _compatible_actors(a, b)


def _same_place(a: Place | None, b: Place | None) -> bool:
    """Same place, or one inside the other (a city and one of its neighbourhoods)."""
    if a is None or b is None:
        return True
    if (a.gazetteer_id and a.gazetteer_id == b.gazetteer_id) or a.name == b.name:
        return True
    return _contains(a, b) or _contains(b, a)


def _contains(area: Place, place: Place) -> bool:
    if area.kind not in _AREA_KINDS or place.kind in _AREA_KINDS or area.kind == place.kind:
        return False
    if None in (area.lat, area.lon, place.lat, place.lon):
        return False
    return _km(area, place) <= _AREA_RADIUS_KM.get(area.kind or "", 10.0)


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    d_phi, d_lambda = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _same_time(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _compatible_actors(a: Event, b: Event) -> bool:
    def perpetrator(event: Event) -> str | None:
        return next((x.actor_id for x in event.actors if x.role == "perpetrator"), None)

    pa, pb = perpetrator(a), perpetrator(b)
    return pa is None or pb is None or pa == pb


def combine_events(a: Event, b: Event) -> Event:
    """One event from two mentions of it: the more specific value of every field."""
    return Event(
        event_type=a.event_type,
        sub_event_type=a.sub_event_type,
        date=_better_date(a.date, b.date),
        location=_better_place(a.location, b.location),
        actors=_union_actors(a.actors, b.actors),
        fatalities=_union_casualties(a.fatalities, b.fatalities),
        attribution=_union_attribution(a.attribution, b.attribution),
        evidence=a.evidence + tuple(s for s in b.evidence if s not in a.evidence),
        confidence=max(a.confidence, b.confidence),
        tags=tuple(sorted(set(a.tags) | set(b.tags))),
    )


def _union_attribution(a: tuple[Attribution, ...], b: tuple[Attribution, ...]) -> tuple[Attribution, ...]:
    """Each source once; a party's claim stays marked if either mention marked it."""
    merged: dict[tuple[str, int | None], Attribution] = {}
    for attribution in (*a, *b):
        key = (
            attribution.source_id or attribution.source,
            attribution.span.start if attribution.span else None,
        )
        kept = merged.get(key)
        if kept is None or (attribution.party_claim and not kept.party_claim):
            merged[key] = attribution
    return tuple(merged.values())


def _better_date(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    if a is None or b is None:
        return a or b
    return a if (a.end - a.start) <= (b.end - b.start) else b


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None or b is None:
        return a or b
    rank_a = (a.precision, _KIND_RANK.get(a.kind or "", 3))
    rank_b = (b.precision, _KIND_RANK.get(b.kind or "", 3))
    return a if rank_a <= rank_b else b


def _union_actors(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> tuple[Actor, ...]:
    roles = {x.role for x in a}
    return a + tuple(x for x in b if x.role not in roles)


def _union_casualties(a: Casualties, b: Casualties) -> Casualties:
    """Field by field, the figure stated (the lower one when both are, as ACLED codes)."""
    values = {}
    for name in Casualties.__dataclass_fields__:
        x, y = getattr(a, name), getattr(b, name)
        values[name] = y if x is None else x if y is None else min(x, y)
    return Casualties(**values)
