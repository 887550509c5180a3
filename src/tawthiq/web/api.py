"""The REST API under ``/api/v1``: incidents, claims, documents, review actions, exports, tokens, audit.

Scripts authenticate with ``Authorization: Bearer <token>`` (``tawthiq tokens add NAME``, or
``POST /api/v1/tokens``); a browser's session cookie works too, and then every write must carry the
session's CSRF token in ``X-CSRF-Token``. Each operation asks :func:`tawthiq.accounts.allowed` for the
same permission the pages ask for, so the API and the web app never disagree about a role.

Records leave in the shapes of :mod:`tawthiq.serialize` (validated by :mod:`tawthiq.web.schemas`). In the
published public view, anonymous readers get incidents only, each through
:func:`tawthiq.export.public_incident`, and nothing that holds the reports' words.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import tempfile
import threading
from collections.abc import Callable, Coroutine, Generator, Iterator
from itertools import islice
from typing import IO, Annotated, Any, cast, get_args

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException

from tawthiq.accounts import Permission, allowed
from tawthiq.export import BINARY_FORMATS, TEXT_FORMATS, ExportError, ExportOptions, public_incident
from tawthiq.export.restricted import public_claim
from tawthiq.records import Claim, Document, Incident
from tawthiq.review import ReviewError
from tawthiq.serialize import document_to_dict, event_to_dict, incident_to_dict
from tawthiq.store.base import ApiToken, IncidentQuery, Note, Original, StaleIncident, Store
from tawthiq.web import schemas
from tawthiq.web.auth import TOKEN_PREFIX, Principal, digest, new_token
from tawthiq.web.deps import authorize, check_csrf, get_config, get_store

PREFIX = "/api/v1"
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
"""Deeper than any store we expect, and within what SQLite and PostgreSQL accept."""

PERMISSIONS: tuple[Permission, ...] = get_args(Permission)


Responses = dict[int | str, dict[str, Any]]


def _error(description: str) -> dict[str, Any]:
    return {"model": schemas.Error, "description": description}


UNAUTHORIZED: Responses = {
    401: _error("No valid API token or session: send 'Authorization: Bearer <token>'.")
}
FORBIDDEN: Responses = {
    403: _error("Your role lacks the permission, or a session write lacks its CSRF token.")
}
NOT_FOUND: Responses = {404: _error("No such record.")}
CONFLICT: Responses = {409: _error("The incident changed since you read it: reload it and try again.")}
INVALID: Responses = {
    422: _error("The request is not valid; the message names the field and what to change.")
}
READ: Responses = {**UNAUTHORIZED, **FORBIDDEN, **INVALID}
WRITE: Responses = {**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **INVALID}


class ApiRoute(APIRoute):
    """Answers every API error as ``{"detail": "<what went wrong and what to do>"}``: request validation
    errors become one readable sentence, and the store's review errors become 409 or 422."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as error:
                return _detail(status.HTTP_422_UNPROCESSABLE_CONTENT, validation_message(error))
            except StaleIncident as error:
                return _detail(status.HTTP_409_CONFLICT, str(error))
            except (ReviewError, ExportError) as error:
                return _detail(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error))
            except StarletteHTTPException as error:
                if error.status_code != status.HTTP_400_BAD_REQUEST:
                    raise
                # FastAPI's answer to a body it cannot even decode: one more invalid request.
                return _detail(
                    status.HTTP_422_UNPROCESSABLE_CONTENT,
                    "the body could not be read: send a JSON object, encoded as UTF-8",
                )

        return route


def _detail(code: int, message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=code)


def validation_message(error: RequestValidationError) -> str:
    """FastAPI's list of validation errors as one sentence naming each field."""
    parts = []
    for item in list(error.errors())[:5]:
        if item.get("type") == "json_invalid":
            parts.append(f"the body is not valid JSON ({item.get('ctx', {}).get('error', 'cannot parse')})")
            continue
        where, *path = [str(part) for part in item.get("loc", ())] or ["request"]
        name = ".".join(path)
        place = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(where, where)
        message = item.get("msg", "is not valid")
        parts.append(f"{place} {name!r}: {message}" if name else f"the {where}: {message}")
    return "; ".join(parts) + ": correct the request and send it again"


router = APIRouter(prefix=PREFIX, route_class=ApiRoute, tags=["api"])

