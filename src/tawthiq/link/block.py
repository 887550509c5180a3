"""Blocking: only reports in the same event family and governorate, within a few days, are compared.

Within a block, reports are sorted by their first day and each is compared with those that start
before its last day plus the window (a sorted-neighbourhood scan), so cost grows with the number of
reports times the reports per few days in one governorate: near-linear for a war's record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from tawthiq.link.config import LinkConfig
from tawthiq.link.items import LinkItem


def blocks(items: Sequence[LinkItem]) -> list[list[LinkItem]]:
    """Items grouped by (event family, admin1), each group sorted by first day then event id."""
    grouped: dict[tuple[str, str], list[LinkItem]] = defaultdict(list)
    for item in items:
        grouped[item.block].append(item)
    return [sorted(grouped[key], key=_order) for key in sorted(grouped)]


def candidate_pairs(block: Sequence[LinkItem], config: LinkConfig) -> Iterator[tuple[LinkItem, LinkItem]]:
    """Pairs within the date window, at most ``max_candidates`` ahead of each item (a dense day's cap)."""
    for i, first in enumerate(block):
        reach = first.end + config.window_days
        stop = min(len(block), i + 1 + config.max_candidates)
        for j in range(i + 1, stop):
            second = block[j]
            if second.start > reach:
                break
            yield first, second


def _order(item: LinkItem) -> tuple[int, str]:
    return (item.start, item.event_id)
