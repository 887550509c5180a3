"""What a person may decide about an incident, as pure functions: the assessment scale and field edits.

A reviewer never overwrites what the machine proposed. Their edits are kept apart, as *overrides*
(field name → value as typed), and laid over the machine's canonical event whenever the incident is
read; re-linking recomputes the machine's event and the overrides still apply. Clearing an override
brings the machine's value back. The audit log keeps every value that was there before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from tawthiq.records import EVENT_TYPES, Actor, Casualties, DateRange, Event, Place

ASSESSMENTS = ("confirmed", "fair", "weak", "contested", "discounted")
"""Airwars' graded assessment of an incident, strongest first."""

UNREVIEWED = "unreviewed"
STATUSES = (UNREVIEWED, *ASSESSMENTS)
"""Every verification status an incident can have: not yet reviewed, or an assessment."""

MAX_NOTE_LENGTH = 10_000
"""The longest note a reviewer may keep, in characters; the store refuses a longer one."""

REVIEWER = "review:"
"""Provenance prefix of a field a person set (``review:alice``), instead of a claim's event id."""


class ReviewError(ValueError):
    """A review action that cannot be applied; the message says what to change."""


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ReviewError("the value is empty: type a value, or clear the field to restore the machine's")
    if len(value) > 500:
        raise ReviewError("the value is longer than 500 characters: shorten it")
    return value


def _count(value: str) -> str:
    value = value.strip()
    if not value.isdigit() or len(value) > 7:
        raise ReviewError(f"{value!r} is not a count: type a whole number from 0 to 9999999")
    return str(int(value))


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ReviewError(f"{value!r} is not a date: type it as YYYY-MM-DD") from None


def _coordinate(low: float, high: float) -> Callable[[str], str]:
    def parse(value: str) -> str:
        try:
            number = float(value.strip())
        except ValueError:
            raise ReviewError(f"{value!r} is not a coordinate: type decimal degrees") from None
        if not low <= number <= high:
            raise ReviewError(f"{number} is out of range: a coordinate here lies in [{low}, {high}]")
        return repr(round(number, 6))

    return parse


def _event_type(value: str) -> str:
    value = value.strip()
    if value not in EVENT_TYPES:
        raise ReviewError(f"{value!r} is not an ACLED event type: choose one of {', '.join(EVENT_TYPES)}")
    return value


def _sub_event_type(value: str) -> str:
    value = value.strip()
    if not any(value in subs for subs in EVENT_TYPES.values()):
        raise ReviewError(f"{value!r} is not an ACLED sub-event type: choose one listed for its event type")
    return value


EDITABLE_FIELDS: dict[str, Callable[[str], str]] = {
    "event_type": _event_type,
    "sub_event_type": _sub_event_type,
    "date_start": _day,
    "date_end": _day,
    "place": _text,
    "admin1": _text,
    "admin2": _text,
    "lat": _coordinate(-90.0, 90.0),
    "lon": _coordinate(-180.0, 180.0),
    "perpetrator": _text,
    "target": _text,
    "killed": _count,
    "civilians": _count,
    "children": _count,
    "women": _count,
    "injured": _count,
}
"""The fields a reviewer may edit, each with the check that turns what they typed into a stored value."""

_CASUALTY_FIELDS = ("killed", "civilians", "children", "women", "injured")


def validate_edits(edits: Mapping[str, str | None]) -> dict[str, str | None]:
    """Check and normalise edits; ``None`` (or an empty string) clears an override."""
    cleaned: dict[str, str | None] = {}
    for name, value in edits.items():
        parse = EDITABLE_FIELDS.get(name)
        if parse is None:
            raise ReviewError(f"{name!r} cannot be edited: editable fields are {', '.join(EDITABLE_FIELDS)}")
        cleaned[name] = None if value is None or not value.strip() else parse(value)
    return cleaned


