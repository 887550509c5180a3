"""Who is on whose side, as linking needs it: the actor knowledge base behind a small protocol.

Outlets blame the same strike on different members of one camp ("Russian jets" / "regime
warplanes"), so two reports whose perpetrators are allies are compatible, only less so than the same
perpetrator. The knowledge base knows command structure (``same_side``); the camps below add the
alliances of the Syrian war, which it deliberately does not claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

CAMPS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "syria_gov",
            "syria_police",
            "ndf",
            "ldf",
            "russia",
            "wagner",
            "iran",
            "iran_militias",
            "hezbollah",
            "fatemiyoun",
            "zainabiyoun",
            "nujaba",
            "asaib",
            "kataib_hezbollah",
            "abu_fadl_abbas",
            "liwa_al_quds",
            "iraqi_militias",
        }
    ),
    frozenset({"coalition", "usa", "sdf", "ypg", "ypj", "asayish", "maghawir"}),
    frozenset(
        {"turkey", "sna", "hamza_division", "sultan_murad", "suleiman_shah", "mutasim", "levant_front"}
    ),
)
"""Allied camps (actor ids of the knowledge base): reports blaming two members of one camp agree loosely."""

NOT_A_PARTY = frozenset({"civilians", "unidentified", "ambiguous_label"})
"""Actor ids that say nothing about who did it."""


class Sides(Protocol):
    """What linking asks about actors; :func:`knowledge_sides` answers from the knowledge base."""

    def related(self, first: str, second: str) -> bool: ...

    def same_side(self, first: str, second: str) -> bool: ...

    def outlet_affiliation(self, outlet: str) -> str | None: ...


@dataclass(frozen=True)
class KnowledgeSides:
    """:class:`Sides` from the actor knowledge base, plus the outlets it knows to belong to a party."""

    related_fn: Callable[[str, str], bool]
    same_side_fn: Callable[[str, str], bool]
    outlets: dict[str, str] = field(default_factory=dict)

    def related(self, first: str, second: str) -> bool:
        return self.related_fn(first, second)

    def same_side(self, first: str, second: str) -> bool:
        return self.same_side_fn(first, second)

    def outlet_affiliation(self, outlet: str) -> str | None:
        return self.outlets.get(_outlet_key(outlet))


@dataclass(frozen=True)
class PlainSides:
    """:class:`Sides` with no knowledge base: only identical ids agree (tests, synthetic benchmarks)."""

    outlets: dict[str, str] = field(default_factory=dict)

    def related(self, first: str, second: str) -> bool:
        return first == second

    def same_side(self, first: str, second: str) -> bool:
        return first == second

    def outlet_affiliation(self, outlet: str) -> str | None:
        return self.outlets.get(_outlet_key(outlet))


def knowledge_sides() -> KnowledgeSides:
    """Sides answered by :func:`tawthiq.knowledge.load_knowledge` (loaded once per process)."""
    from tawthiq.knowledge import load_knowledge

    knowledge = load_knowledge()
    outlets = _affiliated_outlets(
        (source.id, source.name, source.affiliation) for source in knowledge.actors.sources
    )
    return KnowledgeSides(knowledge.related, knowledge.same_side, outlets)


def compatible(sides: Sides, first: str, second: str) -> bool:
    """The same actor, one inside the other, or one organisation."""
    return first == second or sides.related(first, second) or sides.same_side(first, second)


def allied(first: str, second: str) -> bool:
    """Both in one of the war's camps (:data:`CAMPS`)."""
    return any(first in camp and second in camp for camp in CAMPS)


def _affiliated_outlets(sources: Iterable[tuple[str, str, str | None]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for source_id, name, affiliation in sources:
        if affiliation:
            found[_outlet_key(source_id)] = affiliation
            found[_outlet_key(name)] = affiliation
    return found


def _outlet_key(outlet: str) -> str:
    return "_".join(outlet.casefold().replace("-", " ").split())
