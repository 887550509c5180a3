"""When things happened: Arabic and English date expressions, resolved against the publication date.

Reports rarely write full dates. They write ``يوم أمس الأربعاء``, ``ليل الإثنين-الثلاثاء``,
``في السابع من حزيران الماضي``, ``منذ مطلع الشهر``, in Levantine, Egyptian/Gulf or Maghrebi month
names, and in English "late on Monday". dateparser fails on most of these, so this module reads them
with tables and regexes over the folded text (:func:`tawthiq.text.normalize.fold`).

Each family of expressions is found from a keyword (a month name, a weekday, أمس, a year, …): a
compiled regex finds the keywords, then short anchored regexes read the words just before and just
after it. Where two readings overlap the longer one wins (``يوم أمس الأربعاء`` over ``الأربعاء``).

Resolution rules (``published`` is the anchor of every relative expression):

* ``relative`` is True when the date depends on ``published``; with ``published=None`` only
  expressions that carry their own year are returned.
* Weekday: the most recent such day on or before publication (wire copy published on a Monday says
  "قال … الاثنين" for that same day). With الماضي/"last" it is strictly before; with المقبل/"next"
  strictly after. ``اليوم الخميس`` and ``أمس الأربعاء`` are cross-checked: when the weekday
  disagrees with the publication date by a day or two, the weekday wins.
* ``ليل الإثنين-الثلاثاء``: the night that ends on the latest such Tuesday; the range is Mon..Tue.
  Any night (``ليل الأربعاء``, ``الليلة الماضية``, "Monday night") spans its evening and the next
  day; when that next day would fall after publication, the night before is meant.
* Month without a year: its latest occurrence not after publication; with الماضي/المنصرم strictly
  before the publication month (for a day, strictly before the publication date); with
  المقبل/القادم the next one; with الجاري/الحالي the publication year. A day-month up to a week
  after publication is taken as this year's (an announced event, or a lagging publication date).
* A weekday next to a full date that contradicts its year (``السبت 07 جانفي 2016`` in a January 2017
  report) is trusted over the year when that puts the date within a month of publication.
* "Since" expressions (``منذ مطلع الشهر``, "since June") have kind ``"since"`` and run from the
  anchor to publication (to the end of the anchor period when ``published`` is None).
  ``خلال الأيام الثلاثة الماضية`` / "the past 24 hours" have kind ``"duration"``; explicit
  "from … to …" ranges kind ``"range"``; everything else ``"point"``.
* Weeks are ISO weeks (Monday to Sunday). "A week ago" is the day seven days before, at week
  precision; "N months ago" the calendar month.
* Expressions tied to another event (``بعد يومين من إعلان``, ``قبل ساعات من``) and vague ones
  (``قبل أيام``) are not dates of their own and are skipped. Hijri dates are ignored.
* Political names that contain dates (``قوى 14 آذار``, ``ثورة 25 يناير``, ``حرب تموز``) are
  skipped.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from tawthiq.records import DatePrecision, DateRange, Span
from tawthiq.text.normalize import Folded, fold
from tawthiq.text.numbers import (
    ORDINAL_DAY_PATTERN,
    find_numbers,
    original_span,
    parse_ordinal_day,
    trie_pattern,
)

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: original-text offsets, the resolved range, and how it was resolved."""

    start: int
    end: int
    range: DateRange
    relative: bool
    kind: str = "point"  # "point" | "since" | "duration" | "range"


# ---------------------------------------------------------------------------------------------
# Word tables (written as reporters write them; folded at import)
# ---------------------------------------------------------------------------------------------

MONTHS: Final[dict[int, tuple[str, ...]]] = {
    1: ("كانون الثاني", "كانون ثاني", "يناير", "جانفي", "january", "jan"),
    2: ("شباط", "فبراير", "فيفري", "فبرير", "february", "feb"),
    3: ("آذار", "مارس", "march", "mar"),
    4: ("نيسان", "أبريل", "ابريل", "إبريل", "أفريل", "april", "apr"),
    5: ("أيار", "مايو", "ماي", "may"),
    6: ("حزيران", "يونيو", "يونيه", "يونية", "جوان", "june", "jun"),
    7: ("تموز", "يوليو", "يوليه", "يولية", "جويلية", "يوليوز", "july", "jul"),
    8: ("آب", "أغسطس", "اغسطس", "أغسطوس", "أوت", "غشت", "august", "aug"),
    9: ("أيلول", "سبتمبر", "سيبتمبر", "شتنبر", "september", "sept", "sep"),
    10: ("تشرين الأول", "تشرين أول", "أكتوبر", "اكتوبر", "october", "oct"),
    11: ("تشرين الثاني", "تشرين ثاني", "نوفمبر", "نونبر", "november", "nov"),
    12: ("كانون الأول", "كانون أول", "ديسمبر", "دجنبر", "december", "dec"),
}
"""Levantine, Egyptian/Gulf and Maghrebi month names, and English names and abbreviations."""

AMBIGUOUS_MONTHS: Final[frozenset[str]] = frozenset(
    fold(w)
    for w in (
        "مارس", "ماي", "آب", "أوت", "may", "march", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "august",
        "sept", "sep", "oct", "nov", "dec",
    )
)  # fmt: skip
"""Month names that are also ordinary words (مارس "practised", آب/أب "father", ماي, "may"): taken as
months only next to a day, a year, الماضي/المقبل, another month name, شهر, or after في/منذ/in/since."""

WEEKDAYS: Final[dict[int, tuple[str, ...]]] = {
    0: ("الاثنين", "الإثنين", "الأثنين", "الاتنين", "monday"),
    1: ("الثلاثاء", "الثلاثا", "tuesday"),
    2: ("الأربعاء", "الاربعاء", "wednesday"),
    3: ("الخميس", "thursday"),
    4: ("الجمعة", "friday"),
    5: ("السبت", "saturday"),
    6: ("الأحد", "الاحد", "sunday"),
}
"""Weekdays, numbered like :meth:`datetime.date.weekday` (Monday 0)."""

