"""The one interface to where tawthiq keeps things; every backend implements it.

What a store keeps, and the rules every implementation follows:

* **Originals** — every input's bytes, unaltered, addressed by their sha256. Adding the same bytes
  twice stores them once.
* **Custody** — each time bytes were read: from where and when. Kept for duplicates too.
* **Documents** — one per distinct original, with the cleaned text, the events found in it and
  the aggregates; written atomically with its events, so a crash never leaves half a document.
* **Failures** — inputs that could not be used, with the coded reason (:mod:`tawthiq.errors`).
* **Incidents** — real-world incidents, each with the claims (reported events) about it. A stored
  event starts as its own incident with one claim; :meth:`Store.link` joins the claims that report
  one incident, keeping the merges and splits a person recorded.
* **Near-duplicates** — a document whose cleaned text nearly repeats a stored one (a syndicated copy)
  is marked as its copy when stored, and never counts as an independent source.

Datetimes go in and come out timezone-aware, in UTC.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from tawthiq.link import DEFAULT_CONFIG, LinkConfig, Lock
from tawthiq.records import Document, Failure, Incident
from tawthiq.store.linking import LinkReport


@dataclass(frozen=True, slots=True)
class Custody:
    """One sighting of an original: where its bytes were read, and when."""

    origin: str
    retrieved_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Original:
    """An archived original: its bytes unaltered, what they are, and every time they were read."""

    sha256: str
    content: bytes
    media_type: str
    stored_at: dt.datetime
    custody: tuple[Custody, ...]


@dataclass(frozen=True, slots=True)
class StoredFailure:
    """A failure as kept: its number in the store and when it happened."""

    id: int
    failure: Failure
    at: dt.datetime


class Store(ABC):
    """Where tawthiq keeps originals, custody, documents, failures and incidents (see the module docs).

    Use it as a context manager, or call :meth:`close`.
    """

    @abstractmethod
    def add_original(self, content: bytes, media_type: str) -> tuple[str, bool]:
        """Archive ``content`` unaltered; returns its sha256 and whether it was new."""

    @abstractmethod
    def record_custody(self, sha256: str, origin: str, retrieved_at: dt.datetime) -> None:
        """Record that the original ``sha256`` was read from ``origin`` at ``retrieved_at``."""

    @abstractmethod
    def add_document(
        self, document: Document, *, extractor_version: str, processed_at: dt.datetime | None = None
    ) -> tuple[str, bool]:
        """Store a processed document with its events, atomically; its original must be archived first.

        Returns the id it is stored under and whether it is new. A document whose original is already
        stored is not stored again (the existing id comes back). An id already held by another
        document gets the original's sha256 prefix appended (two ``report.txt`` in two folders).
        """

    @abstractmethod
    def add_failure(self, failure: Failure, *, at: dt.datetime | None = None) -> bool:
        """Record a failure; returns False when the same failure (origin, code, sha256) is already kept."""

    @abstractmethod
    def document_id_for(self, sha256: str) -> str | None:
        """The id of the document read from the original ``sha256``, if there is one."""

    @abstractmethod
    def documents(self) -> Iterator[Document]:
        """Every stored document with its events, in id order (streamed)."""

    @abstractmethod
    def get_document(self, document_id: str) -> Document | None:
        """One stored document with its events, or None."""

    @abstractmethod
    def original(self, sha256: str) -> Original | None:
        """An archived original with its chain of custody, or None."""

    def original_bytes(self, sha256: str) -> bytes | None:
        """The archived bytes of ``sha256``, exactly as they were read, or None."""
        original = self.original(sha256)
        return None if original is None else original.content

    @abstractmethod
    def failures(self) -> Iterator[StoredFailure]:
        """Every recorded failure, oldest first."""

    @abstractmethod
    def incidents(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Incident]:
        """Incidents in date order (undated last), with their claims (streamed).

        ``since``/``until`` keep incidents whose dates overlap that range (undated ones are left out);
        ``admin1`` matches case-insensitively; ``event_type`` matches an event or a sub-event type;
        ``text`` keeps incidents where each of its words appears in a claim's document (cleaned text) or
        place and actor names, whatever the Arabic spelling variant (:mod:`tawthiq.store.search`).
        """

    @abstractmethod
    def get_incident(self, incident_id: str) -> Incident | None:
        """One incident with its claims, or None."""

    @abstractmethod
    def link(
        self, document_ids: Sequence[str] | None = None, *, config: LinkConfig = DEFAULT_CONFIG
    ) -> LinkReport:
        """Link claims into incidents: those of ``document_ids`` against their neighbourhood (same
        blocks, found through indexed columns), or every claim when None. Deterministic."""

    @abstractmethod
    def record_merge(self, incident_ids: Sequence[str], *, by: str, note: str = "") -> str:
        """Record that a person merged these incidents (kept by every later link); returns the merged id."""

    @abstractmethod
    def record_split(
        self, incident_id: str, event_ids: Sequence[str], *, by: str, note: str = ""
    ) -> tuple[str, str]:
        """Record that a person split ``event_ids`` off the incident (kept by every later link); returns
        the ids of the incident holding those events and of the one holding the rest."""

    @abstractmethod
    def locks(self) -> list[Lock]:
        """The merges and splits people recorded, oldest first."""

    @abstractmethod
    def duplicate_of(self, document_id: str) -> str | None:
        """The document this one is a near-duplicate copy of, or None."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """How many originals, custody records, documents, events, incidents and failures are kept."""

    @abstractmethod
    def close(self) -> None:
        """Release the connections; the store cannot be used afterwards."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
