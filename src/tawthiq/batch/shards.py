"""Cutting JSON Lines, Parquet and WARC inputs into shards: the unit of work a Dask task does, and of
resuming.

A shard is a run of lines (rows, for Parquet; response records, for WARC) of one file, named from the file
and its place in it, so the same inputs cut with the same size give the same shards on every run (what
makes a crashed run resumable). A Parquet row is handed on as the JSON line of its non-null fields (the
JSON Lines document fields), so both are read, archived and processed the same way; a WARC response is
read as ``tawthiq ingest`` reads a fetched page (its payload, with the server's media type and the URL).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArchiveLoadFailed

from tawthiq import errors
from tawthiq.errors import TawthiqError
from tawthiq.ingest import DEFAULT_MAX_BYTES, Loaded, Rejected, load_bytes, load_json_line
from tawthiq.ingest.streams import ExpansionLimitError, bounded_lines, open_lines
from tawthiq.records import Failure

PARQUET = ".parquet"
WARC = (".warc", ".warc.gz")
SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", PARQUET, *WARC)
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_DAMAGE = (OSError, EOFError, zlib.error, ExpansionLimitError)
_WARC_DAMAGE = (ArchiveLoadFailed, AttributeError, *_DAMAGE)  # warcio 1.8 raises AttributeError on some cuts
"""What reading a damaged (or over-expanding) file raises: planning stops there, and the worker whose
shard reaches that place records it as a failure."""


@dataclass(frozen=True, slots=True)
class Shard:
    """Lines ``first`` .. ``first + count - 1`` (numbered from 1) of ``path``; for an uncompressed file
    ``offset`` is the byte where line ``first`` starts, so a worker seeks instead of reading the lines
    before it."""

    name: str
    path: str
    first: int
    count: int
    offset: int | None


def plan_shards(inputs: list[str], lines_per_shard: int) -> list[Shard]:
    """The shards of every input, in input order. Reads each file once (to find line starts)."""
    if lines_per_shard < 1:
        raise ValueError(f"lines per shard must be at least 1, got {lines_per_shard}")
    shards: list[Shard] = []
    for given in inputs:
        path = Path(given).absolute()
        if not path.name.lower().endswith(SUFFIXES):
            raise TawthiqError("E402", origin=given)
        if not path.is_file():
            raise TawthiqError("E101", origin=given)
        if _is_parquet(path):
            shards.extend(_parquet_shards(path, lines_per_shard))
        elif _is_warc(path):
            shards.extend(_warc_shards(path, lines_per_shard))
        else:
            shards.extend(_shards_of(path, lines_per_shard))
    return shards


def origin_of(shard: Shard, number: int) -> str:
    """Where one document of the shard was read: ``file.jsonl#L12`` (a line), ``file.parquet#R12`` (a row),
    ``file.warc.gz#R12`` (the 12th response record)."""
    path = Path(shard.path)
    return f"{shard.path}#{'R' if _is_parquet(path) or _is_warc(path) else 'L'}{number}"


def shard_items(shard: Shard, retrieved_at: dt.datetime) -> Iterator[tuple[int, Loaded | Rejected]]:
    """The shard's documents as read (with their original bytes), numbered as in :func:`origin_of`. A line
    over the size limit, and the place where a damaged file cannot be read on, become failures."""
    if _is_warc(Path(shard.path)):
        yield from _warc_items(shard, retrieved_at)
        return
    number = shard.first - 1
    try:
        for number, line in shard_lines(shard):
            origin = origin_of(shard, number)
            if line is None:
                failure = errors.failure(origin, "E105", limit=DEFAULT_MAX_BYTES)
                yield number, Rejected(failure, None, retrieved_at)
            elif line.strip():
                yield number, load_json_line(line, origin=origin, retrieved_at=retrieved_at)
    except _DAMAGE as error:
        yield number + 1, Rejected(_damage_failure(shard, number, error), None, retrieved_at)


def shard_lines(shard: Shard) -> Iterator[tuple[int, bytes | None]]:
    """The shard's lines (a Parquet row as a JSON line), numbered from 1 as in the file, without line
    endings; None for a line over the size limit. Raises what a damaged file raises."""
    if _is_parquet(Path(shard.path)):
        yield from _parquet_lines(shard)
        return
    with open_lines(Path(shard.path)) as stream:
        number = 0
        if shard.offset is not None:
            stream.seek(shard.offset)
            number = shard.first - 1
        for line, _size in bounded_lines(stream, DEFAULT_MAX_BYTES):
            number += 1
            if number < shard.first:
                continue
            if number >= shard.first + shard.count:
                return
            yield number, line


