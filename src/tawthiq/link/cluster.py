"""Clustering: scored pairs joined strongest first (union-find), with guards against chaining.

The result depends only on the claims and locks, never on their order: pairs are sorted by score and
then by their event ids. A join is refused when the merged cluster would stretch beyond the date
window or the distance limit, would hold two events of one document (unless that pair passed the
stricter same-document threshold), or would undo a person's split. A person's merges are applied
first and always hold.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tawthiq.link.block import blocks, candidate_pairs
from tawthiq.link.compare import PRECISE, km_between, score
from tawthiq.link.config import DEFAULT_CONFIG, LinkConfig
from tawthiq.link.items import LinkItem, link_item
from tawthiq.link.locks import Lock
from tawthiq.link.sides import PlainSides, Sides
from tawthiq.records import Claim

SPREAD_FACTOR = 1.5
"""How far beyond ``max_km`` a cluster's extent may reach (two places each near a third)."""


@dataclass(slots=True)
class _Group:
    """What the guards need to know about one growing cluster."""

    first: int | None
    last: int | None
    documents: set[str]
    points: list[tuple[float, float]]
    splits: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    score: float
    first: str
    second: str


def link_claims(
    claims: Sequence[Claim],
    *,
    sides: Sides | None = None,
    config: LinkConfig = DEFAULT_CONFIG,
    locks: Sequence[Lock] = (),
) -> list[tuple[str, ...]]:
    """Group claims (by their ``event_id``, which must be unique) into incidents.

    Returns the groups of event ids, each sorted, in order of their first id; every claim is in one.
    """
    ordered = sorted(claims, key=lambda claim: claim.event_id)
    _check_unique(ordered)
    ids = [claim.event_id for claim in ordered]
    items = [item for i, claim in enumerate(ordered) if (item := link_item(i, claim)) is not None]
    pairs = scored_pairs(items, sides or PlainSides(), config)
    return _union(ids, ordered, items, pairs, locks, config)


def scored_pairs(items: Sequence[LinkItem], sides: Sides, config: LinkConfig) -> list[ScoredPair]:
    """Every candidate pair whose score reaches its threshold, strongest first (ties by event ids)."""
    found = []
    for block in blocks(items):
        for a, b in candidate_pairs(block, config):
            value = score(a, b, sides, config)
            needed = config.same_document_threshold if a.document_id == b.document_id else config.threshold
            if value is not None and value >= needed:
                first, second = sorted((a.event_id, b.event_id))
                found.append(ScoredPair(round(value, 6), first, second))
    found.sort(key=lambda pair: (-pair.score, pair.first, pair.second))
    return found


def _union(
    ids: list[str],
    claims: Sequence[Claim],
    items: Sequence[LinkItem],
    pairs: Iterable[ScoredPair],
    locks: Sequence[Lock],
    config: LinkConfig,
) -> list[tuple[str, ...]]:
    position = {event_id: i for i, event_id in enumerate(ids)}
    parent = list(range(len(ids)))
    groups = _initial_groups(claims, items, locks, position)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        if len(groups[a].documents) < len(groups[b].documents):
            a, b = b, a
        parent[b] = a
        groups[a] = _merged(groups[a], groups[b])

    for members in _effective_merges(locks, position):
        for other in members[1:]:
            root, root_other = find(members[0]), find(other)
            if root != root_other:
                join(root, root_other)
    for pair in pairs:
        a, b = find(position[pair.first]), find(position[pair.second])
        same_document = _same_document(claims, pair, position)
        if a != b and _may_join(groups[a], groups[b], same_document=same_document, config=config):
            join(a, b)
    return _collect(ids, [find(i) for i in range(len(ids))])


def _initial_groups(
    claims: Sequence[Claim], items: Sequence[LinkItem], locks: Sequence[Lock], position: dict[str, int]
) -> list[_Group]:
    by_index = {item.index: item for item in items}
    groups = []
    for i, claim in enumerate(claims):
        item = by_index.get(i)
        first, last = (item.start, item.start) if item else (None, None)
        points = (
            [(item.lat, item.lon)]
            if item and item.lat is not None and item.lon is not None and item.precision <= PRECISE + 1
            else []
        )
        groups.append(_Group(first, last, {claim.document_id}, points))
    for number, lock in enumerate(locks):
        if lock.kind != "split":
            continue
        for side, group in enumerate(lock.groups):
            for event_id in group:
                if event_id in position:
                    groups[position[event_id]].splits[number] = side
    return groups


def _effective_merges(locks: Sequence[Lock], position: dict[str, int]) -> list[list[int]]:
    """Merge groups as they stand after later splits have cut through earlier merges."""
    merges: list[set[str]] = []
    for lock in locks:
        if lock.kind == "merge":
            merges.append(set(lock.groups[0]))
            continue
        cut: list[set[str]] = []
        for merged in merges:
            parts = [merged & set(group) for group in lock.groups]
            rest = merged - lock.event_ids
            cut.extend(part for part in [*parts, rest] if part)
        merges = cut
    return [sorted(position[e] for e in merged if e in position) for merged in merges if merged]


def _may_join(a: _Group, b: _Group, *, same_document: bool, config: LinkConfig) -> bool:
    days = _days(a, b)
    if days is None or days[1] - days[0] > config.window_days:
        return False
    if a.documents & b.documents and not same_document:
        return False
    if any(b.splits.get(lock, side) != side for lock, side in a.splits.items()):
        return False
    return _spread_km(a.points + b.points) <= config.max_km * SPREAD_FACTOR


def _spread_km(points: list[tuple[float, float]]) -> float:
    if len(points) < 2:
        return 0.0
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return km_between(min(lats), min(lons), max(lats), max(lons))


def _days(a: _Group, b: _Group) -> tuple[int, int] | None:
    """The first and last start day of the two groups together; None if either is undated."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return None
    return min(a.first, b.first), max(a.last, b.last)


def _merged(a: _Group, b: _Group) -> _Group:
    days = _days(a, b)
    if days is not None:
        a.first, a.last = days
    elif a.first is None:
        a.first, a.last = b.first, b.last
    a.documents |= b.documents
    a.points.extend(b.points)
    a.splits.update(b.splits)
    return a


def _same_document(claims: Sequence[Claim], pair: ScoredPair, position: dict[str, int]) -> bool:
    return claims[position[pair.first]].document_id == claims[position[pair.second]].document_id


def _collect(ids: list[str], roots: list[int]) -> list[tuple[str, ...]]:
    members: dict[int, list[str]] = {}
    for event_id, root in zip(ids, roots, strict=True):
        members.setdefault(root, []).append(event_id)
    return sorted((tuple(group) for group in members.values()), key=lambda group: group[0])


def _check_unique(claims: Sequence[Claim]) -> None:
    for before, after in itertools.pairwise(claims):
        if before.event_id == after.event_id:
            raise ValueError(f"two claims share the event id {before.event_id!r}: each claim needs its own")
