"""atheris fuzz target: the whole extraction pipeline (clean, language, extract) on arbitrary text.

A finding is any exception, or an offset that does not slice the cleaned text. Run (docs/fuzzing.md):

    .venv/bin/python fuzz/fuzz_extract.py -max_total_time=600 fuzz/corpus-extract
"""

from __future__ import annotations

import datetime as dt
import sys

import atheris

with atheris.instrument_imports(include=["tawthiq"]):
    from tawthiq.pipeline import default_stages, run_pipeline
    from tawthiq.records import Document

    STAGES = default_stages()  # imports the stages (so they are instrumented) and loads the knowledge once
SEEDS = "قُتل خمسة مدنيين بينهم طفلان في غارات جوية روسية على مدينة أريحا بريف إدلب أمس الأحد."


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    ordinal = provider.ConsumeIntInRange(dt.date.min.toordinal(), dt.date.max.toordinal())
    language = provider.PickValueInList([None, "ar", "en"])
    html = provider.ConsumeBool()
    text = provider.ConsumeUnicode(provider.remaining_bytes())  # lone surrogates included
    if len(text) % 3 == 0:
        text = SEEDS + text  # often around a real report, so that extraction goes deep
    document = Document(
        id="fuzz", raw_text=text, html=html, published=dt.date.fromordinal(ordinal), language=language
    )
    result = run_pipeline(document, STAGES)
    cleaned = result.text or ""
    for event in result.events:
        for span in event.evidence:
            if not 0 <= span.start < span.end <= len(cleaned):
                raise AssertionError(f"evidence {span} outside the cleaned text of length {len(cleaned)}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
