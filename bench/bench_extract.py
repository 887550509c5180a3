"""Benchmark: `tawthiq extract` end to end over the shared corpus (JSONL in, JSONL out).

Run: .venv/bin/python bench/bench_extract.py [--limit N] [--repeat N]
Reports documents per second on one core (best and median of N passes) and the peak resident
memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

from tawthiq.ingest import Loaded, read_inputs
from tawthiq.pipeline import run_pipeline
from tawthiq.serialize import document_to_dict

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="stop after N documents (0: all)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes over the corpus; best and median are shown"
    )
    args = parser.parse_args()
    files = sorted(str(p) for p in CORPUS.glob("*.jsonl"))
    run_pipeline(next(i for i in read_inputs(files) if isinstance(i, Loaded)).document)  # load knowledge once
    rates = []
    for _ in range(args.repeat):
        documents, events, characters, elapsed = one_pass(files, args.limit)
        rates.append(documents / elapsed)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {documents}, events: {events}, characters: {characters}")
    best, median = max(rates), statistics.median(rates)
    print(f"documents/s on one core: best {best:.0f}, median {median:.0f} ({args.repeat} passes)")
    print(f"{characters * best / documents / 1e6:.2f} M characters/s (best); peak memory: {peak_mb:.0f} MB")


def one_pass(files: list[str], limit: int) -> tuple[int, int, int, float]:
    """One pass, JSON Lines in and JSON out: documents, events, characters and seconds."""
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
        if limit and documents >= limit:
            break
    return documents, events, characters, time.perf_counter() - started


if __name__ == "__main__":
    main()
