"""The review pages over HTTP: logging in, reading, reviewing, the audit trail, roles and the public view.

Every test runs on its own copy of a database holding the bundled examples (5 incidents: two in
Idleb from one Arabic report, one in Ar-Raqqa from an English report, two in Dar'a from an Arabic
HTML page) and one account per role.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from tawthiq.review import MAX_NOTE_LENGTH
from tawthiq.store import Store
from tawthiq.web import WebConfig, create_app
from tawthiq.web.auth import LOGIN_CSRF_COOKIE, SESSION_COOKIE
from tawthiq.web.i18n import strings_complete
from tawthiq.web.views import maps

PASSWORD = "correct horse battery staple"  # every account's, as tests/web/conftest.py makes them
BASE_URL = "https://testserver"

ClientAs = Callable[[str], TestClient]

IDLIB_STRIKE = "inc-2d7bedfaca3c15ca"  # air strike on Maarat al-Numan market, 9 killed
IDLIB_SHELLING = "inc-465bd0dfaec502f4"  # shelling of Kafr Nabl, same report
RAQQA_IED = "inc-b7b2f8551d525a94"  # roadside bomb near Raqqa, English report


def incident_ids(html: str) -> list[str]:
    """The incidents a list page links to, in order, each once."""
    return list(dict.fromkeys(re.findall(r'href="/incidents/(inc-[0-9a-f]+)"', html)))


def csrf_of(client: TestClient) -> str:
    """The CSRF token of the session ``client_as`` logged the client into."""
    token: str = vars(client)["csrf"]
    return token


def login(client: TestClient, name: str, password: str, next_path: str = "/incidents") -> Response:
    form = client.get("/login", params={"next": next_path})
    assert form.status_code == 200
    token = client.cookies.get(LOGIN_CSRF_COOKIE)
    assert token and f'value="{token}"' in form.text
    response: Response = client.post(
        "/login", data={"name": name, "password": password, "next": next_path, "csrf": token}
    )
    return response


def version_of(store: Store, incident_id: str) -> int:
    incident = store.get_incident(incident_id)
    assert incident is not None
    return incident.version


# --- logging in --------------------------------------------------------------------------------------


def test_login_page_is_arabic_right_to_left_by_default_and_english_on_request(anonymous: TestClient) -> None:
    page = anonymous.get("/login")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "تسجيل الدخول" in page.text
    english = anonymous.get("/login?lang=en")
    assert '<html lang="en" dir="ltr">' in english.text
    assert anonymous.cookies.get("lang") == "en"
    assert '<html lang="en" dir="ltr">' in anonymous.get("/login").text  # the choice sticks


def test_login_starts_a_secure_session_and_goes_where_it_was_asked(anonymous: TestClient) -> None:
    assert anonymous.get("/incidents?status=confirmed").headers["location"] == (
        "/login?next=%2Fincidents%3Fstatus%3Dconfirmed"
    )
    response = login(anonymous, "reviewer", PASSWORD, "/incidents?status=confirmed")
    assert response.status_code == 303
    assert response.headers["location"] == "/incidents?status=confirmed"
    cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and SESSION_COOKIE in v)
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    assert anonymous.get("/incidents").status_code == 200


def test_login_never_redirects_to_another_site(app: FastAPI) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
            response = login(client, "viewer", PASSWORD, target)
        assert response.headers["location"] == "/incidents", target


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(anonymous: TestClient) -> None:
    wrong = login(anonymous, "reviewer", "not the password at all")
    unknown = login(anonymous, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert SESSION_COOKIE not in anonymous.cookies
    assert "الاسم أو كلمة المرور غير صحيحة" in wrong.text


def test_login_form_without_its_token_is_refused(anonymous: TestClient) -> None:
    response = anonymous.post("/login", data={"name": "admin", "password": PASSWORD, "csrf": "forged"})
    assert response.status_code == 403
    assert SESSION_COOKIE not in anonymous.cookies


def test_logins_are_throttled_after_repeated_failures(web_store: Store) -> None:
    app = create_app(web_store, WebConfig(login_failures=2, login_window_s=60))
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        assert login(client, "admin", "guess number one").status_code == 401
        assert login(client, "admin", "guess number two").status_code == 401
        throttled = login(client, "admin", PASSWORD)  # even the right password, for a while
        assert throttled.status_code == 429
        assert int(throttled.headers["retry-after"]) > 0
        assert SESSION_COOKIE not in client.cookies


def test_logout_needs_the_csrf_token_and_ends_the_session(client_as: ClientAs) -> None:
    client = client_as("viewer")
    assert client.post("/logout").status_code == 403
    assert client.post("/logout", data={"csrf": csrf_of(client)}).status_code == 303
    assert client.get("/incidents").status_code == 303


def test_nothing_is_readable_without_logging_in(anonymous: TestClient) -> None:
    for path in (
        "/incidents",
        f"/incidents/{IDLIB_STRIKE}",
        "/documents/example-ar-idlib-market",
        "/documents/example-ar-idlib-market/original",
        "/map",
        "/map/points.json",
        "/timeline",
        "/audit",
        "/admin",
    ):
        response = anonymous.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next="), path


# --- the list ----------------------------------------------------------------------------------------


def test_list_shows_every_incident_newest_first(client_as: ClientAs) -> None:
    page = client_as("viewer").get("/incidents")
    assert page.status_code == 200
    ids = incident_ids(page.text)
    assert len(ids) == 5
    assert ids[-1] == IDLIB_SHELLING  # 2019-05-20, the oldest
    assert "5 حادثة" in page.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"admin1": "Idleb"}, {IDLIB_STRIKE, IDLIB_SHELLING}),
        ({"event_type": "Air/drone strike"}, {IDLIB_STRIKE}),
        ({"event_type": "Explosions/Remote violence"}, {IDLIB_STRIKE, IDLIB_SHELLING, RAQQA_IED}),
        ({"min_killed": "5"}, {IDLIB_STRIKE}),
        ({"since": "2020-01-01", "until": "2020-12-31"}, {RAQQA_IED}),
        ({"status": "confirmed"}, set()),
        ({"q": "الرقه"}, {RAQQA_IED}),  # the report spells it الرقة (and Raqqa)
        ({"q": "ادلب"}, {IDLIB_STRIKE, IDLIB_SHELLING}),  # written إدلب in the report
    ],
)
def test_list_filters(client_as: ClientAs, params: dict[str, str], expected: set[str]) -> None:
    page = client_as("viewer").get("/incidents", params=params)
    assert page.status_code == 200
    assert set(incident_ids(page.text)) == expected


def test_an_unreadable_filter_is_named_not_fatal(client_as: ClientAs) -> None:
    page = client_as("viewer").get("/incidents", params={"since": "yesterday", "min_killed": "-3"})
    assert page.status_code == 200
    assert "is not a date; type it as YYYY-MM-DD" in page.text
    assert len(incident_ids(page.text)) == 5


def test_list_sorts_by_killed_and_paginates(web_store: Store) -> None:
    app = create_app(web_store, WebConfig(page_size=2))
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        login(client, "viewer", PASSWORD)
        first = client.get("/incidents", params={"sort": "-killed"})
        assert incident_ids(first.text)[0] == IDLIB_STRIKE  # 9 killed, the most
        assert "الصفحة 1 من 3" in first.text
        seen = [i for page in (1, 2, 3) for i in incident_ids(client.get(f"/incidents?page={page}").text)]
        assert len(seen) == len(set(seen)) == 5
        assert 'href="/incidents?sort=-date&amp;page=2"' in client.get("/incidents?sort=-date").text


def test_list_past_the_count_cap_says_at_least_and_still_pages(web_store: Store) -> None:
    app = create_app(web_store, WebConfig(page_size=2, count_cap=2))
    with TestClient(app, base_url=BASE_URL, follow_redirects=False) as client:
        login(client, "viewer", PASSWORD)
        first = client.get("/incidents")
        assert "أكثر من 3 حادثة" in first.text and "الصفحة 1 من 2+" in first.text  # counted past page 1
        assert 'rel="next"' in first.text
        last = client.get("/incidents?page=3")
        assert "5 حادثة" in last.text and "أكثر من" not in last.text and "الصفحة 3 من 3" in last.text
        assert 'rel="next"' not in last.text
        seen = [i for page in (1, 2, 3) for i in incident_ids(client.get(f"/incidents?page={page}").text)]
        assert len(seen) == len(set(seen)) == 5


# --- an incident, a document -------------------------------------------------------------------------


def test_incident_page_shows_each_field_with_its_provenance_and_the_evidence_marked(
    client_as: ClientAs,
) -> None:
    page = client_as("viewer").get(f"/incidents/{IDLIB_STRIKE}")
    assert page.status_code == 200
    assert 'id="field-killed"' in page.text
    assert 'href="#claim-ev-2d7bedfaca3c15ca"' in page.text  # each field points at the claim it came from
    assert "Example Network" in page.text
    source = re.search(r'<div class="source-text" lang="ar"[^>]*>(.*?)</div>', page.text, re.S)
    assert source is not None
    assert re.search(r"<mark>[^<]*غارات جوية[^<]*</mark>", source.group(1))
    assert '<p dir="auto">' in source.group(1)
    assert "/documents/example-ar-idlib-market?mark=" in page.text
    assert 'name="version"' not in page.text  # a viewer gets no review form
    assert "دورك للقراءة فقط" in page.text


def test_unknown_incident_is_a_404_page(client_as: ClientAs) -> None:
    page = client_as("viewer").get("/incidents/inc-000")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "no incident inc-000" in page.text


def test_document_page_shows_custody_cleaned_text_and_the_original_sandboxed(
    client_as: ClientAs, web_store: Store
) -> None:
    client = client_as("viewer")
    document = web_store.get_document("ar-daraa-clashes")
    assert document is not None and document.sha256
    page = client.get("/documents/ar-daraa-clashes")
    assert page.status_code == 200
    assert document.sha256 in page.text
    assert "ar-daraa-clashes.html" in page.text  # where the bytes were read
    assert "UTC" in page.text  # when
    assert "<mark>" in page.text
    assert '<iframe class="original" sandbox=""' in page.text
    original = client.get("/documents/ar-daraa-clashes/original")
    assert original.status_code == 200
    assert original.content == web_store.original_bytes(document.sha256)
    assert original.headers["content-security-policy"].startswith("sandbox;")
    assert "default-src 'none'" in original.headers["content-security-policy"]
    assert original.headers["x-frame-options"] == "SAMEORIGIN"
    download = client.get("/documents/ar-daraa-clashes/original?download=1")
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.headers["content-type"] == "application/octet-stream"


def test_document_text_marks_only_the_claim_asked_for(client_as: ClientAs) -> None:
    page = client_as("viewer").get("/documents/example-en-raqqa-ied?mark=0-12")
    assert re.search(r"<mark>Roadside bom</mark>b", page.text)
    assert page.text.count("<mark>") == 1


# --- map and timeline --------------------------------------------------------------------------------


def test_map_points_are_json_and_follow_the_filters(client_as: ClientAs) -> None:
    client = client_as("viewer")
    data = client.get("/map/points.json").json()
    assert data["grouped"] is False
    assert data["total"] == len(data["points"]) == 5
    point = next(p for p in data["points"] if p[0] == IDLIB_STRIKE)
    assert 35.0 < point[1] < 36.5 and 36.0 < point[2] < 37.5  # Maarat al-Numan
    assert point[3] == "unreviewed" and point[4] == 9
    assert point[7] == "انفجارات/عنف عن بعد"  # the type in the interface language
    idlib = client.get("/map/points.json", params={"admin1": "Idleb"}).json()
    assert {p[0] for p in idlib["points"]} == {IDLIB_STRIKE, IDLIB_SHELLING}


def test_many_incidents_are_mapped_by_location(client_as: ClientAs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "MAX_POINTS", 2)
    data = client_as("viewer").get("/map/points.json").json()
    assert data["grouped"] is True and data["total"] == 5
    assert "points" not in data
    assert sum(place[3] for place in data["places"]) == 5  # every incident, once
    tafas = next(place for place in data["places"] if place[2] == "طفس")
    assert tafas[3] == 2 and tafas[4] == 3  # two incidents at Tafas, 3 killed


def test_map_page_loads_our_script_and_the_basemap(client_as: ClientAs) -> None:
    client = client_as("viewer")
    page = client.get("/map?admin1=Idleb")
    assert page.status_code == 200
    if 'id="map-missing"' in page.text:
        assert "make assets" in page.text
    else:
        assert 'data-points="/map/points.json?admin1=Idleb"' in page.text
        assert '<script src="/static/map.js" defer></script>' in page.text
        assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    basemap = client.get("/static/basemap/syria.geojson").json()
    levels = {feature["properties"]["level"] for feature in basemap["features"]}
    assert levels == {0, 1, 2}
    assert any(f["properties"]["name_ar"] == "إدلب" for f in basemap["features"])


def test_timeline_is_an_svg_drawn_on_the_server(client_as: ClientAs) -> None:
    client = client_as("viewer")
    page = client.get("/timeline")
    assert page.status_code == 200
    assert page.text.count('<svg class="timeline"') == 2
    assert re.search(r'<rect class="series-[0-9a-z]+" ', page.text)
    assert "Syrian government forces" in page.text or "Russia" in page.text  # a perpetrator in the legend
    empty = client.get("/timeline", params={"since": "2030-01-01"})
    assert "<svg" not in empty.text
    assert "لا حادثة مؤرّخة" in empty.text


# --- review ------------------------------------------------------------------------------------------


def test_assessing_an_incident_is_audited_and_visible_to_admins(
    client_as: ClientAs, web_store: Store
) -> None:
    reviewer = client_as("reviewer")
    version = version_of(web_store, IDLIB_STRIKE)
    response = reviewer.post(
        f"/incidents/{IDLIB_STRIKE}/assess",
        data={"csrf": csrf_of(reviewer), "status": "confirmed", "version": str(version)},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/incidents/{IDLIB_STRIKE}?saved=1"
    page = reviewer.get(response.headers["location"])
    assert 'id="status">مؤكَّد' in page.text
    assert set(incident_ids(reviewer.get("/incidents?status=confirmed").text)) == {IDLIB_STRIKE}
    audit = client_as("admin").get("/audit")
    assert audit.status_code == 200
    assert 'id="chain"' in audit.text and "سلسلة التجزئة سليمة" in audit.text
    row = re.search(r"<tr>\s*<td class=\"num\">\d+</td>.*?</tr>", audit.text, re.S)  # newest first
    assert row is not None
    assert "reviewer" in row.group(0) and IDLIB_STRIKE in row.group(0) and "confirmed" in row.group(0)
    assert reviewer.get("/audit").status_code == 403  # the log is for admins


def test_a_stale_form_is_refused_with_a_clear_message(client_as: ClientAs, web_store: Store) -> None:
    first, second = client_as("reviewer"), client_as("admin")
    version = version_of(web_store, IDLIB_STRIKE)
    assert (
        first.post(
            f"/incidents/{IDLIB_STRIKE}/assess",
            data={"csrf": csrf_of(first), "status": "fair", "version": str(version)},
        ).status_code
        == 303
    )
    late = second.post(
        f"/incidents/{IDLIB_STRIKE}/assess",
        data={"csrf": csrf_of(second), "status": "discounted", "version": str(version)},
    )
    assert late.status_code == 409
    assert "changed by someone else" in late.text
    assert f'href="/incidents/{IDLIB_STRIKE}"' in late.text
    incident = web_store.get_incident(IDLIB_STRIKE)
    assert incident is not None and incident.status == "fair"  # the first change stands


def test_editing_a_field_keeps_the_machines_value_visible_and_can_restore_it(
    client_as: ClientAs, web_store: Store
) -> None:
    analyst = client_as("analyst")
    csrf = csrf_of(analyst)
    edited = analyst.post(
        f"/incidents/{IDLIB_STRIKE}/edit",
        data={"csrf": csrf, "version": str(version_of(web_store, IDLIB_STRIKE)), "killed": "11", "place": ""},
    )
    assert edited.status_code == 303
    page = analyst.get(f"/incidents/{IDLIB_STRIKE}").text
    row = re.search(r'<tr id="field-killed" class="overridden">.*?</tr>', page, re.S)
    assert row is not None
    assert "<bdi>11</bdi>" in row.group(0)
    assert "عدّله analyst" in row.group(0)
    assert "اقتراح الآلة: <bdi>9</bdi>" in row.group(0)
    assert 'id="field-place" class="overridden"' not in page  # an empty field that was not edited stays
    restored = analyst.post(
        f"/incidents/{IDLIB_STRIKE}/edit",
        data={"csrf": csrf, "version": str(version_of(web_store, IDLIB_STRIKE)), "killed": ""},
    )
    assert restored.status_code == 303
    incident = web_store.get_incident(IDLIB_STRIKE)
    assert incident is not None and incident.event.fatalities.killed == 9 and not incident.overrides
    actions = [e.action for e in web_store.audit(target=f"incident:{IDLIB_STRIKE}")]
    assert actions.count("incident.edit") == 2


def test_an_invalid_edit_says_what_to_type(client_as: ClientAs, web_store: Store) -> None:
    analyst = client_as("analyst")
    response = analyst.post(
        f"/incidents/{IDLIB_STRIKE}/edit",
        data={
            "csrf": csrf_of(analyst),
            "version": str(version_of(web_store, IDLIB_STRIKE)),
            "killed": "many",
        },
    )
    assert response.status_code == 400
    assert "is not a count" in response.text


def test_notes_are_kept_and_shown(client_as: ClientAs, web_store: Store) -> None:
    analyst = client_as("analyst")
    url = f"/incidents/{RAQQA_IED}/notes"
    text = "شاهد عيان أكد الخبر <b>not bold</b>"
    assert analyst.post(url, data={"csrf": csrf_of(analyst), "text": text}).status_code == 303
    page = analyst.get(f"/incidents/{RAQQA_IED}").text
    assert "شاهد عيان أكد الخبر &lt;b&gt;not bold&lt;/b&gt;" in page
    assert analyst.post(url, data={"csrf": csrf_of(analyst), "text": "   "}).status_code == 400
    too_long = analyst.post(url, data={"csrf": csrf_of(analyst), "text": "x" * (MAX_NOTE_LENGTH + 1)})
    assert too_long.status_code == 400 and "longer than" in too_long.text
    assert [n.text for n in web_store.notes(RAQQA_IED)] == [text]


def test_merge_then_split(client_as: ClientAs, web_store: Store) -> None:
    reviewer = client_as("reviewer")
    csrf = csrf_of(reviewer)
    merged = reviewer.post(
        f"/incidents/{IDLIB_STRIKE}/merge",
        data={"csrf": csrf, "other": IDLIB_SHELLING, "note": "same attack"},
    )
    assert merged.status_code == 303
    merged_id = merged.headers["location"].split("/")[-1].split("?")[0]
    incident = web_store.get_incident(merged_id)
    assert incident is not None and len(incident.claims) == 2
    page = reviewer.get(f"/incidents/{merged_id}").text
    assert page.count('form="split-form"') == 2
    event = incident.claims[0].event_id
    split = reviewer.post(f"/incidents/{merged_id}/split", data={"csrf": csrf, "event": event, "note": "no"})
    assert split.status_code == 303
    assert web_store.count_incidents() == 5
    refused = reviewer.post(f"/incidents/{IDLIB_STRIKE}/merge", data={"csrf": csrf, "other": "inc-nope"})
    assert refused.status_code == 400
    assert {"incident.merge", "incident.split"} <= {e.action for e in web_store.audit()}


WRITES = [
    (f"/incidents/{IDLIB_STRIKE}/assess", {"status": "confirmed", "version": "1"}),
    (f"/incidents/{IDLIB_STRIKE}/edit", {"killed": "3", "version": "1"}),
    (f"/incidents/{IDLIB_STRIKE}/notes", {"text": "a note"}),
    (f"/incidents/{IDLIB_STRIKE}/merge", {"other": IDLIB_SHELLING}),
    (f"/incidents/{IDLIB_STRIKE}/split", {"event": "ev-2d7bedfaca3c15ca"}),
    ("/admin/users", {"name": "mallory", "role": "admin", "password": "x" * 20}),
    ("/admin/users/viewer", {"action": "role", "role": "admin"}),
    ("/admin/public-view", {"value": "on"}),
]


@pytest.mark.parametrize(("url", "data"), WRITES, ids=[w[0] for w in WRITES])
def test_a_viewer_cannot_write_anything(
    client_as: ClientAs, web_store: Store, url: str, data: dict[str, str]
) -> None:
    viewer = client_as("viewer")
    before = len(web_store.audit())
    response = viewer.post(url, data={**data, "csrf": csrf_of(viewer)})
    assert response.status_code == 403
    assert "viewer role may not" in response.text
    assert len(web_store.audit()) == before


@pytest.mark.parametrize(("url", "data"), WRITES, ids=[w[0] for w in WRITES])
def test_every_form_needs_its_csrf_token(
    client_as: ClientAs, web_store: Store, url: str, data: dict[str, str]
) -> None:
    admin = client_as("admin")
    before = len(web_store.audit())
    for token in (None, "forged"):
        form = data if token is None else {**data, "csrf": token}
        response = admin.post(url, data=form)
        assert response.status_code == 403
        assert "security token" in response.text
    assert len(web_store.audit()) == before


# --- administration and the public view ----------------------------------------------------------------


def test_admin_adds_an_account_who_can_then_log_in(
    client_as: ClientAs, anonymous: TestClient, web_store: Store
) -> None:
    admin = client_as("admin")
    password = "a long enough password"
    created = admin.post(
        "/admin/users",
        data={"csrf": csrf_of(admin), "name": "huda", "role": "analyst", "password": password},
    )
    assert created.status_code == 303
    assert "huda" in admin.get("/admin").text
    assert login(anonymous, "huda", password).status_code == 303
    short = admin.post(
        "/admin/users", data={"csrf": csrf_of(admin), "name": "x", "role": "viewer", "password": "short"}
    )
    assert short.status_code == 400 and "too short" in short.text
    disabled = admin.post("/admin/users/huda", data={"csrf": csrf_of(admin), "action": "disable"})
    assert disabled.status_code == 303
    assert anonymous.get("/incidents").status_code == 303  # the disabled account's session ended
    assert {"user.add", "user.update"} <= {e.action for e in web_store.audit()}


def test_public_view_shows_no_restricted_field(
    client_as: ClientAs, anonymous: TestClient, web_store: Store
) -> None:
    analyst = client_as("analyst")
    analyst.post(
        f"/incidents/{IDLIB_STRIKE}/notes", data={"csrf": csrf_of(analyst), "text": "witness: Abu Khaled"}
    )
    admin = client_as("admin")
    published = admin.post("/admin/public-view", data={"csrf": csrf_of(admin), "value": "on"})
    assert published.status_code == 303
    assert web_store.setting("public_view") == "on"
    assert any(e.action.startswith("setting") for e in web_store.audit())
    listing = anonymous.get("/incidents")
    assert listing.status_code == 200
    assert len(incident_ids(listing.text)) == 5
    page = anonymous.get(f"/incidents/{IDLIB_STRIKE}")
    assert page.status_code == 200
    assert "<mark>" not in page.text and 'class="source-text"' not in page.text  # no report text
    assert "Abu Khaled" not in page.text  # no notes
    assert "الدفاع المدني" not in page.text  # no words of the report (attribution mention)
    assert 'name="csrf"' not in page.text  # no forms
    document = anonymous.get("/documents/example-ar-idlib-market")
    assert document.status_code == 200 and "<mark>" not in document.text and "<iframe" not in document.text
    assert "examples/reports.jsonl" not in document.text  # custody origins stay inside
    assert anonymous.get("/documents/example-ar-idlib-market/original").status_code == 403
    assert anonymous.get("/audit").status_code == 303
    write = anonymous.post(f"/incidents/{IDLIB_STRIKE}/notes", data={"text": "spam"})
    assert write.status_code == 303 and write.headers["location"].startswith("/login")
    withdrawn = admin.post("/admin/public-view", data={"csrf": csrf_of(admin), "value": "off"})
    assert withdrawn.status_code == 303
    assert anonymous.get("/incidents").status_code == 303


# --- what every page promises ------------------------------------------------------------------------

PAGES = [
    "/incidents",
    f"/incidents/{IDLIB_STRIKE}",
    "/documents/example-ar-idlib-market",
    "/map",
    "/timeline",
    "/audit",
    "/admin",
]


@pytest.fixture
def admin_client(client_as: ClientAs) -> Iterator[TestClient]:
    yield client_as("admin")


@pytest.mark.parametrize("path", PAGES)
def test_pages_hold_no_inline_script_or_style_and_send_a_strict_csp(
    admin_client: TestClient, path: str
) -> None:
    for lang in ("ar", "en"):
        page = admin_client.get(path, params={"lang": lang})
        assert page.status_code == 200, path
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), path
        assert " style=" not in page.text and "<style" not in page.text, path
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in page.text


def test_every_interface_string_has_both_languages() -> None:
    assert strings_complete()
