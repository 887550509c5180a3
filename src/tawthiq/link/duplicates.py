"""Near-duplicate documents (syndicated copies, republished wire stories) by MinHash over word shingles.

A copy is not an independent source. Signatures are banded (locality-sensitive hashing): two
documents sharing any band are candidates, and a candidate whose estimated Jaccard similarity reaches
:data:`NEAR_DUPLICATE` is a copy. Bands are plain strings so a database can index them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping

import numpy as np
from datasketch import MinHash  # type: ignore[import-untyped]

PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 5
SEED = 1
NEAR_DUPLICATE = 0.8
"""Estimated Jaccard similarity of shingles from which one document is a copy of another."""

_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "ـ": None})


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping runs of ``size`` words of the folded text (one shingle for a shorter text)."""
    words = _words(text)
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of the text's shingles as bytes (None for a text with no words)."""
    found = shingles(text)
    if not found:
        return None
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    minhash.update_batch(sorted(found))
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def bands(signature_bytes: bytes) -> list[tuple[int, str]]:
    """The signature's LSH bands: (band number, digest of its rows)."""
    width = ROWS * 8
    return [
        (band, hashlib.blake2b(signature_bytes[band * width : (band + 1) * width], digest_size=8).hexdigest())
        for band in range(BANDS)
    ]


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    a, b = np.frombuffer(first, dtype="<u8"), np.frombuffer(second, dtype="<u8")
    if a.shape != b.shape:
        raise ValueError("signatures of different lengths cannot be compared")
    return float(np.count_nonzero(a == b)) / len(a)


def original_among(signature_bytes: bytes, candidates: Mapping[str, bytes]) -> str | None:
    """The candidate this signature copies: the most similar at or above the threshold, ties by id."""
    scored = [(similarity(signature_bytes, other), name) for name, other in candidates.items()]
    best = [(-value, name) for value, name in scored if value >= NEAR_DUPLICATE]
    return min(best)[1] if best else None


def near_duplicates(texts: Mapping[str, str]) -> dict[str, str]:
    """For documents given all at once: each copy's original (the earliest id of its group)."""
    index: dict[tuple[int, str], list[str]] = defaultdict(list)
    signatures: dict[str, bytes] = {}
    originals: dict[str, str] = {}
    for name in sorted(texts):
        found = signature(texts[name])
        if found is None:
            continue
        candidates = {other for key in bands(found) for other in index[key]}
        original = original_among(found, {other: signatures[other] for other in sorted(candidates)})
        if original is not None:
            originals[name] = originals.get(original, original)
        signatures[name] = found
        for key in bands(found):
            index[key].append(name)
    return originals


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return re.findall(r"\w+", folded)
