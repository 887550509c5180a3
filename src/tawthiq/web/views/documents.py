"""A source document: its archived original, its cleaned text with the evidence marked, and its custody.

The original is whatever a website sent: it may hold scripts, trackers or links. It is never put in
our pages. It is served on its own URL with ``Content-Security-Policy: sandbox`` (no script runs, no
request leaves, it is not same-origin with the app) and shown in an ``<iframe sandbox>``; or
downloaded as bytes, exactly as archived.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response

from tawthiq.records import Span
from tawthiq.web.auth import Principal
from tawthiq.web.deps import get_store, page_permission
from tawthiq.web.highlight import highlight
from tawthiq.web.render import render

router = APIRouter()

Reader = Annotated[Principal, Depends(page_permission("read"))]

ORIGINAL_CSP = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "form-action 'none'; frame-ancestors 'self'"
)
"""For the archived original only: no script, no network, no form, framed by our page only."""


def _not_found(document_id: str) -> HTTPException:
    return HTTPException(
        status.HTTP_404_NOT_FOUND, f"no document {document_id}: open it from an incident's claims"
    )


def _marked(value: str) -> list[Span]:
    """``?mark=120-260,300-320``: the words one claim rests on (a link from the incident page); the
    evidence of every event in the document when absent or unreadable."""
    spans = []
    for part in value.split(",")[:50]:
        start, _, end = part.partition("-")
        if start.isdigit() and end.isdigit() and int(start) <= int(end):
            spans.append(Span(int(start), int(end)))
    return spans


@router.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, document_id: str, principal: Reader) -> Response:
    store = get_store(request)
    document = store.get_document(document_id)
    if document is None:
        raise _not_found(document_id)
    original = None
    text = ""
    if not principal.public:
        original = store.original(document.sha256) if document.sha256 else None
        spans = _marked(request.query_params.get("mark", "")) or [
            span for event in document.events for span in event.evidence
        ]
        text = highlight(document.text, spans)
    context = {
        "document": document,
        "original": original,
        "text": text,
        "incidents": store.incidents_of_document(document_id),
        "duplicate_of": store.duplicate_of(document_id),
        "public": principal.public,
    }
    return render(request, "document.html", principal, context)


@router.get("/documents/{document_id}/original", include_in_schema=False)
def document_original(request: Request, document_id: str, principal: Reader) -> Response:
    if principal.public:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "originals are not part of the public view: log in")
    store = get_store(request)
    document = store.get_document(document_id)
    if document is None or not document.sha256:
        raise _not_found(document_id)
    original = store.original(document.sha256)
    if original is None:
        raise _not_found(document_id)
    headers = {
        "Content-Security-Policy": ORIGINAL_CSP,
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
    }
    media_type = original.media_type or "application/octet-stream"
    if request.query_params.get("download") == "1":
        headers["Content-Disposition"] = f'attachment; filename="{original.sha256}"'
        media_type = "application/octet-stream"
    elif not media_type.startswith(("text/html", "text/plain")):
        media_type = "text/plain"  # shown as text, never interpreted as something else
    headers["Content-Type"] = media_type  # as archived: Starlette would otherwise add charset=utf-8
    return Response(original.content, headers=headers)
