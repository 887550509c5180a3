"""Counts in Arabic and English reports: digits, number words, vague plurals, qualifiers and ranges.

Reports write the same count as ``300 ألف``, ``ثلاثمائة ألف`` or ``٣٠٠ ألف``, hedge it (``أكثر من``,
``نحو``, ``at least``) or give none at all (``عشرات``, ``dozens``). Libraries either fail on the mixed
forms or are GPL, so this module parses them itself.

How it works, and why it is fast: two regex scans of the folded text
(:func:`tawthiq.text.normalize.fold`), compiled at import, find the *atoms* — digit groups, and
number words with their clitics (``و``, ``ب``, ``ل``) through a prefix trie of every word form.
Only those few atoms are looked at in Python: adjacent atoms are joined when Arabic or English
grammar allows (``خمسة وعشرين``, ``مئة ألف``, ``twenty-five``), then qualifiers and ranges around
each phrase are read with short anchored regexes.

Choices callers should know:

* Vague quantities follow ACLED: ``value`` is the conventional figure (several/عدة 3, dozens/عشرات 12,
  hundreds/مئات 100, thousands/آلاف 1000), ``low`` equals ``value`` and ``high`` is the largest number
  the words allow (99 for dozens). "Tens/hundreds of thousands" count from the round figure (10 000,
  100 000).
* A range ("between 10 and 15", ``من 10 إلى 15``, ``10-15``) is one mention: ``value`` is the low end
  (ACLED keeps the lowest figure), ``low`` and ``high`` its ends. For a single figure ``low`` and
  ``high`` are None.
* ``أحد``/``إحدى`` alone and English "one of" mean "one of the…" and are not counts; ``واحد`` and
  "one civilian" are.
* Years and day numbers of dates are still numbers: ``is_year_like`` marks 4-digit years; callers
  that want counts drop mentions overlapping :func:`tawthiq.text.dates.find_dates`. Times (10:30),
  numeric dates (7/6/2017), phone numbers and non-whole decimals (2.5 alone) are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final

from tawthiq.text.normalize import FOLD_TABLE, Folded, fold, fold_key

__all__ = ["NumberMention", "find_numbers", "parse_number", "parse_ordinal_day"]


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A count found in a text. ``start``/``end`` index the original text; see the module docstring."""

    start: int
    end: int
    value: int
    qualifier: str | None = None
    vague: bool = False
    low: int | None = None
    high: int | None = None
    percent: bool = False
    is_year_like: bool = False
    form: str = "digits"  # "digits" | "words" | "mixed" | "vague" | "dual"


# ---------------------------------------------------------------------------------------------
# Word tables (written as reporters write them; folded at import)
# ---------------------------------------------------------------------------------------------

UNIT, TEN10, TEEN, TENS, HUNDRED, SCALE, VAGUE, DUAL, FRACTION, DOZEN, CONSTRUCT = (
    "unit",
    "ten10",
    "teen",
    "tens",
    "hundred",
    "scale",
    "vague",
    "dual",
    "fraction",
    "dozen",
    "construct",
)


@dataclass(frozen=True, slots=True)
class _Atom:
    kind: str
    value: float
    lang: str = "ar"
    plural: bool = False  # آلاف, ملايين, thousands: a scale that alone is vague
    scale: float = 0.0  # scales: the unit scale (ألفين: value 2000, scale 1000)
    scaled_value: float = 0.0  # vague words: the base when a scale follows (عشرات الآلاف = 10 x 1000)
    high: int = 0  # vague words: the largest value the word allows


ARABIC_UNITS: Final[dict[int, tuple[str, ...]]] = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "ثنتان", "ثنتين"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
}
"""Cardinal 1-9 in both genders; the masculine/feminine and case endings all mean the same count."""

ARABIC_CONSTRUCTS: Final[dict[int, tuple[str, ...]]] = {
    1: ("أحد", "إحدى"),
    2: ("اثنا", "اثنتا", "اثني", "اثنتي"),
}
"""Forms used only inside a compound (أحد عشر, اثنا عشر, إحدى وعشرون); alone أحد means "one of"."""

ARABIC_TEN: Final[tuple[str, ...]] = ("عشر", "عشرة")
ARABIC_TENS: Final[dict[int, tuple[str, ...]]] = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}
ARABIC_HUNDRED: Final[tuple[str, ...]] = ("مئة", "مائة", "مئه", "مائه", "مية")
ARABIC_TWO_HUNDRED: Final[tuple[str, ...]] = (
    "مئتان",
    "مئتين",
    "مائتان",
    "مائتين",
    "مئتا",
    "مائتا",
    "مئتي",
    "مائتي",
)
ARABIC_HUNDREDS_STEMS: Final[dict[int, tuple[str, ...]]] = {
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني"),
    9: ("تسع", "تسعة"),
}
"""Units written joined to مئة/مائة: ثلاثمئة, خمسمائة, ثمانمئة."""

