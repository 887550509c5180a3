"""``tawthiq batch`` on a real Dask LocalCluster (in-process workers, processes=False, for speed: the
tasks are the same functions a process worker runs) over a slice of the shared corpus."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tawthiq.batch import plan_shards, run_batch
from tawthiq.batch.shards import shard_lines
from tawthiq.cli import main
from tawthiq.errors import TawthiqError
from tawthiq.records import Document
from tawthiq.store import open_store

SLICE = 36
SHARD_LINES = 8  # 36 lines -> 5 shards, the last one short


@pytest.fixture(scope="module")
def corpus_slice(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared / "data" / "corpus" / "ant_jawharafm_v1.1_syria_subset.jsonl"
    with source.open("rb") as stream:
        lines = [next(stream) for _ in range(SLICE)]
    path = tmp_path_factory.mktemp("corpus") / "slice.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def batch(inputs: list[Path], out: Path, **options: Any) -> Any:
    options = {"workers": 2, "shard_lines": SHARD_LINES, "processes": False, "progress": False} | options
    return run_batch([str(p) for p in inputs], out, say=lambda _line: None, **options)


def compared(event: dict[str, Any]) -> tuple[Any, ...]:
    place = event["location"] or {}
    actors = [(a["name"], a["role"]) for a in event["actors"]]
    return (
        event["event_type"],
        event["sub_event_type"],
        event["date"],
        place.get("name"),
        actors,
        event["fatalities"],
    )


def events_by_document(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    rows = sorted(
        (
            row
            for path in sorted(out.glob("events/shard=*/part.parquet"))
            for row in pq.read_table(path).to_pylist()
        ),
        key=lambda row: (row["document_id"], row["position"]),
    )
    found: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        found[row["document_id"]].append(compared(json.loads(row["payload"])))
    return dict(found)


def event_ids(out: Path) -> list[str]:
    return [
        e
        for path in out.glob("events/shard=*/part.parquet")
        for e in pq.read_table(path)["event_id"].to_pylist()
    ]


def test_batch_finds_the_same_events_as_extract(corpus_slice: Path, tmp_path: Path) -> None:
    report = batch([corpus_slice], tmp_path / "out")
    assert (report.shards, report.skipped, report.documents, report.failures) == (5, 0, SLICE, 0)
    extracted = CliRunner().invoke(main, ["extract", str(corpus_slice)])
    assert extracted.exit_code == 0, extracted.output
    expected = {}
    for line in extracted.stdout.splitlines():
        obj = json.loads(line)
        if obj["events"]:
            expected[obj["document"]["id"]] = [compared(event) for event in obj["events"]]
    assert expected, "the slice should hold reported events"
    assert events_by_document(tmp_path / "out") == expected
    assert report.events == sum(len(events) for events in expected.values())
    incidents = (tmp_path / "out" / "incidents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(incidents) == report.incidents
    claimed = [c["event_id"] for line in incidents for c in json.loads(line)["claims"]]
    assert sorted(claimed) == sorted(event_ids(tmp_path / "out"))


def test_a_run_cut_off_midway_resumes_without_duplicates(corpus_slice: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = batch([corpus_slice], out)
    before = sorted(event_ids(out))
    names = sorted(p.stem for p in (out / "manifest").glob("*.json"))
    # What a killed run leaves: a shard whose outputs were written but not its manifest entry, a shard
    # never started, and a temporary file half written when the process died.
    (out / "manifest" / f"{names[1]}.json").unlink()
    (out / "events" / f"shard={names[2]}" / "part.parquet").unlink()
    (out / "manifest" / f"{names[2]}.json").unlink()
    (out / "events" / f"shard={names[3]}" / ".part.parquet.dead.tmp").write_bytes(b"PAR1 half")
    resumed = batch([corpus_slice], out, workers=1)
    assert (resumed.shards, resumed.skipped) == (5, 3)
    assert sorted(event_ids(out)) == before
    assert len(set(before)) == len(before)
    assert (resumed.documents, resumed.events, resumed.incidents) == (
        first.documents,
        first.events,
        first.incidents,
    )
    again = batch([corpus_slice], out)
    assert again.skipped == 5


def test_the_command_line_resumes_and_refuses_another_shard_size(corpus_slice: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    arguments = ["batch", str(corpus_slice), "--out", str(out), "--workers", "1", "--shard-lines", "12"]
    done = CliRunner().invoke(main, [*arguments, "--no-progress"])
    assert done.exit_code == 0, done.output
    assert "3 shards: 0 done by an earlier run, 3 to do" in done.stderr
    assert "Dask dashboard: " in done.stderr
    again = CliRunner().invoke(main, [*arguments, "--no-progress"])
    assert "3 shards: 3 done by an earlier run, 0 to do" in again.stderr
    with pytest.raises(TawthiqError) as raised:
        batch([corpus_slice], out, shard_lines=5)
    assert raised.value.code == "E401"


def test_bad_documents_become_failure_records_not_failed_tasks(tmp_path: Path) -> None:
    lines = [
        {
            "id": "good",
            "text": "قتل ثلاثة مدنيين في غارة جوية على مدينة إدلب أمس.",
            "published": "2017-07-04",
        },
        "not json {",
        {"id": "empty"},
    ]
    path = tmp_path / "mixed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for line in lines:
            stream.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    report = batch([path], tmp_path / "out", shard_lines=2)
    assert (report.shards, report.documents, report.failures) == (2, 1, 2)
    failures = [
        json.loads(x)
        for f in sorted((tmp_path / "out" / "failures").glob("*.jsonl"))
        for x in f.read_text().splitlines()
    ]
    assert [(f["code"], f["origin"].rsplit("#", 1)[1]) for f in failures] == [("E111", "L2"), ("E113", "L3")]


def test_shards_cover_every_line_once_plain_or_compressed(corpus_slice: Path, tmp_path: Path) -> None:
    packed = tmp_path / "slice.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus_slice.read_bytes()))
    original = corpus_slice.read_bytes().splitlines()
    for path in (corpus_slice, packed):
        shards = plan_shards([str(path)], 7)
        assert [s.count for s in shards] == [7, 7, 7, 7, 7, 1]
        assert len({s.name for s in shards}) == 6
        assert [line for s in shards for _, line in shard_lines(s)] == original
    with pytest.raises(TawthiqError) as raised:
        plan_shards([str(tmp_path / "notes.txt")], 7)
    assert raised.value.code == "E402"


def stored(db: Path) -> tuple[list[Document], dict[str, int], list[list[str]]]:
    """Everything loaded that does not depend on when: documents with events, counts, incidents' claims."""
    with open_store(db) as store:
        documents = list(store.documents())
        counts = store.counts()
        incidents = sorted(sorted(c.event_id for c in i.claims) for i in store.incidents())
    return documents, counts, incidents


