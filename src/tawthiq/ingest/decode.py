"""Bytes to text, without mangling Arabic: byte-order marks, UTF-8, a declared charset, then detection.

Pure: no I/O. Reports come from Windows machines (Windows-1256 Arabic, Windows-1252 Western text),
from Office exports (UTF-16 with a byte-order mark) and from the web (UTF-8, sometimes mislabelled).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

_BYTE_ORDER_MARKS = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

LEGACY_CODE_PAGES = (
    "cp1256",  # Arabic, Windows
    "iso8859_6",  # Arabic, ISO (DOS's cp720 and cp864 are left out: long gone, and they misread cp1256)
    "cp1252",  # Western European
    "iso8859_15",
    "cp1254",  # Turkish, Kurdish (Kurmanji)
    "iso8859_9",
    "cp1251",  # Cyrillic
    "koi8_r",
    "cp1255",  # Hebrew
    "cp1253",  # Greek
    "cp1250",  # Central European
    "iso8859_2",
    "cp1257",  # Baltic
)
"""The code pages detection chooses among, most preferred first when several decode equally well:
the languages reports on the war come in. Leaving out the East Asian multi-byte code pages keeps a
short Western or Arabic text from being read as Chinese."""

_CONTROL_BYTES = frozenset(range(0x01, 0x09)) | (frozenset(range(0x0E, 0x20)) - {0x1B}) | {0x7F}
"""C0 controls that text files do not hold (tab, newlines, form feed and escape excepted), and DEL."""
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_RATIO = 0.05
_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class InputError(Exception):
    """An input that cannot be used, with the error code and the fields of its message."""

    def __init__(self, code: str, /, **fields: object) -> None:
        super().__init__(code, fields)
        self.code = code
        self.fields = fields


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the encoding it was decoded from (kept with the original, for the record)."""

    text: str
    encoding: str


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset the source named (HTTP header, HTML meta), trusted
    only after UTF-8. Raises :class:`InputError` E103 (binary) or E104 (unknown encoding)."""
    marked = _byte_order_mark_encoding(data)
    if marked is not None:
        return _decode_strictly(data, marked)
    evidence = binary_evidence(data)
    if evidence is not None:
        raise InputError("E103", evidence=evidence)
    for encoding in ("utf-8", _known_codec(declared)):
        if encoding is not None:
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                continue
    return _detect(data)


def binary_evidence(data: bytes) -> str | None:
    """Why ``data`` looks binary rather than text, or None when it does not."""
    if b"\x00" in data:
        return "found NUL bytes"
    sample = data[:_BINARY_SAMPLE]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > _BINARY_CONTROL_RATIO:
        return f"{controls} control bytes in its first {len(sample)}"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset=…>``), if any."""
    found = _CHARSET_PARAM.search(data[:2048])
    return found.group(1).decode("ascii") if found else None


def charset_of_media_type(media_type: str | None) -> str | None:
    """The ``charset`` parameter of a media type such as ``text/html; charset=windows-1256``."""
    if not media_type:
        return None
    found = _CHARSET_PARAM.search(media_type.encode("ascii", "ignore"))
    return found.group(1).decode("ascii") if found else None


def _byte_order_mark_encoding(data: bytes) -> str | None:
    return next((encoding for mark, encoding in _BYTE_ORDER_MARKS if data.startswith(mark)), None)


def _decode_strictly(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding.removesuffix("-sig"))
    except UnicodeDecodeError as error:
        raise InputError("E104") from error


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _detect(data: bytes) -> Decoded:
    """The detector's best reading; on a tie (short texts), the most preferred code page, so that
    Arabic comes out as cp1256 and French as cp1252 rather than as a Central European page."""
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_CODE_PAGES))
    best = matches.best()
    if best is None:
        raise InputError("E104")
    score = (best.chaos, best.coherence)
    tied = [match.encoding for match in matches if (match.chaos, match.coherence) == score]
    chosen = min(tied, key=_preference)
    return Decoded(data.decode(chosen), chosen)


def _preference(encoding: str) -> int:
    return LEGACY_CODE_PAGES.index(encoding) if encoding in LEGACY_CODE_PAGES else len(LEGACY_CODE_PAGES)
