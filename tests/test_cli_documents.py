"""The store commands end to end: ``ingest``, ``incidents``, ``show``, ``failures``, ``original``.

Ingest runs the real pipeline (skipped until its stages are installed); the listing commands read a
store filled through the Store API. Every test uses a real SQLite file in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tawthiq.cli import main
from tawthiq.cli.table import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE, display_width, render_table
from tawthiq.records import Casualties, DateRange, Document, Event, Place
from tawthiq.store import open_store

ARABIC = "قُتل خمسة مدنيين، بينهم طفلان، في غارة جوية على ريف الرقة الشرقي يوم أمس الأربعاء."


@pytest.fixture
def pipeline() -> None:
    pytest.importorskip("tawthiq.pipeline.clean")
    pytest.importorskip("tawthiq.pipeline.language")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


def tawthiq(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *map(str, args)], catch_exceptions=False)


def counts(db: Path) -> dict[str, int]:
    with open_store(db) as store:
        return store.counts()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ingest ------------------------------------------------------------------------------------------


def test_ingest_same_file_twice_keeps_one_document_and_both_sightings(
    pipeline: None, tmp_path: Path, db: Path
) -> None:
    report = write(tmp_path / "report.txt", ARABIC.encode())
    first = tawthiq(db, "ingest", report)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("ingested 1 document (1 new),")
    second = tawthiq(db, "ingest", report)
    assert second.exit_code == 0
    assert second.stdout.startswith("ingested 1 document (0 new), 0 new events")
    assert counts(db) | {"events": 0, "incidents": 0} == {
        "originals": 1,
        "custody": 2,
        "documents": 1,
        "events": 0,
        "incidents": 0,
        "failures": 0,
    }


def test_ingest_binary_file_is_a_stored_failure_and_the_run_succeeds(
    pipeline: None, tmp_path: Path, db: Path
) -> None:
    good = write(tmp_path / "good.txt", ARABIC.encode())
    binary = write(tmp_path / "report.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = tawthiq(db, "ingest", good, binary)
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("; 1 failure:")
    assert f"E103 {binary}: file is binary (found NUL bytes)" in result.stderr
    with open_store(db) as store:
        [stored] = list(store.failures())
        assert stored.failure.code == "E103"
        assert stored.failure.sha256 == hashlib.sha256(binary.read_bytes()).hexdigest()
        assert store.original_bytes(stored.failure.sha256) == binary.read_bytes()
        original = store.original(stored.failure.sha256)
        assert original is not None
        assert [sighting.origin for sighting in original.custody] == [str(binary)]


def test_ingest_exits_1_when_nothing_could_be_read(pipeline: None, tmp_path: Path, db: Path) -> None:
    binary = write(tmp_path / "report.bin", b"\x00\x01\x02")
    result = tawthiq(db, "ingest", binary, tmp_path / "missing.txt", write(tmp_path / "empty.txt", b""))
    assert result.exit_code == 1
    assert result.stdout.strip() == "nothing ingested; 3 failures:"
    assert [line.split()[0] for line in result.stderr.splitlines()] == ["E103", "E101", "E102"]
    assert counts(db)["failures"] == 3


def test_ingest_decodes_windows_1256_and_utf16_exactly(pipeline: None, tmp_path: Path, db: Path) -> None:
    cp1256 = write(tmp_path / "cp1256.txt", ARABIC.encode("cp1256"))
    utf16 = write(tmp_path / "utf16.txt", ARABIC.encode("utf-16"))
    assert tawthiq(db, "ingest", cp1256, utf16).exit_code == 0
    with open_store(db) as store:
        for name, path in (("cp1256", cp1256), ("utf16", utf16)):
            document = store.get_document(name)
            assert document is not None
            assert document.raw_text == ARABIC
            assert store.original_bytes(document.sha256 or "") == path.read_bytes()


def test_ingest_json_lines_with_a_malformed_line(pipeline: None, tmp_path: Path, db: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ARABIC, "date": "2017-07-04 10:00:00", "source": "aawsat"}),
        '{"id": "b", "text": "unterminated',
        json.dumps(
            {"id": "c", "html": f"<html><body><p>{ARABIC}</p></body></html>", "published": "2017-07-05"}
        ),
    ]
    docs = write(tmp_path / "docs.jsonl", "\n".join(lines).encode())
    result = tawthiq(db, "ingest", docs)
    assert result.exit_code == 0
    assert result.stdout.startswith("ingested 2 documents (2 new)")
    assert f"E111 {docs}#L2: line is not valid JSON" in result.stderr
    with open_store(db) as store:
        a, c = store.get_document("a"), store.get_document("c")
        assert a is not None
        assert c is not None
        assert (a.published, a.outlet) == (dt.date(2017, 7, 4), "aawsat")
        assert c.published == dt.date(2017, 7, 5)
        assert store.original_bytes(a.sha256 or "") == lines[0].encode()


def test_ingest_published_option_fills_missing_dates_only(pipeline: None, tmp_path: Path, db: Path) -> None:
    report = write(tmp_path / "report.txt", ARABIC.encode())
    dated = write(
        tmp_path / "dated.jsonl", json.dumps({"id": "dated", "text": "x", "published": "2017-01-02"}).encode()
    )
    assert tawthiq(db, "ingest", report, dated, "--published", "2017-04-13").exit_code == 0
    with open_store(db) as store:
        assert [(d.id, d.published) for d in store.documents()] == [
            ("dated", dt.date(2017, 1, 2)),
            ("report", dt.date(2017, 4, 13)),
        ]


def test_ingest_a_document_that_breaks_the_pipeline_is_a_failure_not_a_crash(
    pipeline: None, tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fragile(document: Document) -> Document:
        if "boom" in document.raw_text:
            raise ValueError("stage broke")
        return document

    monkeypatch.setattr("tawthiq.cli.documents.default_stages", lambda: (fragile,))
    bad = write(tmp_path / "bad.txt", b"boom")
    good = write(tmp_path / "good.txt", b"fine")
    result = tawthiq(db, "ingest", bad, good)
    assert result.exit_code == 0
    assert "E201" in result.stderr
    assert "ValueError: stage broke" in result.stderr
    with open_store(db) as store:
        [stored] = list(store.failures())
        assert store.original_bytes(stored.failure.sha256 or "") == b"boom"
        assert [d.id for d in store.documents()] == ["good"]


def test_ingest_lists_at_most_twenty_failures(pipeline: None, tmp_path: Path, db: Path) -> None:
    lines = "\n".join(["not json"] * 25 + [json.dumps({"text": "ok"})])
    result = tawthiq(db, "ingest", write(tmp_path / "docs.jsonl", lines.encode()))
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 21
    assert "and 5 more: `tawthiq failures` lists them all" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],
        ["ingest", "x.txt", "--published", "13/04/2017"],
        ["ingest", "x.txt", "--max-bytes", "0"],
        ["incidents", "--format", "xml"],
        ["incidents", "--since", "yesterday"],
        ["show"],
    ],
)
def test_unusable_arguments_exit_2(db: Path, args: list[str]) -> None:
    result = tawthiq(db, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_db_option_after_the_command_and_the_environment(
    pipeline: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = write(tmp_path / "report.txt", ARABIC.encode())
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(report), "--db", str(tmp_path / "after.db")]).exit_code == 0
    monkeypatch.setenv("TAWTHIQ_DB", str(tmp_path / "env.db"))
    assert runner.invoke(main, ["ingest", str(report)]).exit_code == 0
    both = ["--db", str(tmp_path / "x.db"), "ingest", "--db", str(tmp_path / "y.db"), str(report)]
    assert runner.invoke(main, both).exit_code == 0
    assert counts(tmp_path / "after.db")["documents"] == 1
    assert counts(tmp_path / "env.db")["documents"] == 1
    assert counts(tmp_path / "y.db")["documents"] == 1
    assert not (tmp_path / "x.db").exists()


def test_unusable_database_is_a_clear_error(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.db", b"not a database" * 200)
    result = tawthiq(notes, "incidents")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {notes}: cannot open the database (file is not a database); " + (
        "check the path given with --db or TAWTHIQ_DB\n"
    )


# incidents, show, failures, original -------------------------------------------------------------


def strike(day: dt.date, admin1: str, place: str, killed: int | None) -> Event:
    return Event(
        "Explosions/Remote violence",
        "Air/drone strike",
        date=DateRange(day, day),
        location=Place(place, admin1=admin1, country="SY", precision=1),
        fatalities=Casualties(killed=killed),
    )


@pytest.fixture
def filled(db: Path) -> Path:
    text = ARABIC
    document = Document(
        id="report",
        raw_text=text,
        text=text,
        published=dt.date(2017, 7, 4),
        language="ar",
        outlet="عنب بلدي",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        events=(
            strike(dt.date(2017, 7, 3), "Ar-Raqqa", "الرَّقَّة", 5),
            strike(dt.date(2017, 6, 1), "Aleppo", "حلب", None),
        ),
    )
    with open_store(db) as store:
        sha256, _ = store.add_original(text.encode(), "text/plain; charset=utf-8")
        store.record_custody(sha256, "/reports/report.txt", dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
        store.add_document(document, extractor_version="test")
    return db


def test_incidents_table_is_aligned_and_keeps_arabic(filled: Path) -> None:
    result = tawthiq(filled, "incidents")
    assert result.exit_code == 0
    header, rule, *rows = result.stdout.splitlines()
    assert header.split() == [
        "ID",
        "DATE",
        "EVENT",
        "PLACE",
        "ADMIN1",
        "LOW",
        "BEST",
        "HIGH",
        "FLAGS",
        "SOURCES",
        "CLAIMS",
    ]
    assert [row.split()[1] for row in rows] == ["2017-06-01", "2017-07-03"]
    assert f"{FIRST_STRONG_ISOLATE}الرَّقَّة{POP_DIRECTIONAL_ISOLATE}" in rows[1]
    assert {display_width(line) for line in [rule, *rows]} == {display_width(rule)}


def test_incidents_json_lines_and_filters(filled: Path) -> None:
    result = tawthiq(filled, "incidents", "--format", "jsonl", "--admin1", "ar-raqqa")
    [line] = result.stdout.splitlines()
    incident = json.loads(line)
    assert incident["event"]["location"]["name"] == "الرَّقَّة"
    assert incident["event"]["fatalities"]["killed"] == 5
    assert incident["sources"] == 1
    assert incident["claims"][0]["document_id"] == "report"
    assert incident["claims"][0]["outlet"] == "عنب بلدي"
    assert "\\u" not in line  # Arabic as Arabic, not escapes
    since = tawthiq(filled, "incidents", "--format", "jsonl", "--since", "2017-07-01", "--limit", "5")
    assert [json.loads(line)["event"]["date"]["start"] for line in since.stdout.splitlines()] == [
        "2017-07-03"
    ]


def test_incidents_search_folds_arabic_spelling(filled: Path) -> None:
    def found(text: str) -> list[str]:
        result = tawthiq(filled, "incidents", "--format", "jsonl", "--search", text)
        assert result.exit_code == 0
        return [json.loads(line)["event"]["location"]["name"] for line in result.stdout.splitlines()]

    assert found("الرقه الشرقى") == ["حلب", "الرَّقَّة"]  # both claims come from the one report
    assert found("حَلَب") == ["حلب"]  # a place name only one claim holds
    assert found("دمشق") == []


def test_incidents_on_an_empty_store(db: Path) -> None:
    result = tawthiq(db, "incidents")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no incidents match" in result.stderr


def test_show_incident_and_document_with_custody(filled: Path) -> None:
    incident_id = json.loads(tawthiq(filled, "incidents", "--format", "jsonl").stdout.splitlines()[0])["id"]
    incident = json.loads(tawthiq(filled, "show", incident_id).stdout)
    assert incident["id"] == incident_id
    assert incident["status"] == "unreviewed"
    document = json.loads(tawthiq(filled, "show", "report").stdout)
    assert document["document"]["id"] == "report"
    assert len(document["events"]) == 2
    assert document["original"]["custody"] == [
        {"origin": "/reports/report.txt", "retrieved_at": "2024-05-01T00:00:00+00:00"}
    ]
    assert document["original"]["size"] == len(ARABIC.encode())


def test_show_unknown_id(filled: Path) -> None:
    result = tawthiq(filled, "show", "nothing-like-this")
    assert result.exit_code == 1
    assert "nothing-like-this: no incident or document has this id" in result.stderr


def test_original_writes_the_archived_bytes_exactly(filled: Path, tmp_path: Path) -> None:
    sha256 = hashlib.sha256(ARABIC.encode()).hexdigest()
    out = tmp_path / "copy.txt"
    assert tawthiq(filled, "original", sha256, "-o", out).exit_code == 0
    assert out.read_bytes() == ARABIC.encode()
    assert tawthiq(filled, "original", sha256).stdout_bytes == ARABIC.encode()
    assert tawthiq(filled, "original", "0" * 64).exit_code == 1


def test_failures_table_and_json_lines(pipeline: None, tmp_path: Path, db: Path) -> None:
    tawthiq(db, "ingest", tmp_path / "missing.txt")
    table = tawthiq(db, "failures").stdout.splitlines()
    assert table[0].split() == ["AT", "CODE", "SHA256", "REASON"]
    assert "E101" in table[2]
    [line] = tawthiq(db, "failures", "--format", "jsonl").stdout.splitlines()
    assert json.loads(line)["reason"] == f"{tmp_path / 'missing.txt'}: no such file or folder; check the path"


# the installed command -----------------------------------------------------------------------------


def test_installed_entry_point(pipeline: None, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("tawthiq")
    if not command.exists():
        pytest.skip(f"no {command}: tawthiq is not installed in this environment")
    report = write(tmp_path / "report.txt", ARABIC.encode("cp1256"))
    binary = write(tmp_path / "report.bin", b"\x00\x00")
    env = {"TAWTHIQ_DB": str(tmp_path / "t.db"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [command, "ingest", report, binary], capture_output=True, text=True, env=env, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ingested 1 document (1 new)")
    assert "E103" in run.stderr
    version = subprocess.run([command, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("tawthiq, version ")
    assert counts(tmp_path / "t.db")["failures"] == 1


# the table -------------------------------------------------------------------------------------------


def test_display_width_counts_terminal_cells() -> None:
    assert display_width("الرَّقَّة") == len("الرقة")  # diacritics take no cell
    assert display_width("abc") == 3
    assert display_width("叙利亚") == 6
    assert display_width("\u200fx") == 1


def test_render_table_aligns_numbers_right_and_cuts_long_cells() -> None:
    table = render_table(("NAME", "KILLED"), [("حلب", 5), ("x" * 80, 120), ("دير الزور", None)], max_width=10)
    lines = table.splitlines()
    assert lines[0] == "NAME        KILLED"
    assert lines[2] == f"{FIRST_STRONG_ISOLATE}حلب{POP_DIRECTIONAL_ISOLATE}              5"
    assert lines[3] == "xxxxxxxxx…     120"
    assert lines[4] == f"{FIRST_STRONG_ISOLATE}دير الزور{POP_DIRECTIONAL_ISOLATE}"


# linking -------------------------------------------------------------------------------------------

LINKSET = Path(__file__).parent / "link" / "reports" / "written.jsonl"


def douma_reports() -> list[dict[str, object]]:
    """Three outlets' reports of one air strike on Douma (two in Arabic, one in English)."""
    found = [json.loads(line) for line in LINKSET.read_text(encoding="utf-8").splitlines()]
    return [
        {key: report[key] for key in ("id", "text", "published", "outlet")}
        for report in found
        if str(report["id"]).startswith("w-douma-") and report["id"] != "w-douma-distractor"
    ]


