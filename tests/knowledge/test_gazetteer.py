"""The gazetteer: lookups that survive how places are written, mentions found in running text,
disambiguation with the rest of the document, and ACLED precision."""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import sys
from importlib import resources
from pathlib import Path

import pytest

from tawthiq.knowledge.gazetteer import Gazetteer, PlaceMention
from tawthiq.records import Place

TABQA = "gn:172374"
RAQQA = "C5710"


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.load(include_user=False)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def top_id(gz: Gazetteer, text: str, context: str = "") -> str | None:
    candidates = gz.lookup(text, context=context)
    return candidates[0].place.id if candidates else None


def resolve_all(gz: Gazetteer, text: str) -> list[tuple[PlaceMention, Place]]:
    mentions = gz.find_places(text)
    return [(m, gz.resolve(m, mentions)) for m in mentions]


# --- the must-show cases -------------------------------------------------------------


def test_tabqa_ranks_first(gz: Gazetteer) -> None:
    best = gz.lookup("الطبقة")[0]
    assert best.place.id == TABQA
    assert best.place.lat is not None and best.place.lon is not None
    assert km(best.place.lat, best.place.lon, 35.84, 38.55) < 3
    assert best.precision == 1


def test_yarmouk_in_raqqa_context_is_the_raqqa_neighbourhood(gz: Gazetteer) -> None:
    best = gz.lookup("حي اليرموك", context="الرقة")[0]
    assert best.place.kind == "neighbourhood"
    assert best.place.admin1 == "Ar-Raqqa"
    assert best.place.id != "C1002"


def test_yarmouk_camp_is_damascus(gz: Gazetteer) -> None:
    best = gz.lookup("مخيم اليرموك")[0]
    assert (best.place.id, best.place.kind, best.place.admin1) == ("C1002", "camp", "Damascus")


# --- how names are written --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["الرقة", "الرقه", "الرّقة", "الرقـــة", "بالرقة", "والرقة", "للرقة", "مدينة الرقة", "الرَّقَّة"],
)
def test_raqqa_spellings_and_clitics(gz: Gazetteer, text: str) -> None:
    assert top_id(gz, text) == RAQQA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("إدلب", "C3871"),
        ("ادلب", "C3871"),
        ("أدلب", "C3871"),
        ("حماة", "C2987"),
        ("حماه", "C2987"),
        ("دير الزور", "C5086"),
        ("ديرالزور", "C5086"),
        ("بصرى الشام", "SY120001"),
        ("بصري الشام", "SY120001"),
        ("الحسكه", "C4360"),
        ("كوباني", "gn:172256"),
        ("عين العرب", "gn:172256"),
    ],
)
def test_hamza_taa_marbuta_alef_maqsura_and_spacing(gz: Gazetteer, text: str, expected: str) -> None:
    assert top_id(gz, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raqqa", RAQQA),
        ("Raqqah", RAQQA),
        ("Ar-Raqqa", RAQQA),
        ("al-Raqqa", RAQQA),
        ("Deir ez-Zor", "C5086"),
        ("Deir Ezzor", "C5086"),
        ("Dayr az Zawr", "C5086"),
        ("Idlib", "C3871"),
        ("Idleb", "C3871"),
        ("Daraa", "C5993"),
        ("Dar'a", "C5993"),
        ("Deraa", "C5993"),
        ("Hasakah", "C4360"),
        ("Al-Hasakeh", "C4360"),
        ("Hassakeh", "C4360"),
        ("Tabqa", TABQA),
        ("Kobani", "gn:172256"),
    ],
)
def test_english_variants(gz: Gazetteer, text: str, expected: str) -> None:
    assert top_id(gz, text) == expected


def test_near_miss_is_found_by_fuzzy_matching(gz: Gazetteer) -> None:
    assert top_id(gz, "مزرع القادسية") == "tw:mazraat-al-qadisiyah"
    assert top_id(gz, "قرية الرجم الابيض") == "tw:rajm-al-abyad"


def test_short_names_are_not_fuzzed_into_other_places(gz: Gazetteer) -> None:
    assert gz.lookup("طرابلس") == []  # one letter from جرابلس, and a different city


# --- cues, directions, countryside and ACLED precision ----------------------------------------


def test_bare_city_name_is_the_city_and_the_governorate_cue_the_governorate(gz: Gazetteer) -> None:
    city = gz.lookup("حلب")[0]
    governorate = gz.lookup("محافظة حلب")[0]
    assert (city.place.id, city.place.kind, city.precision) == ("C1007", "city", 1)
    assert (governorate.place.id, governorate.place.kind, governorate.precision) == ("SY02", "admin1", 3)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("ريف الرقة الشمالي", RAQQA, 2),
        ("بريف الرقة الشرقي", RAQQA, 2),
        ("الريف الغربي لمدينة الرقة", RAQQA, 2),
        ("ريف محافظة إدلب", "SY07", 3),
        ("ريف دمشق", "SY03", 3),
        ("ريف دمشق الغربي", "SY03", 3),
        ("غرب مدينة الطبقة", TABQA, 2),
        ("جنوب شرقي الرقة", RAQQA, 2),
        ("بالقرب من مدينة الطبقة", TABQA, 2),
        ("شمالي شرقي سوريا", "SY", 3),
        ("ناحية عين عيسى", "SY110202", 2),
        ("مطار كويرس", "tw:kuweires-airbase", 1),
        ("سد تشرين", "tw:tishrin-dam", 1),
        ("معبر باب الهوى", "tw:bab-al-hawa-crossing", 1),
        ("الغوطة الشرقية", "tw:eastern-ghouta", 2),
        ("القلمون", "tw:qalamoun", 3),
        ("العراق", "tw:iraq", 3),
    ],
)
def test_phrase_precision(gz: Gazetteer, text: str, expected: str, precision: int) -> None:
    best = gz.lookup(text)[0]
    assert (best.place.id, best.precision) == (expected, precision)


