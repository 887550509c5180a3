"""Schemathesis against the app's own OpenAPI document: no operation answers with a server error.

Every operation of ``/api/v1`` is called in-process (ASGI) with an admin's token, with inputs generated
from the document, valid and invalid ones alike (schemathesis's positive and negative modes). Random ids
rarely name a stored record, so three in four of the generated ids and versions are swapped for real ones:
the write operations then really assess, edit, merge, split and revoke, and their success paths are
exercised too. Responses must also match the document: status codes, content types and bodies.

Short and deterministic for CI: a few examples per operation, derandomized.
"""

from __future__ import annotations

import zlib
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tawthiq.store import Store
from tawthiq.web import api
from tawthiq.web.auth import digest, new_token

EXAMPLES_PER_OPERATION = 20
WRITES = {
    "POST /api/v1/incidents/{incident_id}/assessment": "incident.assess",
    "PATCH /api/v1/incidents/{incident_id}": "incident.edit",
    "POST /api/v1/incidents/{incident_id}/notes": "incident.note",
    "POST /api/v1/incidents/merge": "incident.merge",
    "POST /api/v1/incidents/{incident_id}/split": "incident.split",
    "POST /api/v1/tokens": "token.add",
    "DELETE /api/v1/tokens/{token_id}": "token.revoke",
}
"""Each write operation and the audit action that shows one of its calls went through."""
VALID_EDITS: list[dict[str, str | None]] = [
    {"killed": "3"},
    {"place": "حلب", "admin1": "Aleppo", "lat": "36.2", "lon": "37.15"},
    {"date_start": "2019-05-20", "killed": None},
]
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _operations() -> list[tuple[str, str]]:
    """Every operation of the API, read from the router's own OpenAPI document (no store needed)."""
    bare = FastAPI(openapi_url="/api/v1/openapi.json")
    bare.include_router(api.router)
    return [(method.upper(), path) for path, item in bare.openapi()["paths"].items() for method in item]


OPERATIONS = _operations()


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    """The document as the real app serves it, over this test's own copy of the examples store, where
    two incidents were merged so that there is one a split can take apart."""
    store: Store = app.state.store
    store.record_merge([i.id for i in store.incidents(limit=2)], by="test-setup")
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def _pick(value: object, choices: list[Any]) -> Any:
    """A real value instead of ``value`` three times in four, chosen by ``value`` itself (deterministic)."""
    if not choices:
        return value
    code = zlib.crc32(repr(value).encode())
    return choices[(code >> 2) % len(choices)] if code % 4 else value


def _realistic(case: schemathesis.Case[Any], store: Store, own_token: int) -> None:
    """Swap generated ids and versions for stored ones, in place, so writes reach the store."""
    incidents = {i.id: i for i in store.incidents(limit=50)}
    params = case.path_parameters or {}
    if "incident_id" in params:
        several = [i for i, incident in sorted(incidents.items()) if len(incident.claims) > 1]
        splitting = case.operation.path.endswith("/split")
        params["incident_id"] = _pick(params["incident_id"], several if splitting else sorted(incidents))
    if "document_id" in params:
        params["document_id"] = _pick(params["document_id"], [d.id for d in store.documents()])
    if "token_id" in params:
        params["token_id"] = _pick(params["token_id"], [t.id for t in store.tokens() if t.id != own_token])
    body = case.body
    if not isinstance(body, dict):
        return
    incident = incidents.get(str(params.get("incident_id")))
    if incident is not None and "version" in body:
        body["version"] = _pick(body["version"], [incident.version])
    if incident is not None and "event_ids" in body and len(incident.claims) > 1:
        body["event_ids"] = _pick(body["event_ids"], [[incident.claims[0].event_id]])
    if isinstance(body.get("edits"), dict):
        body["edits"] = _pick(body["edits"], VALID_EDITS)
    if isinstance(body.get("ids"), list):
        body["ids"] = _pick(body["ids"], [sorted(incidents)[:2], sorted(incidents)[1:4]])


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_operation_fails_on_any_input(
    method: str, path: str, api_schema: schemathesis.BaseSchema, web_store: Store
) -> None:
    operation = api_schema[path][method]
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)
    )

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: schemathesis.Case[Any]) -> None:
        token = new_token("tq_")
        kept = web_store.add_token("admin", digest(token), "schemathesis", by="test-setup")
        _realistic(case, web_store, kept.id)
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    call()
    action = WRITES.get(f"{method} {path}")
    if action is not None:
        done = [e for e in web_store.audit(limit=10_000) if e.action == action and e.actor == "admin"]
        assert done, f"no generated {method} {path} succeeded: the write path was never exercised"


def test_the_document_lists_the_write_operations() -> None:
    """Guards the test above: if the writes fell out of the document, schemathesis would not call them."""
    operations = {f"{method} {path}" for method, path in OPERATIONS}
    assert {
        "POST /api/v1/incidents/{incident_id}/assessment",
        "PATCH /api/v1/incidents/{incident_id}",
        "POST /api/v1/incidents/{incident_id}/notes",
        "POST /api/v1/incidents/merge",
        "POST /api/v1/incidents/{incident_id}/split",
        "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{token_id}",
        "GET /api/v1/exports/{export_format}",
    } <= operations
    assert set(WRITES) <= operations
