"""Fields every export derives the same way from an incident: sides, sources, notes, a flat record.

ACLED's coding rules decide the sides: the perpetrators are ``actor1`` (the first; the others are its
associated actors), the targets ``actor2``; in Violence against civilians the victims are always
``actor2``, civilians of the event's country when the report named no target. A target with no named
perpetrator is attacked by an "Unidentified Armed Group" of the event's country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from tawthiq.export.countries import country
from tawthiq.records import ACTOR_TYPES, Actor, Incident

INTER_CODES: dict[str, int] = {name: code for code, name in enumerate(ACTOR_TYPES, start=1)}
"""ACLED's numeric inter codes: State forces 1 … External/Other forces 8."""

CIVILIANS = "Civilians"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
UNIDENTIFIED = "Unidentified Armed Group"
UNIDENTIFIED_TYPE = "Political militia"
"""ACLED codes an unidentified armed group as a political militia (inter 3)."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an event: its main actor and the actors associated with it."""

    actor: Actor | None
    associated: tuple[Actor, ...] = ()

    @property
    def name(self) -> str:
        return self.actor.name if self.actor else ""

    @property
    def associated_names(self) -> str:
        return "; ".join(a.name for a in self.associated)

    @property
    def inter(self) -> int | None:
        """The ACLED inter code of the main actor's type (None when the type is unknown)."""
        return INTER_CODES.get(self.actor.type or "") if self.actor else None


def sides(incident: Incident) -> tuple[Side, Side]:
    """ACLED's actor1 and actor2 sides of the incident's canonical event."""
    event = incident.event
    perpetrators = [a for a in event.actors if a.role == "perpetrator"]
    targets = [a for a in event.actors if a.role == "target"]
    if not targets and event.event_type == VIOLENCE_AGAINST_CIVILIANS:
        targets = [Actor(name=civilians_of(incident), role="target", type=CIVILIANS)]
    if not perpetrators and targets:
        perpetrators = [Actor(name=unidentified_of(incident), role="perpetrator", type=UNIDENTIFIED_TYPE)]
    return _side(perpetrators), _side(targets)


def civilians_of(incident: Incident) -> str:
    """ACLED's name for unnamed victims: "Civilians (Syria)"."""
    place = incident.event.location
    found = country(place.country if place else None)
    return f"{CIVILIANS} ({found.name})" if found else CIVILIANS


def unidentified_of(incident: Incident) -> str:
    """ACLED's name for an unnamed perpetrator: "Unidentified Armed Group (Syria)"."""
    place = incident.event.location
    found = country(place.country if place else None)
    return f"{UNIDENTIFIED} ({found.name})" if found else UNIDENTIFIED


def _side(actors: list[Actor]) -> Side:
    return Side(actors[0], tuple(actors[1:])) if actors else Side(None)


def interaction(first: int | None, second: int | None) -> str:
    """ACLED's interaction code: the two inter codes sorted low to high, "X0" for one actor."""
    codes = sorted(code for code in (first, second) if code is not None)
    if not codes:
        return ""
    return f"{codes[0]}0" if len(codes) == 1 else f"{codes[0]}{codes[1]}"


def civilian_targeting(incident: Incident, target: Side) -> bool:
    """Civilians were the main or only target (ACLED: not when they were harmed incidentally)."""
    event = incident.event
    target_type = target.actor.type if target.actor else None
    return event.event_type == VIOLENCE_AGAINST_CIVILIANS or target_type == CIVILIANS


@dataclass(frozen=True, slots=True)
class Source:
    """Who reported the incident, and whether that source is a party to it."""

    name: str
    party: bool


def sources(incident: Incident) -> tuple[Source, ...]:
    """The sources of every claim, in claim order, each once: the attributed source, else the outlet."""
    seen: dict[str, bool] = {}
    for claim in incident.claims:
        named = [(a.source, a.party_claim) for a in claim.event.attribution]
        if not named and claim.outlet:
            named = [(claim.outlet, claim.party_claim)]
        for name, party in named:
            seen[name] = seen.get(name, False) or party
    return tuple(Source(name, party) for name, party in seen.items())


def source_text(incident: Incident) -> str:
    """ACLED's ``source``: the sources joined with "; "."""
    return "; ".join(s.name for s in sources(incident))


_PHRASES: dict[str, tuple[str, str]] = {
    "Armed clash": ("clashed with {target}", "were involved in an armed clash"),
    "Government regains territory": ("regained territory from {target}", "regained territory"),
    "Non-state actor overtakes territory": ("took territory from {target}", "took territory"),
    "Chemical weapon": ("used a chemical weapon against {target}", "used a chemical weapon"),
    "Air/drone strike": ("carried out an air/drone strike on {target}", "carried out an air/drone strike"),
    "Suicide bomb": ("carried out a suicide bombing against {target}", "carried out a suicide bombing"),
    "Shelling/artillery/missile attack": ("shelled {target}", "carried out shelling"),
    "Remote explosive/landmine/IED": (
        "detonated an explosive device against {target}",
        "detonated an explosive device",
    ),
    "Grenade": ("threw a grenade at {target}", "threw a grenade"),
    "Sexual violence": ("committed sexual violence against {target}", "committed sexual violence"),
    "Attack": ("attacked {target}", "carried out an attack"),
    "Abduction/forced disappearance": ("abducted {target}", "abducted people"),
    "Arrests": ("arrested {target}", "made arrests"),
    "Looting/property destruction": (
        "looted or destroyed property of {target}",
        "looted or destroyed property",
    ),
}


