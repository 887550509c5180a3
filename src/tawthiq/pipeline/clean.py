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

_SHARE_AR = "(فيسبوك|تويتر|واتساب|تلغرام|لينكدان|جوجل|طباعه|ارسال|بريد الكتروني)"
_SHARE_EN = "(share|tweet|email|print|facebook|twitter|whatsapp|telegram|linkedin|x)"
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
    rf"{_SHARE_AR}([\s|/،,]+{_SHARE_AR})*",
    r"(الوسوم|كلمات مفتاحيه|الكلمات الدلاليه|تصنيفات?)\s*:.{0,200}",
    r"(comments?|leave a (reply|comment)|related( articles| stories| posts)?|read more|"
    r"most (read|popular|viewed))\b.{0,60}",
    rf"(share this( article)?|{_SHARE_EN})([\s|/,]+{_SHARE_EN})*",
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
_FURNITURE_MAX = 250
_ABOUT_HINT_REACH = 120
_ABOUT_HINT_RE = re.compile(r"نحن|المنظم|الشبك|المركز|الموقع|تأسس|تاسس|we are|independent", re.IGNORECASE)
_ABOUT_US_RE = re.compile(r"^\s*(من نحن|about us|who we are)", re.IGNORECASE)
_BLANK_RUNS_RE = re.compile(r"\n{3,}")
_SPACE_RUNS_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+")  # runs of spaces, never newlines


def clean(document: Document) -> Document:
    """Set ``document.text`` to the report's own words, without page furniture."""
    title = document.title
    published = document.published
    raw = document.raw_text
    errors = document.errors
    if document.html:
        raw, title, published = _from_html(raw, title, published)
        if not raw.strip() and document.raw_text.strip():
            errors = (*errors, HTML_WITHOUT_TEXT)
    text = clean_plain_text(canonical_text(raw))
    return dataclasses.replace(
        document, text=text, title=title or _first_line(text), published=published, errors=errors
    )


HTML_WITHOUT_TEXT = (
    "W203 no text could be read from this HTML page (damaged, script-only or nested too deeply); "
    "save the page's text as a .txt file and ingest that"
)


def clean_plain_text(text: str) -> str:
    """Cut widget lines, the trailing furniture block and any "about us" block; tidy white space."""
    lines = [line.strip() for line in _SPACE_RUNS_RE.sub(" ", text.replace("\r\n", "\n")).split("\n")]
    folded = [_folded_if_furniture_sized(line) for line in lines]
    widget = [
        len(line) <= _FURNITURE_MAX and bool(_WIDGET_RE.match(f))
        for line, f in zip(lines, folded, strict=True)
    ]
    end = min(_about_block_start(lines, folded), _trailing_furniture_start(lines, widget))
    kept = [
        line for line, is_widget in zip(lines[:end], widget[:end], strict=True) if not is_widget or not line
    ]
    return _BLANK_RUNS_RE.sub("\n\n", "\n".join(_drop_repeated_headline(kept))).strip()


def _folded_if_furniture_sized(line: str) -> str:
    """Widget lines and "about us" headings are short, and "about us" paragraphs say so early:
    fold only what may be one of them (folding every paragraph is most of this stage's cost)."""
    if len(line) <= _FURNITURE_MAX or _ABOUT_HINT_RE.search(line[:_ABOUT_HINT_REACH]):
        return fold(line)
    return ""


def _trailing_furniture_start(lines: list[str], widget: list[bool]) -> int:
    """Where the tail of widget lines and short scraps begins (all of it when nothing else is left)."""
    end = len(lines)
    while end > 0 and (not lines[end - 1] or widget[end - 1] or len(lines[end - 1]) < 40):
        end -= 1
    return end or len(lines)


def _about_block_start(lines: list[str], folded: list[str]) -> int:
    """Where an organisation's self-description begins; the text ends there."""
    for index, line in enumerate(folded):
        if _ABOUT_BODY_RE.search(line) and index > 0:
            previous = _previous_nonblank(lines, index)
            if previous is not None and _ABOUT_HEADING_RE.match(folded[previous]):
                return previous
            return index
        if _ABOUT_HEADING_RE.match(line) and _ABOUT_US_RE.match(line):
            return index
    return len(lines)


def _previous_nonblank(lines: list[str], index: int) -> int | None:
    for candidate in range(index - 1, -1, -1):
        if lines[candidate]:
            return candidate
    return None


def _drop_repeated_headline(lines: list[str]) -> list[str]:
    """Pages often print the headline twice (title, then heading): keep it once."""
    nonblank = [i for i, line in enumerate(lines) if line]
    if len(nonblank) < 2 or not _looks_like_headline(lines[nonblank[0]]):
        return lines
    if lines[nonblank[0]] == lines[nonblank[1]]:
        return lines[: nonblank[1]] + lines[nonblank[1] + 1 :]
    return lines


def _looks_like_headline(line: str) -> bool:
    return len(line) <= 200 and not line.rstrip().endswith((".", "。", "؟", "?", "!"))


def _first_line(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 else None


def _from_html(
    html: str, title: str | None, published: dt.date | None
) -> tuple[str, str | None, dt.date | None]:
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
