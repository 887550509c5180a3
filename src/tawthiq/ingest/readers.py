"""Pure readers: the bytes of one input (a text or HTML file, one JSON line) to a document.

No I/O here: :mod:`tawthiq.ingest.sources` opens files and URLs and hands the bytes over. Every
reader returns a :class:`Loaded` or a :class:`Rejected`, never raises for bad input, and keeps the
original bytes either way, so that nothing a user gave is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from tawthiq import errors
from tawthiq.ingest.decode import (
    InputError,
    charset_of_media_type,
    declared_charset,
    decode_text,
)
from tawthiq.records import Document, Failure

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Largest input (a file, a download, one JSON line) read by default."""

BINARY_MEDIA_TYPE = "application/octet-stream"
JSON_MEDIA_TYPE = "application/json"
ID_HASH_LENGTH = 16
"""Hex digits of the sha256 used as a document id when the input names none."""

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\S.*)?")
_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}


@dataclass(frozen=True, slots=True)
class Loaded:
    """A document read from an input, with what chain of custody needs: the original bytes unaltered,
    where they came from (``file.jsonl#L12`` for one JSON line), their media type and when."""

    document: Document
    original: bytes
    origin: str
    media_type: str
    retrieved_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be used: why, and its original bytes when there were any (kept too)."""

    failure: Failure
    original: bytes | None
    retrieved_at: dt.datetime
    media_type: str = BINARY_MEDIA_TYPE

    @property
    def origin(self) -> str:
        return self.failure.origin


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_bytes(
    data: bytes,
    *,
    origin: str,
    retrieved_at: dt.datetime,
    name: str | None = None,
    media_type: str | None = None,
    url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Loaded | Rejected:
    """Read a text or HTML input. ``name`` (a file name) gives the document id and hints at HTML;
    ``media_type`` is what a server said it sent."""
    sha256 = sha256_hex(data)
    if len(data) > max_bytes:
        return Rejected(errors.failure(origin, "E105", sha256=sha256, limit=max_bytes), None, retrieved_at)
    try:
        decoded = decode_text(data, charset_of_media_type(media_type) or declared_charset(data))
    except InputError as error:
        return _rejected(origin, error, original=data, sha256=sha256, retrieved_at=retrieved_at)
    if not decoded.text.strip():
        empty = InputError("E102", what="file")
        return _rejected(origin, empty, original=data, sha256=sha256, retrieved_at=retrieved_at)
    html = is_html(decoded.text, name=name, media_type=media_type)
    document = Document(
        id=PurePath(name).stem if name else sha256[:ID_HASH_LENGTH],
        raw_text=decoded.text,
        html=html,
        url=url,
        sha256=sha256,
    )
    kind = "text/html" if html else "text/plain"
    return Loaded(document, data, origin, f"{kind}; charset={decoded.encoding}", retrieved_at)


def is_html(text: str, *, name: str | None = None, media_type: str | None = None) -> bool:
    """Whether to clean ``text`` as HTML: by the server's media type, the file name, or its first tag."""
    if media_type and media_type.split(";")[0].strip().lower() in _HTML_MEDIA_TYPES:
        return True
    if name and name.lower().endswith(_HTML_SUFFIXES):
        return True
    return _HTML_START.match(text[:4096]) is not None


def load_json_line(line: bytes, *, origin: str, retrieved_at: dt.datetime) -> Loaded | Rejected:
    """Read one line of a JSON Lines file of documents (fields in DESIGN.md; ``date`` and ``source``
    are accepted for ``published`` and ``outlet``, as the corpus files name them)."""
    sha256 = sha256_hex(line)
    try:
        document = _document_from_json(_parse_object(line), sha256)
    except InputError as error:
        return _rejected(
            origin, error, original=line, sha256=sha256, retrieved_at=retrieved_at, media_type=JSON_MEDIA_TYPE
        )
    return Loaded(document, line, origin, JSON_MEDIA_TYPE, retrieved_at)


def _rejected(
    origin: str,
    error: InputError,
    *,
    original: bytes,
    sha256: str,
    retrieved_at: dt.datetime,
    media_type: str = BINARY_MEDIA_TYPE,
) -> Rejected:
    failure = errors.failure(origin, error.code, sha256=sha256, **error.fields)
    return Rejected(failure, original, retrieved_at, media_type)


def _parse_object(line: bytes) -> dict[str, Any]:
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("E116", detail=f"byte {error.start}") from error
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError("E111", detail=f"{error.msg} at column {error.colno}") from error
    except RecursionError as error:  # "[[[[…": Python's parser gives up past a thousand levels
        raise InputError("E111", detail="nested too deeply") from error
    if not isinstance(value, dict):
        raise InputError("E112", kind=_json_kind(value))
    return value


def _document_from_json(data: dict[str, Any], sha256: str) -> Document:
    text, html = _optional_str(data, "text"), _optional_str(data, "html")
    if text is not None:
        field, body = "text", text
    elif html is not None:
        field, body = "html", html
    else:
        raise InputError("E113")
    if not body.strip():
        raise InputError("E102", what=f'"{field}"')
    return Document(
        id=_document_id(data, sha256),
        raw_text=body,
        html=field == "html",
        published=_published(data),
        language=_optional_str(data, "lang"),
        title=_optional_str(data, "title"),
        url=_optional_str(data, "url"),
        outlet=_first_str(data, "outlet", "source"),
        sha256=sha256,
    )


def _document_id(data: dict[str, Any], sha256: str) -> str:
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    given = _optional_str(data, "id", expected="a string, a number or null")
    return given.strip() if given and given.strip() else sha256[:ID_HASH_LENGTH]


def _published(data: dict[str, Any]) -> dt.date | None:
    """The publication date from ``published`` or else ``date``."""
    for key in ("published", "date"):
        value = _optional_str(data, key)
        if value is not None and value.strip():
            day = parse_day(value)
            if day is None:
                raise InputError("E114", field=key, value=value)
            return day
    return None


def parse_day(value: str) -> dt.date | None:
    """The date in an ISO date or datetime (kept as the outlet wrote it, in its own time zone), or in
    a day-first ``DD/MM/YYYY`` as Arabic outlets write it; None when it is neither."""
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    day_first = _DAY_FIRST.fullmatch(value)
    if day_first is None:
        return None
    day, month, year = (int(part) for part in day_first.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _first_str(data: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` that holds a value (a canonical field before its alias)."""
    for key in keys:
        value = _optional_str(data, key)
        if value is not None:
            return value
    return None


def _optional_str(data: dict[str, Any], key: str, expected: str = "a string or null") -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError("E115", field=key, expected=expected, actual=_json_kind(value))


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    return _JSON_KINDS.get(type(value), "an object")
