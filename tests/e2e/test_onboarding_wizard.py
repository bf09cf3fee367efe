"""Onboarding end to end, in real Chromium.

The platform admin creates a firm in the "new firm" wizard on the platform host; the real
Celery worker provisions it and e-mails the invitation; the new firm admin opens the link in
a fresh browser, sets a password, lands on the firm's home at <slug>.localhost, logs out and
logs in again. The platform session must not open anything at the firm's host.
"""

from __future__ import annotations

import http.client
import time
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.helpers import PASSWORD

from .conftest import links_in, mail_text, read_mail, screenshot

pytestmark = pytest.mark.e2e

# How long the wizard may wait for the worker to build the firm's schema (every migration of
# every app): a bound on waiting, not a speed goal; a loaded 2-core machine took 70 s.
PROVISIONING_TIMEOUT_MS = 180_000
MAIL_TIMEOUT_S = 20
NEW_PASSWORD = "Xin-Mima#2026-e2e"


def fill_wizard(page: Page, values: dict[str, str], max_steps: int = 8) -> None:
    """Fill whatever fields each step shows, `wizard-next` until `wizard-submit` appears.
    Independent of how the steps group the fields; fails if a step shows an unknown field
    that is empty, or if the wizard never offers its submit button."""
    fields = page.locator("[data-testid^='field-']:visible")
    submit = page.get_by_test_id("wizard-submit")
    for _ in range(max_steps):
        page.locator(
            "[data-testid^='field-']:visible, [data-testid='wizard-submit']:visible"
        ).first.wait_for()
        shown = []
        for field in fields.all():
            name = (field.get_attribute("data-testid") or "").removeprefix("field-")
            shown.append(name)
            if name in values:
                if field.input_value() != values[name]:
                    field.fill(values[name])
            else:
                assert field.input_value(), f"the wizard asks for an unexpected field: {name}"
        if submit.is_visible():
            submit.click()
            return
        page.get_by_test_id("wizard-next").click()
        # the next step (other fields, or the submit button) replaces this one
        page.wait_for_function(
            """(before) => {
                const visible = (el) => el.getClientRects().length > 0;
                const submit = document.querySelector("[data-testid='wizard-submit']");
                if (submit && visible(submit)) return true;
                const now = [...document.querySelectorAll("[data-testid^='field-']")]
                    .filter(visible).map((el) => el.dataset.testid.slice(6));
                return now.length > 0 && now.join() !== before.join();
            }""",
            arg=shown,
        )
    pytest.fail(f"no wizard-submit after {max_steps} steps")


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_test_id("field-email").fill(email)
    page.get_by_test_id("field-password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url)


def status_in_browser(context: BrowserContext, url: str) -> int:
    """The status Chromium gets for `url` with this context's cookies (a top-level GET)."""
    page = context.new_page()
    try:
        response = page.goto(url)
        assert response is not None
        return response.status
    finally:
        page.close()


def status_over_http(port: int, host: str, path: str, cookie: str) -> int:
    """A GET to the live server for `host` carrying exactly the Cookie header given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{port}", "Cookie": cookie})
        return conn.getresponse().status
    finally:
        conn.close()


def wait_for_invitation(mail_dir: Path, to: str) -> str:
    """The invitation link from the e-mail the worker wrote (sent after provisioning commits,
    so it can land a moment after the firm shows `ready`)."""
    deadline = time.monotonic() + MAIL_TIMEOUT_S
    while True:
        for message in read_mail(mail_dir):
            if to in (message["To"] or ""):
                invites = [link for link in links_in(mail_text(message)) if "/invite/" in link]
                assert len(invites) == 1, mail_text(message)
                return invites[0]
        if time.monotonic() > deadline:
            found = [m["To"] for m in read_mail(mail_dir)]
            pytest.fail(f"no invitation e-mail to {to} in {mail_dir} (mails to: {found})")
        time.sleep(0.25)


def test_platform_admin_onboards_a_firm_and_its_admin_accepts_the_invitation(
    db, cast, celery_worker, e2e_server, frontend_built, new_context
):
    from tenants.models import Firm

    slug = "e2e-wizard"  # fixed: the test drops the firm it made
    admin_email = f"boss@{slug}.test"
    platform = e2e_server.platform_url
    firm_host = e2e_server.firm_url(slug)
    try:
        # --- the platform admin runs the wizard ----------------------------------------------
        console = new_context()
        page = console.new_page()
        log_in(page, platform, cast.platform_admin.email, PASSWORD)
        page.goto(f"{platform}/platform/firms/new")
        fill_wizard(
            page,
            {
                "name": "端到端测试物业有限公司",
                "slug": slug,
                "contact_name": "王经理",
                "contact_email": f"contact@{slug}.test",
                "contact_phone": "13912345678",
                "admin_name": "李管理员",
                "admin_email": admin_email,
            },
        )
        status = page.get_by_test_id("provisioning-status")
        done = page.locator(
            "[data-testid='provisioning-status'][data-status='ready'],"
            " [data-testid='provisioning-status'][data-status='failed']"
        )
        done.wait_for(timeout=PROVISIONING_TIMEOUT_MS)
        assert status.get_attribute("data-status") == "ready", (
            f"provisioning failed: {status.inner_text()}\n{celery_worker.log.read_text()[-3000:]}"
        )
        expect(page.get_by_test_id("firm-url")).to_contain_text(
            f"{slug}.localhost:{e2e_server.port}"
        )
        screenshot(page, "onboarding-wizard-ready")

        firm = Firm.objects.get(slug=slug)
        assert firm.admin_email == admin_email

        # --- the invitation e-mail, written by the real worker -------------------------------
        link = wait_for_invitation(celery_worker.mail_dir, admin_email)
        assert link.startswith(f"{firm_host}/invite/"), link

        # --- the new firm admin, in a fresh browser --------------------------------------------
        boss = new_context()
        home = boss.new_page()
        home.goto(link)
        expect(home.get_by_test_id("invite-email")).to_have_text(admin_email)
        home.get_by_test_id("field-full_name").fill("李管理员")
        home.get_by_test_id("field-password").fill(NEW_PASSWORD)
        home.get_by_test_id("field-password_confirm").fill(NEW_PASSWORD)
        home.get_by_test_id("invite-submit").click()
        expect(home.get_by_test_id("current-user")).to_contain_text(admin_email)
        assert home.url.startswith(firm_host + "/"), home.url
        screenshot(home, "firm-home")

        home.get_by_test_id("logout").click()
        expect(home.get_by_test_id("login-submit")).to_be_visible()
        assert status_in_browser(boss, f"{firm_host}/api/v1/auth/me/") in (401, 403)

        log_in(home, firm_host, admin_email, NEW_PASSWORD)
        expect(home.get_by_test_id("current-user")).to_contain_text(admin_email)
        assert home.url.startswith(firm_host + "/"), home.url

        # --- the platform session opens nothing at the firm's host -----------------------------
        # The browser keeps the platform's host-only cookie to the platform...
        assert status_in_browser(console, f"{platform}/api/v1/auth/me/") == 200
        assert status_in_browser(console, f"{firm_host}/api/v1/auth/me/") in (401, 403)
        # ...and even sent there on purpose it is no session in the firm's schema.
        cookies = {c["name"]: c["value"] for c in console.cookies(platform)}
        assert "sessionid" in cookies, cookies
        session = f"sessionid={cookies['sessionid']}"
        assert status_over_http(e2e_server.port, "localhost", "/api/v1/auth/me/", session) == 200
        assert status_over_http(
            e2e_server.port, f"{slug}.localhost", "/api/v1/auth/me/", session
        ) in (401, 403)
    finally:
        _drop_firm(slug)


def _drop_firm(slug: str) -> None:
    """The firm was committed (other connections had to see it): remove it and its schema."""
    from django.db import connection

    from billing.models import BillingAccount, BillingAction, Invoice
    from tenants.models import Firm

    connection.set_schema_to_public()
    firm = Firm.all_objects.filter(slug=slug).first()
    if firm is not None:
        # the platform keeps a firm's billing records (PROTECT): a test firm's go first
        accounts = BillingAccount.objects.filter(firm=firm)
        Invoice.objects.filter(account__in=accounts).delete()
        BillingAction.objects.filter(account__in=accounts).delete()
        accounts.delete()
        firm.delete(force_drop=True)
    connection.set_schema_to_public()
