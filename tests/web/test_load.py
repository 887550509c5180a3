"""The web app under concurrent load, in short form: bench/bench_load.py runs it for a minute.

50 API clients on loopback, reads and review writes mixed, against a real uvicorn process: no server
error, no failed connection, no lost or doubled write, every write audited, the audit chain intact.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_load.py"


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_fifty_clients_reading_and_writing_lose_nothing(tmp_path: Path) -> None:
    bench = _load_bench()
    tally, problems = bench.run(tmp_path, clients=50, seconds=6)
    assert not tally.errors, tally.errors[:10]
    assert not problems, problems
    assert tally.latencies["list"] and tally.latencies["incident"]
    assert tally.notes, "no note was written: the load did not exercise writes"
    assert tally.assessments + tally.conflicts > 0, "no assessment was tried"
