"""The incident list and the incident page, with every review action: assess, edit, note, merge, split.

Every write checks the role first (403), then the form's CSRF token (403), then applies the change
through the store, which audits it and, for assessments and edits, refuses it if the incident changed
since the reviewer opened it (409, with a link to reload). The public view reads the same pages
through :func:`tawthiq.export.restricted.public_incident`: no report text, no mentions, no notes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response

from tawthiq.export.restricted import public_incident
from tawthiq.records import Claim, Document, Incident
from tawthiq.review import (
    ASSESSMENTS,
    EDITABLE_FIELDS,
    REVIEWER,
    STATUSES,
    ReviewError,
    actor_name,
    field_values,
)
from tawthiq.store.base import StaleIncident, Store
from tawthiq.web.auth import Principal
from tawthiq.web.deps import check_csrf, get_config, get_store, page_permission
from tawthiq.web.highlight import excerpt
from tawthiq.web.i18n import language_of
from tawthiq.web.render import redirect, render
from tawthiq.web.views.filters import event_type_options, governorates, read_filters

router = APIRouter()

Reader = Annotated[Principal, Depends(page_permission("read"))]

FIELD_SOURCE = {
    "event_type": "type",
    "sub_event_type": "type",
    "date_start": "date",
    "date_end": "date",
    "place": "location",
    "admin1": "location",
    "admin2": "location",
    "lat": "location",
    "lon": "location",
    "perpetrator": "actors",
    "target": "actors",
    "killed": "fatalities",
    "civilians": "fatalities",
    "children": "fatalities",
    "women": "fatalities",
    "injured": "fatalities",
}
"""Which of the machine's provenance entries (:func:`tawthiq.link.incident.canonical_event`) each
editable field comes from."""

SORT_COLUMNS = {"date": "date", "killed": "killed", "sources": "sources", "updated": "updated"}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the incident list."""

    id: str
    date: str
    event_type: str
    sub_event_type: str
    place: str
    admin1: str
    perpetrator: str
    best: int | None
    low: int | None
    high: int | None
    sources: int
    status: str
    updated: str


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of the incident page: its value now, and where it comes from. When a reviewer set
    it, ``machine`` is what the machine proposed, still shown beside it."""

    name: str
    value: str
    reviewer: str | None
    machine: str | None
    claim: Claim | None


@dataclass(frozen=True, slots=True)
class ClaimView:
    claim: Claim
    document: Document | None
    fields: dict[str, str]
    excerpt: str


def _row(incident: Incident) -> Row:
    event, place = incident.event, incident.event.location
    date = ""
    if event.date is not None:
        start, end = event.date.start.isoformat(), event.date.end.isoformat()
        date = start if start == end else f"{start} – {end}"
    return Row(
        id=incident.id,
        date=date,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        place=place.name if place else "",
        admin1=(place.admin1 or "") if place else "",
        perpetrator=actor_name(event, "perpetrator") or "",
        best=event.fatalities.killed,  # the best estimate, or a reviewer's figure
        low=incident.low,
        high=incident.high,
        sources=incident.sources,
        status=incident.status,
        updated=incident.updated_at.date().isoformat() if incident.updated_at else "",
    )


@router.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
def incident_list(request: Request, principal: Reader) -> Response:
    store, config = get_store(request), get_config(request)
    filters = read_filters(request)
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    # Counted only up to a cap (past the page asked for, so the pager stays exact): a common search
    # word can match every incident, and counting them all takes longer than people wait.
    cap = max(config.count_cap, page * config.page_size + 1)
    total = store.count_incidents(filters.query, cap=cap)
    pages = max(1, math.ceil(total / config.page_size))
    page = min(page, pages)
    found = store.incidents(filters.query, limit=config.page_size, offset=(page - 1) * config.page_size)
    rows = [_row(public_incident(i) if principal.public else i) for i in found]
    return render(
        request,
        "incidents.html",
        principal,
        {
            "filters": filters,
            "rows": rows,
            "total": total,
            "at_least": total >= cap,
            "page": page,
            "pages": pages,
            "statuses": STATUSES,
            "event_types": event_type_options(),
            "governorates": governorates(),
            "sort": filters.query.sort,
        },
    )


def _field_rows(incident: Incident) -> list[FieldRow]:
    claims = {claim.event_id: claim for claim in incident.claims}
    machine = {k: v for k, v in incident.provenance if not v.startswith(REVIEWER)}
    reviewers = {k: v[len(REVIEWER) :] for k, v in incident.provenance if v.startswith(REVIEWER)}
    values = field_values(incident.event)
    rows = []
    for name in EDITABLE_FIELDS:
        claim = claims.get(machine.get(FIELD_SOURCE[name], ""))
        machine_value: str | None = None
        if name in reviewers:
            if name == "killed":
                machine_value = "" if incident.best is None else str(incident.best)
            elif claim is not None:
                machine_value = field_values(claim.event)[name]
            else:
                machine_value = ""
        rows.append(FieldRow(name, values[name], reviewers.get(name), machine_value, claim))
    return rows


def _claim_views(store: Store, incident: Incident, *, public: bool) -> list[ClaimView]:
    documents: dict[str, Document | None] = {}
    views = []
    for claim in incident.claims:
        document = None
        shown = ""
        if not public:
            if claim.document_id not in documents:
                documents[claim.document_id] = store.get_document(claim.document_id)
            document = documents[claim.document_id]
            if document is not None:
                shown = excerpt(document.text, claim.event.evidence)
        views.append(ClaimView(claim, document, field_values(claim.event), shown))
    return views


@router.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
def incident_page(request: Request, incident_id: str, principal: Reader) -> Response:
    store = get_store(request)
    incident = store.get_incident(incident_id)
    if incident is None:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND,
            f"no incident {incident_id}: it may have been merged or split; search the list for it",
        )
    if principal.public:
        incident = public_incident(incident)
    context = {
        "incident": incident,
        "fields": _field_rows(incident),
        "claims": _claim_views(store, incident, public=principal.public),
        "notes": [] if principal.public else store.notes(incident_id),
        "history": store.audit(target=f"incident:{incident_id}", limit=50) if principal.can("audit") else [],
        "assessments": ASSESSMENTS,
        "statuses": STATUSES,
        "event_types": event_type_options(),
        "saved": request.query_params.get("saved") == "1",
        "public": principal.public,
    }
    return render(request, "incident.html", principal, context)


def _message(
    request: Request, principal: Principal, title: str, message: str, link: str, code: int
) -> Response:
    t = language_of(request)
    return render(
        request,
        "message.html",
        principal,
        {
            "title": t(title),
            "message": message,
            "link": link,
            "link_label": t("reload" if code == 409 else "back"),
        },
        status_code=code,
    )


def _version(form_value: object) -> int:
    try:
        return int(str(form_value))
    except ValueError:
        raise ReviewError("the form lost the incident's version: reload the incident and try again") from None


def _reviewed(
    request: Request, principal: Principal, incident_id: str, write: Callable[[], object], anchor: str = ""
) -> Response:
    """Make a review write (the store checks it), then back to the incident; a version conflict is a
    409 page with a reload link, a refused value a 400 page saying what to change."""
    back = f"/incidents/{incident_id}"
    try:
        write()
    except StaleIncident as error:
        return _message(request, principal, "stale_title", str(error), back, 409)
    except ReviewError as error:
        return _message(request, principal, "error_title", str(error), back, 400)
    return redirect(f"{back}?saved=1{anchor}")


@router.post("/incidents/{incident_id}/assess", include_in_schema=False)
async def assess(
    request: Request, incident_id: str, principal: Annotated[Principal, Depends(page_permission("assess"))]
) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    return _reviewed(
        request,
        principal,
        incident_id,
        lambda: get_store(request).assess_incident(
            incident_id, str(form.get("status", "")), by=principal.name, version=_version(form.get("version"))
        ),
    )


@router.post("/incidents/{incident_id}/edit", include_in_schema=False)
async def edit(
    request: Request, incident_id: str, principal: Annotated[Principal, Depends(page_permission("edit"))]
) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    store = get_store(request)
    back = f"/incidents/{incident_id}"
    incident = store.get_incident(incident_id)
    if incident is None:
        return _message(request, principal, "stale_title", f"no incident {incident_id}", "/incidents", 409)
    current = field_values(incident.event)
    overridden = dict(incident.overrides)
    edits: dict[str, str | None] = {}
    for name in EDITABLE_FIELDS:
        if name not in form:
            continue
        submitted = str(form.get(name, "")).strip()
        if not submitted:
            if name in overridden:
                edits[name] = None  # emptied: the machine's value comes back
        elif submitted != current[name]:
            edits[name] = submitted
    if not edits:
        return redirect(back)
    return _reviewed(
        request,
        principal,
        incident_id,
        lambda: store.edit_incident(
            incident_id, edits, by=principal.name, version=_version(form.get("version"))
        ),
    )


@router.post("/incidents/{incident_id}/notes", include_in_schema=False)
async def add_note(
    request: Request, incident_id: str, principal: Annotated[Principal, Depends(page_permission("note"))]
) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    store = get_store(request)
    if store.get_incident(incident_id) is None:
        return _message(request, principal, "stale_title", f"no incident {incident_id}", "/incidents", 409)
    text = str(form.get("text", ""))
    return _reviewed(
        request,
        principal,
        incident_id,
        lambda: store.add_note(incident_id, text, by=principal.name),
        "#notes",
    )


@router.post("/incidents/{incident_id}/merge", include_in_schema=False)
async def merge(
    request: Request, incident_id: str, principal: Annotated[Principal, Depends(page_permission("merge"))]
) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    store = get_store(request)
    back = f"/incidents/{incident_id}"
    other = str(form.get("other", "")).strip()
    missing = [i for i in (incident_id, other) if not i or store.get_incident(i) is None]
    if missing or other == incident_id:
        message = (
            f"cannot merge {incident_id} with {other or '(nothing)'}: type the id of another existing "
            "incident (it is shown at the top of its page)"
        )
        return _message(request, principal, "error_title", message, back, 400)
    merged = store.record_merge(
        [incident_id, other], by=principal.name, note=str(form.get("note", "")).strip()
    )
    return redirect(f"/incidents/{merged}?saved=1")


@router.post("/incidents/{incident_id}/split", include_in_schema=False)
async def split(
    request: Request, incident_id: str, principal: Annotated[Principal, Depends(page_permission("merge"))]
) -> Response:
    await check_csrf(request, principal)
    form = await request.form()
    store = get_store(request)
    back = f"/incidents/{incident_id}"
    chosen = [str(value) for value in form.getlist("event")]
    incident = store.get_incident(incident_id)
    if incident is None:
        return _message(request, principal, "stale_title", f"no incident {incident_id}", "/incidents", 409)
    members = {claim.event_id for claim in incident.claims}
    if not chosen or not set(chosen) < members:
        message = "tick some of the claims, but not all of them: those ticked become an incident of their own"
        return _message(request, principal, "error_title", message, back, 400)
    apart, _rest = store.record_split(
        incident_id, chosen, by=principal.name, note=str(form.get("note", "")).strip()
    )
    return redirect(f"/incidents/{apart}?saved=1")
