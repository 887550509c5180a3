"""Pairwise comparison: how much two reports look like one incident, as a sum of evidence weights.

Each feature adds or takes away evidence; a hard mismatch (days or tens of kilometres apart) returns
None, which no threshold can link. Weights are hand-set and checked by the linking test set
(tests/link), not learned: documentation teams must be able to read why two reports were joined.
"""

from __future__ import annotations

import math

from tawthiq.link.config import LinkConfig
from tawthiq.link.items import LinkItem
from tawthiq.link.sides import Sides, allied, compatible

NEAR_KM = 3.0
"""Two points this close are one place (a neighbourhood and its city's centroid)."""

PRECISE = 1
"""ACLED geo_precision of a named place."""


def score(a: LinkItem, b: LinkItem, sides: Sides, config: LinkConfig) -> float | None:
    """Evidence that ``a`` and ``b`` report one incident, or None when they cannot."""
    date = date_score(a, b, config)
    place = place_score(a, b, config)
    if date is None or place is None:
        return None
    return date + place + type_score(a, b) + actor_score(a, b, sides) + casualty_score(a, b)


def date_score(a: LinkItem, b: LinkItem, config: LinkConfig) -> float | None:
    """Overlapping days count most; each day apart counts less; beyond the window, never."""
    gap = max(a.start, b.start) - min(a.end, b.end)
    if gap > config.window_days:
        return None
    if not (a.dated and b.dated):
        return 0.5 if gap <= 0 else 0.0
    return (1.5, 0.8, 0.2, -0.5)[min(max(gap, 0), 3)]


def place_score(a: LinkItem, b: LinkItem, config: LinkConfig) -> float | None:
    """The same gazetteer entry or name is strong evidence; two named places apart are against."""
    if a.place_id is not None and a.place_id == b.place_id:
        return 2.0
    if a.place_name and a.place_name == b.place_name:
        return 1.5
    distance = distance_km(a, b)
    if distance is None:
        return _admin_score(a, b)
    if distance > config.max_km:
        return None if max(a.precision, b.precision) <= PRECISE else -0.5
    if distance <= NEAR_KM:
        return 1.0
    if a.precision == PRECISE and b.precision == PRECISE:
        return -1.5
    return 0.2


def type_score(a: LinkItem, b: LinkItem) -> float:
    """The same ACLED sub-event type; a different one in the same family is mild counter-evidence."""
    return 1.0 if a.sub_event_type == b.sub_event_type else -0.3


def actor_score(a: LinkItem, b: LinkItem, sides: Sides) -> float:
    """The same perpetrator agrees; allies (partisan blame) agree a little; enemies disagree."""
    if not (a.perpetrators and b.perpetrators):
        return 0.0
    pairs = [(x, y) for x in sorted(a.perpetrators) for y in sorted(b.perpetrators)]
    if any(compatible(sides, x, y) for x, y in pairs):
        return 1.0
    if any(allied(x, y) for x, y in pairs):
        return 0.3
    return -1.5


def casualty_score(a: LinkItem, b: LinkItem) -> float:
    """Equal tolls agree; tolls rise as bodies are found, so only far-apart ones count against."""
    if a.killed is None or b.killed is None:
        return 0.0
    if a.killed == b.killed:
        return 1.0
    low, high = sorted((a.killed, b.killed))
    ratio = low / high
    if ratio >= 0.5:
        return 0.5
    return 0.0 if ratio >= 0.25 else -1.0


def distance_km(a: LinkItem, b: LinkItem) -> float | None:
    """Equirectangular distance: exact enough at Syria's scale, and cheap for a million pairs."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return km_between(a.lat, a.lon, b.lat, b.lon)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def _admin_score(a: LinkItem, b: LinkItem) -> float:
    if a.admin2 and b.admin2:
        return 0.5 if a.admin2 == b.admin2 else -1.0
    return 0.0