def douma_incident(db: Path) -> dict[str, object]:
    lines = tawthiq(db, "incidents", "--format", "jsonl", "--admin1", "Rural Damascus").stdout.splitlines()
    incidents = [json.loads(line) for line in lines]
    return max(incidents, key=lambda incident: len(incident["claims"]))


def test_three_outlets_one_incident_and_a_verbatim_copy_adds_no_source(
    pipeline: None, tmp_path: Path, db: Path
) -> None:
    reports = douma_reports()
    assert {r["outlet"] for r in reports} == {"Enab Baladi", "Orient", "Levant Wire"}
    feed = write(
        tmp_path / "feed.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in reports).encode()
    )
    result = tawthiq(db, "ingest", feed)
    assert result.exit_code == 0, result.output
    assert "linked" in result.stdout
    incident = douma_incident(db)
    assert incident["sources"] == 3
    assert {c["document_id"] for c in incident["claims"]} == {"w-douma-ar1", "w-douma-ar2", "w-douma-en"}
    casualties = incident["casualties"]
    assert casualties["low"] == 14
    assert casualties["high"] == 22
    assert casualties["low"] < casualties["best"] < casualties["high"]
    assert casualties["conservative"] == 14
    assert incident["provenance"]["fatalities"]["document_id"] in {"w-douma-ar1", "w-douma-ar2", "w-douma-en"}
    copy = dict(reports[2], id="w-douma-en-reprint", outlet="Gulf Daily")
    reprint = write(tmp_path / "reprint.jsonl", json.dumps(copy).encode())
    assert tawthiq(db, "ingest", reprint).exit_code == 0
    again = douma_incident(db)
    assert again["id"] == incident["id"]
    assert again["sources"] == 3
    assert again["reports"] == 4
    reprinted = next(c for c in again["claims"] if c["document_id"] == "w-douma-en-reprint")
    assert reprinted["duplicate_of"] == "w-douma-en"
    shown = json.loads(tawthiq(db, "show", incident["id"]).stdout)
    assert len(shown["claims"]) == 4


