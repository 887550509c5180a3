"""The knobs of incident linking, in one frozen record, so a run can say exactly how it linked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Thresholds for blocking, comparison and clustering.

    ``window_days``: two reports of one incident rarely disagree by more than a few days once relative
    dates are resolved; it bounds both the candidate pairs and how far a cluster may stretch in time.
    ``max_km``: the farthest two reports' places may lie apart and still be one incident (city
    centroids versus a neighbourhood). ``threshold``: the pair score above which two reports link.
    """

    window_days: int = 3
    max_km: float = 30.0
    threshold: float = 2.0
    same_document_threshold: float = 4.5
    max_candidates: int = 200


DEFAULT_CONFIG = LinkConfig()
