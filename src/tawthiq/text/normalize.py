"""Arabic and English text folding for matching, with a way back to the original offsets.

Reports write the same word many ways: with or without diacritics and tatweel, with any of the alef
and hamza forms, taa marbuta or haa, alef maqsura or yaa, Eastern Arabic or Latin digits, curly or
straight quotes. :func:`fold` maps all of them to one form. Every change is one character to one
character, or a deletion, never an expansion: that keeps folding a single ``str.translate`` call
(C speed) and lets :class:`Folded` map any offset in the folded text back to the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0653)]  # fathatan .. sukun
    + ["\u0653", "\u0654", "\u0655", "\u0670", "\u0640"]  # maddah, hamza above/below, dagger alef, tatweel
    + ["\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
)

_REPLACE = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ؤ": "و",
    "ئ": "ي",
    "ی": "ي",  # Persian yeh
    "ک": "ك",  # keheh
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "–": "-",
    "—": "-",
    "٫": ".",
    "٬": ",",
}
_REPLACE.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACE.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian) digits
_REPLACE.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

FOLD_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
FOLD_TABLE.update({ord(k): v for k, v in _REPLACE.items()})

_DELETED_RE = re.compile("[" + "".join(re.escape(c) for c in _DELETE) + "]+")
_PRESENTATION_FORMS_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_SPACES_RE = re.compile(r"\s+")
_SURROGATES_RE = re.compile("[\ud800-\udfff]")


_FOLD_SEQUENCE: list[str | None] = [chr(code) for code in range(0x10000)]
for _code, _value in FOLD_TABLE.items():
    _FOLD_SEQUENCE[_code] = _value
# str.translate looks characters up in a list more than twice as fast as in a dict; characters past
# the list (astral planes) raise IndexError, a LookupError, and are left as they are.


def fold(text: str) -> str:
    """Fold ``text`` to its matching form (see the module docstring)."""
    return text.translate(_FOLD_SEQUENCE)


def fold_key(text: str) -> str:
    """Fold a name for use as a dictionary key: folded, trimmed, inner white space collapsed."""
    return _SPACES_RE.sub(" ", fold(text)).strip()


def canonical_text(text: str) -> str:
    """Make text canonical for storage and display: NFC, presentation-form ligatures expanded.

    Run once by the clean stage, before any offset is taken, because it may change lengths
    (``ﻻ`` becomes ``لا``).
    """
    if _SURROGATES_RE.search(text):
        # Lone surrogates (text from a broken decoder) are not Unicode text; the libraries downstream
        # cannot encode them. One character for one, so no offset moves.
        text = _SURROGATES_RE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if _PRESENTATION_FORMS_RE.search(text):
        text = _PRESENTATION_FORMS_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return text


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded text and the map from its offsets back to the original's."""

    original: str
    text: str
    _kept: tuple[int, ...] | None  # original index of each folded character; None when nothing was deleted

    @classmethod
    def of(cls, original: str) -> Folded:
        folded = fold(original)
        if len(folded) == len(original):
            return cls(original, folded, None)
        kept: list[int] = []
        previous = 0
        for run in _DELETED_RE.finditer(original):
            kept.extend(range(previous, run.start()))
            previous = run.end()
        kept.extend(range(previous, len(original)))
        return cls(original, folded, tuple(kept))

    @property
    def kept_positions(self) -> tuple[int, ...] | None:
        """Original index of each folded character; None when folding deleted nothing."""
        return self._kept

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open range of the folded text to the matching range of the original."""
        if self._kept is None:
            return start, end
        if start >= len(self._kept):
            return len(self.original), len(self.original)
        original_start = self._kept[start]
        original_end = self._kept[end - 1] + 1 if end > start else original_start
        return original_start, original_end

    def to_folded(self, index: int) -> int:
        """Map an index of the original to the folded text (the next kept character)."""
        if self._kept is None:
            return index
        return bisect.bisect_left(self._kept, index)
