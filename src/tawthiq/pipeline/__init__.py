"""The pure extraction pipeline: a sequence of stages, each ``Document -> Document``.

No stage here does I/O (no files, no database, no network): ``tests/pipeline/test_purity.py``
enforces it. Reading inputs is ``tawthiq.ingest``'s job, keeping results is ``tawthiq.store``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from tawthiq.records import Document

Stage = Callable[[Document], Document]


@cache
def default_stages() -> Sequence[Stage]:
    """The stages ``run_pipeline`` applies, in order."""
    from tawthiq.knowledge import load_knowledge
    from tawthiq.pipeline.clean import clean
    from tawthiq.pipeline.extract import make_extract_stage
    from tawthiq.pipeline.language import detect_language

    return (clean, detect_language, make_extract_stage(load_knowledge()))


def run_pipeline(document: Document, stages: Sequence[Stage] | None = None) -> Document:
    """Run every stage over one document and return the enriched copy."""
    for stage in stages if stages is not None else default_stages():
        document = stage(document)
    return document
