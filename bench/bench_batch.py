"""Batch extraction on Dask: documents per second per core, and scaling from 1 to 2 workers.

    .venv/bin/python bench/bench_batch.py [--documents 600] [--shard-lines 50]

Reads ../shared/data/corpus/saudinewsnet_syria_subset.jsonl (real Arabic news). The serial rate is
run_pipeline in this process (knowledge loaded first, not timed); the Dask runs are whole ``run_batch``
calls on a process LocalCluster (cluster start, map, link, writing Parquet), in fresh output folders.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from tawthiq.batch import run_batch
from tawthiq.ingest import Loaded, load_json_line
from tawthiq.pipeline import run_pipeline

CORPUS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "saudinewsnet_syria_subset.jsonl"
)


def serial_rate(lines: list[bytes]) -> float:
    """Documents per second on one core: extraction alone, knowledge already loaded."""
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    documents = [
        item.document
        for n, line in enumerate(lines)
        if isinstance(item := load_json_line(line, origin=f"bench#L{n}", retrieved_at=now), Loaded)
    ]
    run_pipeline(documents[0])  # loads the knowledge base
    start = time.perf_counter()
    for document in documents:
        run_pipeline(document)
    return len(documents) / (time.perf_counter() - start)


def dask_run(path: Path, workers: int, shard_lines: int) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix="tawthiq-bench-"))
    try:
        start = time.perf_counter()
        report = run_batch(
            [str(path)], out, workers=workers, shard_lines=shard_lines, progress=False, say=lambda _l: None
        )
        return time.perf_counter() - start, report.documents
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--shard-lines", type=int, default=50)
    args = parser.parse_args()
    with CORPUS.open("rb") as stream:
        lines = [line for _, line in zip(range(args.documents), stream, strict=False)]
    folder = Path(tempfile.mkdtemp(prefix="tawthiq-bench-in-"))
    path = folder / "input.jsonl"
    path.write_bytes(b"".join(lines))
    rate = serial_rate([line.rstrip(b"\n") for line in lines])
    print(f"cores here: {os.cpu_count()}; documents: {len(lines)}; shard lines: {args.shard_lines}")
    print(f"extract, one core, in process: {rate:.1f} documents/s")
    results = {}
    for workers in (1, 2):
        seconds, documents = dask_run(path, workers, args.shard_lines)
        results[workers] = seconds
        print(
            f"dask, {workers} worker(s): {seconds:.1f} s wall, {documents / seconds:.1f} documents/s "
            f"({documents / seconds / workers:.1f} per worker)"
        )
    efficiency = results[1] / (2 * results[2])
    print(f"speed-up 1 -> 2 workers: {results[1] / results[2]:.2f}x, parallel efficiency {efficiency:.0%}")
    print(json.dumps({"serial_docs_per_s": rate, "wall_s": results, "efficiency": efficiency}))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
