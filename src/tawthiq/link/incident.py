"""From a cluster of claims to an incident: canonical fields with provenance, the casualty range,
independent sources, disagreements and party claims.

Figures follow UCDP and ACLED: ``low`` is the lowest credible figure, ``high`` the highest, ``best``
the figure most independent sources give (the median when none is most cited), and ``conservative``
ACLED's lowest reported figure. A claim by a party to the war (its own statement, its media, or an
outlet affiliated with the perpetrator or the target) is kept and marked, but is not credible for
the range while any independent claim gives a figure.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from tawthiq.link.sides import NOT_A_PARTY, Sides, compatible
from tawthiq.records import Attribution, Claim, Event, Incident

T = TypeVar("T", bound=Hashable)

FAR_APART = 2
"""Figures are flagged as far apart when the highest exceeds this many times the lowest."""

FLAG_FIGURES = "figures_far_apart"
FLAG_PERPETRATORS = "perpetrators_differ"
FLAG_DATES = "dates_differ"
FLAG_TYPES = "types_differ"
FLAG_PARTY = "party_claim"
FLAG_PARTY_ONLY = "party_claims_only"
FLAG_DUPLICATE = "near_duplicate_reports"


def build_incident(
    incident_id: str,
    claims: Sequence[Claim],
    sides: Sides,
    *,
    status: str = "unreviewed",
    locked: bool = False,
) -> Incident:
    """The incident the claims describe; every claim is kept, marked when a party made it."""
    if not claims:
        raise ValueError(f"incident {incident_id!r} has no claims: an incident needs at least one")
    marked = tuple(
        dataclasses.replace(claim, party_claim=is_party_claim(claim, sides))
        for claim in sorted(claims, key=_claim_order)
    )
    credible = [claim for claim in marked if not claim.party_claim] or list(marked)
    low, best, high = casualty_range(credible)
    event, provenance = canonical_event(credible, marked, best)
    return Incident(
        id=incident_id,
        event=event,
        claims=marked,
        status=status,
        low=low,
        best=best,
        high=high,
        conservative=low,
        flags=disagreements(marked, credible, low, high, sides),
        provenance=provenance,
        locked=locked,
    )


def is_party_claim(claim: Claim, sides: Sides) -> bool:
    """Said by a party, by its media, or by an outlet on the side of the perpetrator or the target."""
    actors = {a.actor_id for a in claim.event.actors if a.actor_id and a.actor_id not in NOT_A_PARTY}
    affiliations = [a.affiliation for a in claim.event.attribution if a.affiliation]
    outlet = sides.outlet_affiliation(claim.outlet) if claim.outlet else None
    if outlet:
        affiliations.append(outlet)
    if any(a.party_claim for a in claim.event.attribution):
        return True
    return any(compatible(sides, side, actor) for side in affiliations for actor in sorted(actors))


def casualty_range(claims: Sequence[Claim]) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) of killed over the claims, one figure per independent source."""
    per_source: dict[str, tuple[int, int, int]] = {}
    for claim in claims:
        killed = claim.event.fatalities
        if killed.killed is None and killed.low is None:
            continue
        point = killed.killed if killed.killed is not None else killed.low
        assert point is not None
        low = min(x for x in (killed.low, point) if x is not None)
        high = max(x for x in (killed.high, point) if x is not None)
        seen = per_source.get(claim.source)
        per_source[claim.source] = (
            (low, point, high)
            if seen is None
            else (min(seen[0], low), max(seen[1], point), max(seen[2], high))
        )
    if not per_source:
        return None, None, None
    points = sorted(point for _, point, _ in per_source.values())
    return (
        min(low for low, _, _ in per_source.values()),
        _best(points),
        max(high for _, _, high in per_source.values()),
    )


def canonical_event(
    credible: Sequence[Claim], claims: Sequence[Claim], best: int | None
) -> tuple[Event, tuple[tuple[str, str], ...]]:
    """The incident's event, each field taken from the claim most sources support, with its provenance."""
    typed = _vote(credible, lambda c: (c.event.event_type, c.event.sub_event_type))
    dated = _vote([c for c in credible if c.event.date] or credible, _date_key)
    placed = _vote([c for c in credible if c.event.location] or credible, _place_key)
    blamed = _vote(credible, _perpetrator_key)
    counted = next((c for c in credible if _point(c) == best), typed)
    casualties = dataclasses.replace(counted.event.fatalities, killed=best)
    event = dataclasses.replace(
        typed.event,
        date=dated.event.date,
        location=placed.event.location,
        actors=blamed.event.actors,
        fatalities=casualties,
        attribution=_all_attributions(claims),
        confidence=max(c.event.confidence for c in claims),
        tags=tuple(sorted({tag for c in claims for tag in c.event.tags})),
    )
    provenance = (
        ("type", typed.event_id),
        ("date", dated.event_id),
        ("location", placed.event_id),
        ("actors", blamed.event_id),
        ("fatalities", counted.event_id),
    )
    return event, provenance


