"""Opening line-oriented inputs (JSON Lines, gzipped or not) so that no input can fill memory.

A gzip file is read through a limit on what it may expand to: a few kilobytes of gzip can hold a
gigabyte of zeros (a decompression bomb), and nothing a reporter sends needs more than
:data:`MAX_EXPANSION` times its compressed size. Lines are read with a cap on their length, so one
line a gigabyte long is skipped, not held. Both ``tawthiq ingest`` and ``tawthiq batch`` read through
here.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MAX_EXPANSION = 100
"""How many times its compressed size a gzip input may expand to. Text compresses 3 to 10 times,
repetitive JSON Lines up to about 30; a bomb of zeros a thousand times."""

MIN_EXPANSION_LIMIT = 16 * 1024 * 1024
"""A small gzip file may always expand this far, whatever the ratio."""

_SKIP_CHUNK = 1 << 20


class ExpansionLimitError(Exception):
    """A compressed input expanded past its limit; reading it stops here."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"expands past {limit:,} bytes")
        self.limit = limit
        self.ratio = MAX_EXPANSION


def expansion_limit(compressed_size: int) -> int:
    """The most bytes a gzip file of ``compressed_size`` bytes may expand to."""
    return max(MIN_EXPANSION_LIMIT, compressed_size * MAX_EXPANSION)


class _LimitedGzip(io.RawIOBase):
    """A gzip file's decompressed bytes that raise :class:`ExpansionLimitError` past ``limit``."""

    def __init__(self, path: Path, limit: int) -> None:
        super().__init__()
        self._gzip = gzip.open(path, "rb")  # noqa: SIM115 (closed by close())
        self._limit = limit
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        count = self._gzip.readinto(buffer)
        self._read += count
        if self._read > self._limit:
            raise ExpansionLimitError(self._limit)
        return count

    def close(self) -> None:
        self._gzip.close()
        super().close()


def open_lines(path: Path) -> BinaryIO:
    """Open a JSON Lines file for reading, decompressing a ``.gz`` one within :func:`expansion_limit`.
    Reading raises OSError, EOFError or zlib.error for a damaged gzip file and
    :class:`ExpansionLimitError` for one that expands too far."""
    if not path.name.lower().endswith(".gz"):
        return path.open("rb")
    raw = _LimitedGzip(path, expansion_limit(path.stat().st_size))
    return io.BufferedReader(raw)


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line without its line ending, or None when it is over ``max_bytes`` (skipped without being
    held in memory), with the number of bytes it took in the stream (line ending included)."""
    while line := stream.readline(max_bytes + 2):
        content = line.rstrip(b"\r\n")
        if len(content) <= max_bytes:
            yield content, len(line)
            continue
        size = len(line)
        if not line.endswith(b"\n"):
            size += _skip_rest_of_line(stream)
        yield None, size


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped
