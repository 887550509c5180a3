"""What tawthiq knows: places (gazetteer), parties and sources (actor KB), triggers and cues.

:func:`load_knowledge` reads the compiled package data once per process (and the user's imported
gazetteer, when there is one); the pipeline's stages receive the loaded :class:`Knowledge` and do
no I/O of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from tawthiq.knowledge.actors import ActorKB, ActorRecord
from tawthiq.knowledge.cues import Lexicons, load_lexicons
from tawthiq.knowledge.gazetteer import Gazetteer, PlaceMention
from tawthiq.records import Actor, Place, Role, Span

if TYPE_CHECKING:
    from tawthiq.pipeline.mentions import ActorHit, PlaceHit

__all__ = ["Knowledge", "load_knowledge"]

_KIND_RANK = {
    "neighbourhood": 0,
    "landmark": 0,
    "camp": 0,
    "village": 1,
    "town": 1,
    "city": 2,
    "admin3": 3,
    "region": 4,
    "admin2": 4,
    "admin1": 5,
    "country": 6,
}


@dataclass(frozen=True)
class Knowledge:
    """The loaded knowledge bases, with the few questions the pipeline asks of them."""

    gazetteer: Gazetteer
    actors: ActorKB
    lexicons: Lexicons

    def actor_record(self, actor_id: str) -> ActorRecord:
        return self.actors.get(actor_id)

    def actor(self, hit: ActorHit, role: Role, text: str, hedged: bool = False) -> Actor:
        """The neutral record of a party mention: canonical name and ACLED type, words as written."""
        record = self.actors.get(hit.actor_id)
        return Actor(
            name=record.name,
            role=role,
            type=self.actors.acled_type(hit.actor_id),
            mention=text[hit.start : hit.end],
            actor_id=hit.actor_id,
            hedged=hedged,
            span=Span(hit.start, hit.end),
        )

    def related(self, first: str, second: str) -> bool:
        """True when one is the other or contains it (YPG within SDF; an SNA faction within SNA)."""
        try:
            return first in self.actors.lineage(second) or second in self.actors.lineage(first)
        except KeyError:
            return first == second

    def same_side(self, first: str, second: str) -> bool:
        try:
            return self.actors.same_side(first, second)
        except KeyError:
            return False

    def resolve_place(
        self,
        hits: Sequence[PlaceHit],
        anchor: int,
        every_place: Sequence[PlaceHit],
        cache: dict[int, Place] | None = None,
    ) -> Place | None:
        """The most specific place among ``hits`` (nearest to ``anchor`` among equals), resolved
        with the rest of the document's places as context. ``cache`` (one per document) keeps each
        mention from being resolved twice."""
        memo = {} if cache is None else cache
        document_places: list[PlaceMention] | None = None  # built only when a mention is new
        resolved = []
        for hit in hits:
            if not isinstance(hit.handle, PlaceMention):
                continue
            if id(hit.handle) not in memo:
                if document_places is None:
                    document_places = [h.handle for h in every_place if isinstance(h.handle, PlaceMention)]
                memo[id(hit.handle)] = self.gazetteer.resolve(hit.handle, document_places)
            resolved.append((memo[id(hit.handle)], hit))
        if not resolved:
            return None
        place, _ = min(resolved, key=lambda pair: _specificity(pair[0], pair[1], anchor))
        return place


def _specificity(place: Place, hit: PlaceHit, anchor: int) -> tuple[int, int, int, int]:
    unknown = 1 if place.gazetteer_id is None and place.lat is None else 0
    return (place.precision, unknown, _KIND_RANK.get(place.kind or "", 3), abs(hit.start - anchor))


@cache
def load_knowledge() -> Knowledge:
    """Load every knowledge base once per process."""
    return Knowledge(gazetteer=Gazetteer.load(), actors=ActorKB.load(), lexicons=load_lexicons())