def test_cue_picks_between_a_city_and_a_neighbourhood_of_the_same_name(gz: Gazetteer) -> None:
    assert top_id(gz, "الثورة") == TABQA
    assert top_id(gz, "مدينة الثورة") == TABQA
    neighbourhood = gz.lookup("حي الثورة", context="الرقة")[0].place
    assert (neighbourhood.kind, neighbourhood.admin1) == ("neighbourhood", "Ar-Raqqa")


def test_context_picks_the_raqqa_qadisiyah(gz: Gazetteer) -> None:
    best = gz.lookup("القادسية", context="الرقة، الرميلة").pop(0).place
    assert (best.kind, best.admin1) == ("neighbourhood", "Ar-Raqqa")


# --- finding places in running text -----------------------------------------------------------


SEED_000 = "seeds/000_bb3fd84aac5b828c.txt"
SEED_003 = "seeds/003_8f90c83d0f1dc36e.txt"


def test_seed_000_places(gz: Gazetteer, shared: Path) -> None:
    text = (shared / SEED_000).read_text(encoding="utf-8")
    found = resolve_all(gz, text)
    for mention, _ in found:
        assert text[mention.start : mention.end] == mention.surface
        assert mention.start <= mention.name_start < mention.name_end <= mention.end
    ids = {place.gazetteer_id for _, place in found}
    assert {"N0476", "N0479", "N0480", "tw:rumaila-raqqa", RAQQA, TABQA} <= ids
    assert {"tw:al-mishlab", "tw:al-sabahiya", "tw:al-romaniya", "N0466"} <= ids
    by_name = {place.name: place for _, place in found}
    assert by_name["اليرموك"].admin1 == "Ar-Raqqa"
    assert by_name["جنوبي الرقة"].precision == 2
    assert all(place.admin1 in (None, "Ar-Raqqa") for place in by_name.values())


def test_seed_003_places(gz: Gazetteer, shared: Path) -> None:
    text = (shared / SEED_003).read_text(encoding="utf-8")
    found = {m.surface: place for m, place in resolve_all(gz, text)}
    assert found["قرية مزرع القادسية"].gazetteer_id == "tw:mazraat-al-qadisiyah"
    assert found["قرية الرجم الأبيض"].gazetteer_id == "tw:rajm-al-abyad"
    assert found["قرية حزيمة"].gazetteer_id == "tw:hazima"
    assert found["مزرعتي الجلاء"].gazetteer_id == "tw:mazraat-al-jalaa"
    assert found["تشرين"].gazetteer_id == "tw:mazraat-tishreen"  # "ومزرعتي الجلاء وتشرين"
    countryside = found["ريف الرقة الشمالي"]
    assert (countryside.admin1, countryside.precision, countryside.kind) == ("Ar-Raqqa", 2, "countryside")
    west_of_tabqa = found["غرب مدينة الطبقة"]
    assert (west_of_tabqa.gazetteer_id, west_of_tabqa.precision) == (TABQA, 2)
    assert found["سد الفرات"].gazetteer_id == "tw:tabqa-dam"


def test_mention_carries_cue_direction_and_countryside(gz: Gazetteer) -> None:
    (mention,) = gz.find_places("قصف على قرية حزيمة")
    assert (mention.cue, mention.name, mention.surface) == ("قرية", "حزيمة", "قرية حزيمة")
    (mention,) = gz.find_places("اشتباكات بريف حلب الشمالي")
    assert (mention.countryside, mention.direction, mention.surface) == (True, "north", "ريف حلب الشمالي")
    (mention,) = gz.find_places("غارات جنوب غربي الرقة")
    assert (mention.near, mention.direction) == (True, "south-west")


def test_coordinated_names_share_a_plural_cue(gz: Gazetteer) -> None:
    mentions = gz.find_places("تستولي على أحياء الصناعة والمشلب والسباهية في الرقة")
    assert [m.name for m in mentions[:3]] == ["الصناعة", "المشلب", "السباهية"]
    assert all(m.cue == "حي" for m in mentions[:3])


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت قوات سوريا الديمقراطية بدء المعركة",
        "في ذكرى الثورة السورية",
        "يردد حماة الديار عليكم سلام",
        "وقال إنه فتح الباب أمام المفاوضات",
        "بدء المرحلة الرابعة من عمليات غضب الفرات",
        "شاهد الصور في المدينة",
    ],
)
def test_words_that_only_look_like_places(gz: Gazetteer, text: str) -> None:
    assert [m.surface for m in gz.find_places(text) if m.best and m.best.place.country == "SY"] == []


