"""Gazetteer load time and how fast ``find_places`` scans real Arabic news (one core).

Usage: python bench/bench_gazetteer.py [path/to/corpus.jsonl ...] [--repeat N]
Prints the cold load (a new interpreter importing the module and loading the package data), the
warm load, and for each corpus the MB of UTF-8 text per second of ``find_places`` alone and of
``find_places`` followed by ``resolve`` on every mention. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from _timing import best_cold_seconds
from tawthiq.knowledge.gazetteer import Gazetteer
from tawthiq.text.normalize import Folded

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"
DEFAULT_CORPORA = (
    CORPUS_DIR / "saudinewsnet_syria_subset.jsonl",
    CORPUS_DIR / "ant_jawharafm_v1.1_syria_subset.jsonl",
)
COLD_LOAD = (
    "import time; t = time.perf_counter(); "
    "from tawthiq.knowledge.gazetteer import Gazetteer; Gazetteer.load(include_user=False); "
    "print(time.perf_counter() - t)"
)


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    """The fastest of ``repeat`` runs (seconds) and what the run counted."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - started)
    return best, count


def cold_load_seconds(repeat: int) -> float:
    """Best of ``repeat`` fresh interpreters importing the module and loading the compiled data."""
    return best_cold_seconds(COLD_LOAD, repeat)


def load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [str(json.loads(line).get("text") or "") for line in lines if line.strip()]


def scan(gazetteer: Gazetteer, texts: list[str]) -> int:
    return sum(len(gazetteer.find_places(text)) for text in texts)


def scan_and_resolve(gazetteer: Gazetteer, texts: list[str]) -> int:
    resolved = 0
    for text in texts:
        mentions = gazetteer.find_places(Folded.of(text))
        resolved += sum(1 for m in mentions if gazetteer.resolve(m, mentions).gazetteer_id)
    return resolved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=list(DEFAULT_CORPORA))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(
        f"load, cold (new interpreter, import + package data): {cold_load_seconds(args.repeat) * 1000:.0f} ms"
    )
    warm, places = best_of(args.repeat, lambda: len(Gazetteer.load(include_user=False)))
    print(f"load, warm (package data + indexes + automaton):     {warm * 1000:.0f} ms  ({places} places)")

    gazetteer = Gazetteer.load(include_user=False)
    for path in args.corpus:
        texts = load_texts(path)
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        seconds, mentions = best_of(args.repeat, partial(scan, gazetteer, texts))
        print(
            f"{path.name}: {len(texts)} docs, {megabytes:.2f} MB; find_places {megabytes / seconds:.1f} MB/s "
            f"({len(texts) / seconds:.0f} docs/s, {mentions} mentions)"
        )
        seconds, resolved = best_of(args.repeat, partial(scan_and_resolve, gazetteer, texts))
        print(f"  find_places + resolve every mention: {megabytes / seconds:.1f} MB/s ({resolved} resolved)")


if __name__ == "__main__":
    main()