ARABIC_SCALES: Final[dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]] = {
    # scale: (singular forms, dual forms, plural forms)
    1000: (("ألف", "ألفا"), ("ألفان", "ألفين", "ألفا", "ألفي"), ("آلاف", "ألوف", "الآف", "الآلاف", "الألوف")),
    1_000_000: (("مليون", "مليونا"), ("مليونان", "مليونين", "مليوني"), ("ملايين", "الملايين")),
    1_000_000_000: (("مليار", "مليارا", "بليون"), ("ملياران", "مليارين", "ملياري"), ("مليارات",)),
}

ARABIC_VAGUE: Final[dict[str, tuple[int, int, int]]] = {
    # word: (ACLED value, base when a scale follows, highest value the word allows)
    "عشرات": (12, 10, 99),
    "العشرات": (12, 10, 99),
    "مئات": (100, 100, 999),
    "المئات": (100, 100, 999),
    "مئآت": (100, 100, 999),
    "عدة": (3, 3, 9),
    "بضع": (3, 3, 9),
    "بضعة": (3, 3, 9),
    "عدد من": (3, 3, 9),
    "عددا من": (3, 3, 9),
    "العديد من": (3, 3, 9),
}
"""Vague plurals; values follow ACLED's coding rules (several 3, dozens 12, hundreds 100)."""

ARABIC_FRACTIONS: Final[dict[str, float]] = {"نصف": 0.5, "ربع": 0.25}
"""Only before a scale (نصف مليون) or after one (مليون ونصف)."""

ARABIC_DUALS: Final[tuple[str, ...]] = (
    "قتيلان", "قتيلين", "جريحان", "جريحين", "مصابان", "طفلان", "طفلين", "طفلتان", "طفلتين",
    "شخصان", "شخصين", "عنصران", "عنصرين", "جنديان", "جنديين", "شهيدان", "شهيدين", "امرأتان",
    "امرأتين", "رجلان", "رجلين", "شابان", "شابين", "فتاتان", "فتاتين", "شقيقان", "شقيقين",
    "مدنيان", "مقاتلان", "مسلحان", "ضابطان", "ضابطين", "صحفيان", "ناشطان", "صاروخان", "صاروخين",
    "غارتان", "غارتين", "قذيفتان", "قذيفتين", "برميلان", "برميلين", "سيارتان", "سيارتين",
    "طائرتان", "طائرتين", "مروحيتان", "مروحيتين", "انفجاران", "انفجارين", "هجومان", "هجومين",
    "عبوتان", "عبوتين", "مفخختان", "مفخختين",
)  # fmt: skip
"""Duals whose plural is a different (broken) form, so -ان/-ين can only mean two: قتيلين, عنصرين.
Sound plurals such as مدنيين or مقاتلين are left out because they are spelled like the dual."""

ENGLISH_UNITS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
ENGLISH_TEENS: Final[dict[str, int]] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
ENGLISH_TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
ENGLISH_SCALES: Final[dict[str, tuple[int, bool]]] = {
    "thousand": (1000, False),
    "thousands": (1000, True),
    "million": (1_000_000, False),
    "millions": (1_000_000, True),
    "billion": (1_000_000_000, False),
    "billions": (1_000_000_000, True),
}
ENGLISH_FIXED: Final[dict[str, tuple[str, float]]] = {
    "a hundred": (HUNDRED, 100),
    "one hundred": (HUNDRED, 100),
    "hundred": (HUNDRED, 100),
    "a thousand": (SCALE, 1000),
    "a million": (SCALE, 1_000_000),
    "a billion": (SCALE, 1_000_000_000),
    "a dozen": (TEEN, 12),
    "half a dozen": (UNIT, 6),
    "dozen": (DOZEN, 12),
    "half a": (FRACTION, 0.5),
    "half": (FRACTION, 0.5),
}
ENGLISH_VAGUE: Final[dict[str, tuple[int, int, int]]] = {
    "several": (3, 3, 9),
    "a few": (3, 3, 9),
    "a handful of": (3, 3, 9),
    "a number of": (3, 3, 9),
    "a couple of": (2, 2, 3),
    "dozens": (12, 12, 99),
    "scores": (20, 20, 99),
    "tens": (12, 10, 99),
    "hundreds": (100, 100, 999),
}

