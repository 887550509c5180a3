"""Writers: each consumes an iterator of incidents and writes as it goes, so memory stays bounded
whatever the number of incidents (Parquet in row groups, XLSX in openpyxl's write-only mode)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from tawthiq.export.acled import ACLED_COLUMNS, acled_rows
from tawthiq.export.fields import FLAT_COLUMNS, FlatValue, flat_record
from tawthiq.export.records import EvidenceText, geojson_feature, incident_record
from tawthiq.export.restricted import public_incident
from tawthiq.export.tally import Tally
from tawthiq.export.ucdp import UCDP_COLUMNS, ucdp_rows
from tawthiq.records import Incident

PARQUET_BATCH = 1_000
"""Incidents per Parquet row group: bounds memory, and big enough for fast column scans."""

XLSX_MAX_ROWS = 1_048_576
"""Excel's row limit, header included."""


class ExportError(ValueError):
    """An export that cannot be written as asked (e.g. more rows than a spreadsheet holds)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What every format honours: drop restricted fields, the ACLED timestamp, evidence words."""

    public: bool = False
    timestamp: int | None = None
    evidence_text: EvidenceText | None = None


def write_csv(rows: Iterable[dict[str, str]], columns: Sequence[str], stream: IO[str]) -> None:
    """CSV with a header, one row at a time (RFC 4180 quoting, \\r\\n line ends as Excel expects)."""
    writer = csv.writer(stream)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[name] for name in columns])


def write_acled_csv(incidents: Iterable[Incident], stream: IO[str], options: ExportOptions) -> Tally:
    tally = Tally()
    rows = acled_rows(incidents, public=options.public, timestamp=options.timestamp, tally=tally)
    write_csv(rows, ACLED_COLUMNS, stream)
    return tally


def write_ucdp_csv(incidents: Iterable[Incident], stream: IO[str], options: ExportOptions) -> Tally:
    tally = Tally()
    write_csv(ucdp_rows(incidents, public=options.public, tally=tally), UCDP_COLUMNS, stream)
    return tally


def write_jsonl(incidents: Iterable[Incident], stream: IO[str], options: ExportOptions) -> Tally:
    """One full incident record a line; a public export has no evidence words and no restricted fields."""
    tally = Tally()
    evidence = None if options.public else options.evidence_text
    for incident in _shown(incidents, options):
        stream.write(json.dumps(incident_record(incident, evidence), ensure_ascii=False) + "\n")
        tally.count(True)
        tally.rows += 1
    return tally


def geojson_chunks(incidents: Iterable[Incident], tally: Tally) -> Iterator[str]:
    """A FeatureCollection as text chunks, one feature at a time; incidents with no coordinates are
    left out and counted in ``tally.omitted``."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for incident in incidents:
        feature = geojson_feature(incident)
        tally.count(feature is not None)
        if feature is None:
            continue
        tally.rows += 1
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def write_geojson(incidents: Iterable[Incident], stream: IO[str], options: ExportOptions) -> Tally:
    tally = Tally()
    for chunk in geojson_chunks(_shown(incidents, options), tally):
        stream.write(chunk)
    return tally


def flat_records(
    incidents: Iterable[Incident], options: ExportOptions, tally: Tally
) -> Iterator[dict[str, FlatValue]]:
    for incident in _shown(incidents, options):
        tally.count(True)
        tally.rows += 1
        yield flat_record(incident)


def write_parquet(incidents: Iterable[Incident], sink: IO[bytes], options: ExportOptions) -> Tally:
    """Parquet with a typed schema (dates as date32, counts as int64), written a row group at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    tally = Tally()
    with pq.ParquetWriter(sink, schema) as writer:
        for batch in _batches(flat_records(incidents, options, tally), PARQUET_BATCH):
            columns = {name: [record[name] for record in batch] for name, _ in FLAT_COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
    return tally


def parquet_schema() -> Any:
    """The Arrow schema of :data:`FLAT_COLUMNS`."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    return pa.schema([(name, types[kind]) for name, kind in FLAT_COLUMNS])


def write_xlsx(incidents: Iterable[Incident], sink: IO[bytes], options: ExportOptions) -> Tally:
    """An Excel workbook, one sheet "incidents", written row by row in write-only mode."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("incidents")
    sheet.append([name for name, _ in FLAT_COLUMNS])
    tally = Tally()
    for record in flat_records(incidents, options, tally):
        if tally.rows >= XLSX_MAX_ROWS:
            raise ExportError(
                f"more than {XLSX_MAX_ROWS - 1:,} incidents do not fit in a spreadsheet;"
                " narrow the export (--since/--until) or use --format parquet"
            )
        sheet.append([_cell(record[name]) for name, _ in FLAT_COLUMNS])
    workbook.save(sink)
    return tally


def _cell(value: FlatValue) -> FlatValue:
    return value.isoformat() if isinstance(value, dt.date) else value


def _shown(incidents: Iterable[Incident], options: ExportOptions) -> Iterator[Incident]:
    for incident in incidents:
        yield public_incident(incident) if options.public else incident


def _batches(records: Iterable[dict[str, FlatValue]], size: int) -> Iterator[list[dict[str, FlatValue]]]:
    batch: list[dict[str, FlatValue]] = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


TextWriter = Callable[[Iterable[Incident], IO[str], ExportOptions], Tally]
BinaryWriter = Callable[[Iterable[Incident], IO[bytes], ExportOptions], Tally]

TEXT_FORMATS: dict[str, TextWriter] = {
    "acled-csv": write_acled_csv,
    "ucdp-csv": write_ucdp_csv,
    "geojson": write_geojson,
    "jsonl": write_jsonl,
}
BINARY_FORMATS: dict[str, BinaryWriter] = {"parquet": write_parquet, "xlsx": write_xlsx}
FORMATS: tuple[str, ...] = (*TEXT_FORMATS, *BINARY_FORMATS)
