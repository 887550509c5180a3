"""Timing helpers the benchmarks share."""

from __future__ import annotations

import subprocess
import sys


def best_cold_seconds(code: str, repeat: int) -> float:
    """Best of ``repeat`` fresh interpreters running ``code``, which prints its own elapsed seconds."""
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    ]
    return min(runs)
