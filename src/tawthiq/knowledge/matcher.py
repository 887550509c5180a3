"""Find every known name in a text in one pass, the way Arabic attaches words to names.

An Aho-Corasick automaton (pyahocorasick) runs over the folded text (``text.normalize.fold``), so
spelling variants match; hits are then kept only where they stand as words. Arabic glues
proclitics to the front of a word — و ف ب ل ك and their pairs (وب، ول، فب…) — and ل + ال contracts
to لل (للرقة = ل + الرقة). Both are accepted in front of a name; nothing else is, so ``قتل`` is not
found inside ``مقتل`` and ``حلب`` not inside ``الحلبة``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from tawthiq.text.normalize import Folded, fold_key

T = TypeVar("T")

PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "س", "وس", "فس"})
"""Particles Arabic writes joined to the next word (folded)."""

_LAM_PROCLITICS = frozenset({"ل", "ول", "فل"})
"""Proclitics that, before the article, absorb its alef: ل + الرقه → للرقه."""


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    """One name found in the text: its range in the *original* text and what it names."""

    start: int
    end: int
    key: str
    values: tuple[T, ...]

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    key: str
    values: tuple[T, ...]
    contracted: bool  # True for the لل form, matched without the article's alef

    @property
    def length(self) -> int:
        """How many characters of the text the pattern covers."""
        return len(self.key) - 1 if self.contracted else len(self.key)


class Matcher(Generic[T]):
    """A multi-pattern matcher over folded text with Arabic word boundaries."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        grouped: dict[str, list[T]] = {}
        for surface, value in entries:
            key = fold_key(surface)
            values = grouped.setdefault(key, []) if key else None
            if values is not None and value not in values:
                values.append(value)
        self._automaton = ahocorasick.Automaton()
        for key, values in grouped.items():
            self._add(key, _Entry(key, tuple(values), contracted=False))
            if key.startswith("ال") and len(key) > 3:
                contracted_key = key[1:]  # "الرقه" → "لرقه", found after a lam proclitic
                if contracted_key not in grouped:
                    self._add(contracted_key, _Entry(key, tuple(values), contracted=True))
        self._size = len(grouped)
        if self._size:
            self._automaton.make_automaton()

    def _add(self, pattern: str, entry: _Entry[T]) -> None:
        existing = self._automaton.get(pattern, None)
        if existing is None:
            self._automaton.add_word(pattern, [entry])
        else:
            existing.append(entry)

    def __len__(self) -> int:
        return self._size

    def find(self, text: str | Folded) -> list[Match[T]]:
        """Every name standing as a word in ``text``, overlapping ones included, in text order."""
        folded = text if isinstance(text, Folded) else Folded.of(text)
        if not self._size:
            return []
        text = folded.text
        length = len(text)
        matches = [
            match
            for last, entries in self._automaton.iter(text)
            if last + 1 == length or not text[last + 1].isalnum()  # ends a word: most hits do not
            for entry in entries
            if (match := self._accept(folded, entry, last + 1)) is not None
        ]
        matches.sort(key=lambda m: (m.start, -m.length))
        return matches

    def find_longest(self, text: str | Folded) -> list[Match[T]]:
        """Like :meth:`find`, keeping only the longest of overlapping names (leftmost first)."""
        return longest_non_overlapping(self.find(text))

    @staticmethod
    def _accept(folded: Folded, entry: _Entry[T], end: int) -> Match[T] | None:
        """The match ending at ``end`` (already known to end a word), if what comes before it is
        nothing, or proclitics glued to an Arabic name."""
        text = folded.text
        start = end - entry.length
        if start > 0 and text[start - 1].isalnum():
            word_start = start - 1
            while word_start > 0 and text[word_start - 1].isalnum():
                word_start -= 1
            allowed = _LAM_PROCLITICS if entry.contracted else PROCLITICS
            if text[word_start:start] not in allowed or not _is_arabic(entry.key[0]):
                return None
        elif entry.contracted:
            return None
        original_start, original_end = folded.to_original(start, end)
        return Match(original_start, original_end, entry.key, entry.values)


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def longest_non_overlapping(matches: Sequence[Match[T]]) -> list[Match[T]]:
    """Resolve overlaps: longer names win; between equals, the leftmost."""
    # ``chosen`` never overlaps, so kept sorted by start it is sorted by end too: a match fits when it
    # fits between its two neighbours (bisection, so a long text with many hits stays fast).
    chosen: list[Match[T]] = []
    starts: list[int] = []
    for match in sorted(matches, key=lambda m: (-m.length, m.start)):
        index = bisect.bisect_right(starts, match.start)
        if index > 0 and chosen[index - 1].end > match.start:
            continue
        if index < len(chosen) and chosen[index].start < match.end:
            continue
        chosen.insert(index, match)
        starts.insert(index, match.start)
    return chosen