StoreDep = Annotated[Store, Depends(get_store)]


# --- who may do what --------------------------------------------------------------------------------


def _closed_to_public() -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "the public view shows incidents only: log in, or send an API token "
        "as 'Authorization: Bearer <token>'",
        headers={"WWW-Authenticate": "Bearer"},
    )


def reader(request: Request) -> Principal:
    """Anyone who may read incidents, the public view's anonymous reader included."""
    return authorize(request, "read", page=False)


reader.permission = "read"  # type: ignore[attr-defined]  # read by the authorisation-matrix test


def member(permission: Permission) -> Callable[[Request], Principal]:
    """An account holding ``permission``; the public view's reader is refused (401)."""

    def dependency(request: Request) -> Principal:
        principal = authorize(request, permission, page=False)
        if principal.public:
            raise _closed_to_public()
        return principal

    dependency.permission = permission  # type: ignore[attr-defined]  # read by the authorisation-matrix test
    return dependency


def writer(permission: Permission) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """An account holding ``permission`` whose request may write: a session write needs its CSRF token."""
    account = member(permission)

    # A default, not an annotation: the annotations of this module are strings (PEP 563), and FastAPI
    # could not resolve a name local to this function in one.
    async def dependency(request: Request, principal: Principal = Depends(account)) -> Principal:  # noqa: B008
        await check_csrf(request, principal)
        return principal

    dependency.permission = permission  # type: ignore[attr-defined]  # read by the authorisation-matrix test
    return dependency


Reader = Annotated[Principal, Depends(reader)]


# --- filters and pages ------------------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    value = value.strip() if value is not None else None
    return value or None


def incident_query(
    since: Annotated[dt.date | None, Query(description="Incidents on or after this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Incidents on or before this day.")] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="Governorate, e.g. Aleppo.")] = None,
    event_type: Annotated[
        str | None, Query(max_length=200, description="ACLED event or sub-event type.")
    ] = None,
    perpetrator: Annotated[
        str | None, Query(max_length=500, description="Perpetrator's canonical name.")
    ] = None,
    status_: Annotated[
        schemas.Status | None, Query(alias="status", description="Verification status.")
    ] = None,
    min_killed: Annotated[
        int | None, Query(ge=0, le=10_000_000, description="At least this many killed.")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=500, description="Words in the reports or the names, whatever the Arabic spelling."),
    ] = None,
    sort: Annotated[schemas.SortKey, Query(description="Order; '-' for descending.")] = "date",
) -> IncidentQuery:
    """The filters the list, map, timeline and exports share (:class:`IncidentQuery`)."""
    return IncidentQuery(
        since=since,
        until=until,
        admin1=_clean(admin1),
        event_type=_clean(event_type),
        perpetrator=_clean(perpetrator),
        status=status_,
        min_killed=min_killed,
        text=_clean(q),
        sort=sort,
    )


Filters = Annotated[IncidentQuery, Depends(incident_query)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def _public_query(principal: Principal, query: IncidentQuery) -> None:
    """The public view answers no question about the reports' words or unresolved names: a text or
    perpetrator search would tell whether a name appears in them."""
    if principal.public and (query.text or query.perpetrator):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the public view does not search the reports' words or names (q, perpetrator): "
            "log in, or send an API token",
            headers={"WWW-Authenticate": "Bearer"},
        )


def next_page(request: Request, offset: int, limit: int, more: bool) -> str | None:
    """The path and query of the next page, keeping every filter; None on the last page."""
    if not more:
        return None
    url = request.url.include_query_params(offset=offset + limit, limit=limit)
    return f"{url.path}?{url.query}"


# --- incidents --------------------------------------------------------------------------------------


def incident_out(incident: Incident, principal: Principal) -> dict[str, Any]:
    """``incident_to_dict``; the public view's copy holds no restricted field, no reviewer-typed
    value and no reviewer's name (:func:`tawthiq.export.public_incident`)."""
    return incident_to_dict(public_incident(incident) if principal.public else incident)


def _incident(store: Store, incident_id: str) -> Incident:
    incident = store.get_incident(incident_id)
    if incident is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"there is no incident {incident_id!r}: it may have been merged or split; "
            "find it again with GET /api/v1/incidents",
        )
    return incident


IncidentId = Annotated[str, Path(max_length=200, description="The incident's id.")]


