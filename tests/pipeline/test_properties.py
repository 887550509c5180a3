"""Properties of the whole pipeline on arbitrary and mixed text: it never raises, and every
offset it gives slices the cleaned text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tawthiq.pipeline import run_pipeline
from tawthiq.records import Document, Span
from tawthiq.text.normalize import Folded, fold

WORDS = [
    "قصف",
    "غارات",
    "الطيران",
    "الحربي",
    "الروسي",
    "على",
    "مدينة",
    "حلب",
    "قرية",
    "حزيمة",
    "مقتل",
    "خمسة",
    "مدنيين",
    "بينهم",
    "طفلان",
    "أمس",
    "الاثنين",
    "قسد",
    "داعش",
    "سيطرت",
    "وفق",
    "المرصد",
    "عشرات",
    "ألف",
    "killed",
    "three",
    "civilians",
    "in",
    "Idlib",
    "air",
    "strike",
    "on",
    "Monday",
    "by",
    "Russian",
    "jets",
    "،",
    ".",
    "\n",
    "«",
    "»",
    "ً",
    "ـ",
    "١٢",
    "12",
    "\u200f",
    "ﻻ",
]
text_strategy = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)


def _spans(document: Document) -> list[Span]:
    spans: list[Span] = list(document.sentences)
    for event in document.events:
        spans.extend(event.evidence)
        spans.extend(a.span for a in event.actors if a.span)
        spans.extend(a.span for a in event.attribution if a.span)
        if event.location and event.location.span:
            spans.append(event.location.span)
        if event.date and event.date.span:
            spans.append(event.date.span)
    spans.extend(a.span for a in document.aggregates if a.span)
    return spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=text_strategy, published=st.one_of(st.none(), st.dates(dt.date(2011, 1, 1), dt.date(2025, 12, 31)))
)
def test_pipeline_never_raises_and_offsets_slice_the_cleaned_text(
    text: str, published: dt.date | None
) -> None:
    document = run_pipeline(Document(id="p", raw_text=text, published=published))
    for span in _spans(document):
        assert 0 <= span.start <= span.end <= len(document.text)


@given(st.text(max_size=200))
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=200), st.data())
def test_folded_offsets_map_back_inside_the_original(text: str, data: st.DataObject) -> None:
    folded = Folded.of(text)
    if not folded.text:
        return
    start = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(start + 1, len(folded.text)))
    original_start, original_end = folded.to_original(start, end)
    assert 0 <= original_start <= original_end <= len(text)
    assert fold(text[original_start:original_end]) == folded.text[start:end]
