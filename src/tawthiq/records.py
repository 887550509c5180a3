"""The records every stage shares.

All records are frozen dataclasses: a stage never mutates what it was given, it returns a new record
(``dataclasses.replace``). Offsets in a :class:`Span` always index the *cleaned* text of the
:class:`Document` the record belongs to, so any field can be traced back to the words it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["perpetrator", "target", "other"]
DatePrecision = Literal["day", "week", "month", "year"]

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
"""ACLED's event types and their sub-event types, exact strings."""

ACTOR_TYPES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
"""ACLED's eight actor types."""


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into a document's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end}): start must be >= 0 and <= end")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened, as an interval with the precision the text supports."""

    start: dt.date
    end: dt.date
    precision: DatePrecision = "day"
    span: Span | None = None

    @property
    def acled_time_precision(self) -> int:
        """ACLED time_precision: 1 day, 2 week, 3 month or vaguer."""
        return {"day": 1, "week": 2}.get(self.precision, 3)


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved (or, when ``gazetteer_id`` is None, unresolved but kept) location."""

    name: str
    name_en: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int = 3
    gazetteer_id: str | None = None
    kind: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A party to an event, resolved to the actor knowledge base when possible."""

    name: str
    role: Role
    type: str | None = None
    mention: str = ""
    actor_id: str | None = None
    hedged: bool = False
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Casualties:
    """Human harm reported for one event. ``None`` means *not stated*, never zero."""

    killed: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    fighters: int | None = None
    injured: int | None = None
    abducted: int | None = None
    arrested: int | None = None
    displaced: int | None = None
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: the source of a claim, and whether it is a party speaking of its own war."""

    source: str
    mention: str = ""
    source_id: str | None = None
    affiliation: str | None = None
    party_claim: bool = False
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One incident as one document reports it."""

    event_type: str
    sub_event_type: str
    date: DateRange | None = None
    location: Place | None = None
    actors: tuple[Actor, ...] = ()
    fatalities: Casualties = field(default_factory=Casualties)
    attribution: tuple[Attribution, ...] = ()
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        subs = EVENT_TYPES.get(self.event_type)
        if subs is None or self.sub_event_type not in subs:
            raise ValueError(f"not an ACLED event type: {self.event_type!r} / {self.sub_event_type!r}")


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A cumulative statistic ("173 civilians since June"): reported, but not an incident."""

    what: str
    value: int | None
    qualifier: str | None = None
    period: DateRange | None = None
    claimed_by: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one input could not be used. A batch records it and goes on."""

    origin: str
    code: str
    reason: str
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One report, from its original text to the events found in it.

    ``text`` is the cleaned text once the clean stage has run; ``raw_text`` is what came in.
    """

    id: str
    raw_text: str
    text: str = ""
    published: dt.date | None = None
    language: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    sha256: str | None = None
    html: bool = False
    sentences: tuple[Span, ...] = ()
    events: tuple[Event, ...] = ()
    aggregates: tuple[Aggregate, ...] = ()
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One document's account of an incident."""

    document_id: str
    event: Event
    outlet: str | None = None
    event_id: str = ""
    published: dt.date | None = None
    duplicate_of: str | None = None
    party_claim: bool = False

    @property
    def source(self) -> str:
        """The independent source this claim stands for: a syndicated copy stands for its original."""
        return self.duplicate_of or self.document_id


@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world incident, with every claim about it kept.

    ``low``/``best``/``high`` are the UCDP-style range of killed over credible claims, ``conservative``
    ACLED's figure (the lowest). ``provenance`` pairs each canonical field with the ``event_id`` of the
    claim it was taken from (``review:NAME`` when a person set it); ``locked`` means a person merged or
    split it and automatic runs keep that. ``status`` is its verification status
    (:data:`tawthiq.review.STATUSES`), ``overrides`` the field edits reviewers laid over the machine's
    event (already applied to ``event``), and ``version`` counts its changes, for optimistic locking.
    """

    id: str
    event: Event
    claims: tuple[Claim, ...]
    status: str = "unreviewed"
    low: int | None = None
    best: int | None = None
    high: int | None = None
    conservative: int | None = None
    flags: tuple[str, ...] = ()
    provenance: tuple[tuple[str, str], ...] = ()
    locked: bool = False
    overrides: tuple[tuple[str, str], ...] = ()
    version: int = 0
    updated_at: dt.datetime | None = None

    @property
    def sources(self) -> int:
        """Independent sources: documents, a near-duplicate copy counting as its original."""
        return len({c.source for c in self.claims})

    @property
    def reports(self) -> int:
        """Documents that report the incident, copies included."""
        return len({c.document_id for c in self.claims})
