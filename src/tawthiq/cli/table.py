"""A plain aligned text table that keeps Arabic readable in a terminal, with no dependency.

Widths are counted in terminal cells, not code points: Arabic diacritics and format characters take
none, wide East Asian characters two. A cell holding right-to-left text is wrapped in Unicode bidi
isolates (FSI … PDI), so a terminal that reorders Arabic reorders it inside its cell only, and the
columns around it stay where they are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
ELLIPSIS = "…"
_GAP = "  "


def render_table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, max_width: int = 48) -> str:
    """Lay ``rows`` out under ``headers``; cells longer than ``max_width`` cells are cut with an ellipsis.
    Numbers are right-aligned, ``None`` is left blank."""
    body = [[_cell(value, max_width) for value in row] for row in rows]
    numeric = [all(_aligns_right(row[i]) for row in body) and bool(body) for i in range(len(headers))]
    header = [(title, False) for title in headers]
    widths = [max(display_width(text) for text, _ in column) for column in zip(header, *body, strict=True)]
    lines = [_line(header, widths, numeric), _GAP.join("-" * width for width in widths)]
    lines.extend(_line(row, widths, numeric) for row in body)
    return "\n".join(lines)


def display_width(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    return sum(_char_width(char) for char in text)


def truncate(text: str, max_width: int) -> str:
    """``text`` cut to at most ``max_width`` cells, an ellipsis marking the cut."""
    if display_width(text) <= max_width:
        return text
    kept, used = [], 0
    for char in text:
        width = _char_width(char)
        if used + width > max_width - 1:
            break
        kept.append(char)
        used += width
    return "".join(kept) + ELLIPSIS


def isolate(text: str) -> str:
    """Wrap text holding right-to-left characters in bidi isolates; leave other text alone."""
    if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def _cell(value: object, max_width: int) -> tuple[str, bool]:
    """A cell's text (one line, cut to ``max_width``) and whether it may be right-aligned (number, blank)."""
    if value is None:
        return "", True
    text = " ".join(str(value).split())
    return truncate(text, max_width), isinstance(value, int | float) and not isinstance(value, bool)


def _aligns_right(cell: tuple[str, bool]) -> bool:
    return cell[1]


def _line(cells: Sequence[tuple[str, bool]], widths: Sequence[int], numeric: Sequence[bool]) -> str:
    parts = []
    for (text, _), width, right in zip(cells, widths, numeric, strict=True):
        padding = " " * (width - display_width(text))
        parts.append(padding + isolate(text) if right else isolate(text) + padding)
    return _GAP.join(parts).rstrip()


def _char_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Cf") or unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
