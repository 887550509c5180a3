"""`tawthiq ingest` on hostile inputs: each is refused (or read) with a clear coded message, its bytes
are kept where they were read, the good report beside it is stored, and memory and time stay bounded.
The inputs are made here, at test time, in tmp_path; nothing large is committed."""

from __future__ import annotations

import gzip
import hashlib
import os
import tracemalloc
from pathlib import Path

import pytest
from hostile_inputs import GOOD, gzip_bomb, ingest, json_line

from tawthiq.ingest import DEFAULT_MAX_BYTES, Loaded, Rejected, read_inputs
from tawthiq.ingest.streams import MAX_EXPANSION, expansion_limit
from tawthiq.pipeline.extract import MAX_EXTRACT_CHARS

pytestmark = pytest.mark.usefixtures("pipeline")


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E102"),
        ("blank.txt", b"  \n\t\r\n \xc2\xa0 \n", "E102"),
        ("junk.bin", bytes(range(256)) * 64, "E103"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06" * 500 + "نص".encode(), "E103"),
        ("bad-utf16.txt", b"\xff\xfe" + "قتل".encode("utf-16-le") + b"\x00\xd8", "E104"),
    ],
)
def test_unreadable_files_are_coded_failures_with_their_bytes_kept(
    tmp_path: Path, good: Path, name: str, data: bytes, code: str
) -> None:
    bad = good.parent / name
    bad.write_bytes(data)
    run = ingest(tmp_path / "t.db", good.parent)
    assert run.result.exit_code == 0, run.result.output
    failure = run.failure_for(name)
    assert failure.code == code
    assert failure.reason.startswith(str(bad)) and "; " in failure.reason  # where, then what to do
    assert f"{code} {failure.reason}" in run.result.output
    assert failure.sha256 is not None and run.originals[failure.sha256] == data
    assert run.good_stored()


def test_a_100_mb_file_is_refused_unread_and_quickly(tmp_path: Path, good: Path) -> None:
    huge = good.parent / "huge.txt"
    with huge.open("wb") as stream:  # sparse: no disk, no time
        stream.truncate(100 * 1024 * 1024)
    run = ingest(tmp_path / "t.db", huge, good)
    failure = run.failure_for("huge.txt")
    assert failure.code == "E105" and f"{DEFAULT_MAX_BYTES:,}-byte limit" in failure.reason
    assert "--max-bytes" in failure.reason
    assert failure.sha256 is None and run.counts["originals"] == 1  # never read, so nothing to keep
    assert run.good_stored() and run.seconds < 20


def test_the_size_limit_is_the_max_bytes_option(tmp_path: Path, good: Path) -> None:
    big = good.parent / "big.txt"
    big.write_text(GOOD * 100, encoding="utf-8")
    run = ingest(tmp_path / "t.db", "--max-bytes", 1000, big, good)
    assert (
        run.failure_for("big.txt").code == "E105" and "1,000-byte limit" in run.failure_for("big.txt").reason
    )
    assert run.good_stored()


def test_a_one_megabyte_single_line_is_read_in_bounded_time(tmp_path: Path, good: Path) -> None:
    line = good.parent / "line.txt"
    line.write_text((GOOD.removesuffix(".") + " و") * 9000 + GOOD, encoding="utf-8")
    assert line.stat().st_size > 1_000_000 and b"\n" not in line.read_bytes()
    run = ingest(tmp_path / "t.db", line, good)
    assert run.result.exit_code == 0 and run.good_stored()
    stored = next(d for d in run.documents if d.id == "line")
    assert stored.text is not None and len(stored.text) > MAX_EXTRACT_CHARS
    assert any(error.startswith("W202") and "split the report" in error for error in stored.errors)
    for event in stored.events:
        assert all(0 <= s.start < s.end <= MAX_EXTRACT_CHARS for s in event.evidence)
    assert run.seconds < 60