TIMES_OF_DAY: Final[tuple[str, ...]] = (
    "فجر", "صباح", "صبيحة", "ضحى", "ظهر", "ظهيرة", "عصر", "مساء", "ليل", "ليلة", "منتصف ليل",
    "منتصف ليلة", "منتصف نهار", "نهار", "ساعات صباح", "ساعات مساء", "ساعات فجر", "وقت متأخر من ليل",
    "وقت متأخر من مساء", "ساعة متأخرة من ليل", "ساعة متأخرة من مساء",
)  # fmt: skip
"""Arabic times of day that prefix a day word: فجر الاثنين, صباح اليوم, مساء أمس."""

NIGHT_WORDS: Final[tuple[str, ...]] = (
    "ليل", "ليلة", "منتصف ليل", "منتصف ليلة", "وقت متأخر من ليل", "ساعة متأخرة من ليل", "the night of",
    "night",
)  # fmt: skip
"""A night spans two dates: ليل الأربعاء runs from Wednesday into Thursday (or, when Thursday is after
publication, from Tuesday into Wednesday: the night before)."""

RELATIVE_DAYS: Final[dict[str, int]] = {
    "اليوم": 0,
    "أمس": -1,
    "بالأمس": -1,
    "البارحة": -1,
    "الليلة الماضية": -1,
    "الليلة قبل الماضية": -2,
    "الليل قبل الماضي": -2,
    "أول أمس": -2,
    "أول من أمس": -2,
    "أمس الأول": -2,
    "أمس (الأول)": -2,
    "غدا": 1,
    "بعد غد": 2,
    "today": 0,
    "earlier today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "yesterday": -1,
    "last night": -1,
    "overnight": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
}
"""Day words and their offset in days from publication."""

NIGHT_DAYS: Final[frozenset[str]] = frozenset(
    ("الليلة الماضية", "الليلة قبل الماضية", "الليل قبل الماضي", "last night", "overnight")
)
"""Day words that name a night (see :data:`NIGHT_WORDS`)."""

PAST_WORDS: Final[tuple[str, ...]] = (
    "الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة", "last",
)  # fmt: skip
FUTURE_WORDS: Final[tuple[str, ...]] = ("المقبل", "المقبلة", "القادم", "القادمة", "next")
CURRENT_WORDS: Final[tuple[str, ...]] = (
    "الجاري", "الجارية", "الحالي", "الحالية", "هذا", "هذه", "this", "earlier this", "later this",
)  # fmt: skip

EDGES: Final[dict[str, str]] = {
    "مطلع": "start",
    "بداية": "start",
    "بدايات": "start",
    "أوائل": "start",
    "مستهل": "start",
    "early": "start",
    "the start of": "start",
    "the beginning of": "start",
    "منتصف": "middle",
    "أواسط": "middle",
    "mid": "middle",
    "the middle of": "middle",
    "أواخر": "late",
    "late": "late",
    "نهاية": "end",
    "the end of": "end",
}
"""Parts of a period; they move the start of a "since" period (منذ منتصف حزيران: from 15 June)."""

PERIOD_UNITS: Final[dict[str, str]] = {
    "الأسبوع": "week",
    "الشهر": "month",
    "العام": "year",
    "السنة": "year",
    "week": "week",
    "month": "month",
    "year": "year",
}

AGO_UNITS: Final[dict[str, tuple[str, int | None]]] = {
    # unit word: (unit, implied count; None when a number must come before it)
    "ساعة": ("hour", 1),
    "ساعتين": ("hour", 2),
    "ساعات": ("hour", None),
    "يوم": ("day", 1),
    "يوما": ("day", None),
    "يومين": ("day", 2),
    "أيام": ("day", None),
    "أسبوع": ("week", 1),
    "أسبوعا": ("week", None),
    "أسبوعين": ("week", 2),
    "أسابيع": ("week", None),
    "شهر": ("month", 1),
    "شهرا": ("month", None),
    "شهرين": ("month", 2),
    "أشهر": ("month", None),
    "شهور": ("month", None),
    "عام": ("year", 1),
    "عاما": ("year", None),
    "عامين": ("year", 2),
    "أعوام": ("year", None),
    "سنة": ("year", 1),
    "سنتين": ("year", 2),
    "سنوات": ("year", None),
    "hour": ("hour", 1),
    "hours": ("hour", None),
    "day": ("day", 1),
    "days": ("day", None),
    "week": ("week", 1),
    "weeks": ("week", None),
    "month": ("month", 1),
    "months": ("month", None),
    "year": ("year", 1),
    "years": ("year", None),
}

DURATION_UNITS: Final[dict[str, tuple[str, int | None]]] = {
    "الساعات": ("hour", None),
    "الساعتين": ("hour", 2),
    "ساعة": ("hour", None),
    "الأيام": ("day", None),
    "اليومين": ("day", 2),
    "يوما": ("day", None),
    "أيام": ("day", None),
    "الأسابيع": ("week", None),
    "الأسبوعين": ("week", 2),
    "الأشهر": ("month", None),
    "الشهور": ("month", None),
    "الشهرين": ("month", 2),
    "السنوات": ("year", None),
    "الأعوام": ("year", None),
    "العامين": ("year", 2),
    "السنتين": ("year", 2),
}
"""Plural or dual units of ``خلال الأيام الثلاثة الماضية`` ("during the past three days")."""

NAME_PREFIXES: Final[tuple[str, ...]] = (
    "قوى", "حركة", "ثورة", "تيار", "حرب", "انتفاضة", "أحداث", "هجمات", "تحالف", "ائتلاف", "اتفاق",
    "جماعة", "شارع", "ساحة", "ميدان", "جسر", "لواء", "كتيبة", "كتائب", "فرقة", "جيش", "مستشفى", "نكسة",
)  # fmt: skip
"""Words before a date that make it part of a name: قوى 14 آذار, ثورة 25 يناير, لواء 8 آذار."""

