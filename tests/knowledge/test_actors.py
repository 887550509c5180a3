"""The actor knowledge base: every alias names its own party, and the record is the same whoever writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tawthiq.knowledge.actors import ActorKB, ActorMention, PeopleMention
from tawthiq.knowledge.lexicon import REGISTERS, SOURCE_KINDS, load_data
from tawthiq.records import ACTOR_TYPES
from tawthiq.text.normalize import fold_key

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.load()


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_data("actors")  # type: ignore[no-any-return]


def gold_keys() -> list[str]:
    """The actor keys the eval gold uses, read from tests/gold/README.md so the two cannot drift."""
    readme = (ROOT / "tests" / "gold" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Actor keys", 1)[1].split("\n## ", 1)[0]
    keys = re.findall(r"`([a-z_]+)`", section)
    assert len(keys) >= 20, "could not read the actor keys from tests/gold/README.md"
    return keys


def only(kb: ActorKB, text: str, country: str | None = "SY") -> ActorMention:
    mentions = kb.find_actors(text, country=country)
    assert len(mentions) == 1, (
        f"{text!r}: expected one mention, got {[(m.surface, m.actor) for m in mentions]}"
    )
    return mentions[0]


def actor_of(kb: ActorKB, text: str, country: str | None = "SY") -> str:
    return only(kb, text, country).actor


# ── The lexicon itself ──────────────────────────────────────────────────────────────────────────


def naming_forms(data: dict[str, Any], lang: str) -> set[str]:
    """Distinct folded forms that name a party: aliases, contextual and default words (not blocks)."""
    forms = {fold_key(a["text"]) for actor in data["actors"] for a in actor["aliases"] if a["lang"] == lang}
    for section in ("contextual", "defaults"):
        forms |= {fold_key(f["text"]) for g in data[section] for f in g["forms"] if f["lang"] == lang}
    return forms


def test_at_least_400_arabic_alias_strings(data: dict[str, Any]) -> None:
    assert len(naming_forms(data, "ar")) >= 400


def test_people_and_sources_have_arabic_forms_too() -> None:
    people = load_data("people")
    sources = load_data("sources")
    assert sum(f["lang"] == "ar" for c in people["categories"] for f in c["forms"]) >= 200
    assert sum(a["lang"] == "ar" for s in sources["sources"] for a in s["aliases"]) >= 200


def test_every_gold_key_is_an_actor_and_every_actor_descends_from_one(kb: ActorKB) -> None:
    keys = set(gold_keys())
    ids = {a.id for a in kb.actors}
    assert keys <= ids, f"gold keys missing from the knowledge base: {sorted(keys - ids)}"
    orphans = [a for a in ids if kb.closest_in(a, keys) is None]
    assert not orphans, f"actors with no gold key among their ancestors: {orphans}"


def test_actor_types_registers_and_kinds_are_closed_vocabularies(kb: ActorKB, data: dict[str, Any]) -> None:
    assert all(a.type in ACTOR_TYPES for a in kb.actors)
    assert all(a["register"] in REGISTERS for actor in data["actors"] for a in actor["aliases"])
    assert all(s.kind in SOURCE_KINDS for s in kb.sources)


def test_no_folded_form_belongs_to_two_entries(data: dict[str, Any]) -> None:
    owners: dict[str, str] = {}
    clashes = []
    entries = [(f"actor {a['id']}", a["aliases"]) for a in data["actors"]]
    for section in ("contextual", "defaults", "blocking"):
        entries += [(f"{section}[{i}]", g["forms"]) for i, g in enumerate(data[section])]
    for owner, forms in entries:
        for form in forms:
            key = fold_key(form["text"])
            if owners.setdefault(key, owner) != owner:
                clashes.append((form["text"], owners[key], owner))
    assert not clashes


@pytest.mark.parametrize("actor_id", [a["id"] for a in load_data("actors")["actors"]])
def test_every_alias_resolves_to_its_own_entry(kb: ActorKB, data: dict[str, Any], actor_id: str) -> None:
    actor = next(a for a in data["actors"] if a["id"] == actor_id)
    wrong = []
    for alias in actor["aliases"]:
        mentions = kb.find_actors(alias["text"])
        spans = [(m.start, m.end, m.actor) for m in mentions]
        if spans != [(0, len(alias["text"]), actor_id)]:
            wrong.append((alias["text"], [(m.surface, m.actor) for m in mentions]))
    assert not wrong


def test_contextual_words_belong_to_the_story_country(kb: ActorKB, data: dict[str, Any]) -> None:
    for group in data["contextual"]:
        for form in group["forms"]:
            for country, owner in group["by_country"].items():
                mention = only(kb, form["text"], country)
                assert (mention.actor, mention.resolution) == (owner, "context"), (form["text"], country)
            assert kb.find_actors(form["text"], country=None) == []
            assert kb.find_actors(form["text"], country="EG") == []


def test_default_words_resolve_to_the_documented_default_and_ask_for_review(
    kb: ActorKB, data: dict[str, Any]
) -> None:
    for group in data["defaults"]:
        assert group["note"], "a default must document why"
        for form in group["forms"]:
            mention = only(kb, form["text"])
            assert mention.actor == group["default"]
            assert mention.needs_review
            assert mention.candidates == tuple(group["candidates"])


def test_blocking_phrases_name_no_party(kb: ActorKB, data: dict[str, Any]) -> None:
    for group in data["blocking"]:
        for form in group["forms"]:
            assert kb.find_actors(form["text"]) == [], form["text"]


# ── The seeds' mentions ─────────────────────────────────────────────────────────────────────────

SEED_MENTIONS = [
    ('ضربات التحالف تمكن ميليشيات "قسد" من اقتحام', "ميليشيات", "sdf"),
    ('أعلنت قوات "التحالف الدولي" في بيان', "قوات", "coalition"),
    ('بعد معارك مع تنظيم "الدولة".', "تنظيم", "isis"),
    ('التي تتزعمها ميليشيا "الوحدات" الكردية، اخترقت', "ميليشيا", "ypg"),
    ("تشكل وحدات حماية الشعب الكردية المكون الأساسي", "وحدات", "ypg"),
    ("ما تسمى (قوات سوريا الديمقراطية) دخلت", "قوات", "sdf"),
    ('إعلان ميليشيات "سوريا الديمقراطية" عن إرسالها', "ميليشيات", "sdf"),
    ("مقتل 20 عنصراً من مليشيا قسد, اضافة", "مليشيا", "sdf"),
    ("الخبراء العسكريين الأمريكيين الذين يقدمون", "الخبراء", "usa"),
    ("غارات عدة لطيران التحالف الدولي على مناطق", "طيران", "coalition"),
    ("ضربات التحالف تمكن", "التحالف", "coalition"),
]


@pytest.mark.parametrize(("text", "starts_with", "expected"), SEED_MENTIONS)
def test_seed_phrases_resolve(kb: ActorKB, text: str, starts_with: str, expected: str) -> None:
    mentions = [m for m in kb.find_actors(text) if m.surface.startswith(starts_with)]
    assert [m.actor for m in mentions] == [expected]


def test_seed_helicopters_of_the_coalition_are_the_coalitions(kb: ActorKB) -> None:
    mentions = kb.find_actors("ثلاث مروحيات حربية تابعة للتحالف الدولي، وصلت")
    assert [(m.surface, m.actor, m.resolution) for m in mentions] == [
        ("مروحيات حربية", "coalition", "owner"),
        ("للتحالف الدولي", "coalition", "name"),  # the contracted ل + ال is shown as the word it is
    ]


def test_seed_sources_resolve(kb: ActorKB) -> None:
    amaq = kb.find_sources("أعلن تنظيم داعش عبر وكالة أعماق عن مقتل")
    assert [(s.source, s.kind, s.affiliation) for s in amaq] == [("amaq", "party_media", "isis")]
    assert kb.to_attribution(amaq[0]).party_claim
    smart = kb.find_sources("واستيلائه على مدرعة وذخيرة، وفق وكالة سمارت.")
    assert [(s.source, s.affiliation) for s in smart] == [("smart", None)]
    assert not kb.to_attribution(smart[0]).party_claim


def test_media_the_text_calls_affiliated_take_that_affiliation(kb: ActorKB) -> None:
    text = 'ذكرت وسائل إعلام تابعة لميليشيا "الوحدات" الكردية، أن'
    (source,) = kb.find_sources(text)
    assert (source.source, source.affiliation, source.affiliation_from_text) == ("media", "ypg", True)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_whole_seeds_name_the_gold_parties(kb: ActorKB) -> None:
    first = kb.scan((SEEDS / "000_bb3fd84aac5b828c.txt").read_text(encoding="utf-8"))
    assert {"sdf", "ypg", "isis", "coalition"} <= {m.actor for m in first.actors}
    assert ("media", "ypg") in {(s.source, s.affiliation) for s in first.sources}
    assert "smart" in {s.source for s in first.sources}
    second = kb.scan((SEEDS / "003_8f90c83d0f1dc36e.txt").read_text(encoding="utf-8"))
    assert {"sdf", "ypg", "isis", "coalition", "usa"} <= {m.actor for m in second.actors}
    assert ("amaq", "isis") in {(s.source, s.affiliation) for s in second.sources}


# ── Neutrality ──────────────────────────────────────────────────────────────────────────────────

NEUTRALITY = [
    (
        "syria_gov",
        [
            "قوات النظام",
            "الجيش العربي السوري",
            "قوات الأسد",
            "الجيش السوري",
            "القوات الحكومية السورية",
            "عصابات الأسد",
            "جيش النظام",
            "Syrian Arab Army",
            "Assad regime forces",
        ],
    ),
    (
        "sdf",
        [
            "ميليشيات قسد",
            "قوات سوريا الديمقراطية",
            "قوات سورية الديموقراطية",
            "قسد",
            "مليشيا قسد",
            "Syrian Democratic Forces",
            "SDF",
        ],
    ),
    (
        "isis",
        [
            "داعش",
            "تنظيم الدولة الإسلامية",
            "الدولة الإسلامية في العراق والشام",
            "ISIS",
            "تنظيم الدولة",
            "الدواعش",
            "خوارج البغدادي",
            "جنود الخلافة",
            "Daesh",
            "ISIL",
        ],
    ),
    ("ypg", ["وحدات حماية الشعب", "ميليشيا الوحدات الكردية", "ي ب ك", "YPG", "تنظيم ي ب ك/بي كي كي"]),
    ("ndf", ["قوات الدفاع الوطني", "الشبيحة", "ميليشيات الدفاع الوطني", "National Defence Forces"]),
    ("hezbollah", ["حزب الله", "حزب اللات", "المقاومة الإسلامية في لبنان", "ميليشيا حزب الله", "Hezbollah"]),
    ("turkey", ["الجيش التركي", "الاحتلال التركي", "المقاتلات التركية", "الجندرمة", "Turkish army"]),
    ("russia", ["القوات الروسية", "الاحتلال الروسي", "الطيران الحربي الروسي", "الطائرات الروسية"]),
    ("israel", ["الجيش الإسرائيلي", "العدو الصهيوني", "جيش الدفاع الإسرائيلي", "الاحتلال الإسرائيلي", "IDF"]),
    (
        "coalition",
        ["التحالف الدولي", "التحالف الصليبي", "التحالف الأمريكي", "Global Coalition Against Daesh"],
    ),
    ("hts", ["هيئة تحرير الشام", "هتش", "HTS", "Hayat Tahrir al-Sham"]),
    ("sna", ["الجيش الوطني السوري", "مرتزقة تركيا", "الفصائل الموالية لتركيا", "Syrian National Army"]),
]


@pytest.mark.parametrize(("expected", "names"), NEUTRALITY, ids=[n[0] for n in NEUTRALITY])
def test_partisan_and_neutral_names_resolve_to_the_same_actor(
    kb: ActorKB, expected: str, names: list[str]
) -> None:
    assert {name: actor_of(kb, name) for name in names} == dict.fromkeys(names, expected)


def test_the_register_records_who_uses_the_word_but_not_the_actor(kb: ActorKB) -> None:
    hostile, neutral = only(kb, "ميليشيات قسد"), only(kb, "قوات سوريا الديمقراطية")
    assert (hostile.register, neutral.register) == ("hostile", "neutral")
    assert kb.to_actor(hostile, "target").name == kb.to_actor(neutral, "target").name
    assert only(kb, "الجيش العربي السوري").register == "self"
    assert only(kb, "قوات النظام").register == "partisan"


def test_state_media_labels_map_to_an_unnamed_group_not_a_party(kb: ActorKB) -> None:
    for label in ("الإرهابيين", "المجموعات الإرهابية المسلحة", "التكفيريين", "المرتزقة", "الجماعات المسلحة"):
        mention = only(kb, label)
        record = kb.get(mention.actor)
        assert record.ambiguous and not record.is_party, label
        assert kb.to_actor(mention, "perpetrator").name == "Unidentified Armed Group (Syria)"


def test_a_label_the_text_attaches_to_a_party_takes_that_party(kb: ActorKB) -> None:
    first = kb.find_actors("هاجمت المجموعات الإرهابية التابعة لتنظيم داعش")[0]
    assert (first.actor, first.resolution) == ("isis", "owner")


# ── Writing: quotes, proclitics, case ───────────────────────────────────────────────────────────


@pytest.mark.parametrize("text", ["«قسد»", "(قسد)", '"قسد"', "“قسد”", "[قسد]", "عناصر «قسد»،"])
def test_quotes_and_brackets_around_names_still_match(kb: ActorKB, text: str) -> None:
    mention = kb.find_actors(text)[-1]
    assert (mention.actor, mention.surface) == ("sdf", "قسد" if "عناصر" not in text else "عناصر «قسد")


def test_quotes_inside_a_name_are_ignored_and_offsets_stay_original(kb: ActorKB) -> None:
    text = 'ذكرت وسائل إعلام تابعة لميليشيا "الوحدات" الكردية'
    mention = only(kb, text)
    assert text[mention.start : mention.end] == 'ميليشيا "الوحدات" الكردية' == mention.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [("لقسد", "sdf"), ("وقسد", "sdf"), ("بقسد", "sdf"), ("للتحالف الدولي", "coalition"), ("وداعش", "isis")],
)
def test_proclitics_attach_to_names(kb: ActorKB, text: str, expected: str) -> None:
    assert actor_of(kb, text) == expected


def test_names_do_not_match_inside_other_words(kb: ActorKB) -> None:
    assert kb.find_actors("قسدات") == []
    assert kb.find_actors("الإيرانيةالجديدة") == []


@pytest.mark.parametrize(
    "text",
    [
        "syrian democratic forces",
        "SYRIAN DEMOCRATIC FORCES",
        "Syrian Democratic Forces",
        "Syrian democratic Forces",
    ],
)
def test_english_aliases_match_case_insensitively(kb: ActorKB, text: str) -> None:
    assert actor_of(kb, text) == "sdf"


def test_exact_case_abbreviations_do_not_match_english_words(kb: ActorKB) -> None:
    assert [m.actor for m in kb.find_actors("IS claimed it; this is not a claim")] == ["isis"]
    assert [m.actor for m in kb.find_actors("US forces told us")] == ["usa"]
    assert kb.find_actors("it is what it is") == []


def test_arabic_spelling_variants_fold_together(kb: ActorKB) -> None:
    assert actor_of(kb, "قوات سورية الديمقراطية") == actor_of(kb, "قوات سوريا الديموقراطية") == "sdf"
    assert actor_of(kb, "الامريكية") == actor_of(kb, "الأمريكيّة") == actor_of(kb, "الأميركية") == "usa"
    assert actor_of(kb, "داعـــش") == "isis"


# ── Ambiguity rules ─────────────────────────────────────────────────────────────────────────────


def test_the_army_is_the_story_countrys(kb: ActorKB) -> None:
    assert actor_of(kb, "قصف الجيش البلدة") == "syria_gov"
    assert actor_of(kb, "قصف الجيش البلدة", country="IQ") == "iraq_gov"
    assert actor_of(kb, "قصف الجيش البلدة", country="LB") == "lebanon_army"
    assert kb.find_actors("قصف الجيش البلدة", country=None) == []


def test_longer_names_win_over_the_contextual_words_inside_them(kb: ActorKB) -> None:
    cases = {
        "الجيش الحر": "fsa",
        "الجيش السوري الحر": "fsa",
        "الجيش التركي": "turkey",
        "الجيش اللبناني": "lebanon_army",
        "الجيش الوطني السوري": "sna",
        "الجيش السوري الجديد": "maghawir",
        "جيش الثوار": "sdf",
        "كتائب حزب الله": "kataib_hezbollah",
        "الحكومة السورية": "syria_gov",
        "النظام الإيراني": "iran",
    }
    assert {text: actor_of(kb, text) for text in cases} == cases


def test_a_foreign_qualifier_drops_the_generic_word_and_itself(kb: ActorKB) -> None:
    assert kb.find_actors("الجيش المصري والحكومة اللبنانية والمعارضة التركية") == []
    assert kb.find_actors("Houthi rebels and Egyptian security forces") == []
    assert actor_of(kb, "قصفت مروحية عسكرية البلدة") == "syria_gov"  # عسكرية describes, it does not name


def test_the_coalition_alone_except_the_arab_coalition(kb: ActorKB) -> None:
    assert actor_of(kb, "قصف التحالف المدينة") == "coalition"
    for text in ("التحالف العربي", "مقاتلات التحالف العربي", "التحالف الذي تقوده السعودية", "التحالف الوطني"):
        assert kb.find_actors(text) == [], text
    assert kb.find_actors("قصف التحالف المدينة", country="YE") == []


def test_unknown_fates_and_places_are_not_unknown_perpetrators(kb: ActorKB) -> None:
    assert kb.find_actors("اقتاده إلى مكان مجهول ومصيره مجهول") == []
    assert actor_of(kb, "اغتاله مسلحون مجهولون") == "unidentified"


def test_helicopters_default_to_the_government_and_ask_for_review(kb: ActorKB) -> None:
    mention = only(kb, "ألقى الطيران المروحي براميل متفجرة")
    assert (mention.actor, mention.needs_review) == ("syria_gov", True)
    assert "russia" in mention.candidates
    assert not only(kb, "ألقى طيران النظام المروحي براميل").needs_review


# ── Records ─────────────────────────────────────────────────────────────────────────────────────


def test_hierarchy(kb: ActorKB) -> None:
    assert kb.lineage("ypj") == ("ypj", "ypg", "sdf")
    assert kb.lineage("sultan_murad") == ("sultan_murad", "sna")
    assert kb.lineage("nusra") == ("nusra", "hts")
    assert kb.lineage("wagner") == ("wagner", "russia")
    assert kb.lineage("fatemiyoun") == ("fatemiyoun", "iran_militias", "iran")
    assert kb.closest_in("jfs", set(gold_keys())) == "hts"


def test_same_side_is_one_command_structure(kb: ActorKB) -> None:
    assert kb.same_side("ypg", "sdf")
    assert kb.same_side("asayish", "ypj")
    assert kb.same_side("ndf", "syria_gov")
    assert not kb.same_side("russia", "syria_gov")  # allies, not one organisation
    assert not kb.same_side("sdf", "isis")
    assert not kb.same_side("civilians", "civilians")
    assert not kb.same_side("unidentified", "ambiguous_label")


def test_unknown_ids_raise_clear_errors(kb: ActorKB) -> None:
    with pytest.raises(KeyError, match=r"lexicon-src/actors\.yaml"):
        kb.get("nobody")
    with pytest.raises(KeyError, match=r"lexicon-src/sources\.yaml"):
        kb.get_source("nobody")


def test_to_actor_gives_the_canonical_name_type_and_span(kb: ActorKB) -> None:
    text = "قصفت قوات النظام البلدة"
    actor = kb.to_actor(only(kb, text), "perpetrator", hedged=True)
    assert actor.name == "Military Forces of Syria (2000-2024)"
    assert (actor.type, actor.role, actor.hedged, actor.actor_id) == (
        "State forces",
        "perpetrator",
        True,
        "syria_gov",
    )
    assert actor.span is not None and actor.span.slice(text) == actor.mention == "قوات النظام"


def test_a_states_forces_are_external_abroad(kb: ActorKB) -> None:
    mention = only(kb, "الطيران الحربي الروسي")
    assert kb.to_actor(mention, "perpetrator").type == "External/Other forces"
    assert kb.to_actor(mention, "perpetrator", country="RU").type == "State forces"
    assert kb.to_actor(only(kb, "ميليشيات قسد"), "target").type == "Rebel group"


def test_names_follow_the_event_country(kb: ActorKB) -> None:
    mention = only(kb, "داعش")
    assert kb.to_actor(mention, "perpetrator").name == "Islamic State (Syria)"
    assert kb.to_actor(mention, "perpetrator", country="IQ").name == "Islamic State (Iraq)"


def test_people_categories_become_civilians_but_fighters_need_their_party(kb: ActorKB) -> None:
    children = kb.find_people("مقتل طفلين وامرأة")
    assert [(p.category, p.number, p.implied_count) for p in children] == [
        ("children", "dual", 2),
        ("women", "singular", 1),
    ]
    actor = kb.to_actor(children[0], "target")
    assert (actor.name, actor.type, actor.actor_id) == ("Civilians (Syria)", "Civilians", "civilians")
    (fighters,) = kb.find_people("مقتل 20 عنصراً")
    assert fighters.category == "fighters"
    with pytest.raises(ValueError, match="names no party"):
        kb.to_actor(fighters, "target")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("173 مدنياً", "civilians"),
        ("المدنيين", "civilians"),
        ("عناصر الدفاع المدني", "aid_workers"),
        ("رجال الأمن", "security_personnel"),
        ("أطفال", "children"),
        ("الصحفيين", "journalists"),
        ("مسعفين", "medics"),
        ("three civilians", "civilians"),
        ("Soldiers", "fighters"),
    ],
)
def test_people_forms(kb: ActorKB, text: str, category: str) -> None:
    mentions: list[PeopleMention] = kb.find_people(text)
    assert [m.category for m in mentions] == [category]


def test_a_quoted_party_is_its_own_source(kb: ActorKB) -> None:
    attribution = kb.to_attribution(only(kb, 'وأعلنت "قسد" في بيان لها'))
    assert (attribution.source, attribution.affiliation, attribution.party_claim) == (
        "SDF: Syrian Democratic Forces",
        "sdf",
        True,
    )


def test_state_agencies_speak_for_their_state(kb: ActorKB) -> None:
    found = {
        s.source: s.affiliation for s in kb.find_sources("نقلت سانا ووكالة الأناضول وسبوتنيك والمرصد السوري")
    }
    assert found == {"sana": "syria_gov", "anadolu": "turkey", "sputnik": "russia", "sohr": None}


def test_scan_finds_what_the_three_finders_find(kb: ActorKB) -> None:
    text = 'قالت وكالة أعماق إن 20 عنصراً من "قسد" قتلوا بينهم طفلان'
    result = kb.scan(text)
    assert list(result.actors) == kb.find_actors(text)
    assert list(result.sources) == kb.find_sources(text)
    assert list(result.people) == kb.find_people(text)
