"""The REST API under /api/v1, over a real store holding the bundled examples (tests/web/conftest.py).

Five incidents from three documents: two in Idleb (Kafr Nobol; Maarat al-Numan, 9 killed), one in
Ar-Raqqa (4 killed), two in Dar'a (one with 3 killed).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tawthiq.cli import main
from tawthiq.export import ACLED_COLUMNS
from tawthiq.review import EDITABLE_FIELDS
from tawthiq.store import Store, open_store
from tawthiq.web import WebConfig, create_app
from tawthiq.web.api import CHUNK, _streamed
from tawthiq.web.auth import CSRF_HEADER
from tawthiq.web.schemas import FieldEdits

API = "/api/v1"
BASE_URL = "https://testserver"
"""As in conftest.py: HTTPS, so that the client sends the app's Secure cookies back."""
Client = Callable[[str], TestClient]


def _ids(store: Store) -> list[str]:
    return [incident.id for incident in store.incidents()]


def _by_place(store: Store, name: str) -> str:
    return next(i.id for i in store.incidents() if i.event.location and i.event.location.name == name)


def _version(store: Store, incident_id: str) -> int:
    incident = store.get_incident(incident_id)
    assert incident is not None
    return incident.version


def _walk(value: Any) -> list[tuple[str, Any]]:
    """Every (key, value) pair anywhere in a JSON value."""
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in [(key, item), *_walk(item)]]
    if isinstance(value, list):
        return [pair for item in value for pair in _walk(item)]
    return []


def _assert_public(value: Any) -> None:
    """No restricted field: no report's words (mentions, evidence text), no span into a report."""
    for key, item in _walk(value):
        if key == "mention":
            assert item == "", f"a mention left in the public view: {item!r}"
        if key in {"span", "evidence_text"}:
            assert item in (None, []), f"{key} left in the public view: {item!r}"
        if key == "evidence":
            assert item == [], f"evidence spans left in the public view: {item!r}"


# --- incidents: list, pages, filters ----------------------------------------------------------------


def test_pages_cover_every_incident_once_and_count_the_total(api_as: Client, web_store: Store) -> None:
    client = api_as("viewer")
    seen: list[str] = []
    url: str | None = f"{API}/incidents?limit=2&sort=-date"
    pages = 0
    while url is not None:
        page = client.get(url).json()
        assert page["total"] == 5 and page["limit"] == 2 and len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        url, pages = page["next"], pages + 1
    assert pages == 3
    assert sorted(seen) == sorted(_ids(web_store)) and len(seen) == len(set(seen))
    dates = [web_store.get_incident(i).event.date.start for i in seen]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)


def test_a_capped_total_is_flagged_a_lower_bound_and_next_stays_exact(app: FastAPI, api_as: Client) -> None:
    app.state.config = dataclasses.replace(app.state.config, count_cap=2)
    client = api_as("viewer")
    first = client.get(f"{API}/incidents?limit=2").json()
    assert first["total"] == 3 and first["total_is_lower_bound"] is True  # counted just past this page
    seen, page = [item["id"] for item in first["items"]], first
    while page["next"] is not None:
        page = client.get(page["next"]).json()
        seen += [item["id"] for item in page["items"]]
    assert page["total"] == 5 and page["total_is_lower_bound"] is False and len(set(seen)) == 5
    exact = client.get(f"{API}/incidents", params={"admin1": "Idleb"}).json()
    assert exact["total"] == 2 and exact["total_is_lower_bound"] is False and exact["next"] is None