ARABIC_QUALIFIERS_BEFORE: Final[dict[str, str]] = {
    "أكثر من": "more than",
    "ما يزيد عن": "more than",
    "ما يزيد على": "more than",
    "يزيد عن": "more than",
    "يزيد على": "more than",
    "ما يربو على": "more than",
    "ما يربو عن": "more than",
    "يربو على": "more than",
    "ما يفوق": "more than",
    "يفوق": "more than",
    "أزيد من": "more than",
    "ما لا يقل عن": "at least",
    "لا يقل عن": "at least",
    "ما لا يقل على": "at least",
    "على الأقل": "at least",
    "نحو": "about",
    "حوالي": "about",
    "حوالى": "about",
    "قرابة": "about",
    "زهاء": "about",
    "ما يقارب": "about",
    "يقارب": "about",
    "ما يقرب من": "about",
    "يقرب من": "about",
    "ما يناهز": "about",
    "يناهز": "about",
    "تقريبا": "about",
    "في حدود": "about",
    "أقل من": "less than",
    "ما يقل عن": "less than",
    "دون": "less than",
    "حتى": "up to",
    "ما يصل إلى": "up to",
    "يصل إلى": "up to",
    "على الأكثر": "at most",
}
ARABIC_QUALIFIERS_AFTER: Final[dict[str, str]] = {
    "على الأقل": "at least",
    "تقريبا": "about",
    "على الأكثر": "at most",
    "كحد أدنى": "at least",
    "كحد أقصى": "at most",
    "فأكثر": "at least",
    "أو أكثر": "at least",
}
ENGLISH_QUALIFIERS_BEFORE: Final[dict[str, str]] = {
    "more than": "more than",
    "over": "more than",
    "upwards of": "more than",
    "in excess of": "more than",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "an estimated": "about",
    "close to": "about",
    "fewer than": "less than",
    "less than": "less than",
    "under": "less than",
    "up to": "up to",
    "as many as": "up to",
    "at most": "at most",
}
ENGLISH_QUALIFIERS_AFTER: Final[dict[str, str]] = {
    "at least": "at least",
    "or more": "at least",
    "at most": "at most",
    "or so": "about",
    "approximately": "about",
}

ARABIC_ORDINAL_UNITS: Final[dict[int, tuple[str, ...]]] = {
    1: ("الأول", "الحادي", "الواحد"),
    2: ("الثاني",),
    3: ("الثالث",),
    4: ("الرابع",),
    5: ("الخامس",),
    6: ("السادس",),
    7: ("السابع",),
    8: ("الثامن",),
    9: ("التاسع",),
}
"""Ordinals for days of the month (masculine, because يوم is). الحادي/الواحد only in compounds."""


# ---------------------------------------------------------------------------------------------
# Tables compiled at import
# ---------------------------------------------------------------------------------------------


def _arabic_atoms() -> dict[str, _Atom]:
    atoms: dict[str, _Atom] = {}
    for value, words in ARABIC_UNITS.items():
        atoms.update({fold(w): _Atom(UNIT, value) for w in words})
    for value, words in ARABIC_CONSTRUCTS.items():
        atoms.update({fold(w): _Atom(CONSTRUCT, value) for w in words})
    atoms.update({fold(w): _Atom(TEN10, 10) for w in ARABIC_TEN})
    for value, words in ARABIC_TENS.items():
        atoms.update({fold(w): _Atom(TENS, value) for w in words})
    atoms.update({fold(w): _Atom(HUNDRED, 100) for w in ARABIC_HUNDRED})
    atoms.update({fold(w): _Atom(HUNDRED, 200) for w in ARABIC_TWO_HUNDRED})
    for value, stems in ARABIC_HUNDREDS_STEMS.items():
        for stem in stems:
            atoms.update({fold(stem + h): _Atom(HUNDRED, value * 100) for h in ARABIC_HUNDRED})
    for scale, (singular, dual, plural) in ARABIC_SCALES.items():
        atoms.update({fold(w): _Atom(SCALE, scale, scale=scale) for w in singular})
        atoms.update({fold(w): _Atom(SCALE, 2 * scale, scale=scale) for w in dual if fold(w) not in atoms})
        atoms.update({fold(w): _Atom(SCALE, scale, plural=True, scale=scale) for w in plural})
    for word, (value, base, high) in ARABIC_VAGUE.items():
        atoms[fold(word)] = _Atom(VAGUE, value, scaled_value=base, high=high)
    atoms.update({fold(w): _Atom(FRACTION, v) for w, v in ARABIC_FRACTIONS.items()})
    atoms.update({fold(w): _Atom(DUAL, 2) for w in ARABIC_DUALS})
    return atoms


def _english_atoms() -> dict[str, _Atom]:
    atoms: dict[str, _Atom] = {}
    atoms.update({w: _Atom(UNIT, v, "en") for w, v in ENGLISH_UNITS.items()})
    atoms.update({w: _Atom(TEEN, v, "en") for w, v in ENGLISH_TEENS.items()})
    atoms.update({w: _Atom(TENS, v, "en") for w, v in ENGLISH_TENS.items()})
    atoms.update({w: _Atom(SCALE, v, "en", plural=p, scale=v) for w, (v, p) in ENGLISH_SCALES.items()})
    atoms.update(
        {w: _Atom(kind, v, "en", scale=v if kind == SCALE else 0.0) for w, (kind, v) in ENGLISH_FIXED.items()}
    )
    for word, (value, base, high) in ENGLISH_VAGUE.items():
        atoms[word] = _Atom(VAGUE, value, "en", scaled_value=base, high=high)
    return atoms


_ATOMS: Final[dict[str, _Atom]] = {**_arabic_atoms(), **_english_atoms()}

_GAP_SPACE = r"[^\S\n]"
_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a prefix trie: one pass, no backtracking over lists.

    A space inside a word matches any run of horizontal white space.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_node_pattern(root)