def _damage_failure(shard: Shard, number: int, error: BaseException) -> Failure:
    origin = shard.path
    if isinstance(error, ExpansionLimitError):
        return errors.failure(origin, "E109", line=number, limit=error.limit, ratio=error.ratio)
    return errors.failure(origin, "E108", line=number, detail=str(error) or type(error).__name__)


def _shards_of(path: Path, size: int) -> Iterator[Shard]:
    """Shards of ``size`` lines; where the file cannot be read on (damaged, or a decompression bomb),
    the last shard takes in that place, so that its worker records the failure."""
    compressed = path.name.lower().endswith(".gz")
    prefix = _shard_prefix(path)
    index, count, first, start, position, number = 0, 0, 1, 0, 0, 0
    with open_lines(path) as stream:
        try:
            for number, (_line, length) in enumerate(bounded_lines(stream, DEFAULT_MAX_BYTES), start=1):
                if count == 0:
                    first, start = number, position
                count += 1
                position += length
                if count == size:
                    offset = None if compressed else start
                    yield Shard(f"{prefix}-{index:05d}", str(path), first, count, offset)
                    index, count = index + 1, 0
        except _DAMAGE:
            if count == 0:
                first, start = number + 1, position
            count += 1
    if count:
        yield Shard(f"{prefix}-{index:05d}", str(path), first, count, None if compressed else start)


def _parquet_shards(path: Path, size: int) -> Iterator[Shard]:
    prefix = _shard_prefix(path)
    rows = pq.ParquetFile(path).metadata.num_rows
    for index, start in enumerate(range(0, rows, size)):
        yield Shard(f"{prefix}-{index:05d}", str(path), start + 1, min(size, rows - start), None)


def _parquet_lines(shard: Shard) -> Iterator[tuple[int, bytes]]:
    """The shard's rows as JSON lines, reading only the row groups that hold them."""
    file = pq.ParquetFile(shard.path)
    first, last = shard.first, shard.first + shard.count - 1
    number = 0
    for group in range(file.num_row_groups):
        size = file.metadata.row_group(group).num_rows
        if number + size < first:
            number += size
            continue
        for row in file.read_row_group(group).to_pylist():
            number += 1
            if first <= number <= last:
                yield number, _row_line(row)
        if number >= last:
            return


def _row_line(row: dict[str, object]) -> bytes:
    """A Parquet row as the JSON line of its non-null fields, dates as ISO 8601."""
    fields = {name: value for name, value in row.items() if value is not None}
    return json.dumps(fields, ensure_ascii=False, default=_iso).encode()


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"a Parquet column of {type(value).__name__} is not a document field")


def _warc_shards(path: Path, size: int) -> Iterator[Shard]:
    prefix = _shard_prefix(path)
    responses = 0
    try:
        for _response in _warc_responses(path):
            responses += 1
    except _WARC_DAMAGE:
        responses += 1  # the shard that reaches the damage records it
    for index, start in enumerate(range(0, responses, size)):
        yield Shard(f"{prefix}-{index:05d}", str(path), start + 1, min(size, responses - start), None)


def _warc_items(shard: Shard, retrieved_at: dt.datetime) -> Iterator[tuple[int, Loaded | Rejected]]:
    """The shard's responses, read as fetched pages: the payload (transfer and content encodings
    undone), the server's media type and the target URL."""
    last = shard.first + shard.count - 1
    number = 0
    try:
        for number, (url, media_type, payload) in enumerate(_warc_responses(Path(shard.path)), start=1):
            if number > last:
                return
            if number >= shard.first:
                origin = origin_of(shard, number)
                yield (
                    number,
                    load_bytes(
                        payload, origin=origin, retrieved_at=retrieved_at, media_type=media_type, url=url
                    ),
                )
    except _WARC_DAMAGE as error:
        if shard.first <= number + 1 <= last:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            failure = errors.failure(shard.path, "E110", record=number + 1, detail=detail)
            yield number + 1, Rejected(failure, None, retrieved_at)


def _warc_responses(path: Path) -> Iterator[tuple[str | None, str | None, bytes]]:
    """Each response record's URL, media type and payload; a payload over the size limit is cut to one
    byte over it (no more is held), so that it is refused as too large."""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            headers = record.http_headers
            media_type = headers.get_header("Content-Type") if headers is not None else None
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield url, media_type, record.content_stream().read(DEFAULT_MAX_BYTES + 1)


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC)


def _is_parquet(path: Path) -> bool:
    return path.name.lower().endswith(PARQUET)


def _shard_prefix(path: Path) -> str:
    """The file's name, made safe for a folder name, and a digest of its full path (two ``news.jsonl`` in
    two folders are different inputs)."""
    stem = path.name
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:8]
    return f"{_UNSAFE.sub('_', stem)[:80]}-{digest}"