@router.get("/incidents", response_model=schemas.IncidentPage, responses=READ, summary="List incidents")
def list_incidents(
    request: Request,
    store: StoreDep,
    principal: Reader,
    query: Filters,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Incidents the filters keep, a page at a time; ``total`` counts them over all pages, or only up
    to a cap (``total_is_lower_bound``), always past this page so that ``next`` is exact."""
    _public_query(principal, query)
    cap = max(get_config(request).count_cap, offset + limit + 1)
    total = store.count_incidents(query, cap=cap)
    items = [incident_out(i, principal) for i in store.incidents(query, limit=limit, offset=offset)]
    return {
        "items": items,
        "total": total,
        "total_is_lower_bound": total >= cap,
        "limit": limit,
        "offset": offset,
        "next": next_page(request, offset, limit, offset + limit < total),
    }


@router.get("/incidents/points", response_model=list[schemas.Point], responses=READ, summary="Map points")
def incident_points(store: StoreDep, principal: Reader, query: Filters) -> list[dict[str, Any]]:
    """Every located incident the filters keep, as a map point (columns only: fast for many)."""
    _public_query(principal, query)
    return [
        {
            "id": p.id,
            "lat": p.lat,
            "lon": p.lon,
            "event_type": p.event_type,
            "date": p.date,
            "killed": p.killed,
            "status": p.status,
            "place": p.place,
        }
        for p in store.incident_points(query)
    ]


@router.get(
    "/incidents/timeline", response_model=list[schemas.WeekCount], responses=READ, summary="Weekly counts"
)
def incident_timeline(store: StoreDep, principal: Reader, query: Filters) -> list[dict[str, Any]]:
    """Incidents and killed per week and perpetrator. The public view sums over perpetrators: a name
    the knowledge base did not resolve is a report's words."""
    _public_query(principal, query)
    counts = store.weekly_counts(query)
    if not principal.public:
        return [
            {"week": c.week, "perpetrator": c.perpetrator, "incidents": c.incidents, "killed": c.killed}
            for c in counts
        ]
    weeks: dict[dt.date, list[int]] = {}
    for count in counts:
        totals = weeks.setdefault(count.week, [0, 0])
        totals[0] += count.incidents
        totals[1] += count.killed
    return [
        {"week": week, "perpetrator": None, "incidents": incidents, "killed": killed}
        for week, (incidents, killed) in sorted(weeks.items())
    ]


@router.post(
    "/incidents/merge",
    response_model=schemas.Incident,
    responses={**WRITE},
    summary="Merge incidents",
)
def merge_incidents(
    body: schemas.Merge, store: StoreDep, principal: Annotated[Principal, Depends(writer("merge"))]
) -> dict[str, Any]:
    """Record that these incidents are one; every later linking run keeps the merge."""
    ids = list(dict.fromkeys(body.ids))
    if len(ids) < 2:
        raise ReviewError("a merge needs at least two different incidents: list each incident once")
    for incident_id in ids:
        _incident(store, incident_id)
    merged = store.record_merge(ids, by=principal.name, note=body.note)
    return incident_out(_incident(store, merged), principal)


@router.get(
    "/incidents/{incident_id}",
    response_model=schemas.IncidentDetail,
    responses={**READ, **NOT_FOUND},
    summary="One incident",
)
def get_incident(store: StoreDep, principal: Reader, incident_id: IncidentId) -> dict[str, Any]:
    """The incident with its claims, each field's provenance, reviewers' overrides, version and notes."""
    incident = _incident(store, incident_id)
    notes = None if principal.public else [_note(n) for n in store.notes(incident.id)]
    return {**incident_out(incident, principal), "notes": notes}


@router.get(
    "/incidents/{incident_id}/claims",
    response_model=list[schemas.Claim],
    responses={**READ, **NOT_FOUND},
    summary="An incident's claims",
)
def incident_claims(store: StoreDep, principal: Reader, incident_id: IncidentId) -> list[dict[str, Any]]:
    """Every report of the incident: its document, outlet, date and the event as that report told it."""
    incident = _incident(store, incident_id)
    return [_claim(public_claim(c) if principal.public else c) for c in incident.claims]


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "event_id": claim.event_id,
        "document_id": claim.document_id,
        "outlet": claim.outlet,
        "published": claim.published,
        "duplicate_of": claim.duplicate_of,
        "party_claim": claim.party_claim,
        "event": event_to_dict(claim.event),
    }