def test_html_with_scripts_and_10000_nested_tags(tmp_path: Path, good: Path) -> None:
    scripted = good.parent / "scripted.html"
    scripted.write_text(
        "<html><head><title>t</title><script>document.write('قتل 900 مدني')</script></head><body>"
        f"<p>{GOOD}</p><script>alert(1)</script><img src=x onerror=alert(2)><style>p{{}}</style></body></html>",
        encoding="utf-8",
    )
    nested = good.parent / "nested.html"
    nested.write_text(
        "<html><body>" + "<div><span>" * 10_000 + GOOD + "</span></div>" * 10_000 + "</body></html>",
        encoding="utf-8",
    )
    run = ingest(tmp_path / "t.db", scripted, nested, good)
    assert run.result.exit_code == 0 and run.good_stored() and run.seconds < 60
    by_id = {d.id: d for d in run.documents}
    text = by_id["scripted"].text or ""
    assert "alert" not in text and "document.write" not in text and "900" not in text
    assert [e.fatalities.killed for e in by_id["scripted"].events] == [5]
    deep = by_id["nested"]  # stored with its bytes; either read or said to be unreadable
    assert deep.sha256 is not None and run.originals[deep.sha256] == nested.read_bytes()
    assert deep.events or any(error.startswith("W203") for error in deep.errors)


