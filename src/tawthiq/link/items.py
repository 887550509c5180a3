"""What linking compares, computed once per claim: flat, comparable features of a reported event."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from tawthiq.link.sides import NOT_A_PARTY
from tawthiq.records import Claim

UNDATED_LOOKBACK_DAYS = 2
"""An undated event in a dated report happened on the publication day or a day or two before."""

_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": None})


@dataclass(frozen=True, slots=True)
class LinkItem:
    """One claim as linking sees it. Dates are ordinals; ``dated`` is False when the day was inferred
    from the publication date."""

    index: int
    event_id: str
    document_id: str
    source: str
    family: str
    sub_event_type: str
    admin1: str
    admin2: str | None
    place_id: str | None
    place_name: str | None
    lat: float | None
    lon: float | None
    precision: int
    start: int
    end: int
    dated: bool
    perpetrators: frozenset[str]
    killed: int | None

    @property
    def block(self) -> tuple[str, str]:
        return (self.family, self.admin1)


def link_item(index: int, claim: Claim) -> LinkItem | None:
    """The claim's features, or None when it has no date at all (nothing to link it by)."""
    event, place = claim.event, claim.event.location
    span = _day_span(claim)
    if span is None:
        return None
    start, end, dated = span
    return LinkItem(
        index=index,
        event_id=claim.event_id,
        document_id=claim.document_id,
        source=claim.source,
        family=event.event_type,
        sub_event_type=event.sub_event_type,
        admin1=(place.admin1 or "").casefold() if place else "",
        admin2=place.admin2.casefold() if place and place.admin2 else None,
        place_id=place.gazetteer_id if place else None,
        place_name=fold_name(place.name_en or place.name) if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        precision=place.precision if place else 3,
        start=start,
        end=end,
        dated=dated,
        perpetrators=frozenset(
            a.actor_id
            for a in event.actors
            if a.role == "perpetrator" and a.actor_id and a.actor_id not in NOT_A_PARTY
        ),
        killed=event.fatalities.killed,
    )


def fold_name(name: str) -> str:
    """A place name with case, diacritics, Arabic letter variants and the article folded away."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_ARABIC_FOLD)
    words = [re.sub(r"^(al|el|ال)[- ]?", "", word) for word in re.findall(r"\w+", text)]
    return " ".join(w for w in words if w)


def _day_span(claim: Claim) -> tuple[int, int, bool] | None:
    date = claim.event.date
    if date is not None:
        return date.start.toordinal(), date.end.toordinal(), True
    if claim.published is not None:
        day = claim.published.toordinal()
        return day - UNDATED_LOOKBACK_DAYS, day, False
    return None


def day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)
