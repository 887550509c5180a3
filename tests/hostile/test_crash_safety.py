"""`tawthiq ingest` killed (SIGKILL) at random points, then run again to the end, stores exactly what
one uninterrupted run stores: nothing lost, nothing twice, incidents linked the same.
(`tawthiq batch` killed midway: tests/batch/test_batch.py::test_a_killed_command_resumes_without_duplicates.)"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from tawthiq.store import open_store

PLACES = ["أريحا", "حلب", "إدلب", "الرقة", "كفرنبل", "سراقب", "دوما", "حمص"]
DOCUMENTS = 200
KILLS = 4


def write_reports(folder: Path) -> None:
    """200 short reports: eight places, several reports of the same strike, so that linking joins them."""
    folder.mkdir()
    for number in range(DOCUMENTS):
        place = PLACES[number % len(PLACES)]
        killed = 3 + number % 5
        text = f"قُتل {killed} مدنيين في غارات جوية روسية على مدينة {place} أمس. (تقرير {number})"
        (folder / f"r{number:03d}.txt").write_text(text, encoding="utf-8")


def command(db: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from tawthiq.cli import main; main()",
        "--db",
        str(db),
        "ingest",
        "--published",
        "2019-05-20",
        str(folder),
    ]


def state(db: Path) -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """Counts of what is kept, and the incidents as sets of member events (linking's result)."""
    with open_store(db) as store:
        counts = store.counts()
        incidents = sorted(tuple(sorted(c.event_id or "" for c in i.claims)) for i in store.incidents())
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        shas = connection.execute(sa.text("SELECT sha256 FROM documents")).scalars().all()
        events = connection.execute(sa.text("SELECT id FROM events")).scalars().all()
    engine.dispose()
    assert len(shas) == len(set(shas)) and len(events) == len(set(events)), "a document or event twice"
    return {k: v for k, v in counts.items() if k != "custody"}, incidents


def test_ingest_killed_at_random_points_then_resumed_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    write_reports(folder)
    environment = {**os.environ, "PYTHONHASHSEED": "0"}
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    subprocess.run(command(clean_db, folder), check=True, capture_output=True, env=environment)
    duration = time.monotonic() - started
    expected = state(clean_db)
    assert expected[0]["documents"] == DOCUMENTS and expected[0]["events"] >= DOCUMENTS

    db = tmp_path / "killed.db"
    chooser = random.Random(20190520)
    partial = []
    for _ in range(KILLS):
        run = subprocess.Popen(
            command(db, folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment
        )
        time.sleep(chooser.uniform(0.3, duration))
        run.send_signal(signal.SIGKILL)
        run.wait()
        if db.exists():
            with open_store(db) as store:
                partial.append(store.counts()["documents"])
    assert any(0 < count < DOCUMENTS for count in partial), f"no kill landed midway: {partial}"
    subprocess.run(command(db, folder), check=True, capture_output=True, env=environment)
    assert state(db) == expected


def test_a_run_killed_before_linking_is_linked_by_the_next(tmp_path: Path) -> None:
    """The window the random kills rarely hit: every document stored, the run killed before it linked
    (as `--no-link` leaves it). Running again links them; nothing new is stored."""
    from click.testing import CliRunner

    from tawthiq.cli import main

    folder = tmp_path / "reports"
    write_reports(folder)
    runner = CliRunner()

    def ingest(db: Path, *options: str) -> None:
        args = ["--db", str(db), "ingest", "--published", "2019-05-20", *options, str(folder)]
        assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0

    ingest(tmp_path / "clean.db")
    ingest(tmp_path / "cut.db", "--no-link")
    unlinked = state(tmp_path / "cut.db")
    assert unlinked != state(tmp_path / "clean.db")  # singletons: the test means something
    ingest(tmp_path / "cut.db")
    assert state(tmp_path / "cut.db") == state(tmp_path / "clean.db")