MONTH_CONTEXT_BEFORE: Final[tuple[str, ...]] = (
    "في", "منذ", "خلال", "حتى", "قبل", "بعد", "مطلع", "in", "since", "during", "until", "by", "before",
    "after",
)  # fmt: skip
"""Words that make an ambiguous month word a month: في مارس, منذ آب, in May."""
YEAR_CONTEXT_BEFORE: Final[tuple[str, ...]] = ("في", "منذ", "خلال", "حتى", "in", "since", "during", "until")
"""Words that make a bare 4-digit number a year: في 2013, in 2013 (not قبل 2011, "before 2011")."""


ENGLISH_DURATION_UNITS: Final[dict[str, tuple[str, int | None]]] = {
    "hours": ("hour", None),
    "days": ("day", None),
    "weeks": ("week", None),
    "months": ("month", None),
    "years": ("year", None),
    "hour": ("hour", 1),
    "day": ("day", 1),
    "week": ("week", 1),
    "month": ("month", 1),
    "year": ("year", 1),
}
"""Units of "the past 24 hours", "the last three days", "the past week"."""


# ---------------------------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------------------------

_S = r"[^\S\n]"


def _folded_table(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {fold(word): key for key, words in table.items() for word in words}


def _alt(words: Iterable[str]) -> str:
    """A trie alternation of the folded ``words``."""
    return trie_pattern(fold(w) for w in words)


_MONTH_OF: Final[dict[str, int]] = _folded_table(MONTHS)
_WEEKDAY_OF: Final[dict[str, int]] = _folded_table(WEEKDAYS)
_RELATIVE_DAY_OF: Final[dict[str, int]] = {fold(k): v for k, v in RELATIVE_DAYS.items()}
_NIGHT_DAYS: Final[frozenset[str]] = frozenset(fold(w) for w in NIGHT_DAYS)
_NIGHT_WORDS: Final[frozenset[str]] = frozenset(fold(w) for w in NIGHT_WORDS)
_EDGE_OF: Final[dict[str, str]] = {fold(k): v for k, v in EDGES.items()}
_PERIOD_OF: Final[dict[str, str]] = {fold(k): v for k, v in PERIOD_UNITS.items()}
_AGO_UNIT_OF: Final[dict[str, tuple[str, int | None]]] = {fold(k): v for k, v in AGO_UNITS.items()}
_DURATION_UNIT_OF: Final[dict[str, tuple[str, int | None]]] = {
    **{fold(k): v for k, v in DURATION_UNITS.items()},
    **ENGLISH_DURATION_UNITS,
}
_PAST: Final[frozenset[str]] = frozenset(fold(w) for w in PAST_WORDS)
_FUTURE: Final[frozenset[str]] = frozenset(fold(w) for w in FUTURE_WORDS)
_CURRENT: Final[frozenset[str]] = frozenset(fold(w) for w in CURRENT_WORDS)

_MONTH = _alt(_MONTH_OF)
_WEEKDAY = _alt(_WEEKDAY_OF)
_EDGE = _alt(_EDGE_OF)
_REL = _alt(_PAST | _FUTURE | _CURRENT)
_YEAR = r"(?:19|20)\d\d(?!\d)"
_NUMBER_WORDS = r"\d+|[^\W\d]+(?:" + _S + r"+[^\W\d]+)?"
_SPACES_RE: Final = re.compile(r"\s+")

_KEYWORDS: Final[frozenset[str]] = frozenset(
    {*_MONTH_OF, *_WEEKDAY_OF, *_RELATIVE_DAY_OF, *_PERIOD_OF, *_AGO_UNIT_OF, *_DURATION_UNIT_OF}
)
_KEYWORD_RE: Final = re.compile(r"(?<!\w)(?:" + trie_pattern(_KEYWORDS) + r")(?![^\W\d])")
"""One scan finds every word a date expression hangs on; the rest is read around each."""
_YEAR_KEYWORD_RE: Final = re.compile(r"(?:19|20)\d\d")
"""Years, and numeric dates through their year (a separate scan: sre skips to the digits fast)."""

# months
_MONTH_PREFIX_RE: Final = re.compile(
    rf"(?:(?<!\w)(?P<since>منذ|since){_S}+)?"
    rf"(?:(?<!\w)(?P<edge>{_EDGE}){_S}+(?:(?:من|of){_S}+)?)?"
    rf"(?:(?<!\w)(?:يوم{_S}+)?(?P<wd>{_WEEKDAY}){_S}*[,،]?{_S}*)?"
    rf"(?:(?<!\w)(?:(?P<from>من|بين|from|between){_S}+)?(?P<d1>\d{{1,2}}){_S}*"
    rf"(?P<dsep>-|الي|حتي|و|to|and|,|،){_S}*)?"
    rf"(?:(?:(?<!\w)|(?<=و))(?:the{_S}+)?(?P<day>\d{{1,2}}|{ORDINAL_DAY_PATTERN})(?:st|nd|rd|th)?{_S}*"
    rf"(?:(?:من|of){_S}+)?)?"
    rf"(?:(?<!\w)(?P<shahr>شهر|the month of){_S}+)?"
    rf"(?:(?<!\w)(?P<last>last|next|this){_S}+)?\Z"
)
_MONTH_PAIR_RE: Final = re.compile(
    rf"{_S}*[/(\-]{_S}*(?P<m2>{_MONTH})(?!\w)(?:{_S}*\))?|{_S}+\(?(?P<m3>{_MONTH})(?!\w)\)?"
)
_ENGLISH_DAY_AFTER_RE: Final = re.compile(rf"{_S}+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\w)")
_YEAR_AFTER_RE: Final = re.compile(
    rf"{_S}*[,،]?{_S}*(?:(?:من|of){_S}+)?(?:(?:عام|سنه|العام|السنه){_S}*)?(?P<year>{_YEAR})(?:{_S}*م(?!\w))?"
)
_REL_AFTER_RE: Final = re.compile(rf"{_S}+(?P<rel>{_REL})(?!\w)")
_MONTH_CONTEXT_RE: Final = re.compile(rf"(?<!\w)(?:{_alt(MONTH_CONTEXT_BEFORE)}){_S}+\Z")
_NAME_BEFORE_RE: Final = re.compile(rf"(?<!\w)(?:{_alt(NAME_PREFIXES)}){_S}+\Z")

# days
_DAY_PREFIX_RE: Final = re.compile(
    rf"(?:(?<!\w)(?P<since>منذ|since){_S}+)?"
    rf"(?:(?<!\w)(?P<tod>{_alt(TIMES_OF_DAY)}){_S}+(?:يوم{_S}+)?"
    rf"|(?<!\w)(?P<yawm>يوم|نهار){_S}+"
    rf"|(?<!\w)(?:on{_S}+)?(?P<tod_en>the night of){_S}+"
    rf"|(?<!\w)(?P<en>(?:late|early)(?:{_S}+on)?|on|last|this|next){_S}+)?\Z"
)
_WEEKDAY_AFTER_RE: Final = re.compile(rf"{_S}*[,،]?{_S}*\(?{_S}*(?P<wd>{_WEEKDAY})(?!\w)(?:{_S}*\))?")
_ENGLISH_TIME_AFTER_RE: Final = re.compile(rf"{_S}+(?P<tod>morning|afternoon|evening|night)(?!\w)")
_NOT_TODAY_BEFORE_RE: Final = re.compile(rf"(?<!\w)(?:نفس|ذات|ذلك|تلك){_S}+\Z")
_NOT_TODAY_AFTER_RE: Final = re.compile(rf"{_S}+(?:ال\w+|نفسه)")
_WEEKDAY_PAIR_RE: Final = re.compile(
    rf"(?:{_S}*[-/]{_S}*|{_S}+(?:(?:علي|الي){_S}+)?)(?P<wd2>{_WEEKDAY})(?!\w)"
)

# weeks, months and years named relatively
_PERIOD_PREFIX_RE: Final = re.compile(
    rf"(?:(?<!\w)(?P<since>منذ|since){_S}+)?"
    rf"(?:(?<!\w)(?P<day>\d{{1,2}}|{ORDINAL_DAY_PATTERN}){_S}+من{_S}+)?"
    rf"(?:(?<!\w)(?P<edge>{_EDGE}){_S}+(?:(?:من|of){_S}+)?)?"
    rf"(?:(?<!\w)(?P<this>{_alt(_CURRENT | _PAST | _FUTURE)}|the){_S}+)?\Z"
)
_DEFINITE_WORD_BEFORE_RE: Final = re.compile(rf"(?<!\w)ال\w+{_S}+\Z")

# years and numeric dates
_YEAR_PREFIX_RE: Final = re.compile(
    rf"(?:(?<!\w)(?P<since>منذ|since){_S}+)?"
    rf"(?:(?<!\w)(?P<edge>{_EDGE}){_S}+(?:(?:من|of){_S}+)?)?"
    rf"(?:(?<!\w)(?P<intro>عام|سنه|العام|السنه|in|during|of|until|by){_S}*)?\Z"
)
_YEAR_CONTEXT_RE: Final = re.compile(rf"(?<!\w)(?:{_alt(YEAR_CONTEXT_BEFORE)}){_S}+\Z")
_YEAR_MARK_AFTER_RE: Final = re.compile(rf"{_S}*م(?!\w)")
_DAY_MONTH_BEFORE_RE: Final = re.compile(
    r"(?<![\d/.\-])(?P<d>\d{1,2})\s?(?P<sep>[-/.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?\Z"
)
_MONTH_DAY_AFTER_RE: Final = re.compile(
    r"\s?(?P<sep>[-/.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<d>\d{1,2})(?![\d/.\-]\d|\d)"
)

# "N days ago", "the past N days"
_AGO_PREFIX_RE: Final = re.compile(rf"(?<!\w)(?P<pre>قبل|منذ){_S}+(?:(?P<num>{_NUMBER_WORDS}){_S}+)?\Z")
_ENGLISH_AGO_PREFIX_RE: Final = re.compile(rf"(?<!\w)(?P<num>\d+|an?|[a-z]+(?:-[a-z]+)?){_S}+\Z")
_ENGLISH_AGO_AFTER_RE: Final = re.compile(rf"{_S}+ago(?!\w)")
_RELATIVE_TO_EVENT_RE: Final = re.compile(rf"{_S}+(?:من|على|علي)(?!\w)")
_DURATION_PREFIX_RE: Final = re.compile(
    rf"(?<!\w)(?:خلال|في|طيله|طوال|علي مدي|علي مدار){_S}+"
    rf"(?P<body>(?:ال{_S}?(?P<num>{_NUMBER_WORDS}){_S}+)?)\Z"
)
_DURATION_AFTER_RE: Final = re.compile(
    rf"(?:{_S}+ال{_S}?(?P<num>\d+|[^\W\d]+))?{_S}+"
    rf"(?:الماضيه|الماضيين|الماضي|الاخيره|الاخيرين|المنصرمه|المنصرمين)(?!\w)"
)
_ENGLISH_DURATION_PREFIX_RE: Final = re.compile(
    rf"(?<!\w)the{_S}+(?:past|last){_S}+(?:(?P<num>\d+|[a-z]+(?:-[a-z]+)?){_S}+)?\Z"
)


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _weekday_before(published: dt.date, weekday: int) -> dt.date:
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7)


