"""How well a clustering matches the truth: pairwise precision/recall and B-cubed, as in
entity-resolution and coreference evaluations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def pairwise(truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> Scores:
    """Precision and recall over pairs of items put in one cluster (1.0 when there are none)."""
    items = sorted(_check_same_items(truth, predicted))
    true_pairs = {(a, b) for a, b in combinations(items, 2) if truth[a] == truth[b]}
    found_pairs = {(a, b) for a, b in combinations(items, 2) if predicted[a] == predicted[b]}
    both = len(true_pairs & found_pairs)
    return Scores(
        both / len(found_pairs) if found_pairs else 1.0, both / len(true_pairs) if true_pairs else 1.0
    )


def bcubed(truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> Scores:
    """B-cubed: per item, the share of its predicted cluster that truly belongs with it, and back."""
    items = _check_same_items(truth, predicted)
    if not items:
        return Scores(1.0, 1.0)
    joint = Counter((truth[i], predicted[i]) for i in items)
    true_size, found_size = Counter(truth[i] for i in items), Counter(predicted[i] for i in items)
    precision = sum(joint[truth[i], predicted[i]] / found_size[predicted[i]] for i in items)
    recall = sum(joint[truth[i], predicted[i]] / true_size[truth[i]] for i in items)
    return Scores(precision / len(items), recall / len(items))


def _check_same_items(truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> set[str]:
    if set(truth) != set(predicted):
        missing = sorted(set(truth) ^ set(predicted))[:5]
        raise ValueError(f"truth and prediction must label the same items; differing: {missing}")
    return set(truth)
