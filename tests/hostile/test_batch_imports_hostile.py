"""`tawthiq batch` and `tawthiq import` on hostile inputs: bad lines, damaged and bomb gzip files and
damaged WARC files become failure records; the good documents beside them are processed and stored."""

from __future__ import annotations

import gzip
import io
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_inputs import GOOD, gzip_bomb, json_line
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tawthiq.batch import run_batch
from tawthiq.cli import main
from tawthiq.store import open_store

pytestmark = pytest.mark.usefixtures("pipeline")


def batch(inputs: list[Path], out: Path, db: Path) -> object:
    return run_batch(
        [str(p) for p in inputs],
        out,
        workers=1,
        shard_lines=3,
        processes=False,
        progress=False,
        db=str(db),
        say=lambda _line: None,
    )


def stored(db: Path) -> tuple[set[str], dict[str, str]]:
    """Stored document ids, and failure codes by where they were found (file name and line)."""
    with open_store(db) as store:
        ids = {d.id for d in store.documents()}
        codes = {f.failure.origin.rsplit("/", 1)[-1]: f.failure.code for f in store.failures()}
    return ids, codes


def test_batch_turns_bad_lines_and_damaged_files_into_failures(tmp_path: Path) -> None:
    lines = [
        json_line(GOOD, id="a"),
        b"{not json",
        b"\xff\xfe\x00junk",
        b"[" * 50_000,
        json_line(GOOD.replace("خمسة", "ستة"), id="b"),
        b'{"text": "' + b"x" * (51 * 1024 * 1024) + b'"}',  # over the 50 MiB line limit
        json_line(GOOD.replace("خمسة", "سبعة"), id="c"),
    ]
    plain = tmp_path / "bad.jsonl"
    plain.write_bytes(b"\n".join(lines) + b"\n")
    distinct = [json_line(GOOD, id=f"gz-{n}", title=f"{n:064d}") for n in range(150)]
    compressed = gzip.compress(b"\n".join(distinct))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(compressed[: len(compressed) // 2])
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", good_lines=[json_line(GOOD, id="before-bomb")])
    db = tmp_path / "t.db"
    started = time.monotonic()
    report = batch([plain, cut, bomb], tmp_path / "out", db)
    assert time.monotonic() - started < 90
    ids, codes = stored(db)
    assert {"a", "b", "c", "gz-0", "before-bomb"} <= ids and "gz-149" not in ids
    assert codes["bad.jsonl#L2"] == "E111" and codes["bad.jsonl#L3"] == "E116"
    assert codes["bad.jsonl#L4"] == "E111" and codes["bad.jsonl#L6"] == "E105"
    assert codes["cut.jsonl.gz"] == "E108" and codes["bomb.jsonl.gz"] == "E109"
    assert report.failures == len(codes)  # type: ignore[attr-defined]
    again = batch([plain, cut, bomb], tmp_path / "out", db)  # resumed: nothing more
    assert again.skipped == again.shards and stored(db) == (ids, codes)  # type: ignore[attr-defined]


def warc_record(writer: WARCWriter, url: str, body: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def test_batch_reads_a_truncated_warc_up_to_the_damage(tmp_path: Path) -> None:
    """warcio drops a last record cut short in its headers without a word, hands on one cut in its payload
    as if whole (not detected yet: docs/security.md), and raises on some cuts: either way the run
    goes on, the whole records are stored, and a raised error is an E110 failure."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    starts = []
    for number in range(4):
        starts.append(buffer.tell())
        page = f"<html><body><p>{GOOD.replace('خمسة', str(number + 5))}</p></body></html>"
        warc_record(writer, f"https://example.org/{number}", page.encode())
    data = buffer.getvalue()
    found: set[str] = set()
    for kept in (10, 130, 400):
        warc = tmp_path / f"cut{kept}.warc.gz"
        warc.write_bytes(data[: starts[3] + kept])
        db = tmp_path / f"t{kept}.db"
        batch([warc], tmp_path / f"out{kept}", db)
        ids, codes = stored(db)
        assert len(ids) in (3, 4), (kept, ids)
        assert set(codes.values()) <= {"E110", "E102"}, (kept, codes)
        found.update(codes.values())
    assert "E110" in found


def test_import_jsonl_and_acled_with_malformed_files(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    runner = CliRunner()
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_bytes(b'{"incident": \n\xff\xfe\n[1]\n' + b"[" * 50_000 + b'\n{"id": "x", "claims": 3}\n')
    result = runner.invoke(main, ["--db", str(db), "import", "jsonl", str(jsonl)], catch_exceptions=False)
    assert result.exit_code == 0 and "5 failures" in result.output, result.output
    bomb = gzip_bomb(tmp_path / "export.jsonl.gz", good_lines=[], expanded_mib=64)
    result = runner.invoke(main, ["--db", str(db), "import", "jsonl", str(bomb)], catch_exceptions=False)
    assert "E109" in result.output, result.output
    header = b"event_id_cnty,event_date,event_type,sub_event_type,admin1,location,fatalities\n"
    good_row = b"SYR1,2019-05-20,Battles,Armed clash,Idleb,Ariha,3\n"
    acled = tmp_path / "acled.csv"
    acled.write_bytes(header + good_row + b"SYR2,2019-05-21,Battles,Armed clash,Idleb,\xff\xfe,1\n" * 4000)
    result = runner.invoke(main, ["--db", str(db), "import", "acled", str(acled)], catch_exceptions=False)
    assert "E117" in result.output and "import it again" in result.output, result.output
    huge = tmp_path / "huge.csv"
    huge.write_bytes(
        header + good_row + b"SYR3,2019-05-21,Battles,Armed clash,Idleb,x," + b"9" * 200_000 + b"\n"
    )
    result = runner.invoke(main, ["--db", str(db), "import", "acled", str(huge)], catch_exceptions=False)
    assert "E117" in result.output and "field larger than field limit" in result.output, result.output
    with open_store(db) as store:
        assert {f.failure.code for f in store.failures()} >= {"E111", "E115", "E109", "E117"}
        assert any(d.events for d in store.documents())  # the good ACLED row is in
