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
* **Reviews** — a person's assessment of an incident, their field edits (kept apart from the machine's
  values, :mod:`tawthiq.review`) and notes. Each review write checks the incident's version, so two
  reviewers never silently overwrite each other (:class:`StaleIncident`).
* **Accounts** — users with a role (:mod:`tawthiq.accounts`), their sessions and API tokens (kept as
  hashes only), and settings.
* **Audit log** — every review and account write, who, when, what, before and after, appended in the
  same transaction as the write and hash-chained (:meth:`Store.verify_audit`). It cannot be updated
  or deleted through the store, and the database refuses to (triggers).

Datetimes go in and come out timezone-aware, in UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self

from tawthiq.link import DEFAULT_CONFIG, LinkConfig, Lock
from tawthiq.records import Claim, Document, Failure, Incident
from tawthiq.store.linking import LinkReport

JSONValue = dict[str, Any] | list[Any] | str | int | float | bool | None


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


class StaleIncident(Exception):  # noqa: N818 - the name other modules already use
    """The incident changed since the reviewer opened it: their change is refused, not merged blindly."""

    def __init__(self, incident_id: str, expected: int, found: int | None) -> None:
        self.incident_id, self.expected, self.found = incident_id, expected, found
        if found is None:
            message = (
                f"incident {incident_id} no longer exists (it was merged, split or re-linked): "
                "go back to the list and open the incident that now holds its reports"
            )
        else:
            message = (
                f"incident {incident_id} was changed by someone else (version {found}, you opened "
                f"version {expected}): reload it, check their change, then make yours again"
            )
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class User:
    """An account: its name, role, password hash (never the password) and whether it may log in."""

    name: str
    role: str
    password_hash: str
    created_at: dt.datetime
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class WebSession:
    """A logged-in browser: kept by the hash of its cookie, with its CSRF token."""

    token_hash: str
    user: str
    csrf: str
    created_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A script's token for the REST API: kept by its hash; acts with its owner's role."""

    id: int
    user: str
    label: str
    created_at: dt.datetime
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One write, as the audit log keeps it; ``hash`` chains it to the entry before."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: JSONValue
    after: JSONValue
    previous_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditCheck:
    """The outcome of :meth:`Store.verify_audit`: ``problem`` is None when the chain is intact."""

    entries: int
    head: str
    problem: str | None = None
    first_bad: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True, slots=True)
class Note:
    """A reviewer's note on an incident."""

    id: int
    incident_id: str
    author: str
    text: str
    at: dt.datetime


Sort = Literal["date", "-date", "killed", "-killed", "updated", "-updated", "sources", "-sources"]
SORTS: tuple[Sort, ...] = ("date", "-date", "killed", "-killed", "updated", "-updated", "sources", "-sources")


@dataclass(frozen=True, slots=True)
class IncidentQuery:
    """Which incidents, in which order: every filter the list, map, timeline, API and exports share.

    ``since``/``until`` keep incidents whose dates overlap that range (undated ones are left out);
    ``admin1`` and ``perpetrator`` match case-insensitively; ``event_type`` matches an event or a
    sub-event type; ``status`` is a verification status (:data:`tawthiq.review.STATUSES`);
    ``min_killed`` keeps incidents with at least that many killed; ``text`` keeps incidents where each
    of its words appears in a claim's document or place and actor names, whatever the Arabic spelling
    variant (:mod:`tawthiq.store.search`). ``sort`` is a column, ``-`` for descending; undated and
    unknown values sort last.
    """

    since: dt.date | None = None
    until: dt.date | None = None
    admin1: str | None = None
    event_type: str | None = None
    perpetrator: str | None = None
    status: str | None = None
    min_killed: int | None = None
    text: str | None = None
    sort: Sort = "date"


@dataclass(frozen=True, slots=True)
class IncidentPoint:
    """What a map needs of an incident, read from columns only (fast for 100,000 incidents)."""

    id: str
    lat: float
    lon: float
    event_type: str
    date: dt.date | None
    killed: int | None
    status: str
    place: str | None


