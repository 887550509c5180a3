"""The review app in a real browser: log in, filter, open an incident, assess it, the map, the
timeline, and the right-to-left layout."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from tawthiq.store import Store
from tawthiq.web.views import maps

PageAs = Callable[[str], Page]

IDLIB_STRIKE = "inc-2d7bedfaca3c15ca"


def test_login_form_rejects_a_wrong_password_then_lets_the_right_one_in(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.goto("/map")
    assert "/login?next=%2Fmap" in page.url
    page.fill("#name", "viewer")
    page.fill("#password", "wrong password, surely")
    page.click("button[type=submit].primary")
    expect(page.locator("p.error")).to_contain_text("كلمة المرور")
    page.fill("#name", "viewer")
    page.fill("#password", "correct horse battery staple")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/map")
    context.close()


def test_the_interface_is_right_to_left_in_arabic(page_as: PageAs) -> None:
    page = page_as("viewer")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('table.incidents')).direction") == "rtl"
    # the navigation starts on the right: the brand is right of the account menu
    brand = page.locator("a.brand").bounding_box()
    account = page.locator("div.account").bounding_box()
    assert brand and account and brand["x"] > account["x"]
    page.click("a.lang-switch")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    brand = page.locator("a.brand").bounding_box()
    account = page.locator("div.account").bounding_box()
    assert brand and account and brand["x"] < account["x"]


def test_filtering_the_list(page_as: PageAs) -> None:
    page = page_as("viewer")
    expect(page.locator("table.incidents tbody tr")).to_have_count(5)
    page.select_option("#f-admin1", "Idleb")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/incidents?*admin1=Idleb*")
    expect(page.locator("table.incidents tbody tr")).to_have_count(2)
    page.fill("#f-q", "الرقه")
    page.select_option("#f-admin1", "")
    page.click("form.filters button[type=submit]")
    expect(page.locator("table.incidents tbody tr")).to_have_count(1)


def test_opening_an_incident_shows_the_source_text_right_to_left_with_the_evidence_marked(
    page_as: PageAs,
) -> None:
    page = page_as("viewer")
    page.click(f"a[href='/incidents/{IDLIB_STRIKE}']")
    page.wait_for_url(f"**/incidents/{IDLIB_STRIKE}")
    paragraph = page.locator(".source-text p").first
    assert paragraph.evaluate("p => getComputedStyle(p).direction") == "rtl"  # dir=auto found Arabic
    expect(page.locator(".source-text mark").first).to_be_visible()
    expect(page.locator("#field-killed")).to_contain_text("9")


def test_assessing_an_incident_then_finding_it_in_the_audit_log(page_as: PageAs, live_store: Store) -> None:
    page = page_as("reviewer")
    page.goto(f"/incidents/{IDLIB_STRIKE}")
    page.check("#assess-form input[value=confirmed]")
    page.click("#assess-form button[type=submit]")
    page.wait_for_url(f"**/incidents/{IDLIB_STRIKE}?saved=1")
    expect(page.locator("#status")).to_have_text("مؤكَّد")
    incident = live_store.get_incident(IDLIB_STRIKE)
    assert incident is not None and incident.status == "confirmed"
    admin = page_as("admin")
    admin.goto("/audit")
    expect(admin.locator("#chain")).to_contain_text("سليمة")
    first_row = admin.locator("table.audit tbody tr").first
    expect(first_row).to_contain_text("incident.assess")
    expect(first_row).to_contain_text("reviewer")
    expect(first_row).to_contain_text("confirmed")


def test_a_viewer_sees_no_review_form(page_as: PageAs) -> None:
    page = page_as("viewer")
    page.goto(f"/incidents/{IDLIB_STRIKE}")
    expect(page.locator("#assess-form")).to_have_count(0)
    expect(page.locator("#edit-form")).to_have_count(0)


def test_the_map_draws_the_offline_basemap_and_the_incidents(page_as: PageAs) -> None:
    page = page_as("viewer")
    page.goto("/map")
    expect(page.locator("#map.leaflet-container")).to_be_visible()
    expect(page.locator("path.incident-point")).to_have_count(5)
    assert page.locator("path.basemap-admin1").count() >= 14
    assert page.locator("path.basemap-admin0").count() == 1
    expect(page.locator(".governorate-label").first).to_be_visible()
    page.locator("path.incident-point").first.click(force=True)
    link = page.locator(".map-popup a")
    expect(link).to_have_attribute("href", re.compile(r"^/incidents/inc-[0-9a-f]+$"))
    expect(link).to_contain_text("تطورات استراتيجية")  # the type in the interface language


def test_the_map_groups_many_incidents_by_location(page_as: PageAs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "MAX_POINTS", 2)
    page = page_as("viewer")
    page.goto("/map")
    expect(page.locator("path.incident-place")).to_have_count(4)  # Tafas holds two incidents
    expect(page.locator("#map-status")).to_contain_text("5 حادثة مطابقة")


def test_the_timeline_is_visible(page_as: PageAs) -> None:
    page = page_as("viewer")
    page.goto("/timeline")
    expect(page.locator("svg.timeline").first).to_be_visible()
    assert page.locator("svg.timeline rect").count() >= 2
    assert page.locator("ul.legend li").count() >= 2


def test_the_archived_original_renders_sandboxed_inside_the_document_page(page_as: PageAs) -> None:
    page = page_as("viewer")
    page.goto("/documents/ar-daraa-clashes")
    expect(page.locator(".source-text mark").first).to_be_visible()
    original = page.frame_locator("iframe.original")
    expect(original.locator("body")).to_contain_text("طفس")
    assert page.locator("iframe.original").get_attribute("sandbox") == ""
