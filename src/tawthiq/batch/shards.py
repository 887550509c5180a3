"""Cutting JSON Lines inputs into shards: the unit of work a Dask task does, and of resuming.

A shard is a run of lines of one file, named from the file and its place in it, so the same inputs cut
with the same size give the same shards on every run (what makes a crashed run resumable).
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tawthiq.errors import TawthiqError

SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


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
        shards.extend(_shards_of(path, lines_per_shard))
    return shards


def shard_lines(shard: Shard) -> Iterator[tuple[int, bytes]]:
    """The shard's lines, numbered as in the file, without line endings."""
    with _open(Path(shard.path)) as stream:
        number = 0
        if shard.offset is not None:
            stream.seek(shard.offset)
            number = shard.first - 1
        for line in stream:
            number += 1
            if number < shard.first:
                continue
            if number >= shard.first + shard.count:
                return
            yield number, line.rstrip(b"\r\n")


def _shards_of(path: Path, size: int) -> Iterator[Shard]:
    compressed = path.name.lower().endswith(".gz")
    prefix = _shard_prefix(path)
    index, count, first, start, position = 0, 0, 1, 0, 0
    with _open(path) as stream:
        for number, line in enumerate(stream, start=1):
            if count == 0:
                first, start = number, position
            count += 1
            position += len(line)
            if count == size:
                yield Shard(f"{prefix}-{index:05d}", str(path), first, count, None if compressed else start)
                index, count = index + 1, 0
    if count:
        yield Shard(f"{prefix}-{index:05d}", str(path), first, count, None if compressed else start)


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


def _open(path: Path) -> BinaryIO:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")
