"""Everything the knowledge bases and text helpers find in one document, in one place.

Each scanner runs once over the whole cleaned text (one Aho-Corasick pass per knowledge base, one
regex pass for numbers and dates); the extractor then asks for what lies inside a clause or a
sentence. The hit types here are tawthiq's own, so the extractor does not depend on how each
knowledge base shapes its results.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from tawthiq.knowledge.cues import TriggerClass
from tawthiq.records import DateRange, Place, Span
from tawthiq.text.normalize import Folded


class Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


L = TypeVar("L", bound=Located)

_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class TriggerHit:
    start: int
    end: int
    trigger: TriggerClass
    surface: str


@dataclass(frozen=True, slots=True)
class CueHit:
    start: int
    end: int
    cue: str


@dataclass(frozen=True, slots=True)
class TagHit:
    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class ActorHit:
    start: int
    end: int
    actor_id: str
    mention: str


@dataclass(frozen=True, slots=True)
class SourceHit:
    start: int
    end: int
    source_id: str
    name: str
    affiliation: str | None
    mention: str


@dataclass(frozen=True, slots=True)
class PeopleHit:
    start: int
    end: int
    category: str  # civilians | children | women | fighters | medics | journalists | people
    actor_id: str | None = None  # the party the word stands for («مدنيين» → civilians)
    count: int | None = None  # what the word alone says: «طفلان» two, «مدني» one


@dataclass(frozen=True, slots=True)
class NumberHit:
    start: int
    end: int
    value: int
    qualifier: str | None
    vague: bool


@dataclass(frozen=True, slots=True)
class DateHit:
    start: int
    end: int
    range: DateRange
    kind: str  # point | since | duration


@dataclass(frozen=True, slots=True)
class PlaceHit:
    start: int
    end: int
    surface: str
    handle: object  # the gazetteer's own mention record, handed back to it to resolve


@dataclass(frozen=True, slots=True)
class DocumentMentions:
    """All hits of one document, each list sorted by start offset."""

    text: str
    folded: Folded
    triggers: tuple[TriggerHit, ...]
    cues: tuple[CueHit, ...]
    tags: tuple[TagHit, ...]
    actors: tuple[ActorHit, ...]
    sources: tuple[SourceHit, ...]
    people: tuple[PeopleHit, ...]
    places: tuple[PlaceHit, ...]
    numbers: tuple[NumberHit, ...]
    dates: tuple[DateHit, ...]
    word_starts: tuple[int, ...]
    resolved_places: dict[int, Place] = field(default_factory=dict, compare=False, repr=False)
    cues_by_name: dict[str, tuple[CueHit, ...]] = field(init=False, compare=False, repr=False)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)
    """Results the extractor works out per span and would otherwise work out again (lookups inside a
    span, casualty figures)."""

    def cues_named(self, name: str, span: Span) -> list[CueHit]:
        """The cues of one class (``killed``, ``attribution``…) inside ``span``."""
        return self.inside(self.cues_by_name.get(name, ()), span)

    def inside(self, hits: Sequence[L], span: Span) -> list[L]:
        """:func:`within`, remembered: the extractor asks the same question of a clause many times."""
        key = ("inside", id(hits), span.start, span.end)
        found: list[L] | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = within(hits, span)
        return found  # shared: callers read it, never change it

    def __post_init__(self) -> None:
        grouped: dict[str, list[CueHit]] = {}
        for cue in self.cues:
            grouped.setdefault(cue.cue, []).append(cue)
        object.__setattr__(self, "cues_by_name", {name: tuple(hits) for name, hits in grouped.items()})

    def words_between(self, start: int, end: int) -> int:
        """How many words start between two offsets (order-insensitive)."""
        low, high = min(start, end), max(start, end)
        return bisect.bisect_left(self.word_starts, high) - bisect.bisect_left(self.word_starts, low)


def word_starts(text: str) -> tuple[int, ...]:
    """Where each word of ``text`` begins, for counting words between two offsets quickly."""
    return tuple([m.start() for m in _WORD_RE.finditer(text)])


def within(hits: Sequence[L], span: Span) -> list[L]:
    """The hits that lie entirely inside ``span`` (hits sorted by start)."""
    found = []
    for index in range(bisect.bisect_left(hits, span.start, key=_start), len(hits)):
        hit = hits[index]
        if hit.start >= span.end:
            break
        if hit.end <= span.end:
            found.append(hit)
    return found


def _start(hit: Located) -> int:
    return hit.start


def without_overlaps(hits: Sequence[L], blockers: Sequence[Located]) -> list[L]:
    """Drop hits that overlap any blocker (a trigger word inside a place name, say)."""
    return [h for h in hits if not any(b.start < h.end and h.start < b.end for b in blockers)]
