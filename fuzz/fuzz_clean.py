"""atheris fuzz target: the HTML and plain-text cleaner (``tawthiq.pipeline.clean``) on arbitrary bytes.

The bytes are decoded as ingest decodes them (so encodings and byte-order marks are fuzzed too) and
cleaned as HTML or as text. A finding is any exception from the cleaner. Run (docs/fuzzing.md):

    .venv/bin/python fuzz/fuzz_clean.py -max_total_time=600 fuzz/corpus-clean
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["tawthiq"]):
    from tawthiq.ingest.decode import InputError, decode_text
    from tawthiq.pipeline.clean import clean
    from tawthiq.records import Document


def test_one_input(data: bytes) -> None:
    as_html = bool(data[:1]) and data[0] % 2 == 0
    try:
        text = decode_text(data[1:]).text
    except InputError:
        return  # refused as binary or of unknown encoding: ingest records it
    document = clean(Document(id="fuzz", raw_text=text, html=as_html))
    if document.text is None:
        raise AssertionError("clean left no text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
