"""tawthiq: turn Arabic and English reports of armed conflict into a verified, geocoded record.

The Python API: :func:`extract` runs the pipeline on a string, :func:`open_store` opens a store whose
``incidents(...)`` stream :class:`~tawthiq.records.Incident` records, and :class:`Incidents` wraps them
for ``.to_pandas()``. Exports are in :mod:`tawthiq.export`.
"""

from tawthiq.api import Incidents, extract, open_store
from tawthiq.records import Claim, Document, Event, Incident

__all__ = ["Claim", "Document", "Event", "Incident", "Incidents", "extract", "open_store"]