def _weekday_after(published: dt.date, weekday: int) -> dt.date:
    return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)


_LOOKAHEAD_DAYS: Final = 7
"""A day-month with no year a few days after publication is this year's (an announced event, or a
publication date that lags), not last year's."""


def _month_year(month: int, published: dt.date, direction: str) -> int:
    """The year of ``month`` seen from ``published``: "past" (strictly before), "future", "current",
    or "latest" (the latest not after publication)."""
    if direction == "past":
        return published.year if month < published.month else published.year - 1
    if direction == "future":
        return published.year if month > published.month else published.year + 1
    if direction == "current":
        return published.year
    return published.year if month <= published.month else published.year - 1


def _day_month_date(day: int, month: int, published: dt.date, direction: str) -> dt.date | None:
    """The date of ``day`` ``month`` with no year, seen from ``published`` (see :func:`_month_year`)."""
    if direction == "current":
        return _safe_date(published.year, month, day)
    years = range(published.year - 1, published.year + 2)
    dates = [d for year in years if (d := _safe_date(year, month, day)) is not None]
    if direction == "future":
        return next((d for d in dates if d > published), None)
    limit = published if direction == "past" else published + dt.timedelta(days=_LOOKAHEAD_DAYS)
    before = [d for d in dates if d < limit or (direction == "latest" and d == limit)]
    return before[-1] if before else None


