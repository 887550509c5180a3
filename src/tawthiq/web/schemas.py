"""The REST API's request and response models: thin pydantic mirrors of :mod:`tawthiq.serialize`.

They exist so the OpenAPI document says exactly what each operation takes and gives. The shapes are
those of ``incident_to_dict``/``document_to_dict`` (the ``extract`` contract, docs/output.md); the API
adds a few fields a reviewer needs (version, overrides, notes, custody) but never renames or reshapes
a field the contract already has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tawthiq.review import MAX_NOTE_LENGTH

Status = Literal["unreviewed", "confirmed", "fair", "weak", "contested", "discounted"]
""":data:`tawthiq.review.STATUSES`, spelled out so the OpenAPI document lists them."""

SortKey = Literal["date", "-date", "killed", "-killed", "updated", "-updated", "sources", "-sources"]
ExportFormat = Literal["acled-csv", "ucdp-csv", "geojson", "jsonl", "parquet", "xlsx"]

MAX_ID = 2**31 - 1
"""Upper bound of numeric ids and versions: keeps numbers the databases can hold."""


class Error(BaseModel):
    """Every error: what went wrong and what to do about it."""

    detail: str = Field(
        examples=["the reviewer role may not do this (admin): ask an admin for a role that may"]
    )


# --- the extract contract ---------------------------------------------------------------------------


class Span(BaseModel):
    start: int
    end: int


class DateRange(BaseModel):
    start: dt.date
    end: dt.date
    precision: str


class Place(BaseModel):
    name: str
    name_en: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    precision: int
    gazetteer_id: str | None
    kind: str | None
    span: Span | None


class Actor(BaseModel):
    name: str
    role: str
    type: str | None
    mention: str
    actor_id: str | None
    hedged: bool
    span: Span | None


class Attribution(BaseModel):
    source: str
    mention: str
    source_id: str | None
    affiliation: str | None
    party_claim: bool
    span: Span | None


class Fatalities(BaseModel):
    killed: int | None
    civilians: int | None
    children: int | None
    women: int | None
    injured: int | None
    low: int | None
    high: int | None


class Harms(BaseModel):
    fighters: int | None
    abducted: int | None
    arrested: int | None
    displaced: int | None


class Event(BaseModel):
    event_type: str
    sub_event_type: str
    date: DateRange | None
    location: Place | None
    actors: list[Actor]
    fatalities: Fatalities
    harms: Harms
    attribution: list[Attribution]
    evidence: list[Span | None]
    confidence: float
    tags: list[str]


class Aggregate(BaseModel):
    what: str
    value: int | None
    qualifier: str | None
    period: DateRange | None
    claimed_by: str | None
    span: Span | None


# --- incidents --------------------------------------------------------------------------------------


class CasualtyRange(BaseModel):
    low: int | None
    best: int | None
    high: int | None
    conservative: int | None


class Provenance(BaseModel):
    event_id: str = Field(
        description="The claim a field was taken from, or `review:NAME` when a person set it."
    )
    document_id: str | None
    span: Span | None


class Claim(BaseModel):
    event_id: str
    document_id: str
    outlet: str | None
    published: dt.date | None
    duplicate_of: str | None
    party_claim: bool
    event: Event


class Incident(BaseModel):
    """``incident_to_dict`` plus what a reviewer needs to change it safely."""

    id: str
    status: str
    locked: bool
    sources: int
    reports: int
    casualties: CasualtyRange
    flags: list[str]
    event: Event
    provenance: dict[str, Provenance]
    claims: list[Claim]
    overrides: dict[str, str] = Field(
        description="Field edits reviewers laid over the machine's values (already applied to `event`)."
    )
    version: int = Field(description="Send it back with a review action: a changed incident answers 409.")
    updated_at: dt.datetime | None


class Note(BaseModel):
    id: int
    incident_id: str
    author: str
    text: str
    at: dt.datetime


class IncidentDetail(Incident):
    notes: list[Note] | None = Field(description="Reviewers' notes, oldest first; null in the public view.")


class IncidentPage(BaseModel):
    items: list[Incident]
    total: int = Field(
        description="How many incidents the filters keep, over all pages; at least this many when "
        "total_is_lower_bound."
    )
    total_is_lower_bound: bool = Field(
        description="Whether counting stopped at a cap (1,000 unless the server sets another, and always "
        "past this page): then total is a lower bound and more incidents may match. Counting every match "
        "of a common search word takes long; page on with next, or narrow the filters for an exact total."
    )
    limit: int
    offset: int
    next: str | None = Field(description="The path and query of the next page, or null on the last one.")


class Point(BaseModel):
    id: str
    lat: float
    lon: float
    event_type: str
    date: dt.date | None
    killed: int | None
    status: str
    place: str | None


class WeekCount(BaseModel):
    week: dt.date = Field(description="The Monday the week starts on.")
    perpetrator: str | None
    incidents: int
    killed: int


class SplitResult(BaseModel):
    split: Incident = Field(description="The incident holding the events split off.")
    rest: Incident = Field(description="The incident holding the other events.")


# --- review actions ---------------------------------------------------------------------------------


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Assessment(_Request):
    status: Status
    version: int = Field(ge=0, le=MAX_ID, description="The `version` of the incident you reviewed.")


def _edit() -> Any:
    return Field(default=None, max_length=500)


class FieldEdits(_Request):
    """The editable fields (:data:`tawthiq.review.EDITABLE_FIELDS`); a string sets a value, null (or an
    empty string) restores the machine's, an absent field is left alone."""

    event_type: str | None = _edit()
    sub_event_type: str | None = _edit()
    date_start: str | None = Field(default=None, max_length=500, examples=["2017-04-12"])
    date_end: str | None = _edit()
    place: str | None = _edit()
    admin1: str | None = _edit()
    admin2: str | None = _edit()
    lat: str | None = _edit()
    lon: str | None = _edit()
    perpetrator: str | None = _edit()
    target: str | None = _edit()
    killed: str | None = Field(default=None, max_length=500, examples=["12"])
    civilians: str | None = _edit()
    children: str | None = _edit()
    women: str | None = _edit()
    injured: str | None = _edit()


