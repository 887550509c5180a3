"""Clean stage: from what came in to the text that events are read from.

HTML goes through trafilatura with comments excluded (it strips Arabic page furniture well, see
../shared/research). Plain text copied from web pages still carries page furniture — comment
counters, "most read" lists, share buttons, "leave a reply" — and sometimes the publishing
organisation's "about us" paragraph. Those are cut here with explicit line rules, because no
library handles plain text (trafilatura needs HTML; justext keeps the "about us" block).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from tawthiq.records import Document
from tawthiq.text.normalize import canonical_text, fold

_WIDGET_LINES = [
    r"التعليقات\s*\(?\d*\)?",
    r"\d+",
    r"الاكثر (قراءه|مشاهده|تداولا)",
    r".{0,3}\s*اهم (المواضيع|التصنيفات|الاخبار)",
    r"اترك (ردا|رد|تعليقا|تعليق)",
    r"(اضف|أضف|اكتب) تعليق(ك|ا)?",
    r"(اقرا|اقرأ) (ايضا|المزيد)\s*:?.*",
    r"(مواضيع|اخبار|مقالات) (ذات صله|متعلقه|مشابهه)\s*:?",
    r"(شارك|مشاركه)( (على|عبر))?.{0,40}",
    r"(فيسبوك|تويتر|واتساب|تلغرام|لينكدان|جوجل|طباعه|ارسال|بريد الكتروني)([\s|/،,]+(فيسبوك|تويتر|واتساب|تلغرام|لينكدان|جوجل|طباعه|ارسال|بريد الكتروني))*",
    r"(الوسوم|كلمات مفتاحيه|الكلمات الدلاليه|تصنيفات?)\s*:.{0,200}",
    r"(comments?|leave a (reply|comment)|related( articles| stories| posts)?|read more|most (read|popular|viewed))\b.{0,60}",
    r"(share|share this( article)?|tweet|email|print|facebook|twitter|whatsapp|telegram|linkedin)([\s|/,]+(share|tweet|email|print|facebook|twitter|whatsapp|telegram|linkedin))*",
    r"(subscribe|sign up)( to)? (our|the) newsletter.{0,120}",
    r"(advertisement|sponsored|you may also like|recommended for you)",
    r"all rights reserved.{0,80}|جميع الحقوق محفوظه.{0,80}|©.{0,80}",
    r"[\W_]{0,6}",
]
_WIDGET_RE = re.compile(r"^\s*(?:" + "|".join(_WIDGET_LINES) + r")\s*$", re.IGNORECASE)

_ABOUT_HEADING_RE = re.compile(
    r"^\s*(من نحن|عن (المنظمه|الموقع|الشبكه|المركز|الوكاله|نا)|about( us)?|who we are|"
    r"(منظمه|شبكه|مركز|مجموعه|رابطه|هيئه)\s[^.،]{1,60}:)\s*:?\s*$",
    re.IGNORECASE,
)
_ABOUT_BODY_RE = re.compile(
    r"(نحن (مجموعه|منظمه|فريق|شبكه|مركز)|(المنظمه|الشبكه|المركز|الموقع) (مستقل|مستقله|غير حكومي)|"
    r"تاسست (المنظمه|الشبكه|عام)|we are an? (independent|non-profit|group|team|organi[sz]ation)|"
    r"is an independent (organi[sz]ation|news|media))",
    re.IGNORECASE,
)
_BLANK_RUNS_RE = re.compile(r"\n{3,}")
_SPACE_RUNS_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def clean(document: Document) -> Document:
    """Set ``document.text`` to the report's own words, without page furniture."""
    title = document.title
    published = document.published
    raw = document.raw_text
    if document.html:
        raw, title, published = _from_html(raw, title, published)
    text = clean_plain_text(canonical_text(raw))
    return dataclasses.replace(document, text=text, title=title or _first_line(text), published=published)


def clean_plain_text(text: str) -> str:
    """Cut widget lines, the trailing furniture block and any "about us" block; tidy white space."""
    lines = [_SPACE_RUNS_RE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = _drop_about_blocks(lines)
    lines = _drop_trailing_furniture(lines)
    lines = [line for line in lines if not _is_widget(line) or not line]
    lines = _drop_repeated_headline(lines)
    return _BLANK_RUNS_RE.sub("\n\n", "\n".join(lines)).strip()


def _is_widget(line: str) -> bool:
    return bool(_WIDGET_RE.match(fold(line)))


def _drop_trailing_furniture(lines: list[str]) -> list[str]:
    """Cut the tail from the first widget line after which no real paragraph follows."""
    end = len(lines)
    while end > 0 and (not lines[end - 1] or _is_widget(lines[end - 1]) or len(lines[end - 1]) < 40):
        end -= 1
    return lines[:end] if end else lines


def _drop_about_blocks(lines: list[str]) -> list[str]:
    """Remove an organisation's self-description and everything after it when it closes the text."""
    for index, line in enumerate(lines):
        folded = fold(line)
        if _ABOUT_BODY_RE.search(folded) and index > 0:
            start = index
            previous = _previous_nonblank(lines, index)
            if previous is not None and _ABOUT_HEADING_RE.match(fold(lines[previous])):
                start = previous
            return lines[:start]
        if _ABOUT_HEADING_RE.match(folded) and re.match(r"^\s*(من نحن|about us|who we are)", folded, re.I):
            return lines[:index]
    return lines


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for candidate in range(index - 1, -1, -1):
        if lines[candidate]:
            return candidate
    return None


def _drop_repeated_headline(lines: list[str]) -> list[str]:
    """Pages often print the headline twice (title, then heading): keep it once."""
    nonblank = [i for i, line in enumerate(lines) if line]
    if len(nonblank) >= 2 and lines[nonblank[0]] == lines[nonblank[1]]:
        return lines[: nonblank[1]] + lines[nonblank[1] + 1 :]
    return lines


def _first_line(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 else None


def _from_html(html: str, title: str | None, published: dt.date | None) -> tuple[str, str | None, dt.date | None]:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, favor_precision=False, deduplicate=False
    )
    if extracted is None:
        return "", title, published
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    page_title = data.get("title")
    if page_title and not text.startswith(page_title):
        text = f"{page_title}\n\n{text}"
    return text, title or page_title, published or _parse_date(data.get("date"))


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