def _edge_day(edge: str | None, year: int, month: int) -> dt.date:
    if edge == "end":
        return _month_end(year, month)
    return dt.date(year, month, {"middle": 15, "late": 21}.get(edge or "", 1))


def _edge_month(edge: str | None) -> int:
    return {"middle": 7, "late": 10, "end": 12}.get(edge or "", 1)


def _direction(rel: str | None) -> str:
    if rel is None:
        return "latest"
    if rel in _PAST:
        return "past"
    if rel in _FUTURE:
        return "future"
    return "current"


def _as_precision(unit: str) -> DatePrecision:
    if unit == "week":
        return "week"
    if unit == "month":
        return "month"
    if unit == "year":
        return "year"
    return "day"


def _period(unit: str, direction: str, published: dt.date) -> tuple[dt.date, dt.date]:
    """The week, month or year before, of or after publication (the current one ends at publication)."""
    step = {"past": -1, "future": 1}.get(direction, 0)
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return monday, (published if step == 0 else monday + dt.timedelta(days=6))
    if unit == "month":
        first = _shift_months(published.replace(day=1), step)
        return first, (published if step == 0 else _month_end(first.year, first.month))
    year = published.year + step
    return dt.date(year, 1, 1), (published if step == 0 else dt.date(year, 12, 31))


def _period_edge(first: dt.date, unit: str, edge: str | None) -> dt.date:
    if unit == "month":
        return _edge_day(edge, first.year, first.month)
    if unit == "year":
        return dt.date(first.year, _edge_month(edge), 1)
    return first


def _units_before(published: dt.date, unit: str, count: int) -> dt.date:
    if unit == "hour":
        return published - dt.timedelta(days=1 if count >= 12 else 0)
    if unit == "day":
        return published - dt.timedelta(days=count)
    if unit == "week":
        return published - dt.timedelta(weeks=count)
    if unit == "month":
        return _shift_months(published, -count)
    return _shift_months(published, -12 * count)


# ---------------------------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # folded offsets
    end: int
    first: dt.date
    last: dt.date
    precision: DatePrecision
    relative: bool
    kind: str = "point"


@dataclass(frozen=True, slots=True)
class _Keyword:
    """A keyword found in the folded text, with what every reader needs."""

    folded: str
    start: int
    end: int
    word: str
    published: dt.date | None

    def before(
        self, pattern: re.Pattern[str], reach: int = 40, start: int | None = None
    ) -> re.Match[str] | None:
        """``pattern`` (ending in ``\\Z``) matched on the words just before the keyword (or ``start``)."""
        at = self.start if start is None else start
        match = pattern.search(self.folded, max(0, at - reach), at)
        return match if match is not None and match.start() < match.end() else None

    def after(self, pattern: re.Pattern[str], end: int | None = None) -> re.Match[str] | None:
        return pattern.match(self.folded, self.end if end is None else end)


def _point(start: int, end: int, date: dt.date, relative: bool) -> _Candidate:
    return _Candidate(start, end, date, date, "day", relative)


def _since(
    start: int, end: int, anchor: tuple[dt.date, dt.date], published: dt.date | None, precision: DatePrecision
) -> _Candidate | None:
    """A "since" period: from the anchor to publication (to the anchor's end when unknown)."""
    last = published if published is not None else anchor[1]
    if last < anchor[0]:
        return None
    return _Candidate(start, end, anchor[0], last, precision, published is not None, "since")


def _key(match_text: str) -> str:
    return _SPACES_RE.sub(" ", match_text)


def _count(number: str | None, implied: int | None) -> int | None:
    """How many units: the number before the unit, or the one a singular or dual implies."""
    if number is None:
        return implied
    if implied is not None and implied > 1:  # "ثلاثة يومين" is not Arabic
        return None
    if number in ("a", "an"):
        return 1
    mentions = find_numbers(number.replace("-", " "))
    if len(mentions) != 1 or mentions[0].vague or mentions[0].qualifier is not None:
        return None  # "منذ عدة أيام": vague, not a date
    return mentions[0].value


# --- months ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _MonthParts:
    start: int
    end: int
    month: int
    day: int | None = None
    day_start: int = 0
    year: int | None = None
    rel: str | None = None
    since: bool = False
    edge: str | None = None
    first_day: int | None = None  # "من 8 إلى 24 جوان", "23 و30 يوليو"
    first_day_span: tuple[int, int] = (0, 0)
    day_range: bool = False
    weekday: int | None = None  # "السبت 7 حزيران"
    context: bool = False  # something besides the month word says it is a month


def _month_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    parts = _month_parts(keyword)
    if parts is None or (parts.year is None and keyword.published is None):
        return
    if parts.day is not None:
        yield from _day_month_dates(parts, keyword.published)
    else:
        yield from _whole_month_dates(parts, keyword.published)


def _month_parts(keyword: _Keyword) -> _MonthParts | None:
    parts = _MonthParts(keyword.start, keyword.end, _MONTH_OF[keyword.word])
    prefix = keyword.before(_MONTH_PREFIX_RE, reach=60)
    if prefix is not None:
        _read_month_prefix(parts, prefix)
    _read_month_suffix(keyword, parts, english=keyword.word.isascii())
    ambiguous = keyword.word in AMBIGUOUS_MONTHS and not parts.context
    if ambiguous and keyword.before(_MONTH_CONTEXT_RE, reach=8, start=parts.start) is None:
        return None
    if parts.year is None and keyword.before(_NAME_BEFORE_RE, reach=14, start=parts.start) is not None:
        return None
    return parts