def _trie_node_pattern(node: _Trie) -> str:
    branches = [
        (_GAP_SPACE + "+" if char == " " else re.escape(char)) + _trie_node_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


_DIGIT_RUN_RE: Final = re.compile(r"\d+(?:[,.،:/\-]\d+)*")
_NUMBER_FORM_RE: Final = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}|\d+(?:[.،]\d+|,\d{1,2})?"
)
_DECIMAL_COMMA_RE: Final = re.compile(r"\d+,\d{1,2}")
_PHONE_RE: Final = re.compile(r"(?:\+|00)\d[\d \-]{6,}\d")
_WORD_RE: Final = re.compile(r"(?<!\w)(?P<pre>[وف]?[بلك]?)(?P<word>" + trie_pattern(_ATOMS) + r")(?!\w)")
_SLASH_AFTER_RE: Final = re.compile(r" ?/")
_DIGIT_SEPARATOR_RE: Final = re.compile(r"([,.،])")
_SPACES_RE: Final = re.compile(r"\s+")
_DIGIT_ATOM: Final = _Atom(UNIT, 0, "d")
_LARGEST_COUNT: Final = 1e13
_LATIN: Final = frozenset("abcdefghijklmnopqrstuvwxyz")

_GAP_RES: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("space", re.compile(_GAP_SPACE + "+")),
    ("wa", re.compile(_GAP_SPACE + "*و" + _GAP_SPACE + "*")),
    ("hyphen", re.compile(_GAP_SPACE + "*-" + _GAP_SPACE + "*")),
    ("and", re.compile(_GAP_SPACE + "+and" + _GAP_SPACE + "+")),
    ("of", re.compile(_GAP_SPACE + "+of" + _GAP_SPACE + "+")),
)
_BANNED_CLITIC_WORDS: Final[frozenset[str]] = frozenset({fold(w) for w in ("لست", "بعده", "وعده", "كمية")})
"""Words that look like clitic + number but are not: لست "I am not", بعده "after it", وعده "his
promise", كمية "quantity"."""
_ORDINAL_BEFORE_TEN_RE: Final = re.compile(
    r"(?<!\w)(?:ال)?(?:حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع)" + _GAP_SPACE + r"+\Z"
)
_ENGLISH_ONE_BEFORE_RE: Final = re.compile(r"(?<![\w-])(?:no|any|every|each|the|which|this|that)\s+\Z")
_ENGLISH_ONE_AFTER_RE: Final = re.compile(r"\s+(?:of|another|day|by)\b")


def _qualifier_re(table: dict[str, str], before: bool) -> re.Pattern[str]:
    words = trie_pattern({fold(w): None for w in table})
    if before:
        return re.compile(r"(?<!\w)[وفبل]{0,2}(?P<q>" + words + r")" + _GAP_SPACE + r"*\Z")
    return re.compile(_GAP_SPACE + r"*[,،]?" + _GAP_SPACE + r"*(?P<q>" + words + r")(?!\w)")


_QUALIFIERS: Final[dict[str, str]] = {
    fold(k): v
    for table in (
        ARABIC_QUALIFIERS_BEFORE,
        ARABIC_QUALIFIERS_AFTER,
        ENGLISH_QUALIFIERS_BEFORE,
        ENGLISH_QUALIFIERS_AFTER,
    )
    for k, v in table.items()
}
_QUALIFIER_BEFORE_RE: Final = _qualifier_re({**ARABIC_QUALIFIERS_BEFORE, **ENGLISH_QUALIFIERS_BEFORE}, True)
_QUALIFIER_AFTER_RE: Final = _qualifier_re({**ARABIC_QUALIFIERS_AFTER, **ENGLISH_QUALIFIERS_AFTER}, False)
_ONE_WORD_AFTER_RE: Final = re.compile(_GAP_SPACE + r"+[^\W\d]+")
_PERCENT_AFTER_RE: Final = re.compile(
    _GAP_SPACE + r"*(?:[%٪]|(?:في|ب)" + _GAP_SPACE + r"*ال(?:ما|م)يه(?!\w)|percent\b|per cent\b|pct\b)"
)
_PERCENT_BEFORE_RE: Final = re.compile(r"[%٪]" + _GAP_SPACE + r"*\Z")
_YEAR_MARK_AFTER_RE: Final = re.compile(_GAP_SPACE + r"*(?:م|ه|ad\b)(?!\w)")
_RANGE_GAP_RE: Final = re.compile(
    _GAP_SPACE + r"*(?P<sep>-|(?<!\w)(?:الي|حتي|to|and|or|او)(?!\w)|(?<!\w)و)" + _GAP_SPACE + "*"
)
_RANGE_OPEN_RE: Final = re.compile(r"(?<!\w)(?P<open>ما بين|بين|من|between|from)" + _GAP_SPACE + r"+\Z")


# ---------------------------------------------------------------------------------------------
# Atoms and phrases
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    start: int  # folded offsets of the number itself, without its clitic
    end: int
    match_start: int  # where the clitic (if any) starts
    atom: _Atom
    digits: str = ""
    alternative: _Token | None = None  # "وأحد" folds to "واحد": also و + أحد


