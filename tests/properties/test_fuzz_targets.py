"""A short run of each atheris fuzz target (fuzz/), as CI does: any crash fails the test with the
input that caused it. Longer runs and their results: docs/fuzzing.md."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECONDS = 20


@pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed (pip install -e '.[dev]' installs it); fuzz targets not run",
)
@pytest.mark.parametrize("target", ["fuzz_extract.py", "fuzz_clean.py"])
def test_fuzz_target_runs_without_a_crash(target: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "fuzz" / target),
            f"-max_total_time={SECONDS}",
            "-rss_limit_mb=2048",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
        ],
        capture_output=True,
        text=True,
        timeout=SECONDS + 120,
        check=False,
    )
    tail = "\n".join(done.stderr.splitlines()[-30:])
    assert done.returncode == 0, f"{target} found a crash:\n{tail}"
    assert "Done " in done.stderr, tail
