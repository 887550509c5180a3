"""The Python API: what ``tawthiq`` exports, ``extract`` on a string, ``open_store`` and ``to_pandas``."""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path

import pytest

import tawthiq
from tawthiq.api import PANDAS_MISSING
from tawthiq.export import FLAT_COLUMNS
from tawthiq.records import Casualties, DateRange, Document, Event, Place

ARABIC = "قُتل خمسة مدنيين، بينهم طفلان، في غارة جوية على ريف الرقة الشرقي يوم أمس الأربعاء."


def test_exported_members() -> None:
    """Every name in ``__all__`` exists, and every public name is in ``__all__`` (like httpx's test)."""
    exported = set(tawthiq.__all__)
    assert exported == {"Claim", "Document", "Event", "Incident", "Incidents", "extract", "open_store"}
    assert all(hasattr(tawthiq, name) for name in exported)
    public = {name for name in dir(tawthiq) if not name.startswith("_")}
    modules = {name for name in public if isinstance(getattr(tawthiq, name), types.ModuleType)}
    assert public - modules - exported == set()


def test_extract_runs_the_pipeline_on_a_string() -> None:
    pytest.importorskip("tawthiq.pipeline.clean")
    document = tawthiq.extract(ARABIC, published=dt.date(2017, 4, 13))
    assert document.language == "ar"
    assert document.events
    event = document.events[0]
    assert event.fatalities.killed == 5
    assert event.date is not None and event.date.start == dt.date(2017, 4, 12)


def test_extract_takes_the_language_it_is_given() -> None:
    pytest.importorskip("tawthiq.pipeline.clean")
    assert tawthiq.extract("A report.", lang="en").language == "en"


def stored(path: Path) -> None:
    with tawthiq.open_store(path) as store:
        event = Event(
            "Explosions/Remote violence",
            "Air/drone strike",
            date=DateRange(dt.date(2019, 5, 21), dt.date(2019, 5, 21)),
            location=Place("معرة النعمان", admin1="Idleb", country="SY", lat=35.6, lon=36.7, precision=1),
            fatalities=Casualties(killed=9),
        )
        sha, _ = store.add_original(b"report", "text/plain")
        store.add_document(
            Document("d1", "report", "report", sha256=sha, events=(event,)), extractor_version="t"
        )
        store.link()


def test_open_store_and_incidents_to_pandas(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    stored(tmp_path / "t.db")
    with tawthiq.open_store(tmp_path / "t.db") as store:
        frame = tawthiq.Incidents(store.incidents(admin1="Idleb")).to_pandas()
    assert list(frame.columns) == [name for name, _ in FLAT_COLUMNS]
    assert frame.shape[0] == 1
    assert frame.loc[0, "best"] == 9 and frame.loc[0, "sub_event_type"] == "Air/drone strike"


def test_to_pandas_without_pandas_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'tawthiq\[pandas\]'"):
        tawthiq.Incidents([]).to_pandas()
    assert "tawthiq[pandas]" in PANDAS_MISSING


def test_extract_accepts_an_iso_publication_date_and_says_what_is_wrong_with_a_bad_one() -> None:
    document = tawthiq.extract("قُتل خمسة مدنيين في غارات جوية على مدينة أريحا أمس.", published="2019-05-21")
    assert document.published == dt.date(2019, 5, 21)
    assert [e.date.start for e in document.events if e.date] == [dt.date(2019, 5, 20)]
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        tawthiq.extract("نص", published="21/05/2019")
