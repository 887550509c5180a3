"""Decisions a person made about incidents, which automatic linking must respect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LockKind = Literal["merge", "split"]


@dataclass(frozen=True, slots=True)
class Lock:
    """A manual merge (``groups`` is one group whose events must stay together) or split (two or more
    groups that must never share an incident again). Event ids name the claims."""

    kind: LockKind
    groups: tuple[tuple[str, ...], ...]
    by: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("merge", "split"):
            raise ValueError(f"lock kind must be 'merge' or 'split', not {self.kind!r}")
        if self.kind == "merge" and len(self.groups) != 1:
            raise ValueError("a merge lock holds exactly one group of event ids")
        if self.kind == "split" and len(self.groups) < 2:
            raise ValueError("a split lock holds at least two groups of event ids")
        if any(not group for group in self.groups):
            raise ValueError("a lock group must name at least one event")

    @property
    def event_ids(self) -> frozenset[str]:
        return frozenset(event_id for group in self.groups for event_id in group)
