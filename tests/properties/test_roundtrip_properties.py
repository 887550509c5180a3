"""Export → import round trip: `tawthiq export --format jsonl` then `tawthiq import jsonl` into an empty
store gives back the same incidents (types, dates, places, actors, figures, claims)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tawthiq.cli import main
from tawthiq.records import Incident
from tawthiq.store import open_store

PLACES = ["أريحا", "حلب", "إدلب", "الرقة", "كفرنبل", "معرة النعمان"]
report = st.builds(
    "قُتل {} مدنيين في غارات جوية {} على مدينة {} {}.".format,
    st.one_of(st.integers(1, 500).map(str), st.sampled_from(["خمسة", "ثلاثة عشر", "عشرات"])),
    st.sampled_from(["روسية", "للتحالف", "لقوات النظام"]),
    st.sampled_from(PLACES),
    st.sampled_from(["أمس", "يوم الأحد", "الأسبوع الماضي"]),
)
documents = st.lists(
    st.tuples(report, st.dates(dt.date(2012, 1, 1), dt.date(2024, 12, 31))),
    min_size=1,
    max_size=5,
)


def run(db: Path, *args: str | Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), *map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def summary(incident: Incident) -> tuple[object, ...]:
    event = incident.event
    return (
        event.event_type,
        event.sub_event_type,
        event.date and (event.date.start, event.date.end),
        event.location and (event.location.name, event.location.gazetteer_id),
        tuple(sorted((a.name, a.role) for a in event.actors)),
        (incident.low, incident.best, incident.high),
        sorted((c.event.sub_event_type, c.event.fatalities.killed, c.published) for c in incident.claims),
    )


def incidents(db: Path) -> list[tuple[object, ...]]:
    with open_store(db) as store:
        return sorted(map(summary, store.incidents()), key=repr)


@settings(max_examples=8)
@given(documents)
def test_jsonl_export_then_import_gives_the_same_incidents(reports: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lines = [
            json.dumps({"id": f"r{n}", "text": text, "published": str(day)}, ensure_ascii=False)
            for n, (text, day) in enumerate(reports)
        ]
        (root / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        run(root / "a.db", "ingest", root / "in.jsonl")
        run(root / "a.db", "export", "--format", "jsonl", "-o", root / "out.jsonl")
        run(root / "b.db", "import", "jsonl", root / "out.jsonl")
        assert incidents(root / "b.db") == incidents(root / "a.db")
