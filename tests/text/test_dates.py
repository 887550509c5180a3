"""Date expressions in Arabic and English reports, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.records import Span
from tawthiq.text.dates import DateMention, find_dates
from tawthiq.text.normalize import Folded

D = dt.date
TUE_2017_07_04 = D(2017, 7, 4)  # seed 000: a Tuesday
THU_2017_04_13 = D(2017, 4, 13)  # seed 003: a Thursday
TUE_2015_07_21 = D(2015, 7, 21)


def _only(text: str, published: dt.date | None) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, [(text[m.start : m.end], m.range) for m in mentions]
    return mentions[0]


def _read(mention: DateMention, text: str) -> tuple[str, str, str, str, str]:
    rng = mention.range
    return (
        text[mention.start : mention.end],
        rng.start.isoformat(),
        rng.end.isoformat(),
        rng.precision,
        mention.kind,
    )


class _Case(NamedTuple):
    text: str
    span: str
    period: str  # "2017-07-03" or "2017-07-03/2017-07-04"
    precision: str
    kind: str
    published: dt.date


def _case(
    text: str,
    span: str,
    period: str,
    precision: str = "day",
    kind: str = "point",
    *,
    published: dt.date = TUE_2017_07_04,
) -> _Case:
    return _Case(text, span, period, precision, kind, published)


CASES = [
    # the seeds
    _case("أعلنت قوات التحالف، ليل الإثنين-الثلاثاء، أن", "ليل الإثنين-الثلاثاء", "2017-07-03/2017-07-04"),
    _case("ليل الاثنين الثلاثاء", "ليل الاثنين الثلاثاء", "2017-07-03/2017-07-04"),
    _case("ليلة الاثنين على الثلاثاء", "ليلة الاثنين على الثلاثاء", "2017-07-03/2017-07-04"),
    _case("وأطلقت قسد في السابع من حزيران الماضي، معركة", "السابع من حزيران الماضي", "2017-06-07"),
    _case(
        "قتلوا منذ مطلع شهر حزيران نتيجة القصف",
        "منذ مطلع شهر حزيران",
        "2017-06-01/2017-07-04",
        "month",
        "since",
    ),
    _case(
        "في ريف الرقة الشرقي، يوم أمس الأربعاء.", "يوم أمس الأربعاء", "2017-04-12", published=THU_2017_04_13
    ),
    _case("في بيان لها صباح اليوم الخميس، بدء", "صباح اليوم الخميس", "2017-04-13", published=THU_2017_04_13),
    _case(
        "أطلقت في نوفمبر/تشرين الثاني الماضي عملية",
        "نوفمبر/تشرين الثاني الماضي",
        "2016-11-01/2016-11-30",
        "month",
        published=THU_2017_04_13,
    ),
    # Arabic days
    _case("اليوم", "اليوم", "2017-07-04"),
    _case("قال أمس", "أمس", "2017-07-03"),
    _case("البارحة", "البارحة", "2017-07-03"),
    _case("بالأمس", "بالأمس", "2017-07-03"),
    _case("أول أمس", "أول أمس", "2017-07-02"),
    _case("أول من أمس (الأحد)", "أول من أمس (الأحد)", "2017-07-02"),
    _case("أمس الأول", "أمس الأول", "2017-07-02"),
    _case("الليلة الماضية", "الليلة الماضية", "2017-07-03/2017-07-04"),
    _case("مساء أمس (الاثنين)", "مساء أمس (الاثنين)", "2017-07-03"),
    _case("فجر الاثنين", "فجر الاثنين", "2017-07-03"),
    _case("صباح الثلاثاء", "صباح الثلاثاء", "2017-07-04"),
    _case("منتصف ليل السبت", "منتصف ليل السبت", "2017-07-01/2017-07-02"),
    _case("ليلة الثلاثاء", "ليلة الثلاثاء", "2017-07-03/2017-07-04"),
    _case("يوم الجمعة", "يوم الجمعة", "2017-06-30"),
    _case("الجمعة الماضية", "الجمعة الماضية", "2017-06-30"),
    _case("الثلاثاء الماضي", "الثلاثاء الماضي", "2017-06-27"),
    _case("قال المرصد الثلاثاء", "الثلاثاء", "2017-07-04"),
    _case("الخميس المقبل", "الخميس المقبل", "2017-07-06"),
    _case("منذ الأحد", "منذ الأحد", "2017-07-02/2017-07-04", "day", "since"),
    _case("اليوم (الخميس)", "اليوم (الخميس)", "2017-04-13", published=THU_2017_04_13),
    _case("اليوم الخميس", "اليوم الخميس", "2017-04-13", published=D(2017, 4, 14)),  # a lagging date
    _case("قبل يومين", "قبل يومين", "2017-07-02"),
    _case("منذ يومين", "منذ يومين", "2017-07-02"),
    _case("قبل ثلاثة أيام", "قبل ثلاثة أيام", "2017-07-01"),
    _case("قبل 3 أيام", "قبل 3 أيام", "2017-07-01"),
    _case("قبل أسبوع", "قبل أسبوع", "2017-06-27", "week"),
    _case("قبل شهرين", "قبل شهرين", "2017-05-01/2017-05-31", "month"),
    _case("منذ ثلاث سنوات", "منذ ثلاث سنوات", "2014-07-04/2017-07-04", "year", "since"),
    # Arabic weeks, months, years
    _case("الأسبوع الماضي", "الأسبوع الماضي", "2017-06-26/2017-07-02", "week"),
    _case("هذا الأسبوع", "هذا الأسبوع", "2017-07-03/2017-07-04", "week"),
    _case("الشهر الماضي", "الشهر الماضي", "2017-06-01/2017-06-30", "month"),
    _case("الشهر الجاري", "الشهر الجاري", "2017-07-01/2017-07-04", "month"),
    _case("في السابع من الشهر الماضي", "السابع من الشهر الماضي", "2017-06-07"),
    _case("العام الماضي", "العام الماضي", "2016-01-01/2016-12-31", "year"),
    _case("السنة الماضية", "السنة الماضية", "2016-01-01/2016-12-31", "year"),
    _case("منذ مطلع الشهر", "منذ مطلع الشهر", "2017-07-01/2017-07-04", "month", "since"),
    _case("منذ مطلع العام", "منذ مطلع العام", "2017-01-01/2017-07-04", "year", "since"),
    _case("منذ بداية العام الجاري", "منذ بداية العام الجاري", "2017-01-01/2017-07-04", "year", "since"),
    _case(
        "خلال الأيام الثلاثة الماضية", "الأيام الثلاثة الماضية", "2017-07-01/2017-07-04", "day", "duration"
    ),
    _case("خلال الساعات الـ24 الماضية", "الساعات الـ24 الماضية", "2017-07-03/2017-07-04", "day", "duration"),
    _case("خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية", "2017-07-03/2017-07-04", "day", "duration"),
    _case("خلال اليومين الماضيين", "اليومين الماضيين", "2017-07-02/2017-07-04", "day", "duration"),
    # Arabic month names: Levantine, Egyptian/Gulf, Maghrebi
    _case("7 حزيران", "7 حزيران", "2017-06-07"),
    _case("٧ حزيران ٢٠١٧", "٧ حزيران ٢٠١٧", "2017-06-07"),
    _case("7 يونيو 2017", "7 يونيو 2017", "2017-06-07"),
    _case("السبت 7 حزيران", "السبت 7 حزيران", "2017-06-07"),
    _case("في 23 أيار/مايو 2022", "23 أيار/مايو 2022", "2022-05-23"),
    _case("في 29 يونيو (حزيران) الماضي", "29 يونيو (حزيران) الماضي", "2017-06-29"),
    _case("الحادي والثلاثين من أيار", "الحادي والثلاثين من أيار", "2017-05-31"),
    _case("في 12 كانون الثاني", "12 كانون الثاني", "2017-01-12"),
    _case("في تشرين الأول الماضي", "تشرين الأول الماضي", "2016-10-01/2016-10-31", "month"),
    _case("في شهر آب من عام 2014", "شهر آب من عام 2014", "2014-08-01/2014-08-31", "month"),
    _case("أغسطس (آب) 2014", "أغسطس (آب) 2014", "2014-08-01/2014-08-31", "month"),
    _case("حزيران الجاري", "حزيران الجاري", "2017-06-01/2017-06-30", "month"),
    _case("في يوليو", "يوليو", "2017-07-01/2017-07-31", "month"),
    _case("في أغسطس", "أغسطس", "2016-08-01/2016-08-31", "month"),
    _case("في سبتمبر المقبل", "سبتمبر المقبل", "2017-09-01/2017-09-30", "month"),
    _case("منذ حزيران", "منذ حزيران", "2017-06-01/2017-07-04", "month", "since"),
    _case("منذ منتصف حزيران", "منذ منتصف حزيران", "2017-06-15/2017-07-04", "month", "since"),
    _case("منذ 11 يونيو", "منذ 11 يونيو", "2017-06-11/2017-07-04", "day", "since"),
    _case("في 8 جوان", "8 جوان", "2017-06-08"),
    _case("الثلاثاء 11 أفريل 2017", "الثلاثاء 11 أفريل 2017", "2017-04-11"),
    _case("في جويلية 2016", "جويلية 2016", "2016-07-01/2016-07-31", "month"),
    _case("في حزيران2014", "حزيران2014", "2014-06-01/2014-06-30", "month"),
    _case("من 8 الى 24 جوان 2017", "من 8 الى 24 جوان 2017", "2017-06-08/2017-06-24", "day", "range"),
    _case("في مارس الماضي", "مارس الماضي", "2017-03-01/2017-03-31", "month"),
    _case("في 5 ماي 2017", "5 ماي 2017", "2017-05-05"),
    _case("في أوت الماضي", "أوت الماضي", "2016-08-01/2016-08-31", "month"),
    # years and numeric dates
    _case("عام 2013", "عام 2013", "2013-01-01/2013-12-31", "year"),
    _case("في 2013", "2013", "2013-01-01/2013-12-31", "year"),
    _case("العام 2015", "العام 2015", "2015-01-01/2015-12-31", "year"),
    _case("في 2002م", "2002م", "2002-01-01/2002-12-31", "year"),
    _case("منذ عام 2011", "منذ عام 2011", "2011-01-01/2017-07-04", "year", "since"),
    _case("في 7/6/2017", "7/6/2017", "2017-06-07"),
    _case("2017-07-01", "2017-07-01", "2017-07-01"),
    # English
    _case("today", "today", "2017-07-04"),
    _case("Yesterday", "Yesterday", "2017-07-03"),
    _case("on Tuesday", "Tuesday", "2017-07-04"),
    _case("late on Monday", "late on Monday", "2017-07-03"),
    _case("last Tuesday", "last Tuesday", "2017-06-27"),
    _case("Monday night", "Monday night", "2017-07-03/2017-07-04"),
    _case("last night", "last night", "2017-07-03/2017-07-04"),
    _case("last week", "last week", "2017-06-26/2017-07-02", "week"),
    _case("last month", "last month", "2017-06-01/2017-06-30", "month"),
    _case("last year", "last year", "2016-01-01/2016-12-31", "year"),
    _case("on 23 May 2022", "23 May 2022", "2022-05-23"),
    _case("May 23, 2022", "May 23, 2022", "2022-05-23"),
    _case("on 23 May", "23 May", "2017-05-23"),
    _case("on March 3", "March 3", "2017-03-03"),
    _case("the 3rd of March", "the 3rd of March", "2017-03-03"),
    _case("earlier this month", "earlier this month", "2017-07-01/2017-07-04", "month"),
    _case(
        "since the start of the year", "since the start of the year", "2017-01-01/2017-07-04", "year", "since"
    ),
    _case("since June", "since June", "2017-06-01/2017-07-04", "month", "since"),
    _case("in 2013", "in 2013", "2013-01-01/2013-12-31", "year"),
    _case("in May", "May", "2017-05-01/2017-05-31", "month"),
    _case("two days ago", "two days ago", "2017-07-02"),
    _case("a week ago", "a week ago", "2017-06-27", "week"),
    _case("in the past 24 hours", "the past 24 hours", "2017-07-03/2017-07-04", "day", "duration"),
    _case("over the last three days", "the last three days", "2017-07-01/2017-07-04", "day", "duration"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.text)
def test_dates(case: _Case) -> None:
    span, start, end, precision, kind = _read(_only(case.text, case.published), case.text)
    period = start if start == end else f"{start}/{end}"
    assert (span, period, precision, kind) == (case.span, case.period, case.precision, case.kind)


NOT_DATES = [
    (TUE_2017_07_04, "بعد يومين من إعلان ميليشيات"),  # relative to another event
    (TUE_2017_07_04, "بعد ساعات من سيطرة"),
    (TUE_2017_07_04, "قبل ساعات من الهجوم"),
    (TUE_2017_07_04, "قبل أيام"),  # vague
    (TUE_2017_07_04, "منذ سنوات"),
    (TUE_2017_07_04, "منذ عدة أيام"),
    (TUE_2017_07_04, "في اليوم التالي"),
    (TUE_2017_07_04, "اليوم الأول من المعركة"),
    (TUE_2017_07_04, "في ذلك اليوم"),
    (TUE_2017_07_04, "الأمين العام السابق"),
    (TUE_2017_07_04, "المدعي العام الحالي"),
    (TUE_2017_07_04, "مارس ضغوطا على الحكومة"),
    (TUE_2017_07_04, "أب لثلاثة أطفال"),
    (TUE_2017_07_04, "you may go"),
    (TUE_2017_07_04, "قوى 14 آذار"),
    (TUE_2017_07_04, "ثورة 25 يناير"),
    (TUE_2017_07_04, "حرب تموز"),
    (TUE_2017_07_04, "15 رمضان 1438"),
    (TUE_2017_07_04, "18 / 8 / 1436هـ"),
    (TUE_2017_07_04, "قتل 2015 شخصا"),
    (TUE_2017_07_04, "طوله 2500 متر"),
    (TUE_2017_07_04, "الساعة 10:30"),
    (None, "أمس"),
    (None, "يوم الجمعة الماضية"),
    (None, "7 حزيران"),
    (None, "الشهر الماضي"),
]


@pytest.mark.parametrize(("published", "text"), NOT_DATES)
def test_not_dates(published: dt.date | None, text: str) -> None:
    assert find_dates(text, published) == []


def test_absolute_dates_need_no_publication_date() -> None:
    mention = _only("في 7 حزيران 2017", None)
    assert (mention.range.start, mention.relative) == (D(2017, 6, 7), False)
    assert _only("عام 2013", None).range.precision == "year"
    since = _only("منذ عام 2011", None)  # open-ended with no publication date: the anchor year
    assert (since.kind, since.range.start, since.range.end) == ("since", D(2011, 1, 1), D(2011, 12, 31))


def test_relative_flag() -> None:
    assert _only("أمس", TUE_2017_07_04).relative
    assert not _only("7 يونيو 2017", TUE_2017_07_04).relative


def test_list_of_days_gives_two_dates() -> None:
    text = "في 23 و30 يوليو الماضي"
    found = [(text[m.start : m.end], m.range.start) for m in find_dates(text, TUE_2017_07_04)]
    assert found == [("23", D(2016, 7, 23)), ("30 يوليو الماضي", D(2016, 7, 30))]


def test_month_without_year_is_the_latest_not_after_publication() -> None:
    assert _only("في 5 آب", D(2017, 7, 4)).range.start == D(2016, 8, 5)
    assert _only("في 5 حزيران", D(2017, 7, 4)).range.start == D(2017, 6, 5)
    assert _only("حزيران", D(2017, 6, 20)).range.start == D(2017, 6, 1)
    assert _only("حزيران الماضي", D(2017, 6, 20)).range.start == D(2016, 6, 1)
    assert _only("في 7 حزيران الماضي", D(2017, 6, 20)).range.start == D(2017, 6, 7)
    announced = find_dates("يومي 3 و 4 آب", D(2015, 8, 2))  # days just after publication: this year
    assert [m.range.start for m in announced] == [D(2015, 8, 3), D(2015, 8, 4)]


def test_weekday_fixes_a_year_typo() -> None:
    text = "السبت 07 جانفي 2016"  # 7 January 2016 was a Thursday; 7 January 2017 a Saturday
    assert _only(text, D(2017, 1, 7)).range.start == D(2017, 1, 7)


def test_seed_000_dates() -> None:
    text = (
        "أعلنت قوات التحالف الدولي، ليل الإثنين-الثلاثاء، أن قسد اخترقت الأحياء القديمة. وتأتي هذه التطورات "
        "بعد يومين من إعلان قسد. وأطلقت قسد في السابع من حزيران الماضي، معركة الاستيلاء على الرقة. وأكد أن "
        "أكثر من 173 مدنياً قتلوا منذ مطلع شهر حزيران نتيجة القصف."
    )
    found = [_read(m, text) for m in find_dates(text, TUE_2017_07_04)]
    assert found == [
        ("ليل الإثنين-الثلاثاء", "2017-07-03", "2017-07-04", "day", "point"),
        ("السابع من حزيران الماضي", "2017-06-07", "2017-06-07", "day", "point"),
        ("منذ مطلع شهر حزيران", "2017-06-01", "2017-07-04", "month", "since"),
    ]


def test_seed_003_dates() -> None:
    text = (
        "عبر سيارة مفخخة، في قرية مزرع القادسية، بريف الرقة الشرقي، يوم أمس الأربعاء.\n"
        "أعلنت ميليشيات “قسد” في بيان لها صباح اليوم الخميس، بدء المرحلة الرابعة. حيث دارت اشتباكات عنيفة "
        "يوم أمس الأربعاء. أطلقت في نوفمبر/تشرين الثاني الماضي عملية عسكرية."
    )
    found = [_read(m, text)[:3] for m in find_dates(text, THU_2017_04_13)]
    assert found == [
        ("يوم أمس الأربعاء", "2017-04-12", "2017-04-12"),
        ("صباح اليوم الخميس", "2017-04-13", "2017-04-13"),
        ("يوم أمس الأربعاء", "2017-04-12", "2017-04-12"),
        ("نوفمبر/تشرين الثاني الماضي", "2016-11-01", "2016-11-30"),
    ]


def test_longest_reading_wins() -> None:
    text = "صباح يوم الجمعة 7 تموز 2017"
    assert [text[m.start : m.end] for m in find_dates(text, TUE_2017_07_04)] == ["يوم الجمعة 7 تموز 2017"]


def test_range_carries_the_span_and_folded_text_can_be_passed_in() -> None:
    text = "قُتِلَ أَمْسِ"
    mention = _only(text, TUE_2017_07_04)
    assert mention.range.span == Span(mention.start, mention.end)
    assert text[mention.start : mention.end] == "أَمْسِ"
    assert find_dates(text, TUE_2017_07_04, Folded.of(text)) == [mention]


# --- properties --------------------------------------------------------------------------------

_VOCABULARY = [
    "في", "منذ", "قبل", "مطلع", "شهر", "حزيران", "نوفمبر", "تشرين", "الثاني", "الأول", "/", "(", ")", "-",
    "الماضي", "المقبل", "الجاري", "السابع", "من", "7", "31", "2017", "1438", "م", "هـ", "أمس", "اليوم",
    "يوم", "ليل", "صباح", "الإثنين", "الثلاثاء", "الجمعة", "الأسبوع", "العام", "الشهر", "أيام", "يومين",
    "ثلاثة", "خلال", "الساعات", "الـ24", "ساعة", "last", "week", "since", "May", "23", ",", "ago", "days",
    "the", "past", "night", "on", "Monday", "و", "الى", "آذار", "مارس", "،", "\n", "ً", "ـ",
]  # fmt: skip
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_VOCABULARY), max_size=30).map(" ".join),
    st.lists(st.sampled_from(_VOCABULARY), max_size=30).map("".join),
)
_published = st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)))


@given(_texts, _published)
@settings(max_examples=300)
def test_find_dates_never_raises_and_spans_are_sane(text: str, published: dt.date | None) -> None:
    previous_end = 0
    for mention in find_dates(text, published):
        assert previous_end <= mention.start < mention.end <= len(text)
        assert mention.range.start <= mention.range.end
        assert mention.range.span == Span(mention.start, mention.end)
        assert text[mention.start : mention.end].strip() == text[mention.start : mention.end]
        if published is None:
            assert not mention.relative
        previous_end = mention.end


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)), st.integers(min_value=0, max_value=6))
def test_weekdays_resolve_to_that_weekday_within_a_week(published: dt.date, weekday: int) -> None:
    name = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"][weekday]
    plain = _only(f"يوم {name}", published).range.start
    past = _only(f"{name} الماضي", published).range.start
    assert plain.weekday() == past.weekday() == weekday
    assert 0 <= (published - plain).days <= 6
    assert 1 <= (published - past).days <= 7


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2040, 12, 31)), st.integers(min_value=1, max_value=12))
def test_months_without_year_are_never_after_publication(published: dt.date, month: int) -> None:
    names = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول"]
    names += ["تشرين الأول", "تشرين الثاني", "كانون الأول"]
    latest = _only(f"في {names[month - 1]}", published).range
    past = _only(f"في {names[month - 1]} الماضي", published).range
    assert latest.start <= published and latest.start.month == month
    assert past.end < published.replace(day=1) and past.start.month == month
