"""Counts in Arabic and English: digits, words, vague plurals, qualifiers, ranges, and what is not a count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.text.normalize import fold
from tawthiq.text.numbers import NumberMention, find_numbers, parse_number, parse_ordinal_day


def _found(text: str) -> list[tuple[str, int]]:
    return [(text[m.start : m.end], m.value) for m in find_numbers(text)]


def _only(text: str) -> NumberMention:
    mentions = find_numbers(text)
    assert len(mentions) == 1, [(text[m.start : m.end], m.value) for m in mentions]
    return mentions[0]


# --- digits ------------------------------------------------------------------------------------

DIGITS = [
    ("مقتل 20 عنصراً", "20", 20),
    ("أكثر من 173 مدنياً", "أكثر من 173", 173),
    ("٢٠ عنصراً", "٢٠", 20),
    ("قتل ۱۵ شخصا", "۱۵", 15),
    ("1,200 شخص", "1,200", 1200),
    ("١٬٢٠٠ شخص", "١٬٢٠٠", 1200),
    ("300 ألف مدني", "300 ألف", 300_000),
    ("٣٠٠ ألف نازح", "٣٠٠ ألف", 300_000),
    ("1.5 مليون لاجئ", "1.5 مليون", 1_500_000),
    ("١٫٥ مليون لاجئ", "١٫٥ مليون", 1_500_000),
    ("6,8 ملايين شخص", "6,8 ملايين", 6_800_000),
    ("2 مليون", "2 مليون", 2_000_000),
    ("1.5 مليار دولار", "1.5 مليار", 1_500_000_000),
    ("3 آلاف مقاتل", "3 آلاف", 3000),
    ("10 آلاف", "10 آلاف", 10_000),
    ("20 ألفا", "20 ألفا", 20_000),
    ("مليون و200 ألف نازح", "مليون و200 ألف", 1_200_000),
    ("more than 1,000 people", "more than 1,000", 1000),
    ("3 million", "3 million", 3_000_000),
    ("1.5 million refugees", "1.5 million", 1_500_000),
    ("300 thousand", "300 thousand", 300_000),
    ("1,000,000,000 dollars", "1,000,000,000", 1_000_000_000),
    ("قتل 20شخصا", "20", 20),
]


@pytest.mark.parametrize(("text", "span", "value"), DIGITS)
def test_digits(text: str, span: str, value: int) -> None:
    assert _found(text) == [(span, value)]


# --- Arabic words ------------------------------------------------------------------------------

ARABIC_WORDS = [
    ("ثلاث مروحيات", "ثلاث", 3),
    ("ألف عنصر", "ألف", 1000),
    ("مدني واحد", "واحد", 1),
    ("امرأة واحدة", "واحدة", 1),
    ("مدنيين اثنين", "اثنين", 2),
    ("طفلتين اثنتين", "طفلتين اثنتين", 2),
    ("قتل اثنان", "اثنان", 2),
    ("ثمانية جنود", "ثمانية", 8),
    ("ثماني نساء", "ثماني", 8),
    ("ست نساء", "ست", 6),
    ("عشر سنوات", "عشر", 10),
    ("عشرة قتلى", "عشرة", 10),
    ("أحد عشر جنديا", "أحد عشر", 11),
    ("إحدى عشرة امرأة", "إحدى عشرة", 11),
    ("اثنا عشر", "اثنا عشر", 12),
    ("اثني عشر مدنيا", "اثني عشر", 12),
    ("اثنتي عشرة طفلة", "اثنتي عشرة", 12),
    ("ثلاثة عشر قتيلا", "ثلاثة عشر", 13),
    ("ثلاث عشرة امرأة", "ثلاث عشرة", 13),
    ("تسعة عشر", "تسعة عشر", 19),
    ("عشرون", "عشرون", 20),
    ("تسعين شخصا", "تسعين", 90),
    ("خمسة وعشرين مدنيا", "خمسة وعشرين", 25),
    ("واحد وثلاثون", "واحد وثلاثون", 31),
    ("إحدى وعشرين", "إحدى وعشرين", 21),
    ("مئة", "مئة", 100),
    ("مائة جريح", "مائة", 100),
    ("مئتين", "مئتين", 200),
    ("مائتي قتيل", "مائتي", 200),
    ("مئتان وخمسون", "مئتان وخمسون", 250),
    ("مائتين وخمسين", "مائتين وخمسين", 250),
    ("مئة وخمسون", "مئة وخمسون", 150),
    ("مائة وخمسة وعشرون", "مائة وخمسة وعشرون", 125),
    ("مئة وثلاثة عشر", "مئة وثلاثة عشر", 113),
    ("ثلاثمائة", "ثلاثمائة", 300),
    ("ثلاثمئة", "ثلاثمئة", 300),
    ("ثلاث مئة", "ثلاث مئة", 300),
    ("ستمئة", "ستمئة", 600),
    ("ثمانمائة", "ثمانمائة", 800),
    ("تسعمائة", "تسعمائة", 900),
    ("ألفين", "ألفين", 2000),
    ("ألفان", "ألفان", 2000),
    ("ثلاثة آلاف", "ثلاثة آلاف", 3000),
    ("عشرة آلاف", "عشرة آلاف", 10_000),
    ("خمسة عشر ألفا", "خمسة عشر ألفا", 15_000),
    ("مئة ألف", "مئة ألف", 100_000),
    ("مئتا ألف", "مئتا ألف", 200_000),
    ("ثلاثمائة ألف", "ثلاثمائة ألف", 300_000),
    ("ألف وخمسمائة", "ألف وخمسمائة", 1500),
    ("ألفين وخمسمائة", "ألفين وخمسمائة", 2500),
    ("ثلاثة آلاف وخمسمائة واثنان وعشرون", "ثلاثة آلاف وخمسمائة واثنان وعشرون", 3522),
    ("مليون", "مليون", 1_000_000),
    ("مليونين", "مليونين", 2_000_000),
    ("ثلاثة ملايين", "ثلاثة ملايين", 3_000_000),
    ("نصف مليون", "نصف مليون", 500_000),
    ("مليون ونصف", "مليون ونصف", 1_500_000),
    ("مائة وخمسين مليار دولار", "مائة وخمسين مليار", 150_000_000_000),
    ("وثلاثة أطفال", "ثلاثة", 3),
    ("بخمسة صواريخ", "خمسة", 5),
    ("لثلاثة أشهر", "ثلاثة", 3),
    ("ثَلاثَةُ أَشْخاصٍ", "ثَلاثَةُ", 3),
    ("قتيلين", "قتيلين", 2),
    ("سقوط قتيلين اثنين", "قتيلين اثنين", 2),
    ("عنصرين", "عنصرين", 2),
    ("غارتين", "غارتين", 2),
]


@pytest.mark.parametrize(("text", "span", "value"), ARABIC_WORDS)
def test_arabic_words(text: str, span: str, value: int) -> None:
    assert _found(text) == [(span, value)]


# --- English words -----------------------------------------------------------------------------

ENGLISH_WORDS = [
    ("one civilian", "one", 1),
    ("Five soldiers", "Five", 5),
    ("twelve", "twelve", 12),
    ("twenty-five", "twenty-five", 25),
    ("twenty five", "twenty five", 25),
    ("ninety-nine", "ninety-nine", 99),
    ("one hundred and twenty", "one hundred and twenty", 120),
    ("two hundred", "two hundred", 200),
    ("a hundred people", "a hundred", 100),
    ("twelve hundred", "twelve hundred", 1200),
    ("two thousand five hundred", "two thousand five hundred", 2500),
    ("a thousand", "a thousand", 1000),
    ("ten thousand", "ten thousand", 10_000),
    ("a dozen", "a dozen", 12),
    ("two dozen", "two dozen", 24),
    ("half a dozen", "half a dozen", 6),
    ("half a million", "half a million", 500_000),
]


@pytest.mark.parametrize(("text", "span", "value"), ENGLISH_WORDS)
def test_english_words(text: str, span: str, value: int) -> None:
    assert _found(text) == [(span, value)]


# --- vague quantities --------------------------------------------------------------------------

VAGUE = [
    # text, span, value, low, high
    ("عشرات القتلى", "عشرات", 12, 12, 99),
    ("سقط العشرات", "العشرات", 12, 12, 99),
    ("مئات السوريين", "مئات", 100, 100, 999),
    ("سقط المئات", "المئات", 100, 100, 999),
    ("آلاف النازحين", "آلاف", 1000, 1000, 9999),
    ("لجوء الآلاف", "الآلاف", 1000, 1000, 9999),
    ("عشرات الآلاف", "عشرات الآلاف", 10_000, 10_000, 99_999),
    ("مئات الآلاف", "مئات الآلاف", 100_000, 100_000, 999_999),
    ("عدة آلاف", "عدة آلاف", 3000, 3000, 9999),
    ("عدة غارات", "عدة", 3, 3, 9),
    ("بضعة أشخاص", "بضعة", 3, 3, 9),
    ("بضع مئات", "بضع مئات", 300, 300, 999),
    ("عدد من الأطفال", "عدد من", 3, 3, 9),
    ("عددا من العناصر", "عددا من", 3, 3, 9),
    ("ملايين الكتب", "ملايين", 1_000_000, 1_000_000, 9_999_999),
    ("several civilians", "several", 3, 3, 9),
    ("a few days", "a few", 3, 3, 9),
    ("a handful of fighters", "a handful of", 3, 3, 9),
    ("dozens of people", "dozens", 12, 12, 99),
    ("scores of", "scores", 20, 20, 99),
    ("hundreds", "hundreds", 100, 100, 999),
    ("thousands", "thousands", 1000, 1000, 9999),
    ("tens of thousands", "tens of thousands", 10_000, 10_000, 99_999),
    ("hundreds of thousands", "hundreds of thousands", 100_000, 100_000, 999_999),
    ("several hundred", "several hundred", 300, 300, 999),
]


@pytest.mark.parametrize(("text", "span", "value", "low", "high"), VAGUE)
def test_vague(text: str, span: str, value: int, low: int, high: int) -> None:
    mention = _only(text)
    assert (text[mention.start : mention.end], mention.value, mention.low, mention.high) == (
        span,
        value,
        low,
        high,
    )
    assert mention.vague and mention.form == "vague"


# --- qualifiers --------------------------------------------------------------------------------

QUALIFIERS = [
    ("أكثر من مئة ألف مدني", "أكثر من مئة ألف", 100_000, "more than"),
    ("بأكثر من 50", "أكثر من 50", 50, "more than"),
    ("ما يزيد عن 200", "ما يزيد عن 200", 200, "more than"),
    ("ما يزيد على ألف", "ما يزيد على ألف", 1000, "more than"),
    ("ما لا يقل عن 30", "ما لا يقل عن 30", 30, "at least"),
    ("لا يقل عن عشرة", "لا يقل عن عشرة", 10, "at least"),
    ("على الأقل 15", "على الأقل 15", 15, "at least"),
    ("قتل 20 على الأقل", "20 على الأقل", 20, "at least"),
    ("قتل 20 مدنيا على الأقل", "20", 20, "at least"),
    ("نحو 300 ألف", "نحو 300 ألف", 300_000, "about"),
    ("بنحو خمسة آلاف", "نحو خمسة آلاف", 5000, "about"),
    ("حوالي ثلاثين", "حوالي ثلاثين", 30, "about"),
    ("حوالى 40", "حوالى 40", 40, "about"),
    ("قرابة ألفي", "قرابة ألفي", 2000, "about"),
    ("زهاء 400 شخص", "زهاء 400", 400, "about"),
    ("ما يقارب 1500", "ما يقارب 1500", 1500, "about"),
    ("20 مدنيا تقريبا", "20", 20, "about"),
    ("أقل من عشرة", "أقل من عشرة", 10, "less than"),
    ("حتى 500 شخص", "حتى 500", 500, "up to"),
    ("ما يصل إلى 70", "ما يصل إلى 70", 70, "up to"),
    ("at least 20 civilians", "at least 20", 20, "at least"),
    ("more than 1,000", "more than 1,000", 1000, "more than"),
    ("over 20", "over 20", 20, "more than"),
    ("nearly 100", "nearly 100", 100, "about"),
    ("almost 50", "almost 50", 50, "about"),
    ("around forty", "around forty", 40, "about"),
    ("some 300", "some 300", 300, "about"),
    ("roughly 60", "roughly 60", 60, "about"),
    ("approximately 400", "approximately 400", 400, "about"),
    ("up to 50", "up to 50", 50, "up to"),
    ("at most 5", "at most 5", 5, "at most"),
    ("fewer than 10", "fewer than 10", 10, "less than"),
    ("12 people at least", "12", 12, "at least"),
]


@pytest.mark.parametrize(("text", "span", "value", "qualifier"), QUALIFIERS)
def test_qualifiers(text: str, span: str, value: int, qualifier: str) -> None:
    mention = _only(text)
    assert (text[mention.start : mention.end], mention.value, mention.qualifier) == (span, value, qualifier)


# --- ranges ------------------------------------------------------------------------------------

RANGES = [
    ("بين 10 و15 قتيلا", "بين 10 و15", 10, 15),
    ("ما بين 10 و15", "ما بين 10 و15", 10, 15),
    ("من 10 إلى 15", "من 10 إلى 15", 10, 15),
    ("10 إلى 15 قتيلا", "10 إلى 15", 10, 15),
    ("10-15", "10-15", 10, 15),
    ("بين عشرين وثلاثين", "بين عشرين وثلاثين", 20, 30),
    ("بين 10 و15 ألف", "بين 10 و15 ألف", 10_000, 15_000),
    ("between 10 and 15", "between 10 and 15", 10, 15),
    ("10 to 15 dead", "10 to 15", 10, 15),
    ("20 or 30 dead", "20 or 30", 20, 30),
]


@pytest.mark.parametrize(("text", "span", "low", "high"), RANGES)
def test_ranges(text: str, span: str, low: int, high: int) -> None:
    mention = _only(text)
    assert (text[mention.start : mention.end], mention.value, mention.low, mention.high) == (
        span,
        low,
        low,
        high,
    )


def test_a_list_is_not_a_range() -> None:
    assert [m.value for m in find_numbers("23 و30 يوليو")] == [23, 30]
    assert [m.value for m in find_numbers("قتل 5 وجرح 10")] == [5, 10]


# --- not counts --------------------------------------------------------------------------------

NOT_COUNTS = [
    "أحد العناصر",
    "لم يصب أحد",
    "لست أدري",
    "القرن التاسع عشر",
    "الثالث عشر من الشهر",
    "يوم الاثنين",
    "الثلاثاء",
    "وبعده",
    "وعده بالعودة",
    "كمية الأسلحة",
    "الساعة 10:30",
    "في 7/6/2017",
    "2017-07-04",
    "+963 11 2233445",
    "0933123456",
    "طائرة F16",
    "the 20th century",
    "one of the fighters",
    "no one was hurt",
    "a man",
    "نصف",
    "2.5",
    "2،5 في المئة",
    "19/ 10/ 1436هـ",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_counts(text: str) -> None:
    assert _found(text) == []


def test_years_are_numbers_marked_year_like() -> None:
    mention = _only("عام 2015")
    assert (mention.value, mention.is_year_like) == (2015, True)
    assert _only("سنة 1436 هـ").is_year_like
    assert not _only("قتل 250 شخصا").is_year_like


@pytest.mark.parametrize("text", ["25%", "25 ٪", "%25", "نحو 90 في المائة", "20 بالمئة", "15 percent"])
def test_percent(text: str) -> None:
    assert _only(text).percent


def test_forms() -> None:
    assert [m.form for m in find_numbers("20 و ثلاثة و 300 ألف و عشرات و قتيلين")] == [
        "digits",
        "words",
        "mixed",
        "vague",
        "dual",
    ]


# --- the seeds ---------------------------------------------------------------------------------

SEED_000 = (
    "شملت ألف عنصر كانوا تلقوا تدريبات، وذلك بعد نزوح نحو 300 ألف مدني من المدينة. وأكد أن أكثر من 173 "
    "مدنياً قتلوا منذ مطلع شهر حزيران، مشيراً إلى أن هناك أكثر من مئة ألف مدني محاصرين. التعليقات (0)"
)


def test_seed_000_numbers() -> None:
    found = [(SEED_000[m.start : m.end], m.value, m.qualifier) for m in find_numbers(SEED_000)]
    assert found == [
        ("ألف", 1000, None),
        ("نحو 300 ألف", 300_000, "about"),
        ("أكثر من 173", 173, "more than"),
        ("أكثر من مئة ألف", 100_000, "more than"),
        ("0", 0, None),
    ]


def test_seed_003_numbers() -> None:
    text = "أعلن تنظيم داعش عن مقتل 20 عنصراً من مليشيا قسد. ونشرت الوكالة أن ثلاث مروحيات حربية وصلت."
    assert _found(text) == [("20", 20), ("ثلاث", 3)]
    assert [m.vague for m in find_numbers("مما أدى إلى سقوط عدد من القتلى")] == [True]


# --- parse_number and parse_ordinal_day --------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ثلاثمائة وخمسون", 350),
        ("٣٠٠ ألف", 300_000),
        ("أكثر من مئة ألف", 100_000),
        ("twenty-five", 25),
        ("عشرات", 12),
        ("ثلاثة", 3),
        ("الثالث", None),
        ("", None),
        ("3 و4", None),
    ],
)
def test_parse_number(phrase: str, value: int | None) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    ("word", "day"),
    [
        ("الأول", 1),
        ("الثاني", 2),
        ("السابع", 7),
        ("العاشر", 10),
        ("الحادي عشر", 11),
        ("الثالث عشر", 13),
        ("العشرين", 20),
        ("الحادي والعشرين", 21),
        ("الخامس والعشرين", 25),
        ("الثلاثين", 30),
        ("الحادي والثلاثين", 31),
        ("الثانيَ عشرَ", 12),
        ("السابع والثلاثين", None),
        ("ثلاثة", None),
    ],
)
def test_parse_ordinal_day(word: str, day: int | None) -> None:
    assert parse_ordinal_day(word) == day


# --- properties --------------------------------------------------------------------------------

_UNITS = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"]
_TENS = ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
_HUNDREDS = ["", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمائة", "ستمئة", "سبعمائة", "ثمانمئة", "تسعمائة"]


def _arabic_below_100(n: int) -> str:
    if n < 10:
        return _UNITS[n]
    if n == 11:
        return "أحد عشر"
    if n == 12:
        return "اثنا عشر"
    if 13 <= n <= 19:
        return _UNITS[n - 10] + " عشر"
    tens, units = divmod(n, 10)
    return f"{_UNITS[units]} و{_TENS[tens]}" if units else _TENS[tens]


def _arabic_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [p for p in (_HUNDREDS[hundreds], _arabic_below_100(rest)) if p]
    return " و".join(parts)


def _arabic_words(n: int) -> str:
    """Modern Standard Arabic cardinal (masculine, nominative), written as reporters write it."""
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        head = ""
    elif thousands == 1:
        head = "ألف"
    elif thousands == 2:
        head = "ألفان"
    elif thousands <= 10:
        head = _arabic_below_100(thousands) + " آلاف"
    else:
        head = _arabic_below_1000(thousands) + " ألف"
    return " و".join(p for p in (head, _arabic_below_1000(rest)) if p)


_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
_EN_UNITS += ["twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _english_below_1000(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    tail = (
        _EN_UNITS[rest]
        if rest < 20
        else _EN_TENS[rest // 10] + (f"-{_EN_UNITS[rest % 10]}" if rest % 10 else "")
    )
    if not hundreds:
        return tail
    return f"{_EN_UNITS[hundreds]} hundred" + (f" and {tail}" if rest else "")


def _english_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    head = f"{_english_below_1000(thousands)} thousand" if thousands else ""
    tail = _english_below_1000(rest) if rest else ""
    return " ".join(p for p in (head, tail) if p)


@given(st.integers(min_value=1, max_value=999_999))
def test_arabic_words_round_trip(n: int) -> None:
    assert parse_number(_arabic_words(n)) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_english_words_round_trip(n: int) -> None:
    assert parse_number(_english_words(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(str(n) if n < 10**9 else f"{n:,}") == n
    eastern = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_number(eastern + " شخصا") == n or len(eastern) >= 10


_VOCABULARY = [
    "قتل", "مدنيا", "و", "أكثر", "من", "نحو", "ألف", "آلاف", "مئة", "مائتين", "عشرات", "ثلاثة", "عشر",
    "خمسة", "وعشرين", "بين", "إلى", "20", "300", "1,200", "1.5", "مليون", "على", "الأقل", "أحد", "-",
    "عدد", "بضعة", "between", "and", "at", "least", "one", "of", "the", "dozens", "twenty-five", "%", "٪",
    "في", "المائة", "2017", "م", "،", ".", "(", ")", "\n", "ً", "ُ", "ـ", "الثالث",
]  # fmt: skip
_texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(_VOCABULARY), max_size=40).map(" ".join),
    st.lists(st.sampled_from(_VOCABULARY), max_size=40).map("".join),
)


@given(_texts)
@settings(max_examples=300)
def test_find_numbers_never_raises_and_spans_are_sane(text: str) -> None:
    mentions = find_numbers(text)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end].strip() == text[mention.start : mention.end]
        assert mention.value >= 0
        if mention.low is not None and mention.high is not None:
            assert mention.low <= mention.high
        previous_end = mention.end


@given(
    st.lists(st.sampled_from(_VOCABULARY[:40]), max_size=20).map(" ".join), st.sampled_from(["ً", "ُ", "ـ", "ّ"])
)
def test_diacritics_and_tatweel_change_nothing(text: str, mark: str) -> None:
    decorated = "".join(char + mark if "\u0621" <= char <= "\u064a" else char for char in text)
    assert [(m.value, m.qualifier) for m in find_numbers(decorated)] == [
        (m.value, m.qualifier) for m in find_numbers(text)
    ]


def test_folded_input_can_be_passed_in() -> None:
    from tawthiq.text.normalize import Folded

    text = "قُتِلَ ثلاثةُ آلافٍ"
    assert find_numbers(text, Folded.of(text)) == find_numbers(text)
    assert fold(text[find_numbers(text)[0].start :]).startswith("ثلاثه")
