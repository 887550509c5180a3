"""Sentence spans for Arabic and English text.

sentencex (MIT, Rust) finds the boundaries; paragraphs are split on blank lines first so a headline
or a dateline never runs into the lead. Arabic abbreviations that end in a period (د. for doctor,
م. for engineer) are joined back to the sentence they belong to.
"""

from __future__ import annotations

import itertools
import re

import sentencex

from tawthiq.records import Span

_PARAGRAPH_RE = re.compile(r"[^\n]+")
_LONG_SENTENCE = 250
_INNER_STOP_RE = re.compile(r"(?<=[^\W\d_]{2})[.!؟?][\"'»”)]*\s+(?=[\"'«“(]*[^\W\d_])")
_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)(?:د|م|أ|ج|ص|ق\.م|Dr|Mr|Mrs|Gen|Col|Lt|St)\.\s*$")


def sentence_spans(text: str, language: str = "ar") -> tuple[Span, ...]:
    """Half-open spans of the sentences of ``text``, trimmed of surrounding white space."""
    spans: list[Span] = []
    for paragraph in _PARAGRAPH_RE.finditer(text):
        spans.extend(_paragraph_sentences(paragraph.group(), paragraph.start(), language))
    return tuple(spans)


def _paragraph_sentences(paragraph: str, offset: int, language: str) -> list[Span]:
    pieces: list[tuple[int, int]] = []
    for boundary in sentencex.get_sentence_boundaries(language, paragraph):
        start, end = int(boundary["start_index"]), int(boundary["end_index"])
        if pieces and _ABBREVIATION_END_RE.search(paragraph[pieces[-1][0] : pieces[-1][1]]):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    pieces = [part for start, end in pieces for part in _split_long(paragraph, start, end)]
    return [span for start, end in pieces if (span := _trimmed(paragraph, start, end, offset)) is not None]


def _split_long(paragraph: str, start: int, end: int) -> list[tuple[int, int]]:
    """sentencex keeps a quotation whole; a long quoted passage («… . … .») holds several
    sentences, and each may report its own incident."""
    if end - start <= _LONG_SENTENCE:
        return [(start, end)]
    cuts = [m.end() for m in _INNER_STOP_RE.finditer(paragraph, start, end)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _trimmed(paragraph: str, start: int, end: int, offset: int) -> Span | None:
    piece = paragraph[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    lead = len(piece) - len(piece.lstrip())
    return Span(offset + start + lead, offset + start + lead + len(stripped))
