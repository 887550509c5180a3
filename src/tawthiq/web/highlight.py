"""A report's text as safe HTML with the words that support a claim marked, right to left where Arabic.

Pure: text and spans in, escaped markup out. Every character of the report is escaped, so a report can
never inject markup. Each paragraph is its own ``<p dir="auto">``: the browser picks its direction
from its first strong letter, so an Arabic paragraph runs right to left even in the English
interface, and the Unicode bidirectional algorithm places the numbers and Latin words inside it.
A mark that crosses a paragraph break is closed and reopened, so the markup always nests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from tawthiq.records import Span

ELLIPSIS = "…"
_OPEN, _CLOSE = '<p dir="auto">', "</p>"


def merge_spans(spans: Iterable[Span], length: int) -> list[tuple[int, int]]:
    """The spans clipped to ``[0, length)``, sorted, with overlapping or touching ones joined."""
    clipped = sorted((max(0, s.start), min(length, s.end)) for s in spans if s.start < length)
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``[start, end)`` range cut at line breaks, blank pieces left out."""
    pieces: list[tuple[int, int]] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        if text[position:stop].strip():
            pieces.append((position, stop))
        position = stop + 1
    return pieces


def _paragraph(text: str, start: int, end: int, marks: Sequence[tuple[int, int]]) -> Markup:
    parts: list[str] = []
    position = start
    for first, last in marks:
        if last <= start or first >= end:
            continue
        mark_start, mark_end = max(first, start), min(last, end)
        parts.append(str(escape(text[position:mark_start])))
        parts.append(f"<mark>{escape(text[mark_start:mark_end])}</mark>")
        position = mark_end
    parts.append(str(escape(text[position:end])))
    return Markup(_OPEN + "".join(parts) + _CLOSE)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """The whole text, one ``<p dir="auto">`` per paragraph, with every span in ``<mark>``."""
    marks = merge_spans(spans, len(text))
    return Markup("").join(_paragraph(text, a, b, marks) for a, b in _paragraphs(text, 0, len(text)))


def excerpt(text: str, spans: Iterable[Span], *, context: int = 160) -> Markup:
    """Only the passages around the spans (``context`` characters either side, widened to whole words),
    marked, with an ellipsis where text was left out: what a reviewer needs beside a claim."""
    marks = merge_spans(spans, len(text))
    if not marks:
        return Markup("")
    windows: list[tuple[int, int]] = []
    for start, end in marks:
        low, high = _word_start(text, max(0, start - context)), _word_end(text, min(len(text), end + context))
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], high))
        else:
            windows.append((low, high))
    out: list[str] = []
    for low, high in windows:
        paragraphs = _paragraphs(text, low, high)
        for index, (a, b) in enumerate(paragraphs):
            body = str(_paragraph(text, a, b, marks))  # plain str: Markup would escape the edits below
            if index == 0 and a > 0:
                body = body.replace(_OPEN, f"{_OPEN}{ELLIPSIS} ", 1)
            if index == len(paragraphs) - 1 and b < len(text):
                body = body.removesuffix(_CLOSE) + f" {ELLIPSIS}{_CLOSE}"
            out.append(body)
    return Markup("".join(out))


def _word_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    while position < len(text) and not text[position].isspace():
        position += 1
    return position
