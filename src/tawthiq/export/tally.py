"""How many incidents an export wrote, and how many it had to leave out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tally:
    """Counts an export keeps as it streams (mutable: the writer fills it in as it goes)."""

    incidents: int = 0
    rows: int = 0
    omitted: int = 0

    def count(self, written: bool) -> None:
        """Count one incident, written or left out (no coordinates, no usable date)."""
        self.incidents += written
        self.omitted += not written
