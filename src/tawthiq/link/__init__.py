"""Incident linking across sources: the same real incident, reported by several outlets in Arabic or
English, becomes one incident that keeps every claim.

Pure: no files, no database. The store (:meth:`tawthiq.store.Store.link`) feeds it claims and keeps
what it returns.

>>> sides = knowledge_sides()  # doctest: +SKIP
>>> groups = link_claims(claims, sides=sides)  # doctest: +SKIP
>>> first = build_incident("inc-1", [c for c in claims if c.event_id in groups[0]], sides)  # doctest: +SKIP
"""

from tawthiq.link.cluster import link_claims, scored_pairs
from tawthiq.link.config import DEFAULT_CONFIG, LinkConfig
from tawthiq.link.duplicates import (
    NEAR_DUPLICATE,
    bands,
    near_duplicates,
    original_among,
    signature,
    similarity,
)
from tawthiq.link.incident import build_incident, casualty_range, incident_ids, is_party_claim
from tawthiq.link.locks import Lock
from tawthiq.link.metrics import Scores, bcubed, pairwise
from tawthiq.link.sides import PlainSides, Sides, knowledge_sides

__all__ = [
    "DEFAULT_CONFIG",
    "NEAR_DUPLICATE",
    "LinkConfig",
    "Lock",
    "PlainSides",
    "Scores",
    "Sides",
    "bands",
    "bcubed",
    "build_incident",
    "casualty_range",
    "incident_ids",
    "is_party_claim",
    "knowledge_sides",
    "link_claims",
    "near_duplicates",
    "original_among",
    "pairwise",
    "scored_pairs",
    "signature",
    "similarity",
]