class Edit(_Request):
    edits: FieldEdits
    version: int = Field(ge=0, le=MAX_ID, description="The `version` of the incident you edited.")


class NewNote(_Request):
    text: str = Field(min_length=1, max_length=MAX_NOTE_LENGTH)


class Merge(_Request):
    ids: list[str] = Field(min_length=2, max_length=100, description="The incidents that are one incident.")
    note: str = Field(default="", max_length=2_000, description="Why, for the audit log.")


class Split(_Request):
    event_ids: list[str] = Field(
        min_length=1, max_length=1_000, description="The claims (`event_id`) that report another incident."
    )
    note: str = Field(default="", max_length=2_000, description="Why, for the audit log.")


# --- documents --------------------------------------------------------------------------------------


class DocumentSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    sha256: str
    url: str | None


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int
    next: str | None


class DocumentHeader(DocumentSummary):
    text: str = Field(description="The cleaned text; every span indexes it.")


class Custody(BaseModel):
    origin: str
    retrieved_at: dt.datetime


class DocumentDetail(BaseModel):
    """``document_to_dict`` plus the original's custody and the incidents the document reports."""

    document: DocumentHeader
    events: list[Event]
    aggregates: list[Aggregate]
    errors: list[str]
    media_type: str | None = Field(description="The archived original's media type.")
    custody: list[Custody] = Field(description="Every time the original was read: from where, when.")
    duplicate_of: str | None = Field(description="The document this one nearly repeats (a syndicated copy).")
    incidents: list[str] = Field(description="The incidents holding a claim from this document.")


# --- accounts, tokens, audit ------------------------------------------------------------------------


class Me(BaseModel):
    name: str
    role: str
    via: Literal["session", "token", "public"]
    permissions: list[str]


class NewToken(_Request):
    label: str = Field(min_length=1, max_length=200, description="What the token is for (a script's name).")


class Token(BaseModel):
    id: int
    user: str
    label: str
    created_at: dt.datetime
    revoked: bool


class CreatedToken(Token):
    token: str = Field(description="The token itself: shown this once, never again. Keep it secret.")


class AuditEntry(BaseModel):
    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: Any
    after: Any
    previous_hash: str
    hash: str


class AuditPage(BaseModel):
    items: list[AuditEntry]
    limit: int
    offset: int
    next: str | None
