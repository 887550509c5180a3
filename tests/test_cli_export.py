"""``tawthiq export`` and ``tawthiq import`` end to end on real SQLite stores in tmp_path, filled by
ingesting the bundled examples (and the shared seeds when they are beside the repository)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tawthiq.cli import main
from tawthiq.export import ACLED_COLUMNS
from tawthiq.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "tawthiq" / "examples" / "reports.jsonl"
VOLATILE = {"event_id_cnty", "timestamp", "notes"}
"""Ids and export times differ between stores; notes mention a multi-day split the imported rows no longer have."""


def tawthiq(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    pytest.importorskip("tawthiq.pipeline.clean")
    db = tmp_path / "a.db"
    assert tawthiq(db, "ingest", EXAMPLES).exit_code == 0
    return db


@pytest.fixture
def with_seeds(filled: Path, shared: Path) -> Path:
    assert tawthiq(filled, "ingest", "--published", "2017-04-13", shared / "seeds").exit_code == 0
    return filled


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def comparable(path: Path) -> list[tuple[str, ...]]:
    return sorted(tuple(v for k, v in row.items() if k not in VOLATILE) for row in rows(path))


def test_acled_export_has_31_columns_and_reimports_into_the_same_incidents(
    with_seeds: Path, tmp_path: Path
) -> None:
    first = tmp_path / "a.csv"
    assert tawthiq(with_seeds, "export", "--format", "acled-csv", "-o", first).exit_code == 0
    with first.open(encoding="utf-8") as stream:
        assert next(csv.reader(stream)) == list(ACLED_COLUMNS)
    exported = rows(first)
    assert len(exported) > 5
    copy = tmp_path / "b.db"
    result = tawthiq(copy, "import", "acled", "--no-link", first)
    assert result.exit_code == 0, result.output
    assert f"imported {len(exported)} ACLED rows ({len(exported)} new)" in result.output
    again = tmp_path / "b.csv"
    assert tawthiq(copy, "export", "--format", "acled-csv", "-o", again).exit_code == 0
    assert comparable(again) == comparable(first)


def test_acled_import_is_idempotent_and_linked(filled: Path, tmp_path: Path) -> None:
    exported = tmp_path / "a.csv"
    tawthiq(filled, "export", "--format", "acled-csv", "-o", exported)
    copy = tmp_path / "b.db"
    first = tawthiq(copy, "import", "acled", exported)
    assert "linked" in first.output
    second = tawthiq(copy, "import", "acled", exported)
    assert "(0 new)" in second.output
    with open_store(copy) as store:
        counts = store.counts()
        incidents = list(store.incidents())
    assert counts["documents"] == counts["events"] == len(rows(exported))
    assert sum(len(i.claims) for i in incidents) == len(rows(exported))
    assert all(c.document_id.startswith("acled-") for i in incidents for c in i.claims)


def test_unreadable_acled_rows_are_failures_and_the_run_goes_on(filled: Path, tmp_path: Path) -> None:
    exported = tmp_path / "a.csv"
    tawthiq(filled, "export", "--format", "acled-csv", "-o", exported)
    good = rows(exported)
    bad = [dict(good[0], event_id_cnty="SYR-bad-1", event_type="Battles", sub_event_type="Picnic")]
    bad.append(dict(good[0], event_id_cnty="SYR-bad-2", event_date="12/04/2017"))
    damaged = tmp_path / "damaged.csv"
    with damaged.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerows([*bad, *good])
    copy = tmp_path / "b.db"
    result = tawthiq(copy, "import", "acled", damaged)
    assert result.exit_code == 0
    assert "2 failures" in result.output
    assert "acled:SYR-bad-1" in result.stderr and "Picnic" in result.stderr
    assert 'field "event_date" must be a date' in result.stderr
    with open_store(copy) as store:
        assert store.counts()["events"] == len(good)


def test_jsonl_export_reimports_every_claim(filled: Path, tmp_path: Path) -> None:
    exported = tmp_path / "a.jsonl"
    assert tawthiq(filled, "export", "--format", "jsonl", "-o", exported).exit_code == 0
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert records and all("evidence_text" in c for r in records for c in r["claims"])
    copy = tmp_path / "b.db"
    (exported.parent / "broken.jsonl").write_text(exported.read_text() + "{not json\n", encoding="utf-8")
    result = tawthiq(copy, "import", "jsonl", exported.parent / "broken.jsonl")
    assert result.exit_code == 0 and "1 failures" in result.output
    with open_store(copy) as store:
        claims = sorted(c.event.sub_event_type for i in store.incidents() for c in i.claims)
    assert claims == sorted(c["event"]["sub_event_type"] for r in records for c in r["claims"])


@pytest.mark.parametrize("output_format", ["geojson", "ucdp-csv", "parquet", "xlsx"])
def test_every_format_writes_a_file(filled: Path, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / f"out.{output_format}"
    result = tawthiq(filled, "export", "--format", output_format, "--admin1", "Idleb", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    assert "exported 2 incidents" in result.stderr


def test_public_export_leaves_out_the_reports_words(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "public.jsonl"
    assert tawthiq(filled, "export", "--format", "jsonl", "--public", "-o", target).exit_code == 0
    for line in target.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for claim in record["claims"]:
            assert "evidence_text" not in claim and claim["event"]["evidence"] == []
            assert all(a["mention"] == "" for a in claim["event"]["actors"])
            assert all(a["mention"] == "" for a in claim["event"]["attribution"])


def test_export_refuses_to_overwrite_without_force(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    refused = tawthiq(filled, "export", "--format", "acled-csv", "-o", target)
    assert refused.exit_code == 1 and "use --force" in refused.output
    assert target.read_text() == "keep me"
    assert tawthiq(filled, "export", "--format", "acled-csv", "-o", target, "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("event_id_cnty,")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_never_follows_a_symbolic_link_or_writes_into_a_missing_folder(
    filled: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(elsewhere)
    assert "symbolic link" in tawthiq(filled, "export", "--format", "jsonl", "-o", link, "--force").output
    assert elsewhere.read_text() == "keep me"
    missing = tmp_path / "no" / ".." / "no" / "out.csv"
    assert "no such folder" in tawthiq(filled, "export", "--format", "jsonl", "-o", missing).output


def test_binary_formats_need_an_output_file(filled: Path) -> None:
    result = tawthiq(filled, "export", "--format", "parquet")
    assert result.exit_code == 2 and "-o FILE" in result.output


def test_acled_csv_to_stdout(filled: Path) -> None:
    result = tawthiq(filled, "export", "--format", "acled-csv", "--since", "2020-01-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert all(row.split(",")[1] >= "2020" for row in result.stdout.splitlines()[1:])