def merged_overrides(
    current: Mapping[str, str], edits: Mapping[str, str | None]
) -> tuple[tuple[str, str], ...]:
    """The overrides after ``edits`` (already validated): set values replace, ``None`` clears."""
    result = dict(current)
    for name, value in edits.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return tuple(sorted(result.items()))


def apply_overrides(event: Event, overrides: Iterable[tuple[str, str]]) -> Event:
    """The event as the reviewers left it: the machine's event with each override laid over it."""
    values = dict(overrides)
    if not values:
        return event
    event_type = values.get("event_type", event.event_type)
    sub_event_type = values.get("sub_event_type", event.sub_event_type)
    if sub_event_type not in EVENT_TYPES[event_type]:
        # A type edited without its sub-type: the first sub-type of the new type, never an invalid pair.
        sub_event_type = EVENT_TYPES[event_type][0]
    return dataclasses.replace(
        event,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=_date(event.date, values),
        location=_place(event.location, values),
        actors=_actors(event.actors, values),
        fatalities=_casualties(event.fatalities, values),
    )


def _date(date: DateRange | None, values: Mapping[str, str]) -> DateRange | None:
    if "date_start" not in values and "date_end" not in values:
        return date
    start = values.get("date_start") or values.get("date_end")
    end = values.get("date_end") or values.get("date_start")
    assert start is not None and end is not None
    first, last = sorted((dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    if date is not None and "date_start" not in values:
        first = min(date.start, last)
    if date is not None and "date_end" not in values:
        last = max(date.end, first)
    span = (last - first).days
    return DateRange(first, last, "day" if span == 0 else "week" if span < 7 else "month")


def _place(place: Place | None, values: Mapping[str, str]) -> Place | None:
    keys = ("place", "admin1", "admin2", "lat", "lon")
    if not any(key in values for key in keys):
        return place
    base = place or Place(name=values.get("place", ""))
    changes: dict[str, object] = {}
    if "place" in values:
        changes.update(name=values["place"], name_en=None, gazetteer_id=None, span=None)
    for key in ("admin1", "admin2"):
        if key in values:
            changes[key] = values[key]
    for key in ("lat", "lon"):
        if key in values:
            changes[key] = float(values[key])
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _actors(actors: tuple[Actor, ...], values: Mapping[str, str]) -> tuple[Actor, ...]:
    result = list(actors)
    for role in ("perpetrator", "target"):
        if role in values:
            kept = [a for a in result if a.role != role]
            result = [Actor(name=values[role], role=role, mention=values[role]), *kept]
    return tuple(result)


def _casualties(casualties: Casualties, values: Mapping[str, str]) -> Casualties:
    changes = {name: int(values[name]) for name in _CASUALTY_FIELDS if name in values}
    return dataclasses.replace(casualties, **changes) if changes else casualties


def field_values(event: Event) -> dict[str, str]:
    """Each editable field's current value as text, for a form or a before/after record."""
    date, place, casualties = event.date, event.location, event.fatalities
    values = {
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "date_start": date.start.isoformat() if date else "",
        "date_end": date.end.isoformat() if date else "",
        "place": place.name if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "lat": "" if place is None or place.lat is None else repr(place.lat),
        "lon": "" if place is None or place.lon is None else repr(place.lon),
        "perpetrator": actor_name(event, "perpetrator") or "",
        "target": actor_name(event, "target") or "",
    }
    for name in _CASUALTY_FIELDS:
        count = getattr(casualties, name)
        values[name] = "" if count is None else str(count)
    return values


def actor_name(event: Event, role: str) -> str | None:
    """The first actor of ``role`` (``perpetrator`` or ``target``), by its canonical name."""
    return next((actor.name for actor in event.actors if actor.role == role), None)


def check_status(status: str) -> str:
    """``status`` if it is on the scale, else a :class:`ReviewError` listing the scale."""
    if status not in STATUSES:
        raise ReviewError(f"{status!r} is not an assessment: choose one of {', '.join(STATUSES)}")
    return status