def _note(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "incident_id": note.incident_id,
        "author": note.author,
        "text": note.text,
        "at": note.at,
    }


@router.post(
    "/incidents/{incident_id}/assessment",
    response_model=schemas.Incident,
    responses={**WRITE, **CONFLICT},
    summary="Assess an incident",
)
def assess_incident(
    body: schemas.Assessment,
    store: StoreDep,
    principal: Annotated[Principal, Depends(writer("assess"))],
    incident_id: IncidentId,
) -> dict[str, Any]:
    """Set the verification status of the incident you read at ``version``."""
    _incident(store, incident_id)
    incident = store.assess_incident(incident_id, body.status, by=principal.name, version=body.version)
    return incident_out(incident, principal)


@router.patch(
    "/incidents/{incident_id}",
    response_model=schemas.Incident,
    responses={**WRITE, **CONFLICT},
    summary="Edit an incident's fields",
)
def edit_incident(
    body: schemas.Edit,
    store: StoreDep,
    principal: Annotated[Principal, Depends(writer("edit"))],
    incident_id: IncidentId,
) -> dict[str, Any]:
    """Lay your values over the machine's (null restores the machine's); the machine's stay kept."""
    edits = body.edits.model_dump(exclude_unset=True)
    if not edits:
        raise ReviewError("no field was edited: give at least one field in 'edits'")
    _incident(store, incident_id)
    incident = store.edit_incident(incident_id, edits, by=principal.name, version=body.version)
    return incident_out(incident, principal)


@router.get(
    "/incidents/{incident_id}/notes",
    response_model=list[schemas.Note],
    responses={**READ, **NOT_FOUND},
    summary="An incident's notes",
)
def incident_notes(
    store: StoreDep, _principal: Annotated[Principal, Depends(member("read"))], incident_id: IncidentId
) -> list[dict[str, Any]]:
    """Reviewers' notes on the incident, oldest first."""
    incident = _incident(store, incident_id)
    return [_note(n) for n in store.notes(incident.id)]


@router.post(
    "/incidents/{incident_id}/notes",
    response_model=schemas.Note,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE,
    summary="Add a note",
)
def add_note(
    body: schemas.NewNote,
    store: StoreDep,
    principal: Annotated[Principal, Depends(writer("note"))],
    incident_id: IncidentId,
) -> dict[str, Any]:
    """Keep a note on the incident (audited); notes are never shown in the public view."""
    incident = _incident(store, incident_id)
    return _note(store.add_note(incident.id, body.text, by=principal.name))


@router.post(
    "/incidents/{incident_id}/split",
    response_model=schemas.SplitResult,
    responses={**WRITE, **CONFLICT},
    summary="Split an incident",
)
def split_incident(
    body: schemas.Split,
    store: StoreDep,
    principal: Annotated[Principal, Depends(writer("merge"))],
    incident_id: IncidentId,
) -> dict[str, Any]:
    """Record that these claims report another incident; every later linking run keeps the split."""
    incident = _incident(store, incident_id)
    members = {claim.event_id for claim in incident.claims}
    apart = set(body.event_ids)
    unknown = sorted(apart - members)
    if unknown:
        raise ReviewError(
            f"{', '.join(unknown[:5])} {'is' if len(unknown) == 1 else 'are'} not a claim of {incident_id}: "
            "split off event_ids listed in its claims"
        )
    if apart == members:
        raise ReviewError("a split must leave at least one claim in the incident: split off fewer claims")
    first, second = store.record_split(incident_id, sorted(apart), by=principal.name, note=body.note)
    return {
        "split": incident_out(_incident(store, first), principal),
        "rest": incident_out(_incident(store, second), principal),
    }


# --- documents --------------------------------------------------------------------------------------

DocumentId = Annotated[str, Path(max_length=500, description="The document's id.")]
Member = Annotated[Principal, Depends(member("read"))]


def _summary(document: Document) -> dict[str, Any]:
    header = document_to_dict(document)["document"]
    return {key: header[key] for key in ("id", "title", "outlet", "published", "language", "sha256", "url")}


def _original(store: Store, document: Document) -> Original | None:
    return store.original(document.sha256) if document.sha256 else None