def test_ingest_no_link_then_link(pipeline: None, tmp_path: Path, db: Path) -> None:
    reports = douma_reports()
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in reports).encode())
    result = tawthiq(db, "ingest", "--no-link", feed)
    assert "linked" not in result.stdout
    assert douma_incident(db)["sources"] == 1
    linked = tawthiq(db, "link")
    assert linked.exit_code == 0
    assert linked.stdout.startswith("linked ")
    assert douma_incident(db)["sources"] == 3
    table = tawthiq(db, "incidents").stdout
    assert "figures_far_apart" not in table.splitlines()[0]


def test_incidents_takes_the_web_apps_filters_and_sorts(pipeline: None, db: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "src" / "tawthiq" / "examples" / "reports.jsonl"
    assert tawthiq(db, "ingest", examples).exit_code == 0

    def listed(*args: str) -> list[dict[str, object]]:
        result = tawthiq(db, "incidents", "--format", "jsonl", *args)
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.strip()]

    every = listed()
    killed = [i["event"]["fatalities"]["killed"] for i in listed("--min-killed", "5", "--sort", "-killed")]
    assert killed and all(k >= 5 for k in killed) and killed == sorted(killed, reverse=True)
    assert len(killed) < len(every)
    assert listed("--status", "confirmed") == []
    with open_store(db) as store:
        first = every[0]
        store.assess_incident(str(first["id"]), "confirmed", by="test", version=int(first["version"]))
    assert [i["id"] for i in listed("--status", "confirmed")] == [first["id"]]
    assert tawthiq(db, "incidents", "--status", "verified").exit_code == 2
