"""The login page is quiet (issue #13 §8): a visitor opening it, on a firm's host or on the
platform console, makes no request that fails and has nothing logged as an error in the
browser's console (the web app asks `auth/session/`, which answers a visitor 200 with null,
instead of `auth/me/`, whose 401 Chromium logs as "Failed to load resource")."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE

pytestmark = pytest.mark.e2e


def _listen(page: Page, errors: list[str], failed: list[str]) -> None:
    """Console errors and uncaught exceptions into `errors`, answers >= 400 into `failed`."""
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)


def test_the_login_page_logs_no_401_and_no_error_in_the_console(
    db, cast, e2e_server, frontend_built, new_context
) -> None:
    for base in (e2e_server.firm_url(cast.a.slug), e2e_server.platform_url):
        page = new_context().new_page()
        page.set_viewport_size(PHONE)
        errors: list[str] = []
        failed: list[str] = []
        _listen(page, errors, failed)
        page.goto(f"{base}/")
        page.wait_for_url(lambda url: "/login" in url)
        expect(page.get_by_test_id("login-submit")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert (errors, failed) == ([], []), base


def test_in_elder_mode_the_firm_name_and_report_button_stay_on_the_phone_screen(
    db, cast, e2e_server, frontend_built, new_context
) -> None:
    """#13 §3: at 390×844 with text ×1.5 the resident's home still shows the firm's name and
    "我要报事" in the first screen, and nothing scrolls sideways."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User

    with schema_context(cast.a.schema):
        User.objects.filter(email=cast.a.resident.email).update(elder_mode=True)
    connection.set_schema_to_public()
    try:
        page = new_context().new_page()
        page.set_viewport_size(PHONE)
        base = e2e_server.firm_url(cast.a.slug)
        page.goto(f"{base}/login")
        page.get_by_test_id("field-email").fill(cast.a.resident.email)
        page.get_by_test_id("field-password").fill(PASSWORD)
        page.get_by_test_id("login-submit").click()
        page.wait_for_url(lambda url: "/login" not in url)
        expect(page.locator("html")).to_have_class(re.compile(r"\belder-mode\b"))
        expect(page.get_by_test_id("home-firm-name")).to_contain_text(
            f"Firm {cast.a.slug.upper()} 物业"
        )
        expect(page.get_by_test_id("home-firm-name")).to_be_in_viewport()
        expect(page.get_by_test_id("home-report")).to_be_in_viewport()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        with schema_context(cast.a.schema):
            User.objects.filter(email=cast.a.resident.email).update(elder_mode=False)
        connection.set_schema_to_public()
