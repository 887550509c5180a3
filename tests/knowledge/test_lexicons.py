"""scripts/build_lexicons.py: the shipped data is the compiled lexicon-src, and bad sources fail loudly."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_lexicons.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_lexicons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


build = _load_script()


@pytest.fixture(scope="module")
def compiled() -> dict[str, str]:
    return build.compile_all()  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", [p.stem for p in build.lexicon_sources()])
def test_compiled_data_is_in_sync_with_lexicon_src(compiled: dict[str, str], name: str) -> None:
    shipped = build.DATA_DIR / f"{name}.json"
    assert shipped.is_file(), f"{shipped.name} is missing: run python scripts/build_lexicons.py"
    assert shipped.read_text(encoding="utf-8") == compiled[name], (
        f"lexicon-src/{name}.yaml changed since {shipped.name} was built: "
        "run python scripts/build_lexicons.py"
    )


def test_output_is_deterministic(compiled: dict[str, str]) -> None:
    assert build.compile_all() == compiled


def test_the_gazetteer_source_is_left_to_its_own_build() -> None:
    assert "places" not in {p.stem for p in build.lexicon_sources()}


# ── Failures a reviewer must see ────────────────────────────────────────────────────────────────

MINIMAL_ACTORS = """
actors:
  - id: sdf
    name: "SDF: Syrian Democratic Forces"
    name_ar: قوات سوريا الديمقراطية
    type: Rebel group
    parent: null
    country: SY
    aliases:
      ar:
        neutral: [قسد]
"""


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    tmp_path.mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_minimal_lexicon_compiles(tmp_path: Path) -> None:
    out = build.compile_all(write(tmp_path, {"actors.yaml": MINIMAL_ACTORS}))
    actor = json.loads(out["actors"])["actors"][0]
    assert actor["aliases"] == [
        {"exact_case": False, "lang": "ar", "note": None, "register": "neutral", "text": "قسد"}
    ]
    assert actor["is_party"] is True


def test_an_alias_claimed_by_two_parties_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_ACTORS + MINIMAL_ACTORS.split("actors:", 1)[1].replace("id: sdf", "id: other")
    with pytest.raises(build.LexiconError, match="claimed by actor sdf and by actor other"):
        build.compile_all(write(tmp_path, {"actors.yaml": text}))


def test_an_alias_that_folds_like_another_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_ACTORS.replace("[قسد]", "[الأمريكية, الامريكيه]")
    with pytest.raises(build.LexiconError, match="twice"):
        build.compile_all(write(tmp_path, {"actors.yaml": text}))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[قسد]", '[قوات "قسد"]'), "matching ignores"),
        (("[قسد]", "[SDF]"), "no Arabic letter"),
        (("type: Rebel group", "type: Rebels"), "not one of"),
        (("parent: null", "parent: nobody"), "not an actor id"),
        (("parent: null", "parent: sdf"), "parent cycle"),
        (("neutral: [قسد]", "friendly: [قسد]"), "not one of"),
        (("country: SY", "country: Syria"), "ISO 3166"),
        (("    country: SY\n", "    country: SY\n    colour: red\n"), "unknown field"),
        (("    name_ar: قوات سوريا الديمقراطية\n", ""), "missing name_ar"),
    ],
)
def test_malformed_actors_are_refused_with_a_pointed_message(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    with pytest.raises(build.LexiconError, match=message):
        build.compile_all(write(tmp_path, {"actors.yaml": MINIMAL_ACTORS.replace(*change)}))


def test_duplicate_yaml_keys_are_refused(tmp_path: Path) -> None:
    text = MINIMAL_ACTORS.replace("    country: SY\n", "    country: SY\n    country: IQ\n")
    with pytest.raises(build.LexiconError, match="duplicate key 'country'"):
        build.compile_all(write(tmp_path, {"actors.yaml": text}))


def test_a_blocking_phrase_must_contain_an_alias(tmp_path: Path) -> None:
    text = MINIMAL_ACTORS + "blocking:\n  - note: nothing to block\n    ar: [التحالف العربي]\n"
    with pytest.raises(build.LexiconError, match="contains no alias"):
        build.compile_all(write(tmp_path, {"actors.yaml": text}))


def test_a_default_must_be_among_its_candidates(tmp_path: Path) -> None:
    text = (
        MINIMAL_ACTORS
        + "defaults:\n  - {default: sdf, candidates: [], register: neutral, note: x, ar: [الوحدات]}\n"
    )
    with pytest.raises(build.LexiconError, match="among the candidates"):
        build.compile_all(write(tmp_path, {"actors.yaml": text}))


def test_sources_and_people_may_only_point_at_known_actors(tmp_path: Path) -> None:
    sources = (
        "sources:\n  - {id: amaq, name: Amaq, kind: party_media, affiliation: isis, country: null,"
        " aliases: {ar: [وكالة أعماق]}}\n"
    )
    with pytest.raises(build.LexiconError, match="affiliation 'isis' is not an actor id"):
        build.compile_all(
            write(tmp_path / "sources", {"actors.yaml": MINIMAL_ACTORS, "sources.yaml": sources})
        )
    people = (
        "categories:\n  - {id: kids, name: Children, name_ar: أطفال, actor: civilians,"
        " forms: {ar: {plural: {m: [أطفال]}}}}\n"
    )
    with pytest.raises(build.LexiconError, match="actor 'civilians' is not an actor id"):
        build.compile_all(write(tmp_path / "people", {"actors.yaml": MINIMAL_ACTORS, "people.yaml": people}))


def test_people_numbers_and_genders_are_checked(tmp_path: Path) -> None:
    people = (
        "categories:\n  - {id: kids, name: Children, name_ar: أطفال, actor: null,"
        " forms: {ar: {plural: {x: [أطفال]}}}}\n"
    )
    with pytest.raises(build.LexiconError, match="not one of m, f, any"):
        build.compile_all(write(tmp_path, {"people.yaml": people}))


def test_a_lexicon_without_a_schema_is_checked_and_copied(tmp_path: Path) -> None:
    out = build.compile_all(write(tmp_path, {"months.yaml": "january: {ar: [كانون الثاني, يناير]}\n"}))
    assert json.loads(out["months"]) == {"january": {"ar": ["كانون الثاني", "يناير"]}}
    with pytest.raises(build.LexiconError, match="cannot be written as JSON"):
        build.compile_all(write(tmp_path, {"months.yaml": "start: 2017-07-04\n"}))
    with pytest.raises(build.LexiconError, match="top level"):
        build.compile_all(write(tmp_path, {"months.yaml": "just text\n"}))


def test_check_mode_reports_stale_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "DATA_DIR", tmp_path)
    assert build.main(["--check", "actors"]) == 1
    assert build.main(["actors"]) == 0
    assert build.main(["--check", "actors"]) == 0
    assert build.main(["no_such_lexicon"]) == 2
