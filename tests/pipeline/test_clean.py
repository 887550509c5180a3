"""The clean stage keeps the report's words and drops page furniture (our own sample pages)."""

from __future__ import annotations

import pytest

from tawthiq.pipeline.clean import clean, clean_plain_text
from tawthiq.pipeline.language import detect_language, guess_language
from tawthiq.records import Document

BODY = "قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، ما أدى إلى مقتل مدنيين اثنين."


@pytest.mark.parametrize(
    "tail",
    [
        "التعليقات (3)\n\n0\n\nالأكثر قراءة\n\n💡 أهم المواضيع",
        "اترك رد",
        "شارك الخبر\nفيسبوك تويتر واتساب",
        "Share this article\nRead more: Syria coverage",
        "Related articles\nSubscribe to our newsletter for daily updates",
    ],
)
def test_trailing_furniture_is_cut(tail: str) -> None:
    assert clean_plain_text(f"{BODY}\n\n{tail}") == BODY


def test_organisation_about_block_is_not_news() -> None:
    about = (
        "منظمة شهود الحقيقة :\n"
        "نحن مجموعة من الناشطين المستقلين نوثق الانتهاكات بحق المدنيين من جميع الأطراف.\n"
        "المنظمة مستقلة تماماً."
    )
    assert clean_plain_text(f"{BODY}\n\n{about}") == BODY


def test_repeated_headline_is_kept_once() -> None:
    title = "قصف على كفرنبل"
    assert clean_plain_text(f"{title}\n\n{title}\n{BODY}") == f"{title}\n\n{BODY}"


def test_body_paragraphs_are_never_cut() -> None:
    text = f"{BODY}\n\n{BODY}\n\nوقال ناشطون إن القصف استمر حتى المساء وسط حركة نزوح من البلدة نحو المخيمات."
    assert clean_plain_text(text) == text


def test_html_goes_through_trafilatura_and_keeps_title_and_date() -> None:
    html = (
        '<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>قصف على كفرنبل</title>'
        '<meta property="article:published_time" content="2019-05-21"></head><body>'
        '<nav><a href="/">الرئيسية</a></nav><article><h1>قصف على كفرنبل</h1>'
        f"<p>{BODY}</p><p>{BODY}</p></article>"
        "<aside><h3>الأكثر قراءة</h3><ul><li>خبر آخر</li></ul></aside><footer>جميع الحقوق محفوظة</footer>"
        "</body></html>"
    )
    document = clean(Document(id="h", raw_text=html, html=True))
    assert BODY in document.text
    assert "الرئيسية" not in document.text and "جميع الحقوق" not in document.text
    assert document.title == "قصف على كفرنبل"
    assert document.published is not None and document.published.isoformat() == "2019-05-21"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (BODY, "ar"),
        ("Government warplanes struck the town of Kafranbel on Monday, killing two civilians.", "en"),
        ("", "und"),
        ("١٢٣ 456", "und"),
    ],
)
def test_language_is_detected(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_unsupported_language_is_recorded_not_extracted() -> None:
    document = detect_language(
        Document(id="f", raw_text="", text="Les forces gouvernementales ont bombardé la ville hier soir.")
    )
    assert document.language == "fr"
    assert any(error.startswith("W201") for error in document.errors)