def notes(incident: Incident, day: dt.date | None, fatalities: int, split: tuple[int, int] | None) -> str:
    """ACLED's English ``notes`` sentence, built from canonical fields only (never a report's words).

    ``split`` is (this day, of days) when a multi-day incident was split into one row per day.
    """
    first, second = sides(incident)
    event = incident.event
    when = f"On {_day_text(day)}, " if day else ""
    subject = first.name or "Unidentified actors"
    if first.associated:
        subject += f" (with {first.associated_names})"
    with_target, alone = _PHRASES.get(
        event.sub_event_type,
        (f"were involved in an event coded {event.sub_event_type} with {{target}}", ""),
    )
    alone = alone or f"were involved in an event coded {event.sub_event_type}"
    action = with_target.format(target=second.name) if second.actor else alone
    sentence = f"{when}{subject} {action}{_where(incident)}"
    if fatalities:
        sentence += f"; {fatalities} {'fatality' if fatalities == 1 else 'fatalities'}"
    if split:
        sentence += f" (day {split[0]} of {split[1]}; fatalities split evenly across the days)"
    cited = sources(incident)
    if cited:
        sentence += ", according to " + _joined(_cited(s) for s in cited)
    return sentence + "."


def _day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _where(incident: Incident) -> str:
    place = incident.event.location
    if place is None:
        return ""
    name = place.name_en or place.name
    return f" in {name} ({place.admin1})" if place.admin1 and place.admin1 != name else f" in {name}"


def _cited(source: Source) -> str:
    return f"{source.name} (a party to the event)" if source.party else source.name


def _joined(parts: Iterable[str]) -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


ColumnKind = Literal["str", "int", "float", "date"]

FLAT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("incident_id", "str"),
    ("status", "str"),
    ("date_start", "date"),
    ("date_end", "date"),
    ("date_precision", "str"),
    ("event_type", "str"),
    ("sub_event_type", "str"),
    ("actor1", "str"),
    ("assoc_actor_1", "str"),
    ("inter1", "int"),
    ("actor2", "str"),
    ("assoc_actor_2", "str"),
    ("inter2", "int"),
    ("interaction", "str"),
    ("civilian_targeting", "str"),
    ("country", "str"),
    ("admin1", "str"),
    ("admin2", "str"),
    ("admin3", "str"),
    ("location", "str"),
    ("location_ar", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("geo_precision", "int"),
    ("low", "int"),
    ("best", "int"),
    ("high", "int"),
    ("conservative", "int"),
    ("killed_civilians", "int"),
    ("injured", "int"),
    ("sources", "int"),
    ("reports", "int"),
    ("claims", "int"),
    ("flags", "str"),
    ("source", "str"),
    ("notes", "str"),
)
"""One row per incident for GeoJSON properties, Parquet, XLSX and pandas: names and value kinds."""

FlatValue = str | int | float | dt.date | None


def flat_record(incident: Incident) -> dict[str, FlatValue]:
    """One incident as a flat record of :data:`FLAT_COLUMNS` (None where not known)."""
    event, place = incident.event, incident.event.location
    first, second = sides(incident)
    found = country(place.country if place else None)
    return {
        "incident_id": incident.id,
        "status": incident.status,
        "date_start": event.date.start if event.date else None,
        "date_end": event.date.end if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": first.name or None,
        "assoc_actor_1": first.associated_names or None,
        "inter1": first.inter,
        "actor2": second.name or None,
        "assoc_actor_2": second.associated_names or None,
        "inter2": second.inter,
        "interaction": interaction(first.inter, second.inter) or None,
        "civilian_targeting": "Civilians targeted" if civilian_targeting(incident, second) else None,
        "country": found.name if found else (place.country if place else None),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": place.admin3 if place else None,
        "location": (place.name_en or place.name) if place else None,
        "location_ar": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.precision if place else None,
        "low": incident.low,
        "best": incident.best,
        "high": incident.high,
        "conservative": incident.conservative,
        "killed_civilians": event.fatalities.civilians,
        "injured": event.fatalities.injured,
        "sources": incident.sources,
        "reports": incident.reports,
        "claims": len(incident.claims),
        "flags": ";".join(incident.flags) or None,
        "source": source_text(incident) or None,
        "notes": notes(incident, event.date.start if event.date else None, incident.conservative or 0, None),
    }
