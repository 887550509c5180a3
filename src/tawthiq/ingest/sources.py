"""Where inputs come from: files, folders, JSON Lines files (optionally gzipped) and http(s) URLs.

This is ingest's only I/O; the bytes go to the pure readers in :mod:`tawthiq.ingest.readers`.
A source that cannot be read becomes a :class:`Rejected`, and reading goes on with the next one.
"""

from __future__ import annotations

import datetime as dt
import http.client
import importlib.metadata
import os
import re
import stat
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from tawthiq import errors
from tawthiq.ingest.readers import (
    DEFAULT_MAX_BYTES,
    Loaded,
    Rejected,
    load_bytes,
    load_json_line,
)
from tawthiq.ingest.streams import ExpansionLimitError, bounded_lines, open_lines

DEFAULT_TIMEOUT = 30.0
"""Seconds to wait for a server before a download is given up."""

JSON_LINES_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def read_inputs(
    sources: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Loaded | Rejected]:
    """Read every source in order: a file, a folder (recursively, sorted, hidden names skipped),
    a JSON Lines file (one result per non-blank line) or an http(s) URL."""
    for source in sources:
        yield from read_source(os.fspath(source), max_bytes=max_bytes, timeout=timeout)


def read_source(
    source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[Loaded | Rejected]:
    """Read one source given by the user: a URL or a path."""
    scheme = _url_scheme(source)
    if scheme in ("http", "https"):
        yield fetch_url(source, max_bytes=max_bytes, timeout=timeout)
    elif scheme is not None:
        yield Rejected(errors.failure(source, "E122", scheme=scheme), None, _now())
    else:
        yield from read_path(Path(source), max_bytes=max_bytes)


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Loaded | Rejected]:
    """Read a file or, recursively, a folder."""
    if path.is_dir():
        yield from _read_folder(path, max_bytes=max_bytes)
    elif path.name.lower().endswith(JSON_LINES_SUFFIXES):
        yield from read_json_lines_file(path, max_bytes=max_bytes)
    else:
        yield read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded | Rejected:
    """Read one text or HTML file, refusing it unread when it is over ``max_bytes``."""
    origin, retrieved_at = _origin(path), _now()
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            return _unreadable(origin, "not a regular file")
        if status.st_size > max_bytes:
            return Rejected(errors.failure(origin, "E105", limit=max_bytes), None, retrieved_at)
        data = path.read_bytes()
    except FileNotFoundError:
        return Rejected(errors.failure(origin, "E101"), None, retrieved_at)
    except OSError as error:
        return _unreadable(origin, error.strerror or str(error))
    return load_bytes(data, origin=origin, retrieved_at=retrieved_at, name=path.name, max_bytes=max_bytes)


def read_json_lines_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Loaded | Rejected]:
    """Read a JSON Lines file line by line (streamed, so files of any size do), each line an input of
    its own: its origin is ``path#L<number>`` and a bad line does not stop the others."""
    origin = _origin(path)
    compressed = path.name.lower().endswith(".gz")
    number = found = 0
    try:
        with open_lines(path) as stream:
            for number, (line, _size) in enumerate(bounded_lines(stream, max_bytes), start=1):
                if line is None:
                    yield Rejected(
                        errors.failure(f"{origin}#L{number}", "E105", limit=max_bytes), None, _now()
                    )
                elif line.strip():
                    found += 1
                    yield load_json_line(line, origin=f"{origin}#L{number}", retrieved_at=_now())
    except FileNotFoundError:
        yield Rejected(errors.failure(origin, "E101"), None, _now())
        return
    except ExpansionLimitError as error:
        yield Rejected(
            errors.failure(origin, "E109", line=number, limit=error.limit, ratio=error.ratio), None, _now()
        )
        return
    except (OSError, EOFError, zlib.error) as error:
        yield _damaged(origin, compressed, number, error)
        return
    if not found:
        yield Rejected(errors.failure(origin, "E102", what="file"), None, _now())


def fetch_url(
    url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT
) -> Loaded | Rejected:
    """Download one page (stdlib only, no retries) and read it like a file."""
    request = urllib.request.Request(url, headers={"User-Agent": _user_agent()})
    retrieved_at = _now()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            media_type = response.headers.get("Content-Type")
            final_url = response.geturl()
    except urllib.error.HTTPError as error:
        return _download_failed(url, f"HTTP {error.code} {error.reason}")
    except urllib.error.URLError as error:
        return _download_failed(url, str(error.reason))
    except (OSError, http.client.HTTPException, ValueError) as error:
        return _download_failed(url, str(error) or type(error).__name__)
    if len(data) > max_bytes:
        return Rejected(errors.failure(url, "E105", limit=max_bytes), None, retrieved_at)
    return load_bytes(
        data, origin=url, retrieved_at=retrieved_at, media_type=media_type, url=final_url, max_bytes=max_bytes
    )


def _read_folder(folder: Path, *, max_bytes: int) -> Iterator[Loaded | Rejected]:
    empty = True
    for entry in _walk(folder):
        if isinstance(entry, OSError):
            yield _unreadable(_origin(Path(entry.filename or folder)), entry.strerror or str(entry))
            continue
        empty = False
        yield from read_path(entry, max_bytes=max_bytes)
    if empty:
        yield Rejected(errors.failure(_origin(folder), "E107"), None, _now())


def _walk(folder: Path) -> Iterator[Path | OSError]:
    """Files under ``folder``, depth first and sorted; hidden names skipped; unreadable folders as errors."""
    problems: list[OSError] = []
    for root, folders, names in os.walk(folder, onerror=problems.append):
        yield from problems
        problems.clear()
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        yield from (Path(root) / name for name in sorted(names) if not name.startswith("."))
    yield from problems


def _damaged(origin: str, compressed: bool, line: int, error: BaseException) -> Rejected:
    detail = str(error) or type(error).__name__
    if compressed:
        return Rejected(errors.failure(origin, "E108", line=line, detail=detail), None, _now())
    return _unreadable(origin, detail)


def _unreadable(origin: str, detail: str) -> Rejected:
    return Rejected(errors.failure(origin, "E106", detail=detail), None, _now())


def _download_failed(url: str, detail: str) -> Rejected:
    return Rejected(errors.failure(url, "E121", detail=detail), None, _now())


def _url_scheme(source: str) -> str | None:
    found = _URL_SCHEME.match(source)
    return found.group(1).lower() if found else None


def _origin(path: Path) -> str:
    """The absolute path, as chain of custody records where the bytes were read."""
    return str(path.absolute())


def _user_agent() -> str:
    return f"tawthiq/{importlib.metadata.version('tawthiq')}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