def _read_month_prefix(parts: _MonthParts, prefix: re.Match[str]) -> None:
    parts.start = prefix.start()
    parts.since = prefix.group("since") is not None
    parts.edge = _EDGE_OF[_key(prefix.group("edge"))] if prefix.group("edge") else None
    parts.rel = prefix.group("last")
    parts.weekday = _WEEKDAY_OF[prefix.group("wd")] if prefix.group("wd") else None
    parts.context = any(prefix.group(g) is not None for g in ("since", "edge", "day", "shahr", "last"))
    day = prefix.group("day")
    if day is not None:
        parts.day = int(day) if day.isdigit() else parse_ordinal_day(day)
        parts.day_start = prefix.start("day")
    if prefix.group("d1") is None:
        return
    if day is None or not day.isdigit():  # a lone number before the month is not part of the date
        parts.start = parts.day_start if day is not None else _skip_spaces(prefix.string, prefix.end("dsep"))
        return
    parts.first_day = int(prefix.group("d1"))
    parts.first_day_span = prefix.span("d1")
    parts.day_range = prefix.group("from") is not None or prefix.group("dsep") in ("-", "الي", "حتي", "to")


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _read_month_suffix(keyword: _Keyword, parts: _MonthParts, english: bool) -> None:
    pair = keyword.after(_MONTH_PAIR_RE, parts.end)
    if pair is not None and _MONTH_OF[_key(pair.group("m2") or pair.group("m3"))] == parts.month:
        parts.end, parts.context = pair.end(), True
    if english and parts.day is None and (day := keyword.after(_ENGLISH_DAY_AFTER_RE, parts.end)):
        parts.day, parts.day_start, parts.end, parts.context = (
            int(day.group("day")),
            parts.start,
            day.end(),
            True,
        )
    year = keyword.after(_YEAR_AFTER_RE, parts.end)
    if year is not None:
        parts.year, parts.end, parts.context = int(year.group("year")), year.end(), True
        return
    rel = keyword.after(_REL_AFTER_RE, parts.end)
    if rel is not None and parts.rel is None:
        parts.rel, parts.end, parts.context = rel.group("rel"), rel.end(), True


def _whole_month_dates(parts: _MonthParts, published: dt.date | None) -> Iterator[_Candidate]:
    relative = parts.year is None
    year = (
        parts.year
        if parts.year is not None
        else _month_year(parts.month, _req(published), _direction(parts.rel))
    )
    period = (dt.date(year, parts.month, 1), _month_end(year, parts.month))
    if not parts.since:
        yield _Candidate(parts.start, parts.end, period[0], period[1], "month", relative)
        return
    anchor = (_edge_day(parts.edge, year, parts.month), period[1])
    since = _since(parts.start, parts.end, anchor, published, "month")
    if since is not None:
        yield since


def _req(published: dt.date | None) -> dt.date:
    if published is None:  # callers check first; this keeps the type checker honest
        raise ValueError("a publication date is needed to resolve a relative date")
    return published


def _day_month_dates(parts: _MonthParts, published: dt.date | None) -> Iterator[_Candidate]:
    day = parts.day
    if day is None:
        return
    date = (
        _safe_date(parts.year, parts.month, day)
        if parts.year is not None
        else _day_month_date(day, parts.month, _req(published), _direction(parts.rel))
    )
    if date is None:
        return
    relative = parts.year is None
    if parts.weekday is not None and date.weekday() != parts.weekday and published is not None:
        corrected = _year_typo_corrected(date, parts.weekday, published)
        date, relative = (corrected, True) if corrected is not None else (date, relative)
    if parts.since:
        since = _since(parts.start, parts.end, (date, date), published, "day")
        if since is not None:
            yield since
        return
    first = None if parts.first_day is None else _safe_date(date.year, date.month, parts.first_day)
    if first is None or first >= date:
        yield _point(parts.day_start if parts.first_day else parts.start, parts.end, date, relative)
    elif parts.day_range:
        yield _Candidate(parts.start, parts.end, first, date, "day", relative, "range")
    else:  # "23 و30 يوليو": two dates
        yield _point(*parts.first_day_span, first, relative)
        yield _point(parts.day_start, parts.end, date, relative)


def _year_typo_corrected(date: dt.date, weekday: int, published: dt.date) -> dt.date | None:
    """ "السبت 07 جانفي 2016" in a January 2017 report: the weekday fits 2017, the year is a typo."""
    for year in (published.year, published.year - 1):
        candidate = _safe_date(year, date.month, date.day)
        if (
            candidate is not None
            and candidate.weekday() == weekday
            and abs((candidate - published).days) <= 31
        ):
            return candidate
    return None


# --- relative days and weekdays -----------------------------------------------------------------


def _relative_day_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    published = keyword.published
    if published is None:
        return
    start, end = keyword.start, keyword.end
    weekday = keyword.after(_WEEKDAY_AFTER_RE)
    if keyword.word == "اليوم" and weekday is None and _is_not_today(keyword):
        return
    prefix = keyword.before(_DAY_PREFIX_RE)
    if prefix is not None:
        start = prefix.start()
    offset = _RELATIVE_DAY_OF[keyword.word]
    date = published + dt.timedelta(days=offset)
    night = keyword.word in _NIGHT_DAYS or _is_night(prefix)
    if weekday is not None:
        end = weekday.end()
        date = _cross_checked(date, _WEEKDAY_OF[weekday.group("wd")], published, offset)
    elif keyword.word.isascii() and (time_of_day := keyword.after(_ENGLISH_TIME_AFTER_RE)):
        end, night = time_of_day.end(), night or time_of_day.group("tod") == "night"
    yield from _day_or_since(start, end, date, published, prefix, night=night)


def _is_night(prefix: re.Match[str] | None) -> bool:
    if prefix is None:
        return False
    time_of_day = prefix.group("tod") or prefix.group("tod_en")
    return time_of_day is not None and _key(time_of_day) in _NIGHT_WORDS


def _day_or_since(
    start: int,
    end: int,
    date: dt.date,
    published: dt.date,
    prefix: re.Match[str] | None,
    *,
    night: bool = False,
) -> Iterator[_Candidate]:
    """A day (a night: two days), or with منذ/since before it the period from then to publication."""
    if prefix is not None and prefix.group("since") is not None:
        if (since := _since(start, end, (date, date), published, "day")) is not None:
            yield since
    elif night:
        first = date if date < published else date - dt.timedelta(days=1)
        yield _Candidate(start, end, first, first + dt.timedelta(days=1), "day", True)
    else:
        yield _point(start, end, date, True)


def _is_not_today(keyword: _Keyword) -> bool:
    """اليوم التالي / اليوم الأول / ذلك اليوم / اليوم نفسه are days, but not today."""
    if keyword.after(_NOT_TODAY_AFTER_RE) is not None:
        return True
    return keyword.before(_NOT_TODAY_BEFORE_RE, reach=8) is not None


def _cross_checked(date: dt.date, weekday: int, published: dt.date, offset: int) -> dt.date:
    """اليوم الخميس, أمس الأربعاء: when the weekday disagrees by a day or two, trust the weekday."""
    if date.weekday() == weekday:
        return date
    if offset > 0:
        candidate = _weekday_after(published, weekday)
    elif offset == 0:
        candidate = _weekday_on_or_before(published, weekday)
    else:
        candidate = _weekday_before(published, weekday)
    return candidate if abs((candidate - date).days) <= 2 else date


def _weekday_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    published = keyword.published
    if published is None:
        return
    start, end = keyword.start, keyword.end
    weekday = _WEEKDAY_OF[keyword.word]
    prefix = keyword.before(_DAY_PREFIX_RE)
    direction = prefix.group("en") if prefix is not None else None
    if prefix is not None and direction != "on":
        start = prefix.start()
    pair = keyword.after(_WEEKDAY_PAIR_RE)
    if pair is not None and _WEEKDAY_OF[pair.group("wd2")] == (weekday + 1) % 7:  # ليل الإثنين-الثلاثاء
        last = _weekday_on_or_before(published, (weekday + 1) % 7)
        yield _Candidate(start, pair.end(), last - dt.timedelta(days=1), last, "day", True)
        return
    rel = keyword.after(_REL_AFTER_RE)
    if rel is not None and rel.group("rel") not in _CURRENT:
        direction, end = rel.group("rel"), rel.end()
    night = _is_night(prefix)
    if keyword.word.isascii() and (time_of_day := keyword.after(_ENGLISH_TIME_AFTER_RE, end)):
        end, night = time_of_day.end(), night or time_of_day.group("tod") == "night"
    date = _weekday_date(published, weekday, direction)
    yield from _day_or_since(start, end, date, published, prefix, night=night)


def _weekday_date(published: dt.date, weekday: int, direction: str | None) -> dt.date:
    if direction in _PAST:
        return _weekday_before(published, weekday)
    if direction in _FUTURE:
        return _weekday_after(published, weekday)
    return _weekday_on_or_before(published, weekday)


# --- weeks, months, years named relatively --------------------------------------------------------


def _period_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    published = keyword.published
    if published is None:
        return
    unit, start, end = _PERIOD_OF[keyword.word], keyword.start, keyword.end
    prefix = keyword.before(_PERIOD_PREFIX_RE, reach=50)
    groups: dict[str, str | None] = prefix.groupdict() if prefix is not None else {}
    rel = keyword.after(_REL_AFTER_RE)
    this = groups.get("this")
    word = rel.group("rel") if rel is not None else (this if this != "the" else None)
    if word is None and not groups.get("since") and not groups.get("edge"):
        return
    if unit == "year" and not prefix and keyword.before(_DEFINITE_WORD_BEFORE_RE, reach=20):
        return  # الأمين العام الحالي: "general", not "year"
    if prefix is not None:
        start = prefix.start()
    if rel is not None:
        end = rel.end()
    period = _period(unit, _direction(_key(word)) if word else "current", published)
    yield from _period_candidates(start, end, unit, period=period, groups=groups, published=published)


def _period_candidates(
    start: int,
    end: int,
    unit: str,
    *,
    period: tuple[dt.date, dt.date],
    groups: dict[str, str | None],
    published: dt.date,
) -> Iterator[_Candidate]:
    edge_word = groups.get("edge")
    edge = _EDGE_OF[_key(edge_word)] if edge_word else None
    day_word = groups.get("day")
    if day_word is not None and unit == "month":  # "7 من الشهر الماضي"
        day = int(day_word) if day_word.isdigit() else parse_ordinal_day(day_word)
        date = _safe_date(period[0].year, period[0].month, day or 0)
        if date is not None:
            yield _point(start, end, date, True)
        return
    if groups.get("since"):
        since = _since(
            start, end, (_period_edge(period[0], unit, edge), period[1]), published, _as_precision(unit)
        )
        if since is not None:
            yield since
        return
    yield _Candidate(start, end, period[0], period[1], _as_precision(unit), True)


# --- years and numeric dates ---------------------------------------------------------------------


def _year_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    folded, start, end = keyword.folded, keyword.start, keyword.end
    numeric = _numeric_date(keyword)
    if numeric is not None:
        yield numeric
        return
    if (start and (folded[start - 1].isalnum() or folded[start - 1] in "/.-")) or _is_digit_after(
        folded, end
    ):
        return
    year = int(keyword.word)
    prefix = keyword.before(_YEAR_PREFIX_RE)
    mark = keyword.after(_YEAR_MARK_AFTER_RE)
    if prefix is None and mark is None and keyword.before(_YEAR_CONTEXT_RE, reach=8) is None:
        return
    if mark is not None:
        end = mark.end()
    if prefix is not None:
        start = prefix.start()
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if prefix is None or not prefix.group("since"):
        yield _Candidate(start, end, period[0], period[1], "year", False)
        return
    edge = _EDGE_OF[_key(prefix.group("edge"))] if prefix.group("edge") else None
    since = _since(start, end, (dt.date(year, _edge_month(edge), 1), period[1]), keyword.published, "year")
    if since is not None:
        yield since


def _is_digit_after(folded: str, end: int) -> bool:
    """2017-07 or 2017.5: a year glued to more digits is not a year alone."""
    return end < len(folded) and (folded[end].isdigit() or folded[end : end + 2][1:].isdigit())


