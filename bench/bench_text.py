"""Throughput of the pure text helpers (fold, numbers, dates) over a real Arabic corpus.

Usage: python bench/bench_text.py [path/to/corpus.jsonl] [--repeat N]
Prints documents/s and mentions/s for each stage and for the three together, folding once per
document as the pipeline does. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

from tawthiq.text.dates import find_dates
from tawthiq.text.normalize import Folded
from tawthiq.text.numbers import find_numbers

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpus/saudinewsnet_syria_subset.jsonl"


def _published(value: object) -> dt.date | None:
    """The corpus date: ISO (SaudiNewsNet) or day/month/year (JawharaFM)."""
    text = str(value or "")[:10]
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    return None


def _load(path: Path) -> list[tuple[str, dt.date | None]]:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [(str(r.get("text") or ""), _published(r.get("date") or r.get("published"))) for r in records]


def _timed(label: str, docs: int, repeat: int, run: Callable[[], int]) -> None:
    best = float("inf")
    mentions = 0
    for _ in range(repeat):
        started = time.perf_counter()
        mentions = run()
        best = min(best, time.perf_counter() - started)
    print(
        f"{label:<28} {docs / best:>9.0f} docs/s {mentions / best:>10.0f} mentions/s  ({mentions} mentions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = _load(args.corpus)
    folded = [Folded.of(text) for text, _ in docs]
    n = len(docs)
    print(f"{n} documents, {sum(len(t) for t, _ in docs) / max(n, 1):.0f} characters on average")
    _timed("fold (Folded.of)", n, args.repeat, lambda: sum(len(Folded.of(t).text) > 0 for t, _ in docs))
    _timed(
        "numbers (pre-folded)", n, args.repeat, lambda: sum(len(find_numbers(f.original, f)) for f in folded)
    )
    pairs = list(zip(folded, (p for _, p in docs), strict=True))
    _timed(
        "dates (pre-folded)", n, args.repeat, lambda: sum(len(find_dates(f.original, p, f)) for f, p in pairs)
    )

    def everything() -> int:
        total = 0
        for text, published in docs:
            once = Folded.of(text)
            total += len(find_numbers(text, once)) + len(find_dates(text, published, once))
        return total

    _timed("fold + numbers + dates", n, args.repeat, everything)


if __name__ == "__main__":
    main()
