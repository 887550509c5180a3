"""What a public export leaves out: the words of the reports, which may name victims and witnesses.

A public export keeps canonical, knowledge-base fields only. Restricted are: actor mentions (the words
a report used for a party), attribution mentions, evidence spans and any evidence text, and the
character spans that point into a report's text. An actor the knowledge base did not resolve keeps
only its type, never the name a report gave it.
"""

from __future__ import annotations

import dataclasses

from tawthiq.records import Actor, Attribution, Claim, Event, Incident, Place
from tawthiq.review import REVIEWER

RESTRICTED_FIELDS = (
    "actor.mention",
    "actor.span",
    "actor.name (unresolved actors)",
    "attribution.mention",
    "attribution.span",
    "event.evidence",
    "place.span",
    "date.span",
    "evidence_text",
    "overrides",
    "provenance reviewer names",
)
"""The fields a ``public=True`` export drops; docs/output.md lists them too."""

UNRESOLVED_ACTOR = "Unidentified actor"

REVIEWED = "review"
"""A public record's provenance for a field a person set: that a reviewer did, never who."""


def public_actor(actor: Actor) -> Actor:
    """An actor without the report's words; an unresolved one named by its type only."""
    name = actor.name if actor.actor_id else f"{UNRESOLVED_ACTOR} ({actor.type or 'type unknown'})"
    return dataclasses.replace(actor, name=name, mention="", span=None)


def public_attribution(attribution: Attribution) -> Attribution:
    return dataclasses.replace(attribution, mention="", span=None)


def public_place(place: Place | None) -> Place | None:
    return None if place is None else dataclasses.replace(place, span=None)


def public_event(event: Event) -> Event:
    """The event with every restricted field dropped."""
    return dataclasses.replace(
        event,
        date=dataclasses.replace(event.date, span=None) if event.date else None,
        location=public_place(event.location),
        actors=tuple(public_actor(a) for a in event.actors),
        attribution=tuple(public_attribution(a) for a in event.attribution),
        evidence=(),
    )


def public_claim(claim: Claim) -> Claim:
    return dataclasses.replace(claim, event=public_event(claim.event))


def public_incident(incident: Incident) -> Incident:
    """The incident, its canonical event and every claim with restricted fields dropped; reviewers'
    overrides (values a person typed, which may name people) and reviewers' names go too."""
    return dataclasses.replace(
        incident,
        event=public_event(incident.event),
        claims=tuple(public_claim(c) for c in incident.claims),
        overrides=(),
        provenance=tuple(
            (name, REVIEWED if source.startswith(REVIEWER) else source)
            for name, source in incident.provenance
        ),
    )