def disagreements(
    claims: Sequence[Claim], credible: Sequence[Claim], low: int | None, high: int | None, sides: Sides
) -> tuple[str, ...]:
    """What the claims disagree on, and what a reader must know about who made them."""
    flags = []
    if low is not None and high is not None and high > FAR_APART * low:
        flags.append(FLAG_FIGURES)
    if _perpetrators_differ(claims, sides):
        flags.append(FLAG_PERPETRATORS)
    if _dates_differ(claims):
        flags.append(FLAG_DATES)
    if len({c.event.sub_event_type for c in claims}) > 1:
        flags.append(FLAG_TYPES)
    if any(c.party_claim for c in claims):
        flags.append(FLAG_PARTY if any(not c.party_claim for c in credible) else FLAG_PARTY_ONLY)
    if any(c.duplicate_of for c in claims):
        flags.append(FLAG_DUPLICATE)
    return tuple(flags)


def incident_ids(
    clusters: Sequence[tuple[str, ...]], previous: Mapping[str, str]
) -> list[tuple[str, tuple[str, ...]]]:
    """An id for each cluster: the id of the earlier incident holding most of its events (each id
    used once), else one derived from its first event id, so ids survive re-linking."""
    wanted = []
    for cluster in clusters:
        counts = Counter(previous[e] for e in cluster if e in previous)
        for old, count in counts.items():
            wanted.append((-count, old, cluster[0]))
    taken: dict[str, str] = {}
    given: dict[str, str] = {}
    for _, old, first in sorted(wanted):
        if old not in taken and first not in given:
            taken[old], given[first] = first, old
    used = set(taken) | set(previous.values())
    named = []
    for cluster in clusters:
        chosen = given.get(cluster[0]) or _fresh_id(cluster, used)
        used.add(chosen)
        named.append((chosen, cluster))
    return named


def _fresh_id(cluster: tuple[str, ...], used: set[str]) -> str:
    first = cluster[0]
    digest = first[3:] if first.startswith("ev-") else hashlib.sha256(first.encode()).hexdigest()[:16]
    candidate = f"inc-{digest}"
    if candidate in used:
        candidate = f"inc-{hashlib.sha256('|'.join(cluster).encode()).hexdigest()[:16]}"
    return candidate


def _vote(claims: Sequence[Claim], key: Callable[[Claim], T | None]) -> Claim:
    """The first claim (in claim order) giving the value most independent sources give."""
    support: dict[T, set[str]] = {}
    for claim in claims:
        value = key(claim)
        if value is not None:
            support.setdefault(value, set()).add(claim.source)
    if not support:
        return claims[0]
    top = max(len(sources) for sources in support.values())
    for claim in claims:
        value = key(claim)
        if value is not None and len(support[value]) == top:
            return claim
    return claims[0]


def _best(points: Sequence[int]) -> int:
    """The most-cited figure when one is cited more than any other, else the (lower) median."""
    ranked = Counter(points).most_common()
    if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return points[(len(points) - 1) // 2]


def _point(claim: Claim) -> int | None:
    fatalities = claim.event.fatalities
    return fatalities.killed if fatalities.killed is not None else fatalities.low


def _date_key(claim: Claim) -> tuple[str, str] | None:
    date = claim.event.date
    return None if date is None else (date.start.isoformat(), date.end.isoformat())


def _place_key(claim: Claim) -> str | None:
    place = claim.event.location
    return None if place is None else place.gazetteer_id or place.name


def _perpetrator_key(claim: Claim) -> tuple[str, ...] | None:
    found = sorted({a.actor_id or a.name for a in claim.event.actors if a.role == "perpetrator"})
    return tuple(found) or None


def _perpetrators_differ(claims: Iterable[Claim], sides: Sides) -> bool:
    """Two claims that blame parties with nothing in common (allies included: who did it matters)."""
    blamed = [
        sorted(
            {a.actor_id for a in c.event.actors if a.actor_id and _is_named_perpetrator(a.actor_id, a.role)}
        )
        for c in claims
    ]
    named = [ids for ids in blamed if ids]
    return any(
        not any(compatible(sides, x, y) for x in first for y in second)
        for i, first in enumerate(named)
        for second in named[i + 1 :]
    )


def _is_named_perpetrator(actor_id: str, role: str) -> bool:
    return role == "perpetrator" and actor_id not in NOT_A_PARTY


def _dates_differ(claims: Sequence[Claim]) -> bool:
    dates = [c.event.date for c in claims if c.event.date is not None]
    return bool(dates) and max(d.start for d in dates) > min(d.end for d in dates)


def _all_attributions(claims: Iterable[Claim]) -> tuple[Attribution, ...]:
    seen: dict[tuple[str, str], Attribution] = {}
    for claim in claims:
        for attribution in claim.event.attribution:
            seen.setdefault((attribution.source, attribution.mention), attribution)
    return tuple(seen.values())


def _claim_order(claim: Claim) -> tuple[bool, int, str, str]:
    """Originals before copies, precise places first, then by document and event id."""
    place = claim.event.location
    return (
        claim.duplicate_of is not None,
        place.precision if place else 9,
        claim.document_id,
        claim.event_id,
    )
