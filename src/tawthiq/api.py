"""The Python API: extract events from a string, open a store, and turn incidents into a DataFrame.

>>> import tawthiq
>>> document = tawthiq.extract("قُتل خمسة مدنيين في الرقة", published=dt.date(2017, 4, 13))  # doctest: +SKIP
>>> with tawthiq.open_store("tawthiq.db") as store:  # doctest: +SKIP
...     frame = tawthiq.Incidents(store.incidents(admin1="Idleb")).to_pandas()
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tawthiq.records import Document, Incident

if TYPE_CHECKING:
    import os

    from tawthiq.store import Store

PANDAS_MISSING = "Incidents.to_pandas() needs pandas: pip install 'tawthiq[pandas]'"


def extract(text: str, published: dt.date | str | None = None, lang: str | None = None) -> Document:
    """Run the extraction pipeline on ``text``; relative dates are read from ``published`` (a date or
    "YYYY-MM-DD"), and ``lang`` ("ar" or "en") skips language detection. Nothing is stored."""
    from tawthiq.pipeline import run_pipeline

    # surrogatepass: text from a broken decoder may hold lone surrogates; it is still read, never refused.
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    document = Document(
        id=f"text-{digest[:16]}", raw_text=text, published=_day(published), language=lang, sha256=digest
    )
    return run_pipeline(document)


def _day(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"published={value!r} is not a date; give a datetime.date or 'YYYY-MM-DD'") from None


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """Open the store at ``url`` (a file path or SQLAlchemy URL; default: $TAWTHIQ_DB, else the user
    data folder). Use it as a context manager."""
    from tawthiq.store import open_store as open_sql_store

    return open_sql_store(url)


class Incidents(Iterable[Incident]):
    """Incidents (e.g. ``store.incidents(...)``) that can become one flat pandas DataFrame.

    Iterating consumes the underlying iterator once, as the store streams it.
    """

    def __init__(self, incidents: Iterable[Incident]) -> None:
        self._incidents = incidents

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._incidents)

    def to_pandas(self, *, public: bool = False) -> Any:
        """A DataFrame with one row per incident and the columns of ``tawthiq.export.FLAT_COLUMNS``."""
        try:
            import pandas as pd
        except ImportError as error:
            raise ImportError(PANDAS_MISSING) from error
        from tawthiq.export import FLAT_COLUMNS, flat_record, public_incident

        names = [name for name, _ in FLAT_COLUMNS]
        rows = (flat_record(public_incident(i) if public else i) for i in self._incidents)
        return pd.DataFrame.from_records(rows, columns=names)
