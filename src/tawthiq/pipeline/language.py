"""Language stage: which language the cleaned text is in, and whether tawthiq reads it.

pycld2 (Apache-2.0, offline, tens of thousands of documents a second) is reliable on news text and
tells Sorani Kurdish from Arabic, which matters for reporting from the north-east. Very short or
mixed texts fall back to counting Arabic against Latin letters.
"""

from __future__ import annotations

import dataclasses
import re

import pycld2

from tawthiq.records import Document

SUPPORTED_LANGUAGES = ("ar", "en")
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def detect_language(document: Document) -> Document:
    """Record the document's language, and an error if tawthiq cannot read it."""
    language = document.language or guess_language(document.text)
    errors = document.errors
    if language not in SUPPORTED_LANGUAGES:
        errors = (
            *errors,
            f"W201 language {language!r} is not supported (tawthiq reads ar and en); no events extracted",
        )
    return dataclasses.replace(document, language=language, errors=errors)


def guess_language(text: str) -> str:
    """ISO 639-1 code of the main language of ``text`` ("und" when there is no text)."""
    if not text.strip():
        return "und"
    try:
        reliable, _, details = pycld2.detect(text)
    except pycld2.error:
        reliable, details = False, ()
    code = details[0][1] if details else "un"
    if reliable and code not in ("un", "xx"):
        return "ku" if code == "ckb" else code
    return _by_script(text)


def _by_script(text: str) -> str:
    arabic = len(_ARABIC_LETTER_RE.findall(text))
    latin = len(_LATIN_LETTER_RE.findall(text))
    if arabic == latin == 0:
        return "und"
    return "ar" if arabic >= latin else "en"