def test_everyday_word_counts_as_a_place_where_the_text_makes_it_one(gz: Gazetteer) -> None:
    found = resolve_all(gz, "سيطرت قوات سوريا الديمقراطية على الطبقة بعد معارك في ريف الرقة الغربي")
    assert next(place.gazetteer_id for _, place in found) == TABQA
    assert [p.gazetteer_id for _, p in resolve_all(gz, "سيطرت القوات على مدينة الباب")] == ["gn:174018"]


def test_names_across_double_spaces_and_quotes(gz: Gazetteer) -> None:
    (mention,) = gz.find_places('دخلت حي "هشام  بن عبد الملك" جنوبا')
    assert mention.best is not None and mention.best.place.id == "N0479"


# --- unknown names ----------------------------------------------------------------------------


def test_unknown_village_is_kept_and_placed_at_the_countryside_the_text_gives(gz: Gazetteer) -> None:
    found = resolve_all(gz, "سيطرت القوات على قرية تل السمن، بريف الرقة الشمالي")
    place = next(p for m, p in found if m.cue == "قرية")
    assert (place.name, place.gazetteer_id, place.kind) == ("تل السمن", None, "village")
    assert (place.admin1, place.precision) == ("Ar-Raqqa", 2)


def test_unknown_village_without_context_is_not_placed(gz: Gazetteer) -> None:
    ((mention, place),) = resolve_all(gz, "قصف على قرية تل السمن")
    assert mention.name == "تل السمن"
    assert (place.gazetteer_id, place.admin1, place.lat, place.lon, place.precision) == (
        None,
        None,
        None,
        None,
        3,
    )


def test_unknown_foreign_city_is_never_put_at_a_capital(gz: Gazetteer) -> None:
    found = resolve_all(gz, "عاد من دمشق إلى مدينة جدة السعودية")
    jeddah = next(p for m, p in found if m.name == "جدة")
    assert (jeddah.admin1, jeddah.lat, jeddah.gazetteer_id, jeddah.precision) == (None, None, None, 3)


def test_cue_that_rules_out_the_only_candidate_leaves_the_name_unknown(gz: Gazetteer) -> None:
    ((_, place),) = resolve_all(gz, "في محافظة الكرك الأردنية")
    assert place.gazetteer_id is None


def test_parse_keeps_everyday_words_and_unknown_names(gz: Gazetteer) -> None:
    mention = gz.parse("الطبقة")
    assert mention is not None and mention.best is not None and mention.best.place.id == TABQA
    unknown = gz.parse("قرية تل السمن")
    assert unknown is not None and unknown.candidates == () and unknown.name == "تل السمن"
    assert gz.parse("ريف") is None


# --- the compiled data --------------------------------------------------------------------------


def test_package_data_is_small_and_consistent(gz: Gazetteer) -> None:
    data = resources.files("tawthiq.knowledge").joinpath("data", "gazetteer.json.gz")
    assert len(data.read_bytes()) < 3_000_000
    assert len(gz) > 900
    kinds = {r.kind for r in gz.records}
    assert {"country", "admin1", "admin2", "admin3", "city", "town", "neighbourhood", "village"} <= kinds
    assert {"camp", "landmark", "region"} <= kinds
    for record in gz.records:
        if (
            record.bbox
            and record.lat is not None
            and record.lon is not None
            and record.kind.startswith("admin")
        ):
            x0, y0, x1, y1 = record.bbox
            assert x0 <= record.lon <= x1 and y0 <= record.lat <= y1, record.id
        for parent in record.parents:
            assert parent in gz, f"{record.id}: parent {parent} missing"


def test_package_data_is_what_the_build_script_makes(shared: Path) -> None:
    pytest.importorskip("shapefile")
    pytest.importorskip("shapely")
    script = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", script)
    assert spec is not None and spec.loader is not None
    build_gazetteer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build_gazetteer  # dataclasses look their module up here
    spec.loader.exec_module(build_gazetteer)

    payload, admin3, _ = build_gazetteer.build()
    shipped = resources.files("tawthiq.knowledge").joinpath("data", "gazetteer.json.gz")
    assert json.loads(gzip.decompress(shipped.read_bytes())) == json.loads(json.dumps(payload))
    again, _, _ = build_gazetteer.build()
    assert again == payload
    assert len(admin3["admin3"]) == 272


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish-backed rebels shelled Tel Rifaat on Sunday.", "Tel Rifaat"),
        ("Fighting near Tal Abyad on the border continued.", "Tal Abyad"),
        ("Airstrikes hit Raqqah and Hasaka overnight.", "Hasaka"),
    ],
)
def test_english_transliteration_variants_are_found_in_running_text(
    gz: Gazetteer, text: str, expected: str
) -> None:
    surfaces = [m.surface for m in gz.find_places(text)]
    assert any(expected in surface for surface in surfaces), surfaces