def _document(store: Store, document_id: str) -> Document:
    document = store.get_document(document_id)
    if document is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"there is no document {document_id!r}: list them with GET /api/v1/documents",
        )
    return document


@router.get("/documents", response_model=schemas.DocumentPage, responses=READ, summary="List documents")
def list_documents(
    request: Request, store: StoreDep, _principal: Member, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Stored documents in id order, a page at a time (never in the public view)."""
    total = store.counts().get("documents", 0)
    items = [_summary(d) for d in islice(store.documents(), offset, offset + limit)]
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": next_page(request, offset, limit, offset + limit < total),
    }


@router.get(
    "/documents/{document_id:path}/original",
    responses={
        200: {
            "description": "The archived bytes, unaltered, as an attachment.",
            "content": {
                "*/*": {"schema": {"description": "The bytes, in the media type they were read in."}}
            },
        },
        **READ,
        **NOT_FOUND,
    },
    response_class=Response,
    summary="A document's original bytes",
)
def document_original(store: StoreDep, _principal: Member, document_id: DocumentId) -> Response:
    """The original exactly as it was read (its sha256 matches the document's), as a download that a
    browser never renders: archived HTML may hold scripts."""
    document = _document(store, document_id)
    original = _original(store, document)
    if original is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"the original of {document_id!r} is not archived in this store: re-ingest the source",
        )
    name = re.sub(r"[^A-Za-z0-9._-]", "_", document.id)[:100] or "original"
    return Response(
        original.content,
        media_type=original.media_type or "application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Security-Policy": "sandbox",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get(
    "/documents/{document_id:path}",
    response_model=schemas.DocumentDetail,
    responses={**READ, **NOT_FOUND},
    summary="One document",
)
def get_document(store: StoreDep, _principal: Member, document_id: DocumentId) -> dict[str, Any]:
    """The document with its cleaned text, the events found in it, its custody and its incidents."""
    document = _document(store, document_id)
    original = _original(store, document)
    custody = (
        []
        if original is None
        else [{"origin": c.origin, "retrieved_at": c.retrieved_at} for c in original.custody]
    )
    return {
        **document_to_dict(document),
        "media_type": original.media_type if original else None,
        "custody": custody,
        "duplicate_of": store.duplicate_of(document.id),
        "incidents": store.incidents_of_document(document.id),
    }


# --- exports ----------------------------------------------------------------------------------------

MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "ucdp-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
CHUNK = 64 * 1024


@router.get(
    "/exports/{export_format}",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The export, as an attachment (text formats stream as they are written).",
            "content": {
                **{
                    media.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                    for media, _ in MEDIA_TYPES.values()
                },
                "application/geo+json": {"schema": {"type": "object", "description": "RFC 7946"}},
            },
        },
        **READ,
    },
    summary="Export incidents",
)
def export_incidents(
    store: StoreDep,
    _principal: Annotated[Principal, Depends(member("export"))],
    export_format: Annotated[schemas.ExportFormat, Path(description="The format (docs/output.md).")],
    query: Filters,
    public: Annotated[
        bool, Query(description="Leave out the restricted fields (the reports' words).")
    ] = False,
) -> StreamingResponse:
    """The incidents the filters keep in an export format, as ``tawthiq export`` writes them."""
    options = ExportOptions(public=public, evidence_text=None if public else store.evidence_reader())
    media, extension = MEDIA_TYPES[export_format]
    headers = {"Content-Disposition": f'attachment; filename="tawthiq-incidents.{extension}"'}
    if export_format in TEXT_FORMATS:
        writer_ = TEXT_FORMATS[export_format]
        chunks = _streamed(lambda sink: writer_(store.incidents(query), sink, options))
        return StreamingResponse(chunks, media_type=media, headers=headers)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 (closed after sending)
    try:
        BINARY_FORMATS[export_format](store.incidents(query), cast(IO[bytes], spool), options)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return StreamingResponse(_read_out(spool), media_type=media, headers=headers)


def _read_out(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(CHUNK):
            yield chunk


class _CancelledError(Exception):
    """The client went away: the export thread stops writing."""


class _QueueSink:
    """A text stream whose writes go, in chunks of about :data:`CHUNK` characters, to a bounded queue:
    the writer runs ahead of the client by a few chunks at most."""

    def __init__(self, chunks: queue.Queue[object], stop: threading.Event) -> None:
        self.chunks, self.stop = chunks, stop
        self.buffer: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.buffer.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.buffer:
            self.put("".join(self.buffer))
            self.buffer, self.size = [], 0

    def put(self, item: object) -> None:
        while True:
            if self.stop.is_set():
                raise _CancelledError()
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


_END = object()


def _streamed(write: Callable[[IO[str]], object]) -> Generator[str]:
    """Run a push-style writer in a thread and pull what it writes, chunk by chunk (bounded memory)."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=8)
    stop = threading.Event()
    sink = _QueueSink(chunks, stop)

    def produce() -> None:
        try:
            write(cast(IO[str], sink))
            sink.flush()
            sink.put(_END)
        except _CancelledError:
            return
        except Exception as error:  # handed to the response, which re-raises it
            try:
                sink.put(error)
            except _CancelledError:
                return

    thread = threading.Thread(target=produce, name="tawthiq-export", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _END:
                return
            if isinstance(item, Exception):
                raise item
            yield cast(str, item)
    finally:
        stop.set()


# --- accounts, tokens, audit ------------------------------------------------------------------------


@router.get("/me", response_model=schemas.Me, responses=UNAUTHORIZED, summary="Who you are")
def me(principal: Reader) -> dict[str, Any]:
    """The account this request acts as, its role and what that role may do."""
    return {
        "name": principal.name,
        "role": principal.role,
        "via": principal.via,
        "permissions": [
            p for p in PERMISSIONS if allowed(principal.role, p) and (p == "read" or not principal.public)
        ],
    }


def _token(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.id,
        "user": token.user,
        "label": token.label,
        "created_at": token.created_at,
        "revoked": token.revoked,
    }


@router.post(
    "/tokens",
    response_model=schemas.CreatedToken,
    status_code=status.HTTP_201_CREATED,
    responses={**UNAUTHORIZED, **FORBIDDEN, **INVALID},
    summary="Create an API token",
)
def create_token(
    body: schemas.NewToken, store: StoreDep, principal: Annotated[Principal, Depends(writer("read"))]
) -> dict[str, Any]:
    """A new token acting as you, with your role; the token is in this answer only, so keep it."""
    if not body.label.strip():
        raise ReviewError("the label is empty: say what the token is for")
    token = new_token(TOKEN_PREFIX)
    kept = store.add_token(principal.name, digest(token), body.label.strip(), by=principal.name)
    return {**_token(kept), "token": token}


@router.get(
    "/tokens",
    response_model=list[schemas.Token],
    responses={**UNAUTHORIZED, **FORBIDDEN},
    summary="List API tokens",
)
def list_tokens(store: StoreDep, principal: Member) -> list[dict[str, Any]]:
    """Your tokens (an admin sees everyone's); never the tokens themselves, which are not kept."""
    owner = None if principal.can("admin") else principal.name
    return [_token(t) for t in store.tokens(owner)]


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**UNAUTHORIZED, **FORBIDDEN, **NOT_FOUND, **INVALID},
    summary="Revoke an API token",
)
def revoke_token(
    store: StoreDep,
    principal: Annotated[Principal, Depends(writer("read"))],
    token_id: Annotated[int, Path(ge=1, le=schemas.MAX_ID)],
) -> Response:
    """Revoke one of your tokens (an admin: anyone's); requests with it are refused from now on."""
    owner = None if principal.can("admin") else principal.name
    found = next((t for t in store.tokens(owner) if t.id == token_id), None)
    if found is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"you have no API token {token_id}: list yours with GET /api/v1/tokens"
        )
    if not found.revoked:
        store.revoke_token(token_id, by=principal.name)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/audit", response_model=schemas.AuditPage, responses=READ, summary="The audit log")
def audit_log(
    request: Request,
    store: StoreDep,
    _principal: Annotated[Principal, Depends(member("audit"))],
    target: Annotated[
        str | None,
        Query(max_length=500, description="One target's entries: incident:ID, user:NAME, token:ID."),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every review and account write, newest first, hash-chained (admins only)."""
    entries = store.audit(target=_clean(target), limit=limit + 1, offset=offset)
    items = [
        {
            "id": e.id,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "target": e.target,
            "before": e.before,
            "after": e.after,
            "previous_hash": e.previous_hash,
            "hash": e.hash,
        }
        for e in entries[:limit]
    ]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": next_page(request, offset, limit, len(entries) > limit),
    }
