"""Properties of normalisation and extraction on Arabic-heavy arbitrary text (tests/pipeline/
test_properties.py covers folding on any text and the pipeline on mixed words; these add canonical
forms, bidi and presentation forms, lone surrogates, extreme publication dates, and non-empty evidence)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import tawthiq
from tawthiq.pipeline.clean import clean_plain_text
from tawthiq.records import Document, Span
from tawthiq.text.normalize import canonical_text, fold, fold_key

ARABIC_LETTERS = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
ARABIC_MARKS = st.characters(min_codepoint=0x064B, max_codepoint=0x0670)
ARABIC_INDIC_DIGITS = st.characters(min_codepoint=0x0660, max_codepoint=0x0669)
PRESENTATION_FORMS = st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFC)
BIDI = st.sampled_from(
    [
        "\u200e",
        "\u200f",
        "\u061c",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ]
)
PUNCTUATION = st.sampled_from([*"،؛؟.!:«»\"'()-–—/ \n\t", "\u00a0", "\u0640", "\ufeff", "\u00ad"])
ANY = st.characters(codec=None, exclude_categories=())  # surrogates and controls too
WORDS = st.sampled_from(
    [
        "قتل",
        "قُتل",
        "مقتل",
        "خمسة",
        "مدنيين",
        "أطفال",
        "غارات",
        "جوية",
        "روسية",
        "على",
        "مدينة",
        "أريحا",
        "حلب",
        "إدلب",
        "أمس",
        "يوم",
        "الأحد",
        "قوات",
        "النظام",
        "داعش",
        "قسد",
        "عشرات",
        "99999999999999999999",
        "31/02/99999",
        "killed",
        "civilians",
        "in",
        "Aleppo",
        "by",
        "shelling",
        "on",
        "Monday",
        "yesterday",
    ]
)
arabic_text = st.lists(
    st.one_of(
        ARABIC_LETTERS,
        ARABIC_MARKS,
        ARABIC_INDIC_DIGITS,
        PRESENTATION_FORMS,
        BIDI,
        PUNCTUATION,
        st.characters(min_codepoint=0x30, max_codepoint=0x39),
        WORDS.map(lambda w: f" {w} "),
        ANY,
    ),
    max_size=250,
).map("".join)
report_like = st.lists(
    st.one_of(WORDS, WORDS, WORDS, WORDS, ARABIC_INDIC_DIGITS, BIDI, PUNCTUATION, ANY),
    min_size=3,
    max_size=80,
).map(" ".join)
"""Mostly words of reports, so that events are found and their offsets checked, with noise between."""
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
figures = st.one_of(
    st.integers(0, 10**25).map(str),
    st.integers(0, 10**25).map(lambda n: str(n).translate(INDIC)),
    st.sampled_from(["خمسة", "عشرات", "ثلاثة عشر", "مئات", "a dozen", "ألف"]),
)
reports = st.builds(
    "{}قُتل {} مدنيين{} في غارات جوية {} على مدينة {} {}.{}".format,
    st.text(max_size=20),
    figures,
    st.sampled_from(["", " بينهم أطفال", "\u202e بينهم\u202c نساء"]),
    st.sampled_from(["", "روسية", "للتحالف", "لقوات النظام"]),
    st.sampled_from(["أريحا", "حلب", "إدلب", "الرقة", "كفرنبل", "أريحا\u200f"]),
    st.sampled_from(["أمس", "يوم الأحد", "في 31/02/99999", "الأسبوع الماضي", "غداً", "منذ 99999999 يوماً", ""]),
    arabic_text,
)
"""A report the extractor reads, with hostile figures, dates and noise around it."""
texts = st.one_of(arabic_text, report_like, reports)
published = st.one_of(st.none(), st.dates(), st.dates(dt.date(2011, 1, 1), dt.date(2025, 12, 31)))


@given(texts)
def test_normalisation_is_idempotent(text: str) -> None:
    canonical = canonical_text(text)
    assert canonical_text(canonical) == canonical
    assert fold(fold(canonical)) == fold(canonical)
    assert fold_key(fold_key(text)) == fold_key(text)
    assert len(fold(canonical)) <= len(canonical)  # folding never expands: offsets map back


@given(arabic_text)
def test_cleaning_plain_text_never_adds_words(text: str) -> None:
    cleaned = clean_plain_text(canonical_text(text))
    assert set(cleaned.split()) <= set(canonical_text(text).split())


def spans(document: Document) -> list[Span]:
    found: list[Span] = list(document.sentences)
    for event in document.events:
        found += event.evidence
        found += [a.span for a in (*event.actors, *event.attribution) if a.span]
        found += [s for s in (event.location and event.location.span, event.date and event.date.span) if s]
    found += [a.span for a in document.aggregates if a.span]
    return found


@settings(max_examples=120)
@given(texts, published, st.sampled_from([None, "ar", "en"]))
def test_extract_never_raises_and_every_offset_slices_the_cleaned_text(
    text: str, day: dt.date | None, lang: str | None
) -> None:
    document = tawthiq.extract(text, published=day, lang=lang)
    assert document.text is not None
    for span in spans(document):
        assert 0 <= span.start <= span.end <= len(document.text)
    for event in document.events:
        assert event.evidence and all(document.text[s.start : s.end].strip() for s in event.evidence)
        killed = event.fatalities.killed
        assert killed is None or killed >= 0
