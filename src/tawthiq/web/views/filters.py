"""The incident filters the list, the map and the timeline share, read from the query string.

A filter that cannot be read (a date typed as "yesterday") is left out and named in ``errors``, so
the page still answers and says what to fix instead of failing.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field

from fastapi import Request

from tawthiq.records import EVENT_TYPES
from tawthiq.review import STATUSES
from tawthiq.store.base import SORTS, IncidentQuery, Sort
from tawthiq.web.render import STATIC, parse_count, parse_date

FILTER_KEYS = ("since", "until", "admin1", "event_type", "perpetrator", "status", "min_killed", "q")


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader asked for: the store query, the raw form values (to refill the form) and the
    values that could not be read."""

    query: IncidentQuery
    values: dict[str, str]
    errors: tuple[str, ...] = field(default=())

    @property
    def active(self) -> bool:
        return any(self.values.get(key) for key in FILTER_KEYS)

    @property
    def query_string(self) -> str:
        """The filters as a query string, for links between list, map and timeline."""
        from urllib.parse import urlencode

        return urlencode({k: v for k, v in self.values.items() if v and k in FILTER_KEYS})


def read_filters(request: Request, *, default_sort: Sort = "-date") -> Filters:
    """The filters of this request; empty ones are ignored."""
    params = request.query_params
    values = {key: params.get(key, "").strip() for key in (*FILTER_KEYS, "sort")}
    errors: list[str] = []
    since = until = None
    min_killed = None
    try:
        since = parse_date(values["since"])
    except ValueError:
        errors.append(f"since: {values['since']!r} is not a date; type it as YYYY-MM-DD")
    try:
        until = parse_date(values["until"])
    except ValueError:
        errors.append(f"until: {values['until']!r} is not a date; type it as YYYY-MM-DD")
    try:
        min_killed = parse_count(values["min_killed"])
    except ValueError:
        errors.append(f"min_killed: {values['min_killed']!r} is not a whole number of 0 or more")
    status = values["status"] or None
    if status is not None and status not in STATUSES:
        errors.append(f"status: {status!r} is not one of {', '.join(STATUSES)}")
        status = None
    sort: Sort = next((s for s in SORTS if s == values["sort"]), default_sort)
    query = IncidentQuery(
        since=since,
        until=until,
        admin1=values["admin1"] or None,
        event_type=values["event_type"] or None,
        perpetrator=values["perpetrator"] or None,
        status=status,
        min_killed=min_killed,
        text=values["q"] or None,
        sort=sort,
    )
    return Filters(query, values, tuple(errors))


def event_type_options() -> list[tuple[str, tuple[str, ...]]]:
    """ACLED's event types, each with its sub-event types, for the filter and edit forms."""
    return list(EVENT_TYPES.items())


@functools.cache
def governorates() -> tuple[tuple[str, str], ...]:
    """The 14 governorates (English name as stored, Arabic name), from the shipped basemap."""
    path = STATIC / "basemap" / "syria.geojson"
    if not path.exists():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {
        (feature["properties"]["name_en"], feature["properties"]["name_ar"])
        for feature in data["features"]
        if feature["properties"]["level"] == 1
    }
    return tuple(sorted(found))
