"""Importing fuller place lists (GeoNames dumps, OCHA P-code CSVs) into the user gazetteer, and the
``tawthiq gazetteer`` command. The fixtures are small files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tawthiq.cli.knowledge import gazetteer as gazetteer_command
from tawthiq.knowledge.gazetteer import Gazetteer, import_csv, import_geonames, user_gazetteer_path

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="module")
def base() -> Gazetteer:
    return Gazetteer.load(include_user=False)


def test_geonames_import_adds_new_places_only(base: Gazetteer, tmp_path: Path) -> None:
    user_file = tmp_path / "places.json.gz"
    added = import_geonames(FIXTURES / "geonames_SY_sample.txt", user_file, gazetteer=base)
    # Tall as Saman and Khirbat al Hamam (villages) and Mukhayyam al Khayr (camp) are new; the Ar Raqqah
    # row duplicates the package's Raqqa; the wadi is not a place reports locate events by.
    assert added == 3
    places = Gazetteer.load(user_file)
    village = places.lookup("قرية تل السمن")[0].place
    assert (village.id, village.kind, village.admin1) == ("gn:9900001", "village", "Ar-Raqqa")
    assert village.admin2 == "Ar-Raqqa" and village.parents[:2] == ("SY", "SY11")
    assert places.lookup("Tall as Saman")[0].place.id == "gn:9900001"
    assert places.get("gn:9900004") is None
    assert places.get("gn:9900005") is not None and places.get("gn:9900005").kind == "camp"  # type: ignore[union-attr]
    assert places.lookup("الرقة")[0].place.id == "C5710"


def test_imported_village_is_found_in_running_text(base: Gazetteer, tmp_path: Path) -> None:
    user_file = tmp_path / "places.json.gz"
    import_geonames(FIXTURES / "geonames_SY_sample.txt", user_file, gazetteer=base)
    places = Gazetteer.load(user_file)
    mentions = places.find_places("قصف على قرية تل السمن بريف الرقة الشمالي")
    place = places.resolve(mentions[0], mentions)
    assert (place.gazetteer_id, place.precision, place.admin1) == ("gn:9900001", 1, "Ar-Raqqa")


def test_reimport_is_idempotent(base: Gazetteer, tmp_path: Path) -> None:
    user_file = tmp_path / "places.json.gz"
    import_geonames(FIXTURES / "geonames_SY_sample.txt", user_file, gazetteer=base)
    first = user_file.read_bytes()
    import_geonames(FIXTURES / "geonames_SY_sample.txt", user_file, gazetteer=base)
    assert user_file.read_bytes() == first


def test_geonames_file_with_wrong_columns_says_what_is_expected(base: Gazetteer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(ValueError, match="19 tab-separated"):
        import_geonames(bad, tmp_path / "out.json.gz", gazetteer=base)
    with pytest.raises(FileNotFoundError, match=r"download\.geonames\.org"):
        import_geonames(tmp_path / "missing.txt", tmp_path / "out.json.gz", gazetteer=base)


def test_csv_import_uses_pcodes_and_admin3_chain(base: Gazetteer, tmp_path: Path) -> None:
    user_file = tmp_path / "places.json.gz"
    assert import_csv(FIXTURES / "ocha_pcodes_sample.csv", user_file, gazetteer=base) == 2  # Raqqa is known
    places = Gazetteer.load(user_file)
    tal_jifar = places.lookup("تل جفار")[0].place
    assert (tal_jifar.id, tal_jifar.pcode, tal_jifar.admin3, tal_jifar.kind) == (
        "CX00001",
        "CX00001",
        "Sabka",
        "village",
    )
    assert places.lookup("Um Adasa")[0].place.admin1 == "Ar-Raqqa"


def test_csv_import_accepts_header_variants(base: Gazetteer, tmp_path: Path) -> None:
    user_file = tmp_path / "places.json.gz"
    assert import_csv(FIXTURES / "ocha_pcodes_variant_headers.csv", user_file, gazetteer=base) == 1
    place = Gazetteer.load(user_file).lookup("خربة سليم")[0].place
    assert (place.id, place.name_en) == ("CX00004", "Kherbet Salim")
    assert place.admin1 is not None  # placed by its point, no admin3 column


def test_csv_import_names_the_missing_columns(base: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no column for name_ar, lat, lon") as error:
        import_csv(FIXTURES / "ocha_pcodes_missing_columns.csv", tmp_path / "out.json.gz", gazetteer=base)
    assert "admin4name_ar" in str(error.value)


def test_user_file_location_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TAWTHIQ_GAZETTEER", str(tmp_path / "env.json.gz"))
    assert user_gazetteer_path() == tmp_path / "env.json.gz"
    assert user_gazetteer_path(tmp_path / "explicit.json.gz") == tmp_path / "explicit.json.gz"
    monkeypatch.delenv("TAWTHIQ_GAZETTEER")
    assert user_gazetteer_path().name == "gazetteer-user.json.gz"


# --- the command ---------------------------------------------------------------------------------


def test_cli_lookup_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        gazetteer_command,
        ["lookup", "الطبقة", "--format", "json", "--user-file", str(tmp_path / "none.json.gz")],
    )
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)
    best = candidates[0]
    assert (best["id"], best["kind"], best["admin1"], best["precision"]) == (
        "gn:172374",
        "city",
        "Ar-Raqqa",
        1,
    )
    assert abs(best["lat"] - 35.84) < 0.05 and abs(best["lon"] - 38.55) < 0.05
    assert 0 < best["score"] <= 1


def test_cli_lookup_with_context_and_table(tmp_path: Path) -> None:
    args = [
        "lookup",
        "حي اليرموك",
        "--context",
        "الرقة",
        "--limit",
        "2",
        "--user-file",
        str(tmp_path / "x.json.gz"),
    ]
    result = CliRunner().invoke(gazetteer_command, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["id", "name_ar", "name_en"]
    assert lines[2].startswith("N0480") and "Ar-Raqqa" in lines[2]
    assert len(lines) == 4


def test_cli_imports(tmp_path: Path) -> None:
    user_file = tmp_path / "user.json.gz"
    runner = CliRunner()
    result = runner.invoke(
        gazetteer_command,
        ["import", "geonames", str(FIXTURES / "geonames_SY_sample.txt"), "--user-file", str(user_file)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 new places")
    result = runner.invoke(
        gazetteer_command,
        ["import", "csv", str(FIXTURES / "ocha_pcodes_sample.csv"), "--user-file", str(user_file)],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        gazetteer_command, ["lookup", "تل جفار", "--format", "json", "--user-file", str(user_file)]
    )
    assert json.loads(result.output)[0]["id"] == "CX00001"
    result = runner.invoke(
        gazetteer_command,
        ["import", "csv", str(FIXTURES / "ocha_pcodes_missing_columns.csv"), "--user-file", str(user_file)],
    )
    assert result.exit_code == 1 and "no column for name_ar" in result.output


def test_broken_user_file_is_named_in_the_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(ValueError, match="re-import it or delete it"):
        Gazetteer.load(broken)
