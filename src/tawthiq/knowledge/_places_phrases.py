"""The words around a place name in Arabic reports: cues, directions, "countryside of", "near".

Reports rarely write a bare name. They write ``في حي الرميلة شمالي الرقة``, ``بريف حلب الشمالي``,
``قرية الرجم الأبيض``, ``على أطراف مدينة الرقة``. These words say what kind of place follows and how
exact the location is (ACLED's geo_precision), so the gazetteer finds them in the same one-pass scan
as the names. All keys here are folded (``text.normalize.fold``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tawthiq.text.normalize import fold_key

MarkerRole = Literal["cue", "countryside", "direction", "near", "not_a_place"]


@dataclass(frozen=True, slots=True)
class Cue:
    """A word naming the kind of place that follows (حي، قرية، مطار…)."""

    word: str  # canonical singular, unfolded: joined to the name to try "مزرعة تشرين"
    kinds: frozenset[str]  # kinds it announces
    neutral: frozenset[str]  # kinds it may loosely announce (no bonus, no penalty)
    features: frozenset[str] = frozenset()
    admin_level: int | None = None
    strong: bool = False  # an unknown word after it is still a place name


@dataclass(frozen=True, slots=True)
class Marker:
    """A non-name word of a place phrase, as found in the text."""

    role: MarkerRole
    cue: Cue | None = None
    direction: str | None = None  # compass: "north", "north-east", …
    adjective: bool = False  # direction written after the name (الشمالي) rather than before (شمال)
    plural: bool = False  # plural or dual cue: names joined by و share it


def _kinds(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


NOT_A_PLACE = Marker("not_a_place")
"""Value of phrases that contain a place name without naming a place (قوات سوريا الديمقراطية)."""

_LOOSE_SETTLEMENT = _kinds("town", "village", "city")

NEIGHBOURHOOD = Cue("حي", _kinds("neighbourhood"), _kinds("town", "village", "camp", "city"), strong=True)
VILLAGE = Cue("قرية", _kinds("village"), _kinds("town", "neighbourhood"), strong=True)
FARM = Cue("مزرعة", _kinds("village"), _kinds("town", "neighbourhood"), strong=True)
TOWN = Cue("بلدة", _kinds("town", "village"), _kinds("city", "admin3", "neighbourhood"), strong=True)
CITY = Cue("مدينة", _kinds("city", "town"), _kinds("admin2", "admin3", "camp"), strong=True)
CAMP = Cue("مخيم", _kinds("camp"), _kinds("neighbourhood", "town", "village", "city"), strong=True)
DAM = Cue("سد", _kinds("landmark"), _kinds(), features=_kinds("dam"))
AIRPORT = Cue(
    "مطار", _kinds("landmark"), _LOOSE_SETTLEMENT, features=_kinds("airbase", "airport"), strong=True
)
BASE = Cue("قاعدة", _kinds("landmark"), _LOOSE_SETTLEMENT, features=_kinds("airbase", "base"))
CROSSING = Cue("معبر", _kinds("landmark"), _LOOSE_SETTLEMENT, features=_kinds("crossing"), strong=True)
PRISON = Cue("سجن", _kinds("landmark"), _kinds("town", "city"), features=_kinds("prison"))
AREA = Cue(
    "منطقة",
    _kinds("region"),
    _kinds("admin2", "admin3", "city", "town", "village", "neighbourhood", "landmark", "camp"),
)
DISTRICT = Cue("قضاء", _kinds("admin2", "region"), _LOOSE_SETTLEMENT, admin_level=2)
PROVINCE = Cue("ولاية", _kinds("admin1", "region"), _kinds("city"), admin_level=1)
SUBURB = Cue("ضاحية", _kinds("town", "neighbourhood"), _kinds("city", "village"), strong=True)
SUBDISTRICT = Cue("ناحية", _kinds("admin3"), _LOOSE_SETTLEMENT, admin_level=3)
GOVERNORATE = Cue("محافظة", _kinds("admin1", "region"), _kinds("city"), admin_level=1)

_CUE_FORMS: dict[Cue, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # cue: (singular forms, plural and dual forms)
    NEIGHBOURHOOD: (("حي",), ("أحياء", "حيي", "حيّي")),
    VILLAGE: (("قرية",), ("قرى", "قريتي", "قريتا")),
    FARM: (("مزرعة",), ("مزارع", "مزرعتي", "مزرعتا")),
    TOWN: (("بلدة",), ("بلدات", "بلدتي", "بلدتا")),
    CITY: (("مدينة",), ("مدن", "مدينتي", "مدينتا")),
    CAMP: (("مخيم",), ("مخيمات", "مخيمي")),
    DAM: (("سد",), ("سدود", "سدي")),
    AIRPORT: (("مطار",), ("مطارات", "مطاري")),
    BASE: (("قاعدة",), ("قواعد",)),
    CROSSING: (("معبر",), ("معابر", "معبري")),
    PRISON: (("سجن",), ()),
    AREA: (("منطقة",), ("مناطق", "منطقتي")),
    DISTRICT: (("قضاء",), ("أقضية",)),
    PROVINCE: (("ولاية",), ("ولايات",)),
    SUBURB: (("ضاحية",), ()),
    SUBDISTRICT: (("ناحية",), ("نواحي", "ناحيتي")),
    GOVERNORATE: (("محافظة",), ("محافظات", "محافظتي")),
}

_DIRECTIONS = {
    "north": ("شمال", "شمالي", "الشمالي", "الشمالية"),
    "south": ("جنوب", "جنوبي", "الجنوبي", "الجنوبية"),
    "east": ("شرق", "شرقي", "الشرقي", "الشرقية"),
    "west": ("غرب", "غربي", "الغربي", "الغربية"),
}
_COMPOUNDS = {
    "north-east": ("north", "east"),
    "north-west": ("north", "west"),
    "south-east": ("south", "east"),
    "south-west": ("south", "west"),
}

_COUNTRYSIDE = ("ريف", "أرياف", "الريف", "الأرياف", "بادية")
_NEAR = (
    "قرب", "القرب من", "بالقرب من", "أطراف", "الأطراف", "محيط", "ضواحي", "الضواحي", "مشارف", "تخوم",
    "مداخل", "مدخل", "الجهة", "الجهتين", "جوار", "أكناف", "حدود",
)  # fmt: skip


def _direction_forms() -> dict[str, Marker]:
    forms: dict[str, Marker] = {}
    for compass, (bare, bare_i, adj_m, adj_f) in _DIRECTIONS.items():
        forms[bare] = forms[bare_i] = Marker("direction", direction=compass)
        forms[adj_m] = forms[adj_f] = Marker("direction", direction=compass, adjective=True)
    for compass, (first, second) in _COMPOUNDS.items():
        a, b = _DIRECTIONS[first], _DIRECTIONS[second]
        for x in a[:2]:
            for y in b[:2]:
                forms[f"{x} {y}"] = Marker("direction", direction=compass)
        forms[f"{a[2]} {b[2]}"] = forms[f"{a[3]} {b[3]}"] = Marker(
            "direction", direction=compass, adjective=True
        )
    return forms


def build_markers() -> dict[str, Marker]:
    """Every marker surface (folded) and what it means."""
    markers: dict[str, Marker] = {}
    for cue, (singular, plural) in _CUE_FORMS.items():
        for form in singular:
            markers[fold_key(form)] = Marker("cue", cue=cue)
        for form in plural:
            markers[fold_key(form)] = Marker("cue", cue=cue, plural=True)
    for form in _COUNTRYSIDE:
        markers[fold_key(form)] = Marker("countryside")
    for form in _NEAR:
        markers[fold_key(form)] = Marker("near")
    markers.update({fold_key(k): v for k, v in _direction_forms().items()})
    return markers


MARKERS = build_markers()


def _folded_words(words: str) -> frozenset[str]:
    return frozenset(fold_key(w) for w in words.split())


GLUE = frozenset({"", "من", "ل", "ب"})
"""What may stand between two parts of one place phrase (after white space is removed):
``بالقرب من مدينة``, ``الريف الشمالي لحلب``, ``جنوبي غربي الرقة``."""

LIST_JOINERS = frozenset({"و", "،", ",", "، و", ",و", "،و"})
"""What joins the names of one list: ``أحياء الصناعة والمشلب، والسباهية``."""

LOCATIVE_WORDS = frozenset(
    fold_key(w)
    for w in ("في", "من", "إلى", "الى", "قرب", "نحو", "داخل", "حول", "عند", "باتجاه", "بين", "شمال", "جنوب",
              "شرق", "غرب", "على")
)  # fmt: skip
"""Words before a name that make a place reading likely (``في الطبقة`` rather than ``الطبقة السياسية``)."""

NAME_PREFIX_WORDS = _folded_words(
    """
    تل تلة عين دير كفر بيت أبو ابو أم ام خربة مزرعة مزرع جبل وادي رأس بئر بير قصر معرة جسر بني عرب
    جب حوش كرم نهر سهل ظهر برج خان قلعة بن ابن عبد الشيخ شيخ السيدة سيدي مرج حمام تلول زور جديدة ضهر
    باب سوق دوار ساحة
    """
)
"""First words of multi-word Arabic place names: the next word belongs to the name too."""

STOP_WORDS = _folded_words(
    """
    في من على إلى الى عن مع التي الذي الذين اللتين حيث بعد قبل خلال بين منذ عند حتى ضد أن ان إن لا
    لم لن قد كما ثم أو او هذه هذا تلك ذلك هناك نفسها نفسه الواقعة الواقع التابعة التابع القريبة
    القريب المحاذية المحاذي الخاضعة الخاضع الحدودية الحدودي المحاصرة المحاصر المجاورة المجاور
    المذكورة المذكور صغيرة كبيرة أخرى اخرى واحدة سكني سكنية مجاورة قريبة بأكملها كاملة جديدة آمنة
    حدودية محاصرة نائية ريفية صناعية سورية سوريه تركية عراقية لبنانية أردنية روسية إيرانية أمريكية
    عربية كردية إسلامية أوروبية ساحلية استراتيجية الاستراتيجية الإستراتيجية الاستراتيجي الإستراتيجي
    الأثري الأثرية القديمة الجديدة الكبرى الصغرى المدمرة المنكوبة الآمنة بكاملها عدة عديدة كثيرة الخ
    وغيرها المدينة القرية البلدة الحي المخيم المنطقة ذاتها يوم أمس اليوم ليلة صباح مساء فجر حاليا
    حالياً أيضا أيضاً فقط كلها جميعها بأسرها التركية التركي العراقية العراقي اللبنانية اللبناني
    الأردنية الأردني السورية السوري الليبية الليبي المصرية المصري السعودية الإيرانية الروسية
    الأمريكية الأميركية الكردية الكردي الألمانية الفرنسية البريطانية الإسبانية النمساوية الساحلية
    الشيعية الشيعيتين السنية الدرزية العلوية المسيحية الموالية المواليتين الخاضعتين المجاورتين
    الهادئ الهادئة الكبيرة اللجوء اللاجئين للاجئين النازحين للنازحين تدريب شعبي شعبية خاضعة تابعة
    تابع متفرقة المدنيين العاصمة يسيطر تسيطر تقع يقع استهدفت استهدف شيعية سنية درزية علوية مسيحية
    موالية ثانية أولى مختلفة كبرى كامل بشكل تحت فوق قرب داخل خارج أغلبية تسكنها يسكنها مثل بينها
    منها فيها إضافة عملية تنظيم قوات ميليشيات مليشيات عناصر مقاتلي أهالي سكان قتلى جرحى أحد واحد
    ذكرى أسبوع شهر عام سنة هو هي ما كان كانت فيما بينما لكن إلا غير غيرها كذلك بعض كل جميع معظم أكثر
    أكبر الشمال الجنوب الشرق الغرب الداخل الخارج البلاد المملكة الدولة الملاصق الملاصقة المتاخم
    المتاخمة الموازي الموازية باتجاه نقطة حاجز
    """
)
"""Words that end (or cannot start) an unknown name captured after a cue."""

SKIP_WORDS = frozenset(fold_key(w) for w in ("تسمى", "تدعى", "يدعى", "يسمى", "اسمها", "المسماة", "المسمى"))
"""Words between a cue and the name it introduces: "قرية تسمى حزيمة"."""

ARTICLE_ADJECTIVES_KEEP = frozenset(fold_key(w) for w in ("الكبير", "الكبيرة", "الصغير", "الصغيرة", "الأبيض"))
"""Article words that do belong to names (تل أبيض، الرجم الأبيض، عين العرب الكبيرة)."""

COMPASS_EN = {
    "north": "northern",
    "south": "southern",
    "east": "eastern",
    "west": "western",
    "north-east": "north-eastern",
    "north-west": "north-western",
    "south-east": "south-eastern",
    "south-west": "south-western",
}