def _numeric_date(keyword: _Keyword) -> _Candidate | None:
    """7/6/2017, 07-06-2017 (day first unless the month would be over 12) and 2017-06-07."""
    year = int(keyword.word)
    before = keyword.before(_DAY_MONTH_BEFORE_RE, reach=10)
    if before is not None and not _is_digit_after(keyword.folded, keyword.end):
        day, month = int(before.group("d")), int(before.group("m"))
        if month > 12 >= day:  # 5/23/2022, American order
            day, month = month, day
        date = _safe_date(year, month, day)
        return None if date is None else _point(before.start(), keyword.end, date, False)
    after = keyword.after(_MONTH_DAY_AFTER_RE)
    if after is not None and not (keyword.start and keyword.folded[keyword.start - 1].isdigit()):
        date = _safe_date(year, int(after.group("m")), int(after.group("d")))
        return None if date is None else _point(keyword.start, after.end(), date, False)
    return None


# --- "N days ago" and "the past N days" ------------------------------------------------------------


def _ago_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    published = keyword.published
    if published is None:
        return
    unit, implied = _AGO_UNIT_OF[keyword.word]
    if keyword.word.isascii():
        prefix, after = keyword.before(_ENGLISH_AGO_PREFIX_RE, reach=25), keyword.after(_ENGLISH_AGO_AFTER_RE)
        if after is None:
            return
        start, end, since = (prefix.start() if prefix else keyword.start), after.end(), False
    else:
        prefix = keyword.before(_AGO_PREFIX_RE, reach=30)
        if prefix is None or keyword.after(_RELATIVE_TO_EVENT_RE) is not None:
            return  # "قبل يومين من إعلان": relative to another event
        start, end = prefix.start(), keyword.end
        since = prefix.group("pre") == "منذ" and unit in ("week", "month", "year")
    count = _count(prefix.group("num") if prefix else None, implied)
    if count is not None and 0 < count <= 100:
        yield _ago(start, end, unit, count, published, since=since)


def _ago(start: int, end: int, unit: str, count: int, published: dt.date, *, since: bool) -> _Candidate:
    if since:
        first = _units_before(published, unit, count)
        return _Candidate(start, end, first, published, _as_precision(unit), True, "since")
    if unit in ("hour", "day"):
        return _point(start, end, published - dt.timedelta(days=count if unit == "day" else 0), True)
    if unit == "week":
        date = published - dt.timedelta(weeks=count)
        return _Candidate(start, end, date, date, "week", True)
    if unit == "month":
        first = _shift_months(published.replace(day=1), -count)
        return _Candidate(start, end, first, _month_end(first.year, first.month), "month", True)
    year = published.year - count
    return _Candidate(start, end, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", True)


def _duration_dates(keyword: _Keyword) -> Iterator[_Candidate]:
    published = keyword.published
    if published is None:
        return
    unit, implied = _DURATION_UNIT_OF[keyword.word]
    if keyword.word.isascii():
        prefix, after = keyword.before(_ENGLISH_DURATION_PREFIX_RE, reach=30), None
        if prefix is None:
            return
        start, end, number = prefix.start(), keyword.end, prefix.group("num")
    else:
        prefix, after = keyword.before(_DURATION_PREFIX_RE, reach=30), keyword.after(_DURATION_AFTER_RE)
        if prefix is None or after is None:
            return
        start, end = prefix.start("body"), after.end()
        number = prefix.group("num") or after.group("num")
    count = _count(number, implied)
    if count is not None and 0 < count <= 1000:
        first = _units_before(published, unit, count)
        yield _Candidate(start, end, first, published, _as_precision(unit), True, "duration")


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

_Reader = Callable[[_Keyword], Iterator[_Candidate]]


def _readers_by_word() -> dict[str, tuple[_Reader, ...]]:
    tables: tuple[tuple[Iterable[str], _Reader], ...] = (
        (_MONTH_OF, _month_dates),
        (_WEEKDAY_OF, _weekday_dates),
        (_RELATIVE_DAY_OF, _relative_day_dates),
        (_PERIOD_OF, _period_dates),
        (_AGO_UNIT_OF, _ago_dates),
        (_DURATION_UNIT_OF, _duration_dates),
    )
    readers: dict[str, tuple[_Reader, ...]] = {}
    for words, reader in tables:
        for word in words:
            readers[word] = (*readers.get(word, ()), reader)
    return readers


_READERS: Final[dict[str, tuple[_Reader, ...]]] = _readers_by_word()


def _candidates(folded: str, published: dt.date | None) -> Iterator[_Candidate]:
    for match in _KEYWORD_RE.finditer(folded):
        keyword = _Keyword(folded, match.start(), match.end(), _key(match.group()), published)
        for reader in _READERS[keyword.word]:
            yield from _within_calendar(reader(keyword))
    for match in _YEAR_KEYWORD_RE.finditer(folded):
        keyword = _Keyword(folded, match.start(), match.end(), match.group(), published)
        yield from _within_calendar(_year_dates(keyword))


def _within_calendar(candidates: Iterator[_Candidate]) -> Iterator[_Candidate]:
    """The candidates up to one that would fall outside the years 1 to 9999 (a "yesterday" published on
    0001-01-01, a "tomorrow" on 9999-12-31): such a date is not resolved rather than a crash."""
    with contextlib.suppress(OverflowError):
        yield from candidates


def _non_overlapping(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Keep the longest reading where readings overlap, then order by position."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if candidate.start < candidate.end and all(
            candidate.end <= other.start or candidate.start >= other.end for other in kept
        ):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def find_dates(text: str, published: dt.date | None, folded: Folded | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published``, in order of position.

    Pass ``folded`` (``Folded.of(text)``) when the caller already has it, to fold only once.
    """
    folded = folded if folded is not None else Folded.of(text)
    mentions: list[DateMention] = []
    for candidate in _non_overlapping(_candidates(folded.text, published)):
        start, end = original_span(folded, candidate.start, candidate.end)
        date_range = DateRange(candidate.first, candidate.last, candidate.precision, Span(start, end))
        mentions.append(DateMention(start, end, date_range, candidate.relative, candidate.kind))
    return mentions