def test_windows_1256_utf16_and_mixed_encodings(tmp_path: Path, good: Path) -> None:
    folder = good.parent
    (folder / "cp1256.txt").write_bytes(GOOD.encode("cp1256"))
    (folder / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    mixed = GOOD.encode("utf-8") + b"\n" + GOOD.encode("cp1256") + b"\n" + "latin: café".encode("latin-1")
    (folder / "mixed.txt").write_bytes(mixed)
    run = ingest(tmp_path / "t.db", folder)
    assert run.result.exit_code == 0
    by_id = {d.id: d for d in run.documents}
    assert by_id["cp1256"].raw_text == GOOD == by_id["utf16"].raw_text
    # Two encodings in one file cannot both be right: it is refused as of unknown encoding, and kept.
    failure = run.failure_for("mixed.txt")
    assert failure.code == "E104" and "save the file as UTF-8" in failure.reason
    assert run.originals[failure.sha256 or ""] == mixed
    assert [f.code for f in run.failures] == ["E104"] and run.good_stored()


def test_bidi_controls_do_not_change_what_is_read(tmp_path: Path, good: Path) -> None:
    spoofed = "\u202e" + GOOD.replace("خمسة", "\u2067خمسة\u2069") + "\u202c\u200f"
    (good.parent / "bidi.txt").write_text(spoofed, encoding="utf-8")
    run = ingest(tmp_path / "t.db", good.parent)
    by_id = {d.id: d for d in run.documents}
    plain, bidi = by_id["good"].events[0], by_id["bidi"].events[0]
    assert bidi.sub_event_type == plain.sub_event_type
    assert bidi.fatalities.killed == plain.fatalities.killed == 5
    assert bidi.location is not None and plain.location is not None
    assert bidi.location.gazetteer_id == plain.location.gazetteer_id


def test_malformed_and_truncated_json_lines(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    lines = [
        json_line(GOOD, id="ok-1"),
        b'{"text": "cut off in the mid',
        b"\xff\xfe not utf-8",
        b"[1, 2, 3]",
        b'{"html": 42}',
        json_line(GOOD, id="bad-date", published="31/02/99999"),
        b"[" * 100_000,
        json_line(GOOD.replace("خمسة", "ستة"), id="ok-2"),
    ]
    (folder / "reports.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    distinct = [json_line(GOOD, id=f"gz-{n}", title=hashlib.sha256(bytes(n)).hexdigest()) for n in range(150)]
    truncated = gzip.compress(b"\n".join(distinct))  # distinct lines: the first half decompresses
    (folder / "cut.jsonl.gz").write_bytes(truncated[: len(truncated) // 2])
    run = ingest(tmp_path / "t.db", folder)
    assert run.result.exit_code == 0
    codes = {f.origin.rsplit("/", 1)[-1]: f.code for f in run.failures}
    assert codes == {
        "reports.jsonl#L2": "E111",
        "reports.jsonl#L3": "E116",
        "reports.jsonl#L4": "E112",
        "reports.jsonl#L5": "E115",
        "reports.jsonl#L6": "E114",
        "reports.jsonl#L7": "E111",
        "cut.jsonl.gz": "E108",
    }
    assert "the lines before it were read" in run.failure_for("cut.jsonl.gz").reason
    ids = {d.id for d in run.documents}
    assert {"ok-1", "ok-2", "gz-1", "gz-2"} <= ids and "gz-149" not in ids
    for failure in run.failures:  # every line that was read is kept, bytes as given
        if failure.code != "E108":
            number = int(failure.origin.rsplit("#L", 1)[1])
            assert failure.sha256 is not None and run.originals[failure.sha256] == lines[number - 1]


def test_a_gzip_bomb_stops_at_the_expansion_limit(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", good_lines=[json_line(GOOD, id="before-bomb")])
    assert bomb.stat().st_size < 2 * 1024 * 1024  # 1 GiB inside
    run = ingest(tmp_path / "t.db", bomb)
    failure = run.failure_for("bomb.jsonl.gz")
    assert failure.code == "E109" and f"{MAX_EXPANSION} times its size" in failure.reason
    assert [d.id for d in run.documents] == ["before-bomb"]
    assert run.seconds < 30


def test_reading_a_gzip_bomb_holds_little_memory(tmp_path: Path) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.jsonl.gz", good_lines=[json_line(GOOD)], expanded_mib=256)
    limit = expansion_limit(bomb.stat().st_size)
    assert limit < 256 * 1024 * 1024
    tracemalloc.start()
    try:
        items = list(read_inputs([bomb]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(item) for item in items] == [Loaded, Rejected]
    assert isinstance(items[1], Rejected) and items[1].failure.code == "E109"
    assert peak < limit + 4 * 1024 * 1024, f"peak {peak:,} bytes"  # never more than it may expand to


def test_a_long_line_in_json_lines_is_skipped_without_holding_it(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    with path.open("wb") as stream:
        stream.write(json_line(GOOD, id="first") + b"\n")
        stream.write(b'{"text": "' + b"a" * (32 * 1024 * 1024) + b'"}\n')
        stream.write(json_line(GOOD, id="last") + b"\n")
    tracemalloc.start()
    try:
        items = list(read_inputs([path], max_bytes=1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["Loaded", "Rejected", "Loaded"]
    assert isinstance(items[1], Rejected) and items[1].failure.code == "E105"
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes"  # the 32 MiB line was never held


def test_absurd_numbers_and_dates(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    texts = {
        "huge-toll.txt": "killed 99999999999999999999 people in Aleppo on 31/02/99999. " + GOOD,
        "huge-toll-ar.txt": "قُتل ٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩ مدنياً في حلب يوم 31/02/99999 و 00/13/0000.",
        "good.txt": GOOD,
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    edge_days = b"\n".join(
        json_line(GOOD.replace("أمس", word), id=f"{day}-{n}", published=day)
        for day in ("0001-01-01", "9999-12-31")
        for n, word in enumerate(("أمس", "غداً", "الأسبوع الماضي", "منذ 99999999 يوماً"))
    )
    (folder / "edges.jsonl").write_bytes(edge_days)
    run = ingest(tmp_path / "t.db", folder)
    assert run.result.exit_code == 0 and not run.failures, run.result.output
    assert len(run.documents) == 3 + 8 and run.good_stored()
    for document in run.documents:
        for event in document.events:
            killed = event.fatalities.killed
            assert killed is None or killed < 10**9, (document.id, killed)


def test_a_path_that_is_not_a_file(tmp_path: Path, good: Path) -> None:
    fifo = good.parent / "pipe.txt"
    os.mkfifo(fifo)
    run = ingest(tmp_path / "t.db", fifo, tmp_path / "missing.txt", good)
    assert run.failure_for("pipe.txt").code == "E106"
    assert run.failure_for("missing.txt").code == "E101"
    assert run.good_stored()
