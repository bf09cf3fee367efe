"""Support access end to end in real Chromium (#14 §5): the platform admin asks firm A for
access from the firm's page in the console; the firm's admin grants it on 平台支持访问 and reads
the banner; the platform admin enters the firm, reads the bar "acting under support access until
HH:mm", sees the estates and a resident's masked phone; the firm's admin revokes and the next
page the platform admin opens is the login; with a pre-approval the next request runs at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pgtrigger
import pytest
from django.db import connection
from django_tenants.utils import schema_context
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import log_in, shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def clean_support(cast) -> Iterator[None]:
    """Support records are never deleted by the product (pgtrigger): the test lifts that for
    firm A's rows only, and removes the support identity it made."""
    from accounts.models import User
    from tenants.models import Firm, SupportGrant, SupportPreapproval

    yield
    firm = Firm.objects.get(schema_name=cast.a.schema)
    with pgtrigger.ignore():
        SupportGrant.objects.filter(firm=firm).delete()
        SupportPreapproval.objects.filter(firm=firm).delete()
    with schema_context(cast.a.schema):
        User.objects.filter(platform_user_id__isnull=False).delete()
    connection.set_schema_to_public()


def test_the_platform_asks_the_firm_grants_support_acts_masked_until_revoked(
    db, cast, e2e_server, frontend_built, new_context, clean_support
) -> None:
    from tenants.models import Firm

    firm_url = e2e_server.firm_url(cast.a.slug)
    firm_id = Firm.objects.get(schema_name=cast.a.schema).pk

    # --- the platform admin asks from the firm's page in the console ----------------------------
    platform = new_context().new_page()
    log_in(platform, e2e_server.platform_url, cast.platform_admin.email, PASSWORD)
    platform.goto(f"{e2e_server.platform_url}/platform/firms/{firm_id}")
    card = platform.get_by_test_id("firm-support")
    card.get_by_test_id("field-reason").fill("协助导入小区数据")
    card.get_by_test_id("field-hours").fill("2")
    card.get_by_test_id("support-ask").click()
    expect(card).to_contain_text("待批准")

    # --- the firm's admin grants it and reads the banner ----------------------------------------
    office = new_context().new_page()
    log_in(office, firm_url, cast.a.admin.email, PASSWORD)
    office.goto(f"{firm_url}/support")
    pending = office.get_by_test_id("support-pending")
    expect(pending).to_contain_text("协助导入小区数据")
    pending.locator("[data-testid^=support-approve-]").click()
    expect(office.get_by_test_id("support-running")).to_contain_text("进行中")
    expect(office.get_by_test_id("support-banner")).to_contain_text("平台支持正在访问本公司")
    shot(office, "support-firm-page")

    # --- the platform admin enters the firm and works under the grant ---------------------------
    platform.reload()
    enter = platform.get_by_test_id("firm-support").locator("[data-testid^=support-enter-]")
    enter.click()
    platform.wait_for_url(f"{firm_url}/")
    bar = platform.get_by_test_id("support-acting-bar")
    expect(bar).to_contain_text("您正在以平台支持身份访问")
    expect(bar).to_contain_text("至 ")
    platform.goto(f"{firm_url}/estates")
    expect(platform.get_by_text("A1 花园").first).to_be_visible()
    people = platform.evaluate("() => fetch('/api/v1/people/').then((r) => r.json())")["results"]
    phones = {p["phone"] for p in people}
    assert "137****1111" in phones and "13700001111" not in phones
    shot(platform, "support-acting")

    # --- the firm's admin revokes: the next page the platform admin opens is the login ----------
    office.get_by_test_id("support-running").locator("[data-testid^=support-revoke-]").click()
    office.get_by_test_id("confirm-ok").click()
    expect(office.get_by_test_id("support-running")).to_contain_text("当前没有平台支持访问")
    platform.goto(f"{firm_url}/estates")
    platform.wait_for_url("**/login**")
    refused = platform.evaluate("() => fetch('/api/v1/estates/').then((r) => r.status)")
    assert refused == 401

    # --- with a pre-approval, the next request runs at once -------------------------------------
    office.get_by_test_id("field-max_hours").fill("4")
    office.get_by_test_id("field-days").fill("7")
    office.get_by_test_id("field-note").fill("上线导入")
    office.get_by_test_id("support-pre-save").click()
    expect(office.get_by_test_id("support-pre-current")).to_contain_text("每次最多 4 小时")
    platform.goto(f"{e2e_server.platform_url}/platform/firms/{firm_id}")
    card = platform.get_by_test_id("firm-support")
    card.get_by_test_id("field-reason").fill("继续导入")
    card.get_by_test_id("field-hours").fill("3")
    card.get_by_test_id("support-ask").click()
    expect(card.locator("[data-testid^=support-enter-]")).to_be_visible()