@dataclass(slots=True)
class _Phrase:
    """A number being read left to right: completed scale groups in ``total``, the open one in ``group``."""

    start: int
    end: int
    tokens: list[_Token]
    total: float = 0.0
    group: float = 0.0
    min_scale: float = 0.0  # smallest scale already used (0: none)
    scale: float = 0.0  # the scale of the last multiplication, for ranges like "10 إلى 15 ألف"
    vague: tuple[float, float] | None = None  # (multiplied value, highest value)

    @property
    def value(self) -> float:
        return self.total + self.group


def _tokens(folded: str) -> list[_Token]:
    tokens = list(_digit_tokens(folded))
    tokens.extend(token for match in _WORD_RE.finditer(folded) if (token := _word_token(match)) is not None)
    tokens.sort(key=lambda token: token.start)
    return tokens


def _digit_tokens(folded: str) -> Iterator[_Token]:
    """Digit groups that can be counts: not times, numeric dates, phone numbers or F-16s."""
    skip_until = 0
    for run in _DIGIT_RUN_RE.finditer(folded):
        start, end = run.span()
        if start < skip_until:
            continue
        before = folded[start - 1] if start else ""
        if before == "+" or folded.startswith("00", start):
            phone = _PHONE_RE.match(folded, start - (before == "+"))
            if phone is not None:
                skip_until = phone.end()
                continue
        if before in _LATIN or (end < len(folded) and folded[end] in _LATIN):  # F16, 20th, 10km
            continue
        if "/" in folded[max(0, start - 2) : start] or _SLASH_AFTER_RE.match(folded, end):  # 19/ 10/ 1436
            continue
        yield from _run_tokens(run.group(), start)


def _run_tokens(run: str, start: int) -> Iterator[_Token]:
    if ":" in run or "/" in run or run.count("-") > 1:  # 10:30, 7/6/2017, 2017-07-04
        return
    offset = start
    for part in run.split("-"):  # 10-15: two numbers, read as a range later
        yield from _number_tokens(part, offset)
        offset += len(part) + 1


def _number_tokens(part: str, start: int) -> Iterator[_Token]:
    pieces = [part] if _NUMBER_FORM_RE.fullmatch(part) else _DIGIT_SEPARATOR_RE.split(part)
    offset = start
    for piece in pieces:
        if piece and piece[0].isdigit() and not _is_code(piece):
            yield _Token(offset, offset + len(piece), offset, _DIGIT_ATOM, piece)
        offset += len(piece)


def _is_code(digits: str) -> bool:
    """Phone numbers and identifiers rather than counts: 10+ digits, or 7+ with a leading zero."""
    if not digits.isdigit():  # 1,000,000,000 is a count
        return False
    return len(digits) >= 10 or (digits[0] == "0" and len(digits) >= 7)


def _word_token(match: re.Match[str]) -> _Token | None:
    prefix, word = match.group("pre"), match.group("word")
    for cut in range(len(prefix)):  # "واحد" is a word, but after a number "وأحد" is و + أحد
        joined = prefix[cut:] + word
        if joined in _ATOMS:
            word_atom = _ATOMS.get(word)
            alternative = (
                _Token(match.start("word"), match.end(), match.start(), word_atom) if word_atom else None
            )
            return _Token(
                match.start("pre") + cut, match.end(), match.start(), _ATOMS[joined], "", alternative
            )
    if prefix and (prefix[-1] + word) in _BANNED_CLITIC_WORDS:
        return None
    atom = _ATOMS.get(_SPACES_RE.sub(" ", word))
    if atom is None:
        return None
    return _Token(match.start("word"), match.end(), match.start(), atom)


def _gap_kind(folded: str, previous: _Token, token: _Token) -> str | None:
    if token.match_start < token.start:  # a clitic: "وخمسون"
        gap_end = token.match_start
        if not _GAP_RES[0][1].fullmatch(folded, previous.end, gap_end):
            return None
        return "wa" if folded[token.match_start] == "و" else None
    for kind, pattern in _GAP_RES:
        if pattern.fullmatch(folded, previous.end, token.start):
            return kind
    return None


def _digit_value(digits: str) -> float:
    if digits.count(".") > 1:  # 1.200.000
        return float(digits.replace(".", ""))
    if _DECIMAL_COMMA_RE.fullmatch(digits):  # 6,8 ملايين: a decimal comma
        return float(digits.replace(",", "."))
    return float(digits.replace(",", "").replace("،", "."))


def _token_value(token: _Token) -> float:
    return _digit_value(token.digits) if token.digits else token.atom.value


def _start_phrase(token: _Token) -> _Phrase:
    phrase = _Phrase(token.start, token.end, [token])
    atom = token.atom
    if atom.kind == VAGUE:
        phrase.vague = (atom.value, atom.high)
    elif atom.kind == SCALE:
        phrase.total = atom.value
        phrase.min_scale = phrase.scale = atom.scale
    elif atom.kind != FRACTION:
        phrase.group = _token_value(token)
    return phrase


def _extend(phrase: _Phrase, token: _Token, gap: str) -> bool:
    """Add ``token`` to ``phrase`` when the grammar allows it; return whether it did."""
    last = phrase.tokens[-1]
    added = _combine(phrase, last, token, gap)
    if added:
        phrase.tokens.append(token)
        phrase.end = token.end
    return added


