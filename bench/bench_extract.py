"""Benchmark: `tawthiq extract` end to end over the shared corpus (JSONL in, JSONL out).

Run: .venv/bin/python bench/bench_extract.py [--limit N]
Reports documents per second on one core and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from tawthiq.ingest import Loaded, read_inputs
from tawthiq.pipeline import run_pipeline
from tawthiq.serialize import document_to_dict

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="stop after N documents (0: all)")
    args = parser.parse_args()
    files = sorted(str(p) for p in CORPUS.glob("*.jsonl"))
    run_pipeline(next(i for i in read_inputs(files) if isinstance(i, Loaded)).document)  # load knowledge once
    started = time.perf_counter()
    documents = events = characters = 0
    for item in read_inputs(files):
        if not isinstance(item, Loaded):
            continue
        result = run_pipeline(item.document)
        json.dumps(document_to_dict(result), ensure_ascii=False)
        documents += 1
        events += len(result.events)
        characters += len(result.raw_text)
        if args.limit and documents >= args.limit:
            break
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {documents}, events: {events}, characters: {characters}")
    print(f"elapsed: {elapsed:.1f} s, {documents / elapsed:.0f} documents/s on one core")
    print(f"{characters / elapsed / 1e6:.2f} M characters/s; peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