@dataclass(frozen=True, slots=True)
class MapPlace:
    """The incidents at one map location: how many, how many killed, and one of them to link to.

    Incidents sit on gazetteer places, so a map of 100,000 incidents has a few thousand locations:
    grouping them in the database keeps the map fast at any size."""

    lat: float
    lon: float
    place: str | None
    incidents: int
    killed: int
    incident_id: str


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Incidents and people killed in one week (starting Monday) by one perpetrator (None: unknown)."""

    week: dt.date
    perpetrator: str | None
    incidents: int
    killed: int


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

    def evidence_reader(self) -> Callable[[Claim], list[str]]:
        """A function giving the words of a claim's evidence spans, read from its stored document;
        an export of many incidents reads each document once (the most recent 256 are cached)."""

        @functools.lru_cache(maxsize=256)
        def text_of(document_id: str) -> str:
            document = self.get_document(document_id)
            return document.text if document else ""

        def evidence(claim: Claim) -> list[str]:
            text = text_of(claim.document_id)
            return [span.slice(text) for span in claim.event.evidence if span.end <= len(text)]

        return evidence

    @abstractmethod
    def failures(self) -> Iterator[StoredFailure]:
        """Every recorded failure, oldest first."""

    @abstractmethod
    def incidents(
        self,
        query: IncidentQuery | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Incident]:
        """Incidents with their claims (streamed), chosen and ordered by ``query``
        (:class:`IncidentQuery`; date order by default). The keyword filters are a shorthand for a
        query with those fields; give one or the other."""

    @abstractmethod
    def count_incidents(self, query: IncidentQuery | None = None, *, cap: int | None = None) -> int:
        """How many incidents ``query`` keeps. With ``cap``, counting may stop there and return ``cap``,
        meaning *at least* that many: fast however many match, for pages people wait on."""

    @abstractmethod
    def incident_points(self, query: IncidentQuery | None = None) -> Iterator[IncidentPoint]:
        """The located incidents ``query`` keeps, as map points (streamed, in no set order: its ``sort``
        is not used)."""

    @abstractmethod
    def map_places(self, query: IncidentQuery | None = None) -> list[MapPlace]:
        """The located incidents ``query`` keeps, grouped by location (its ``sort`` is not used)."""

    @abstractmethod
    def weekly_counts(self, query: IncidentQuery | None = None) -> list[WeekCount]:
        """Incidents and killed per week and perpetrator, over the dated incidents ``query`` keeps."""

    @abstractmethod
    def incidents_of_document(self, document_id: str) -> list[str]:
        """The ids of the incidents that hold a claim from ``document_id``."""

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

    # --- reviews -----------------------------------------------------------------------------------

    @abstractmethod
    def assess_incident(self, incident_id: str, status: str, *, by: str, version: int) -> Incident:
        """Set the verification status (:data:`tawthiq.review.STATUSES`) of the incident the reviewer
        saw at ``version``; raises :class:`StaleIncident` if it changed since. Audited."""

    @abstractmethod
    def edit_incident(
        self, incident_id: str, edits: Mapping[str, str | None], *, by: str, version: int
    ) -> Incident:
        """Lay the reviewer's field edits over the machine's values (:mod:`tawthiq.review`; ``None``
        restores the machine's value); raises :class:`StaleIncident` or
        :class:`tawthiq.review.ReviewError`. Audited with each field's value before and after."""

    @abstractmethod
    def add_note(self, incident_id: str, text: str, *, by: str) -> Note:
        """Keep a reviewer's note on an incident. Audited."""

    @abstractmethod
    def notes(self, incident_id: str) -> list[Note]:
        """The notes on an incident, oldest first."""

    # --- accounts ----------------------------------------------------------------------------------

    @abstractmethod
    def add_user(self, name: str, role: str, password_hash: str, *, by: str) -> User:
        """Create an account (:mod:`tawthiq.accounts` checks name and role); raises
        :class:`tawthiq.accounts.AccountError` if the name is taken. Audited, without the hash."""

    @abstractmethod
    def get_user(self, name: str) -> User | None:
        """One account, or None."""

    @abstractmethod
    def users(self) -> list[User]:
        """Every account, by name."""

    @abstractmethod
    def update_user(
        self,
        name: str,
        *,
        by: str,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
    ) -> User:
        """Change an account's role, password hash or whether it may log in; a disabled account or a
        new password ends the account's sessions. Audited, without the hash."""

    @abstractmethod
    def add_session(self, session: WebSession) -> None:
        """Keep a new logged-in session."""

    @abstractmethod
    def get_session(self, token_hash: str, *, now: dt.datetime) -> WebSession | None:
        """The unexpired session with this cookie hash whose account may still log in, or None."""

    @abstractmethod
    def delete_session(self, token_hash: str) -> None:
        """End a session (log out)."""

    @abstractmethod
    def add_token(self, user: str, token_hash: str, label: str, *, by: str) -> ApiToken:
        """Keep a new API token of ``user`` (by its hash only). Audited."""

    @abstractmethod
    def token_user(self, token_hash: str) -> User | None:
        """The enabled account whose unrevoked token has this hash, or None."""

    @abstractmethod
    def tokens(self, user: str | None = None) -> list[ApiToken]:
        """The API tokens of ``user`` (of everyone when None), oldest first."""

    @abstractmethod
    def revoke_token(self, token_id: int, *, by: str) -> None:
        """Revoke an API token. Audited."""

    @abstractmethod
    def setting(self, key: str) -> str | None:
        """A setting's value (``public_view``: ``on`` publishes the read-only public view), or None."""

    @abstractmethod
    def set_setting(self, key: str, value: str, *, by: str) -> None:
        """Change a setting. Audited."""

    # --- audit -------------------------------------------------------------------------------------

    @abstractmethod
    def audit(
        self, *, target: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[AuditEntry]:
        """Audit entries, newest first; ``target`` keeps one target's (``incident:ID``, ``user:NAME``)."""

    @abstractmethod
    def append_audit(
        self, actor: str, action: str, target: str, before: JSONValue, after: JSONValue
    ) -> AuditEntry:
        """Append one entry (for writes made outside the store, such as a web ingest)."""

    @abstractmethod
    def verify_audit(self) -> AuditCheck:
        """Recompute the hash chain from the first entry: any entry changed, removed or inserted
        breaks it, and the first one that does not match is named."""

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