def _combine(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    kind = token.atom.kind
    if phrase.vague is not None:
        return _combine_vague(phrase, last, token, gap)
    if kind == SCALE:
        return _combine_scale(phrase, last, token, gap)
    if kind == FRACTION:
        return _combine_trailing_fraction(phrase, last, token, gap)
    if last.atom.kind in (FRACTION, DUAL):  # "قتيلين اثنين": the dual and its number are one count
        return last.atom.kind == DUAL and gap == "space" and token.atom == _ATOMS[fold("اثنين")]
    if phrase.group == 0 and phrase.total > 0:
        return _start_group_after_scale(phrase, last, token, gap)
    return _combine_in_group(phrase, last, token, gap)


def _combine_vague(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    """عشرات الآلاف, several hundred, hundreds of thousands."""
    if len(phrase.tokens) != 1 or gap not in ("space", "of"):
        return False
    if token.atom.kind == SCALE and token.atom.value == token.atom.scale:
        scale = token.atom.scale
    elif token.atom.kind == VAGUE and token.atom.scaled_value >= 100:  # بضع مئات
        scale = token.atom.scaled_value
    elif token.atom.kind == HUNDRED and token.atom.lang == "en" and token.atom.value == 100:
        scale = 100
    else:
        return False
    if scale <= last.atom.scaled_value:
        return False
    phrase.vague = (last.atom.scaled_value * scale, (last.atom.high + 1) * scale - 1)
    phrase.scale = scale
    return True


def _combine_scale(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    scale, value = token.atom.scale, token.atom.value
    if phrase.min_scale and scale >= phrase.min_scale:
        return False
    if gap == "wa" and phrase.group == 0 and phrase.total > 0:  # مليون وألفان
        phrase.total += value
        phrase.min_scale = scale
        return True
    if gap != "space" or value != scale:  # ثلاثة ألفين: not a number
        return False
    if last.atom.kind == FRACTION and len(phrase.tokens) == 1:  # نصف مليون
        phrase.total, phrase.min_scale, phrase.scale = last.atom.value * scale, scale, scale
        return True
    if phrase.group == 0 or phrase.group >= scale or last.atom.kind in (DUAL, CONSTRUCT):
        return False
    phrase.total += phrase.group * scale
    phrase.group = 0
    phrase.min_scale = phrase.scale = scale
    return True


def _combine_trailing_fraction(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    """مليون ونصف: half of the last scale."""
    if gap != "wa" or last.atom.kind != SCALE or phrase.group != 0 or not phrase.min_scale:
        return False
    phrase.total += token.atom.value * phrase.min_scale
    return True


def _start_group_after_scale(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    """ألف وخمسمائة, مليون و200 ألف, two thousand five hundred."""
    if gap not in ("wa", "and", "space") or token.atom.kind in (VAGUE, DUAL, DOZEN):
        return False
    if gap == "space" and token.atom.lang not in ("en", "d") and last.atom.lang != "en":
        return False
    if token.atom.lang == "d" and gap != "wa":
        return False
    value = _token_value(token)
    if value >= phrase.min_scale or (token.atom.kind == UNIT and value >= 1000):
        return False
    phrase.group = value
    return True


def _combine_in_group(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    if token.atom.lang == "en" or last.atom.lang == "en":
        return _combine_english(phrase, last, token, gap)
    if token.digits or last.digits:
        return False
    return _combine_arabic(phrase, last, token, gap)


def _combine_arabic(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    kind, last_kind, value = token.atom.kind, last.atom.kind, token.atom.value
    group = phrase.group
    if kind == TEN10 and gap == "space" and last_kind in (UNIT, CONSTRUCT) and last.atom.value < 10:
        phrase.group += 10  # ثلاثة عشر, أحد عشر
        return True
    if kind == TENS and gap == "wa" and last_kind in (UNIT, CONSTRUCT) and group % 100 < 10:
        phrase.group += value  # خمسة وعشرون
        return True
    if kind == HUNDRED and value == 100 and gap == "space" and last_kind == UNIT and 3 <= group <= 9:
        phrase.group = group * 100  # ثلاث مئة
        return True
    if last_kind == HUNDRED and gap == "wa" and group % 100 == 0:
        return _add_below_hundred(phrase, token)
    return False


def _add_below_hundred(phrase: _Phrase, token: _Token) -> bool:
    if token.atom.kind in (UNIT, CONSTRUCT, TEN10, TENS) and token.atom.value < 100:
        phrase.group += token.atom.value
        return True
    return False


def _combine_english(phrase: _Phrase, last: _Token, token: _Token, gap: str) -> bool:
    kind, last_kind, value, group = token.atom.kind, last.atom.kind, token.atom.value, phrase.group
    if token.atom.lang != "en" or (last.atom.lang != "en" and not last.digits):
        return False
    if kind == UNIT and last_kind == TENS and gap in ("hyphen", "space") and group % 10 == 0:
        phrase.group += value  # twenty-five
        return True
    if kind == HUNDRED and gap == "space" and 0 < group < 100 and last_kind in (UNIT, TEEN, TENS):
        phrase.group = group * 100  # two hundred, twelve hundred
        return True
    if kind == DOZEN and gap == "space" and 0 < group < 10:
        phrase.group = group * 12  # two dozen
        return True
    if last_kind == HUNDRED and gap in ("and", "space") and group % 100 == 0 and kind in (UNIT, TEEN, TENS):
        phrase.group += value  # one hundred and twenty
        return True
    return False


def _can_start(token: _Token) -> bool:
    return token.atom.kind != DOZEN


def _extend_with_any_reading(folded: str, phrase: _Phrase, token: _Token) -> bool:
    for reading in (token, token.alternative):
        if reading is None:
            continue
        gap = _gap_kind(folded, phrase.tokens[-1], reading)
        if gap is not None and _extend(phrase, reading, gap):
            return True
    return False


def _phrases(folded: str) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    current: _Phrase | None = None
    for token in _tokens(folded):
        if current is not None:
            if _extend_with_any_reading(folded, current, token):
                continue
            phrases.append(current)
            current = None
        if _can_start(token):
            current = _start_phrase(token)
    if current is not None:
        phrases.append(current)
    return [p for p in phrases if _is_count(folded, p)]


def _is_count(folded: str, phrase: _Phrase) -> bool:
    """Drop what is not a count: lone construct forms and fractions, an ordinal's عشر, "one of"."""
    if {t.atom.kind for t in phrase.tokens} <= {CONSTRUCT, FRACTION}:
        return False
    if not _is_whole_count(phrase):
        return False
    if len(phrase.tokens) > 1:
        return True
    only = phrase.tokens[0]
    if only.atom.kind == TEN10:
        return not _after_ordinal(folded, phrase)
    if only.atom.lang == "en" and only.atom.value == 1:
        return not _english_one_is_pronoun(folded, only)
    return True


def _is_whole_count(phrase: _Phrase) -> bool:
    """A whole, plausible number: not 2.5 alone, not inf from an absurdly long digit string."""
    if not 0 <= phrase.value < _LARGEST_COUNT:
        return False
    return phrase.vague is not None or phrase.value == int(phrase.value)


def _after_ordinal(folded: str, phrase: _Phrase) -> bool:
    return _ORDINAL_BEFORE_TEN_RE.search(folded, max(0, phrase.start - 12), phrase.start) is not None


def _english_one_is_pronoun(folded: str, token: _Token) -> bool:
    if folded[token.start : token.end] != "one":
        return False
    before = _ENGLISH_ONE_BEFORE_RE.search(folded, max(0, token.start - 12), token.start)
    return before is not None or _ENGLISH_ONE_AFTER_RE.match(folded, token.end) is not None


# ---------------------------------------------------------------------------------------------
# Mentions: qualifiers, ranges, flags
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    phrase: _Phrase
    value: int
    vague: bool
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None
    tokens: tuple[_Token, ...] = ()


def _draft(phrase: _Phrase) -> _Draft:
    if phrase.vague is not None:
        value, high = phrase.vague
        return _Draft(phrase.start, phrase.end, phrase, int(value), True, int(value), int(high))
    only = phrase.tokens[0].atom
    if len(phrase.tokens) == 1 and only.kind == SCALE and only.plural:  # آلاف alone: "thousands"
        value = int(only.value)
        return _Draft(phrase.start, phrase.end, phrase, value, True, value, value * 10 - 1)
    return _Draft(phrase.start, phrase.end, phrase, int(phrase.value), False)


def _merge_ranges(folded: str, drafts: list[_Draft]) -> list[_Draft]:
    merged: list[_Draft] = []
    index = 0
    while index < len(drafts):
        draft = drafts[index]
        if index + 1 < len(drafts):
            ranged = _range(folded, draft, drafts[index + 1])
            if ranged is not None:
                merged.append(ranged)
                index += 2
                continue
        merged.append(draft)
        index += 1
    return merged


def _range(folded: str, first: _Draft, second: _Draft) -> _Draft | None:
    gap = _RANGE_GAP_RE.fullmatch(folded, first.end, second.phrase.tokens[0].start)
    if gap is None:
        return None
    opener = _RANGE_OPEN_RE.search(folded, max(0, first.start - 12), first.start)
    separator = gap.group("sep")
    if separator in ("و", "and") and (
        opener is None or opener.group("open") not in ("بين", "ما بين", "between")
    ):
        return None
    if separator == "-" and not (first.phrase.tokens[-1].digits and second.phrase.tokens[0].digits):
        return None
    low = first.value
    if not first.phrase.scale and second.phrase.scale and low * second.phrase.scale <= second.value:
        low = int(low * second.phrase.scale)  # "10 إلى 15 ألف"
    high = second.high if second.high is not None else second.value
    if low >= high:
        return None
    start = opener.start("open") if opener is not None else first.start
    tokens = (*first.phrase.tokens, *second.phrase.tokens)
    return _Draft(start, second.end, first.phrase, low, first.vague or second.vague, low, high, tokens=tokens)


def _attach_qualifiers(folded: str, draft: _Draft, floor: int) -> None:
    """Read "أكثر من" / "at least" around the number; ``floor`` is where the previous mention ended."""
    before = _QUALIFIER_BEFORE_RE.search(folded, max(floor, draft.start - 24), draft.start)
    if before is not None:
        draft.qualifier = _QUALIFIERS[_SPACES_RE.sub(" ", before.group("q"))]
        draft.start = before.start("q")
        return
    after = _QUALIFIER_AFTER_RE.match(folded, draft.end)
    if after is not None:
        draft.qualifier = _QUALIFIERS[_SPACES_RE.sub(" ", after.group("q"))]
        draft.end = after.end("q")
        return
    word = _ONE_WORD_AFTER_RE.match(folded, draft.end)  # "20 مدنيا على الأقل"
    if word is not None and (after := _QUALIFIER_AFTER_RE.match(folded, word.end())) is not None:
        draft.qualifier = _QUALIFIERS[_SPACES_RE.sub(" ", after.group("q"))]


def _is_percent(folded: str, draft: _Draft) -> bool:
    if _PERCENT_AFTER_RE.match(folded, draft.end):
        return True
    return _PERCENT_BEFORE_RE.search(folded, max(0, draft.start - 2), draft.start) is not None


def _is_year_like(folded: str, draft: _Draft) -> bool:
    tokens = draft.phrase.tokens
    if len(tokens) != 1 or not tokens[0].digits or not tokens[0].digits.isdigit():
        return False
    if len(tokens[0].digits) != 4:
        return False
    value = int(tokens[0].digits)
    return 1900 <= value <= 2100 or _YEAR_MARK_AFTER_RE.match(folded, tokens[0].end) is not None


def _form(draft: _Draft) -> str:
    tokens = draft.tokens or tuple(draft.phrase.tokens)
    if draft.vague:
        return "vague"
    if tokens[0].atom.kind == DUAL:
        return "dual"
    has_digits = any(t.digits for t in tokens)
    has_words = any(not t.digits for t in tokens)
    if has_digits and has_words:
        return "mixed"
    return "digits" if has_digits else "words"


def find_numbers(text: str, folded: Folded | None = None) -> list[NumberMention]:
    """Every count in ``text``, in order, with offsets into ``text`` (not the folded form).

    Pass ``folded`` (``Folded.of(text)``) when the caller already has it, to fold only once.
    """
    folded = folded if folded is not None else Folded.of(text)
    drafts = _merge_ranges(folded.text, [_draft(p) for p in _phrases(folded.text)])
    mentions: list[NumberMention] = []
    last_end = 0
    for draft in drafts:
        _attach_qualifiers(folded.text, draft, last_end)
        start, end = original_span(folded, draft.start, draft.end)
        mentions.append(
            NumberMention(
                start=start,
                end=end,
                value=draft.value,
                qualifier=draft.qualifier,
                vague=draft.vague,
                low=draft.low,
                high=draft.high,
                percent=_is_percent(folded.text, draft),
                is_year_like=_is_year_like(folded.text, draft),
                form=_form(draft),
            )
        )
        last_end = draft.end
    return mentions


def original_span(folded: Folded, start: int, end: int) -> tuple[int, int]:
    """The original-text range of a folded range, keeping the diacritics and tatweel of its last letter.

    :meth:`Folded.to_original` ends at the last kept letter, so "ثلاثةُ" would lose its damma.
    """
    start, end = folded.to_original(start, end)
    original = folded.original
    while end < len(original) and FOLD_TABLE.get(ord(original[end]), "") is None:
        end += 1
    return start, end


def parse_number(phrase: str) -> int | None:
    """The value of a phrase that holds exactly one count (``"ثلاثمائة وخمسون"``), else None."""
    mentions = find_numbers(phrase)
    if len(mentions) != 1:
        return None
    return mentions[0].value


def _ordinal_days() -> dict[str, int]:
    days: dict[str, int] = {}
    for value, words in ARABIC_ORDINAL_UNITS.items():
        if value > 1 or words[0] == "الأول":
            days[fold(words[0])] = value
        for word in words:
            days[fold(word + " عشر")] = 10 + value
            days[fold(word + " والعشرين")] = 20 + value
            if value == 1:
                days[fold(word + " والثلاثين")] = 31
    days.update({fold("العاشر"): 10, fold("العشرين"): 20, fold("الثلاثين"): 30, fold("أول"): 1})
    return days


ORDINAL_DAYS: Final[dict[str, int]] = _ordinal_days()
"""Folded ordinal day words (الأول … الحادي والثلاثين) to the day of the month."""

ORDINAL_DAY_PATTERN: Final[str] = trie_pattern(ORDINAL_DAYS)
"""Regex alternation matching any key of :data:`ORDINAL_DAYS` in folded text."""


def parse_ordinal_day(word: str) -> int | None:
    """The day of the month an ordinal names (``"السابع"`` → 7, ``"الحادي والثلاثين"`` → 31), else None.

    Ordinals are never counts, so :func:`find_numbers` ignores them; dates need them.
    """
    return ORDINAL_DAYS.get(fold_key(word))
