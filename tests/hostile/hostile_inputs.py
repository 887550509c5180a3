"""What the hostile-input tests share: every bad input is ingested beside a good one, into a SQLite
store in tmp_path, and the good one must be stored whatever the bad one did."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from tawthiq.cli import main
from tawthiq.records import Document, Failure
from tawthiq.store import open_store

GOOD = "قُتل خمسة مدنيين بينهم طفلان في غارات جوية روسية على مدينة أريحا بريف إدلب أمس الأحد."
"""A report the extractor reads one event from: the control beside each bad input."""


@dataclass(frozen=True)
class Run:
    """What one ingest left behind."""

    result: Result
    seconds: float
    documents: list[Document]
    failures: list[Failure]
    counts: dict[str, int]
    originals: dict[str, bytes]  # sha256 -> bytes, every original kept

    def failure_for(self, name: str) -> Failure:
        found = [f for f in self.failures if name in f.origin]
        assert len(found) == 1, (name, self.failures)
        return found[0]

    def good_stored(self) -> bool:
        return any(d.raw_text == GOOD and len(d.events) == 1 for d in self.documents)


def ingest(db: Path, *args: str | Path) -> Run:
    started = time.monotonic()
    result = CliRunner().invoke(
        main,
        ["--db", str(db), "ingest", "--published", "2019-05-20", *map(str, args)],
        catch_exceptions=False,
    )
    seconds = time.monotonic() - started
    with open_store(db) as store:
        documents = list(store.documents())
        failures = [stored.failure for stored in store.failures()]
        originals = {}
        for document in documents:
            assert document.sha256 is not None
            found = store.original(document.sha256)
            assert found is not None
            originals[found.sha256] = found.content
        for failure in failures:
            if failure.sha256 and (found := store.original(failure.sha256)) is not None:
                originals[found.sha256] = found.content
        counts = store.counts()
    return Run(result, seconds, documents, failures, counts, originals)


def gzip_bomb(path: Path, *, good_lines: list[bytes], expanded_mib: int = 1024) -> Path:
    """A gzip file of a few good JSON lines, then ``expanded_mib`` MiB of zeros with no line end: one
    member of 1 MiB of zeros (about 1 KiB compressed) repeated, so that it is made in milliseconds."""
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9)
    with path.open("wb") as stream:
        stream.write(gzip.compress(b"".join(line + b"\n" for line in good_lines)))
        for _ in range(expanded_mib):
            stream.write(member)
    return path


def json_line(text: str, **fields: object) -> bytes:
    return json.dumps({"text": text, **fields}, ensure_ascii=False).encode()