def test_next_keeps_the_filters(api_as: Client) -> None:
    page = api_as("viewer").get(f"{API}/incidents", params={"admin1": "Idleb", "limit": 1}).json()
    assert page["total"] == 2
    assert "admin1=Idleb" in page["next"] and "offset=1" in page["next"]
    last = api_as("viewer").get(page["next"]).json()
    assert last["next"] is None and len(last["items"]) == 1


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"admin1": "idleb"}, {"كفر نبل", "معرة النعمان"}),
        ({"since": "2020-01-01", "until": "2020-12-31"}, {"الرقة"}),
        ({"min_killed": 4}, {"معرة النعمان", "الرقة"}),
        ({"event_type": "Battles"}, {"طفس"}),
        ({"perpetrator": "Military Forces of Russia (2000-)"}, {"معرة النعمان"}),
        # a spelling variant: ه for ة, as many reports write it
        ({"q": "معره النعمان"}, {"كفر نبل", "معرة النعمان"}),
        ({"q": "ادلب"}, {"كفر نبل", "معرة النعمان"}),
        ({"q": "الرقه"}, {"الرقة"}),
        ({"status": "confirmed"}, set()),
    ],
)
def test_filters(api_as: Client, params: dict[str, Any], expected: set[str]) -> None:
    page = api_as("viewer").get(f"{API}/incidents", params=params).json()
    assert {item["event"]["location"]["name"] for item in page["items"]} == expected
    assert page["total"] == len(expected)


def test_sort_by_killed_puts_unknown_last(api_as: Client) -> None:
    items = api_as("viewer").get(f"{API}/incidents", params={"sort": "-killed"}).json()["items"]
    assert [item["casualties"]["best"] for item in items][:3] == [9, 4, 3]


