"""Load time and throughput of the actor knowledge base over a real Arabic corpus.

Usage: python bench/bench_actors.py [path/to/corpus.jsonl] [--repeat N]
Loads the compiled knowledge base in a fresh interpreter (what a CLI call or a batch worker pays),
then runs find_actors, find_sources, find_people and scan (all three from one name view) over the
corpus' "text" fields and prints MB/s of UTF-8 text on one core. A benchmark, not a test: it
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from _timing import best_cold_seconds
from tawthiq.knowledge.actors import ActorKB
from tawthiq.knowledge.lexicon import load_data

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/corpus/saudinewsnet_syria_subset.jsonl"

_COLD_LOAD = """
import time
started = time.perf_counter()
from tawthiq.knowledge.actors import ActorKB
from tawthiq.knowledge.lexicon import load_data
ActorKB.load()
print(time.perf_counter() - started)
"""


def _load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [str(json.loads(line).get("text") or "") for line in lines if line.strip()]


def cold_load_seconds(repeat: int) -> float:
    """Best of ``repeat`` fresh interpreters importing the module and loading the compiled data."""
    return best_cold_seconds(_COLD_LOAD, repeat)


def warm_build_seconds() -> float:
    """Building the knowledge base again in a warm process: parsing the JSON and the three automata."""
    started = time.perf_counter()
    ActorKB.from_data(load_data("actors"), load_data("sources"), load_data("people"))
    return time.perf_counter() - started


def _timed(label: str, megabytes: float, docs: int, repeat: int, run: Callable[[], int]) -> None:
    best = float("inf")
    mentions = 0
    for _ in range(repeat):
        started = time.perf_counter()
        mentions = run()
        best = min(best, time.perf_counter() - started)
    rates = f"{megabytes / best:>7.2f} MB/s {docs / best:>8.0f} docs/s {mentions / best:>9.0f} mentions/s"
    print(f"{label:<34} {rates}  ({mentions} mentions)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"cold load (new interpreter: import + load)  {cold_load_seconds(args.repeat) * 1000:.0f} ms")
    kb = ActorKB.load()
    print(f"warm build (parse JSON + three automata)    {warm_build_seconds() * 1000:.0f} ms")
    print(f"{len(kb.actors)} actors, {len(kb.sources)} sources, {len(kb.categories)} people categories")

    texts = _load_texts(args.corpus)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} documents, {megabytes:.2f} MB of UTF-8 text ({args.corpus.name})")
    n = len(texts)
    _timed("find_actors", megabytes, n, args.repeat, lambda: sum(len(kb.find_actors(t)) for t in texts))
    _timed("find_sources", megabytes, n, args.repeat, lambda: sum(len(kb.find_sources(t)) for t in texts))
    _timed("find_people", megabytes, n, args.repeat, lambda: sum(len(kb.find_people(t)) for t in texts))

    def everything() -> int:
        total = 0
        for text in texts:
            found = kb.scan(text)
            total += len(found.actors) + len(found.sources) + len(found.people)
        return total

    _timed("scan (actors + sources + people)", megabytes, n, args.repeat, everything)


if __name__ == "__main__":
    main()
