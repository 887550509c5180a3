"""Exports: pure functions from incidents to rows, records and features, and writers that stream them.

Every function takes an iterable of :class:`~tawthiq.records.Incident` and consumes it once, so an
export of any size runs in bounded memory. ``public=True`` drops the restricted fields
(:data:`RESTRICTED_FIELDS`).
"""

from tawthiq.export.acled import ACLED_COLUMNS, acled_rows, incident_days
from tawthiq.export.fields import FLAT_COLUMNS, INTER_CODES, flat_record, interaction
from tawthiq.export.records import geojson_feature, incident_record
from tawthiq.export.restricted import RESTRICTED_FIELDS, public_incident
from tawthiq.export.tally import Tally
from tawthiq.export.ucdp import UCDP_COLUMNS, ucdp_rows
from tawthiq.export.writers import (
    BINARY_FORMATS,
    FORMATS,
    TEXT_FORMATS,
    ExportError,
    ExportOptions,
    geojson_chunks,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
    write_ucdp_csv,
    write_xlsx,
)

__all__ = [
    "ACLED_COLUMNS",
    "BINARY_FORMATS",
    "FLAT_COLUMNS",
    "FORMATS",
    "INTER_CODES",
    "RESTRICTED_FIELDS",
    "TEXT_FORMATS",
    "UCDP_COLUMNS",
    "ExportError",
    "ExportOptions",
    "Tally",
    "acled_rows",
    "flat_record",
    "geojson_chunks",
    "geojson_feature",
    "incident_days",
    "incident_record",
    "interaction",
    "public_incident",
    "ucdp_rows",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
    "write_ucdp_csv",
    "write_xlsx",
]