def test_status_filter_follows_assessments(api_as: Client, web_store: Store) -> None:
    incident = _by_place(web_store, "الرقة")
    web_store.assess_incident(incident, "confirmed", by="reviewer", version=_version(web_store, incident))
    page = api_as("viewer").get(f"{API}/incidents", params={"status": "confirmed"}).json()
    assert [item["id"] for item in page["items"]] == [incident]


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=501",
        "offset=-1",
        "min_killed=-3",
        "status=verified",
        "sort=place",
        "since=yesterday",
    ],
)
def test_invalid_parameters_say_which_and_what_to_do(api_as: Client, query: str) -> None:
    response = api_as("viewer").get(f"{API}/incidents?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert query.split("=", maxsplit=1)[0] in detail and "correct the request" in detail


# --- one incident, claims, map, timeline ------------------------------------------------------------


def test_an_incident_with_claims_provenance_version_and_notes(api_as: Client, web_store: Store) -> None:
    incident_id = _by_place(web_store, "معرة النعمان")
    web_store.add_note(incident_id, "two outlets disagree on the toll", by="analyst")
    data = api_as("viewer").get(f"{API}/incidents/{incident_id}").json()
    assert data["id"] == incident_id and data["version"] == _version(web_store, incident_id)
    assert data["overrides"] == {}
    assert data["claims"][0]["document_id"] == "example-ar-idlib-market"
    assert data["casualties"]["best"] == 9
    assert data["provenance"]["date"]["document_id"] == "example-ar-idlib-market"
    assert [note["text"] for note in data["notes"]] == ["two outlets disagree on the toll"]
    claims = api_as("viewer").get(f"{API}/incidents/{incident_id}/claims").json()
    assert claims == data["claims"]
    notes = api_as("viewer").get(f"{API}/incidents/{incident_id}/notes").json()
    assert notes == data["notes"]


def test_an_unknown_incident_is_404_with_a_hint(api_as: Client) -> None:
    for path in ("inc-nothing", "inc-nothing/claims", "inc-nothing/notes"):
        response = api_as("viewer").get(f"{API}/incidents/{path}")
        assert response.status_code == 404
        assert "GET /api/v1/incidents" in response.json()["detail"]


def test_map_points_and_weekly_counts(api_as: Client) -> None:
    client = api_as("viewer")
    points = client.get(f"{API}/incidents/points", params={"admin1": "Idleb"}).json()
    assert {p["place"] for p in points} == {"كفر نبل", "معرة النعمان"}
    assert all(34 < p["lat"] < 37 and 35 < p["lon"] < 38 for p in points)
    weeks = client.get(f"{API}/incidents/timeline").json()
    assert sum(w["incidents"] for w in weeks) == 5 and sum(w["killed"] for w in weeks) == 16
    assert {
        "week": "2019-05-20",
        "perpetrator": "Military Forces of Russia (2000-)",
        "incidents": 1,
        "killed": 9,
    } in weeks


# --- review actions and roles -----------------------------------------------------------------------


def test_viewer_reads_but_never_writes(api_as: Client, web_store: Store) -> None:
    viewer = api_as("viewer")
    incident_id = _ids(web_store)[0]
    version = _version(web_store, incident_id)
    refused = [
        viewer.post(f"{API}/incidents/{incident_id}/assessment", json={"status": "fair", "version": version}),
        viewer.patch(f"{API}/incidents/{incident_id}", json={"edits": {"killed": "2"}, "version": version}),
        viewer.post(f"{API}/incidents/{incident_id}/notes", json={"text": "mine"}),
        viewer.post(f"{API}/incidents/merge", json={"ids": _ids(web_store)[:2]}),
        viewer.get(f"{API}/exports/jsonl"),
        viewer.get(f"{API}/audit"),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert "the viewer role may not do this" in refused[0].json()["detail"]
    assert _version(web_store, incident_id) == version


def test_analyst_edits_and_notes_but_does_not_assess_or_merge(api_as: Client, web_store: Store) -> None:
    analyst = api_as("analyst")
    incident_id = _by_place(web_store, "الرقة")
    version = _version(web_store, incident_id)
    edited = analyst.patch(
        f"{API}/incidents/{incident_id}", json={"edits": {"killed": "5"}, "version": version}
    )
    assert edited.status_code == 200, edited.text
    data = edited.json()
    assert data["version"] == version + 1 and data["overrides"] == {"killed": "5"}
    assert data["event"]["fatalities"]["killed"] == 5
    assert data["provenance"]["killed"]["event_id"] == "review:analyst"
    note = analyst.post(f"{API}/incidents/{incident_id}/notes", json={"text": "ملاحظة: المصدر واحد"})
    assert note.status_code == 201 and note.json()["author"] == "analyst"
    assess = analyst.post(
        f"{API}/incidents/{incident_id}/assessment", json={"status": "fair", "version": version + 1}
    )
    merge = analyst.post(f"{API}/incidents/merge", json={"ids": _ids(web_store)[:2]})
    assert (assess.status_code, merge.status_code) == (403, 403)
    cleared = analyst.patch(
        f"{API}/incidents/{incident_id}", json={"edits": {"killed": None}, "version": version + 1}
    )
    assert cleared.json()["overrides"] == {} and cleared.json()["event"]["fatalities"]["killed"] == 4


def test_reviewer_assesses_merges_and_splits(api_as: Client, web_store: Store) -> None:
    reviewer = api_as("reviewer")
    first, second = _by_place(web_store, "طفس"), sorted(_ids(web_store))[0]
    assessed = reviewer.post(
        f"{API}/incidents/{first}/assessment",
        json={"status": "confirmed", "version": _version(web_store, first)},
    )
    assert assessed.status_code == 200 and assessed.json()["status"] == "confirmed"
    daraa = [i for i in _ids(web_store) if web_store.get_incident(i).event.location.admin1 == "Dar'a"]  # type: ignore[union-attr]
    merged = reviewer.post(f"{API}/incidents/merge", json={"ids": daraa, "note": "one clash, two reports"})
    assert merged.status_code == 200, merged.text
    whole = merged.json()
    assert len(whole["claims"]) == 2 and whole["locked"]
    assert web_store.count_incidents() == 4
    apart = whole["claims"][0]["event_id"]
    split = reviewer.post(f"{API}/incidents/{whole['id']}/split", json={"event_ids": [apart]})
    assert split.status_code == 200, split.text
    assert [c["event_id"] for c in split.json()["split"]["claims"]] == [apart]
    assert len(split.json()["rest"]["claims"]) == 1
    assert web_store.count_incidents() == 5
    assert second  # the other incidents are untouched
    assert reviewer.get(f"{API}/audit").status_code == 403


def test_split_and_merge_refuse_what_cannot_be_done(api_as: Client, web_store: Store) -> None:
    reviewer = api_as("reviewer")
    incident = web_store.get_incident(_ids(web_store)[0])
    assert incident is not None
    whole = reviewer.post(
        f"{API}/incidents/{incident.id}/split", json={"event_ids": [incident.claims[0].event_id]}
    )
    assert whole.status_code == 422 and "at least one claim" in whole.json()["detail"]
    stranger = reviewer.post(f"{API}/incidents/{incident.id}/split", json={"event_ids": ["ev-nothing"]})
    assert stranger.status_code == 422 and "not a claim of" in stranger.json()["detail"]
    same = reviewer.post(f"{API}/incidents/merge", json={"ids": [incident.id, incident.id]})
    assert same.status_code == 422 and "two different incidents" in same.json()["detail"]
    gone = reviewer.post(f"{API}/incidents/merge", json={"ids": [incident.id, "inc-nothing"]})
    assert gone.status_code == 404


def test_a_stale_version_is_refused_with_409(api_as: Client, web_store: Store) -> None:
    reviewer, analyst = api_as("reviewer"), api_as("analyst")
    incident_id = _ids(web_store)[0]
    url = f"{API}/incidents/{incident_id}"
    version = _version(web_store, incident_id)
    assert analyst.patch(url, json={"edits": {"place": "حلب"}, "version": version}).status_code == 200
    late = reviewer.post(f"{url}/assessment", json={"status": "weak", "version": version})
    assert late.status_code == 409
    assert "changed by someone else" in late.json()["detail"] and "reload" in late.json()["detail"]
    assert web_store.get_incident(incident_id).status == "unreviewed"  # type: ignore[union-attr]
    fresh = reviewer.post(f"{url}/assessment", json={"status": "weak", "version": version + 1})
    assert fresh.status_code == 200 and fresh.json()["version"] == version + 2


def test_invalid_edits_are_422_with_the_reviews_message(api_as: Client, web_store: Store) -> None:
    analyst = api_as("analyst")
    incident_id = _ids(web_store)[0]
    url = f"{API}/incidents/{incident_id}"
    count = analyst.patch(
        url, json={"edits": {"killed": "dozens"}, "version": _version(web_store, incident_id)}
    )
    assert count.status_code == 422 and "is not a count" in count.json()["detail"]
    empty = analyst.patch(url, json={"edits": {}, "version": 0})
    assert empty.status_code == 422 and "give at least one field" in empty.json()["detail"]
    unknown = analyst.patch(url, json={"edits": {"tags": "x"}, "version": 0})
    assert unknown.status_code == 422 and "edits.tags" in unknown.json()["detail"]
    broken = analyst.patch(url, content=b"{", headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "not valid JSON" in broken.json()["detail"]


def test_the_edit_model_lists_every_editable_field() -> None:
    assert set(FieldEdits.model_fields) == set(EDITABLE_FIELDS)


def test_session_writes_need_the_csrf_header_and_token_writes_do_not(
    client_as: Client, api_as: Client, web_store: Store
) -> None:
    incident_id = _ids(web_store)[0]
    url = f"{API}/incidents/{incident_id}/notes"
    browser = client_as("analyst")
    assert browser.post(url, json={"text": "no header"}).status_code == 403
    assert browser.post(url, json={"text": "forged"}, headers={CSRF_HEADER: "forged"}).status_code == 403
    sent = browser.post(url, json={"text": "with header"}, headers={CSRF_HEADER: browser.csrf})
    assert sent.status_code == 201
    assert browser.get(url).status_code == 200  # reads need no CSRF token
    assert api_as("analyst").post(url, json={"text": "by script"}).status_code == 201
    assert [n.text for n in web_store.notes(incident_id)] == ["with header", "by script"]


# --- tokens and who am I ----------------------------------------------------------------------------


def test_me(api_as: Client, client_as: Client) -> None:
    me = api_as("analyst").get(f"{API}/me").json()
    assert me == {
        "name": "analyst",
        "role": "analyst",
        "via": "token",
        "permissions": ["read", "export", "note", "edit", "ingest"],
    }
    assert client_as("admin").get(f"{API}/me").json()["via"] == "session"


def test_a_token_made_through_the_api_works_until_revoked(app: FastAPI, api_as: Client) -> None:
    analyst = api_as("analyst")
    made = analyst.post(f"{API}/tokens", json={"label": "nightly export"})
    assert made.status_code == 201
    token, token_id = made.json()["token"], made.json()["id"]
    assert token.startswith("tq_") and made.json()["user"] == "analyst"
    listed = analyst.get(f"{API}/tokens").json()
    assert {"id": token_id, "label": "nightly export", "revoked": False}.items() <= listed[-1].items()
    assert all("token" not in row for row in listed)
    with TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {token}"}) as script:
        assert script.get(f"{API}/me").json()["name"] == "analyst"
        assert api_as("viewer").delete(f"{API}/tokens/{token_id}").status_code == 404  # not theirs
        assert analyst.delete(f"{API}/tokens/{token_id}").status_code == 204
        refused = script.get(f"{API}/incidents")
        assert refused.status_code == 401 and "unknown or revoked" in refused.json()["detail"]
    assert analyst.get(f"{API}/tokens").json()[-1]["revoked"] is True


def test_an_admin_lists_and_revokes_anyones_token(api_as: Client, web_store: Store) -> None:
    reviewer, admin = api_as("reviewer"), api_as("admin")
    made = reviewer.post(f"{API}/tokens", json={"label": "scraper"}).json()
    assert {t["user"] for t in reviewer.get(f"{API}/tokens").json()} == {"reviewer"}
    assert {"reviewer", "admin"} <= {t["user"] for t in admin.get(f"{API}/tokens").json()}
    assert admin.delete(f"{API}/tokens/{made['id']}").status_code == 204
    assert next(t for t in web_store.tokens() if t.id == made["id"]).revoked


def test_a_malformed_authorization_header_is_401(app: FastAPI) -> None:
    with TestClient(app, base_url=BASE_URL, headers={"Authorization": "Basic dXNlcjpwYXNz"}) as client:
        response = client.get(f"{API}/incidents")
    assert response.status_code == 401 and "Bearer" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"


def test_anonymous_gets_401_everywhere_when_there_is_no_public_view(anonymous: TestClient) -> None:
    for path in ("/incidents", "/incidents/points", "/documents", "/me", "/tokens", "/exports/jsonl"):
        response = anonymous.get(API + path)
        assert response.status_code == 401, path
        assert "Authorization: Bearer" in response.json()["detail"]


# --- documents and originals ------------------------------------------------------------------------


def test_documents_page_and_detail(api_as: Client, web_store: Store) -> None:
    client = api_as("viewer")
    page = client.get(f"{API}/documents", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next"].endswith("offset=2&limit=2")
    assert set(page["items"][0]) == {"id", "title", "outlet", "published", "language", "sha256", "url"}
    detail = client.get(f"{API}/documents/example-ar-idlib-market").json()
    assert "معرة النعمان" in detail["document"]["text"]
    assert len(detail["events"]) == 2 and detail["media_type"] == "application/json"
    assert detail["custody"][0]["origin"].endswith("reports.jsonl#L1")
    assert sorted(detail["incidents"]) == sorted(
        i
        for i in _ids(web_store)
        if web_store.get_incident(i).claims[0].document_id == "example-ar-idlib-market"  # type: ignore[union-attr]
    )
    assert client.get(f"{API}/documents/nothing").status_code == 404


def test_an_original_downloads_unaltered_and_never_renders(api_as: Client, web_store: Store) -> None:
    response = api_as("viewer").get(f"{API}/documents/ar-daraa-clashes/original")
    assert response.status_code == 200
    document = web_store.get_document("ar-daraa-clashes")
    assert document is not None
    assert hashlib.sha256(response.content).hexdigest() == document.sha256
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-disposition"] == 'attachment; filename="ar-daraa-clashes"'
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"


# --- exports ----------------------------------------------------------------------------------------


def test_exports_in_every_format(api_as: Client) -> None:
    client = api_as("analyst")
    acled = client.get(f"{API}/exports/acled-csv")
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert "attachment" in acled.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(acled.text)))
    assert rows[0] == list(ACLED_COLUMNS) and len(rows) == 6
    ucdp = client.get(f"{API}/exports/ucdp-csv", params={"admin1": "Idleb"})
    assert len(list(csv.reader(io.StringIO(ucdp.text)))) == 3
    geojson = client.get(f"{API}/exports/geojson").json()
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 5
    jsonl = [json.loads(line) for line in client.get(f"{API}/exports/jsonl").text.splitlines()]
    assert len(jsonl) == 5 and all(claim["evidence_text"] for claim in jsonl[0]["claims"])
    assert client.get(f"{API}/exports/parquet").content[:4] == b"PAR1"
    assert client.get(f"{API}/exports/xlsx").content[:2] == b"PK"
    assert client.get(f"{API}/exports/pdf").status_code == 422


def test_a_public_export_has_no_restricted_field(api_as: Client) -> None:
    client = api_as("analyst")
    full = client.get(f"{API}/exports/jsonl").text
    assert '"mention": "' in full and "evidence_text" in full
    public = client.get(f"{API}/exports/jsonl", params={"public": "true"}).text
    records = [json.loads(line) for line in public.splitlines()]
    assert len(records) == 5
    for record in records:
        _assert_public(record)
    assert "evidence_text" not in public


def test_the_streamed_writer_yields_chunks_and_stops_when_the_client_goes() -> None:
    finished = threading.Event()

    def endless(stream: IO[str]) -> None:
        try:
            for number in range(10**9):
                stream.write(f"row {number}\n")
        finally:
            finished.set()

    chunks = _streamed(endless)
    first, second = next(chunks), next(chunks)
    assert len(first) >= CHUNK and second.startswith("row ")
    chunks.close()  # what the server does when the client disconnects
    assert finished.wait(5), "the writer thread kept running after the client left"


def test_a_failing_writer_fails_the_stream() -> None:
    def broken(stream: IO[str]) -> None:
        stream.write("header\n")
        raise ValueError("disk on fire")

    with pytest.raises(ValueError, match="disk on fire"):
        list(_streamed(broken))


# --- audit ------------------------------------------------------------------------------------------


def test_admin_reads_the_audit_log_by_target(api_as: Client, web_store: Store) -> None:
    incident_id = _ids(web_store)[0]
    version = _version(web_store, incident_id)
    api_as("reviewer").post(
        f"{API}/incidents/{incident_id}/assessment", json={"status": "fair", "version": version}
    )
    admin = api_as("admin")
    page = admin.get(f"{API}/audit", params={"target": f"incident:{incident_id}"}).json()
    assert [(e["action"], e["actor"], e["after"]) for e in page["items"]] == [
        ("incident.assess", "reviewer", {"status": "fair"})
    ]
    first = admin.get(f"{API}/audit", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next"] is not None
    second = admin.get(first["next"]).json()
    assert second["items"][0]["id"] < first["items"][-1]["id"]


# --- the public view --------------------------------------------------------------------------------


@pytest.fixture
def public(web_store: Store, anonymous: TestClient) -> TestClient:
    web_store.set_setting("public_view", "on", by="admin")
    return anonymous


def test_the_public_view_shows_incidents_without_restricted_fields(
    public: TestClient, web_store: Store
) -> None:
    incident_id = _by_place(web_store, "معرة النعمان")
    version = _version(web_store, incident_id)
    web_store.edit_incident(
        incident_id, {"perpetrator": "Abu Someone's brigade"}, by="reviewer", version=version
    )
    web_store.add_note(incident_id, "the witness is X, do not publish", by="analyst")
    page = public.get(f"{API}/incidents")
    assert page.status_code == 200 and page.json()["total"] == 5
    _assert_public(page.json())
    one = public.get(f"{API}/incidents/{incident_id}").json()
    _assert_public(one)
    assert one["notes"] is None and one["overrides"] == {}
    assert "Abu Someone" not in json.dumps(one, ensure_ascii=False)
    assert "review:reviewer" not in json.dumps(one)
    _assert_public(public.get(f"{API}/incidents/{incident_id}/claims").json())
    weeks = public.get(f"{API}/incidents/timeline").json()
    assert {w["perpetrator"] for w in weeks} == {None} and sum(w["incidents"] for w in weeks) == 5
    assert public.get(f"{API}/incidents/points").status_code == 200
    assert public.get(f"{API}/me").json() == {
        "name": "public",
        "role": "viewer",
        "via": "public",
        "permissions": ["read"],
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/documents"),
        ("GET", "/documents/ar-daraa-clashes"),
        ("GET", "/documents/ar-daraa-clashes/original"),
        ("GET", "/incidents/INCIDENT/notes"),
        ("GET", "/audit"),
        ("GET", "/tokens"),
        ("GET", "/exports/jsonl?public=true"),
        ("GET", "/incidents?q=%D8%A7%D8%AF%D9%84%D8%A8"),
        ("GET", "/incidents?perpetrator=Civilians%20(Syria)"),
        ("POST", "/incidents/INCIDENT/notes"),
        ("POST", "/incidents/INCIDENT/assessment"),
        ("POST", "/tokens"),
    ],
)
def test_the_public_view_keeps_everything_else_closed(
    public: TestClient, web_store: Store, method: str, path: str
) -> None:
    url = API + path.replace("INCIDENT", _ids(web_store)[0])
    response = public.request(method, url, json={"text": "x", "status": "fair", "version": 0, "label": "x"})
    assert response.status_code == 401, response.text
    assert "log in" in response.json()["detail"]


# --- the OpenAPI document ---------------------------------------------------------------------------


def test_the_openapi_document_describes_every_operation(anonymous: TestClient) -> None:
    document = anonymous.get(f"{API}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert paths and all(path.startswith(API + "/") for path in paths)
    for path, operations in paths.items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses and operation.get("summary"), f"{method} {path}"
            if "{" in path and not path.endswith("{export_format}"):
                assert "404" in responses, f"{method} {path} documents no 404"
            if operation.get("parameters") or operation.get("requestBody"):
                error = responses["422"]["content"]["application/json"]["schema"]
                assert error == {"$ref": "#/components/schemas/Error"}, f"{method} {path}"
    assert "409" in paths[f"{API}/incidents/{{incident_id}}/assessment"]["post"]["responses"]
    incident = document["components"]["schemas"]["Incident"]
    assert {"version", "overrides", "provenance", "claims"} <= set(incident["required"])


# --- the command line -------------------------------------------------------------------------------


def test_tokens_on_the_command_line(examples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    db.write_bytes(examples_db.read_bytes())
    runner = CliRunner()
    made = runner.invoke(main, ["--db", str(db), "tokens", "add", "reviewer", "--label", "cron"])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("tq_") and "not shown again" in made.stderr
    listed = runner.invoke(main, ["--db", str(db), "tokens", "list", "reviewer"])
    token_id, user, label, _made, state = listed.stdout.strip().splitlines()[-1].split("\t")
    assert (user, label, state) == ("reviewer", "cron", "active")
    with open_store(db) as store:
        app = create_app(store, WebConfig())
        with TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {token}"}) as client:
            assert client.get(f"{API}/me").json()["role"] == "reviewer"
            revoked = runner.invoke(main, ["--db", str(db), "tokens", "revoke", token_id])
            assert revoked.exit_code == 0, revoked.output
            assert client.get(f"{API}/me").status_code == 401
    again = runner.invoke(main, ["--db", str(db), "tokens", "revoke", token_id])
    assert again.exit_code == 0 and "already revoked" in again.stderr
    nobody = runner.invoke(main, ["--db", str(db), "tokens", "add", "nobody"])
    assert nobody.exit_code == 1 and "no account named" in nobody.output
    missing = runner.invoke(main, ["--db", str(db), "tokens", "revoke", "999"])
    assert missing.exit_code == 1 and "no API token 999" in missing.output


def test_a_session_revokes_its_own_token_with_the_csrf_header(
    client_as: Client, api_as: Client, web_store: Store
) -> None:
    script = api_as("viewer")
    token_id = next(t.id for t in web_store.tokens("viewer"))
    browser = client_as("viewer")
    assert browser.delete(f"{API}/tokens/{token_id}").status_code == 403
    assert script.get(f"{API}/me").status_code == 200
    assert browser.delete(f"{API}/tokens/{token_id}", headers={CSRF_HEADER: browser.csrf}).status_code == 204
    assert script.get(f"{API}/me").status_code == 401