def test_batch_with_db_stores_what_ingest_stores(corpus_slice: Path, tmp_path: Path) -> None:
    ingested = tmp_path / "ingest.db"
    done = CliRunner().invoke(main, ["ingest", str(corpus_slice), "--db", str(ingested)])
    assert done.exit_code == 0, done.output
    loaded = tmp_path / "batch.db"
    report = batch([corpus_slice], tmp_path / "out", db=str(loaded))
    assert report.loaded is not None
    assert (report.loaded.documents, report.loaded.events) == (SLICE, report.events)
    documents, counts, incidents = stored(loaded)
    assert (documents, counts, incidents) == stored(ingested)
    assert counts["events"] == report.events > 0 and counts["failures"] == 0
    assert report.loaded.linked is not None and report.loaded.linked.claims == counts["events"]
    again = batch([corpus_slice], tmp_path / "out", db=str(loaded))
    assert again.loaded is not None and again.loaded.documents == 0
    assert stored(loaded) == (documents, counts, incidents)


def test_batch_command_line_loads_into_the_store(corpus_slice: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    arguments = ["batch", str(corpus_slice), "--out", str(tmp_path / "out"), "--workers", "1"]
    done = CliRunner().invoke(main, [*arguments, "--shard-lines", "18", "--no-progress", "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert f"stored {SLICE} new documents" in done.stderr
    found = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", "jsonl"])
    assert len(found.stdout.splitlines()) == stored(db)[1]["incidents"] > 0


def test_a_bad_database_is_refused_before_any_work(corpus_slice: Path, tmp_path: Path) -> None:
    with pytest.raises(TawthiqError) as raised:
        batch([corpus_slice], tmp_path / "out", db="mysql://nowhere/db")
    assert raised.value.code == "E303"
    assert not (tmp_path / "out").exists()


def test_parquet_inputs_give_the_same_events_as_json_lines(corpus_slice: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in corpus_slice.read_bytes().splitlines()]
    table = tmp_path / "slice.parquet"
    pq.write_table(pa.Table.from_pylist(rows), table, row_group_size=5)  # shards cut across row groups
    report = batch([table], tmp_path / "from-parquet", shard_lines=SHARD_LINES)
    assert (report.shards, report.documents, report.failures) == (5, SLICE, 0)
    batch([corpus_slice], tmp_path / "from-jsonl")
    assert events_by_document(tmp_path / "from-parquet") == events_by_document(tmp_path / "from-jsonl")
    shards = plan_shards([str(table)], 7)
    assert [s.count for s in shards] == [7, 7, 7, 7, 7, 1]
    assert [json.loads(line)["id"] for s in shards for _, line in shard_lines(s)] == [r["id"] for r in rows]


def test_a_killed_command_resumes_without_duplicates(corpus_slice: Path, tmp_path: Path) -> None:
    """SIGKILL the real command (and its Dask worker processes) once a shard is done, then run again."""
    out = tmp_path / "killed"
    command = [str(Path(sys.executable).with_name("tawthiq")), "batch", str(corpus_slice), "--out", str(out)]
    options = ["--workers", "1", "--shard-lines", "1", "--no-progress"]
    run = subprocess.Popen(
        [*command, *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        done_at_kill = _wait_for_a_manifest(out / "manifest", run, deadline=time.monotonic() + 60)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert 1 <= done_at_kill < SLICE, "the run must be cut off midway for this test to mean anything"
    resumed = batch([corpus_slice], out, shard_lines=1)
    assert resumed.shards == SLICE and resumed.skipped >= done_at_kill
    batch([corpus_slice], tmp_path / "clean", shard_lines=1)
    ids = event_ids(out)
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(event_ids(tmp_path / "clean"))
    assert events_by_document(out) == events_by_document(tmp_path / "clean")


def _wait_for_a_manifest(manifest: Path, run: subprocess.Popen[bytes], *, deadline: float) -> int:
    """How many shards are done once the first manifest entry appears (polled every 10 ms)."""
    while time.monotonic() < deadline:
        if manifest.is_dir() and (entries := len(list(manifest.glob("*.json")))):
            return entries
        if run.poll() is not None:
            pytest.fail(f"tawthiq batch exited with {run.returncode} before finishing a shard")
        time.sleep(0.01)
    pytest.fail("no shard was finished within 60 s")


def write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """A gzipped WARC of a request record (to be passed over) and one response per page."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        request = writer.create_warc_record(
            "https://example.test/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
        for url, media_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", media_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def test_warc_responses_are_read_as_fetched_pages(tmp_path: Path) -> None:
    report_text = "قتل ثلاثة مدنيين في غارة جوية على مدينة إدلب أمس."
    page = f"<html><body><article><p>{report_text}</p></article></body></html>".encode()
    archive = tmp_path / "crawl.warc.gz"
    write_warc(
        archive,
        [
            ("https://news.test/a", "text/html; charset=utf-8", page),
            ("https://news.test/b", "text/plain; charset=utf-8", "خبر بلا حدث".encode()),
            ("https://news.test/empty", "text/plain", b""),
        ],
    )
    db = tmp_path / "warc.db"
    report = batch([archive], tmp_path / "out", shard_lines=2, db=str(db))
    assert (report.shards, report.documents, report.failures) == (2, 2, 1)
    with open_store(db) as store:
        documents = {d.url: d for d in store.documents()}
        [failure] = [stored.failure for stored in store.failures()]
    assert set(documents) == {"https://news.test/a", "https://news.test/b"}
    assert documents["https://news.test/a"].html and report_text in documents["https://news.test/a"].text
    assert len(documents["https://news.test/a"].events) == report.events >= 1
    assert (failure.code, failure.origin) == ("E102", f"{archive}#R3")
