"""``tawthiq batch`` on a real Dask LocalCluster (in-process workers, processes=False, for speed: the
tasks are the same functions a process worker runs) over a slice of the shared corpus."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tawthiq.batch import plan_shards, run_batch
from tawthiq.batch.shards import shard_lines
from tawthiq.cli import main
from tawthiq.errors import TawthiqError

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
