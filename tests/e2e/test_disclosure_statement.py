"""Public income end to end, in real Chromium: the firm keeps the books, the committee signs
off, the platform's publication (the real worker's sweep) witnesses the head, and a resident
on a phone finds the statement on their home, opens it and verifies it against that witness.

The ledger is append-only below the API (PostgreSQL refuses DELETE of a posted line), so the
clean-up lifts the triggers for its own rows only, as an operator restoring a test database
would; nothing else in the suite may do that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pgtrigger
import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, log_in, shot

pytestmark = pytest.mark.e2e

PERIOD = date(2024, 3, 1)  # a month no other test uses
SWEEP_TIMEOUT_S = 60


def _pick_estate(page: Page, name: str) -> None:
    picker = page.get_by_test_id("disclosure-estate")
    expect(picker).to_be_visible()
    if picker.get_attribute("data-value") is None:  # a Select: more than one estate
        picker.click()
        page.locator(".ant-select-item-option", has_text=name).click()


def _publish_through_worker(schema: str) -> None:
    from django.db import connection
    from django_tenants.utils import schema_context

    from deadlines.tasks import sweep_firm

    with schema_context(schema):
        sweep_firm.delay().get(timeout=SWEEP_TIMEOUT_S)
    connection.set_schema_to_public()


@pytest.fixture
def clean_disclosure(cast) -> Iterator[None]:
    yield
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User
    from disclosure.models import LedgerChain, LedgerLine, Statement, StatementQuery
    from witness.models import WitnessedHead

    from .test_notices import remove_system_notices

    estate = cast.a.estates["A1"]
    with pgtrigger.ignore(), schema_context(cast.a.schema):
        statements = Statement.objects.filter(estate_id=estate, period_start=PERIOD)
        ids = list(statements.values_list("pk", flat=True))
        StatementQuery.objects.filter(statement_id__in=ids).delete()
        statements.delete()
        LedgerLine.objects.filter(
            estate_id=estate, occurred_on__gte=PERIOD, occurred_on__lt=date(2024, 4, 1)
        ).delete()
        LedgerChain.objects.filter(estate_id=estate).delete()
    with schema_context(cast.a.schema):
        # the resident's elder mode, should the test stop before switching it back off
        User.objects.filter(email=cast.a.resident.email).update(elder_mode=False)
    connection.set_schema_to_public()
    remove_system_notices(cast.a.schema, [f"disclosure.statement:{pk}" for pk in ids])
    with pgtrigger.ignore():
        WitnessedHead.objects.filter(schema_name=cast.a.schema, statement_id__in=ids).delete()


def test_the_firm_posts_the_committee_signs_and_a_resident_verifies_the_published_statement(
    db, cast, celery_worker, e2e_server, frontend_built, new_context, clean_disclosure
) -> None:
    firm = e2e_server.firm_url(cast.a.slug)
    estate_name = "A1 花园"

    # --- the firm admin posts two lines and drafts and submits the month's statement ---------
    books = new_context().new_page()
    log_in(books, firm, cast.a.admin.email, PASSWORD)
    books.goto(f"{firm}/disclosure/ledger")
    _pick_estate(books, estate_name)
    for kind, category, amount, counterparty in (
        ("收入", "电梯及楼道广告", "1200.00", "分众传媒"),
        ("支出", "共用部位维修", "300.00", "申城电梯维保"),
    ):
        books.get_by_test_id("line-new").click()
        dialog = books.get_by_role("dialog")
        dialog.get_by_text(kind, exact=True).click()
        dialog.get_by_test_id("field-category").click()
        books.locator(".ant-select-item-option", has_text=category).click()
        dialog.get_by_test_id("field-occurred_on").fill("2024-03-15")
        dialog.get_by_test_id("field-amount").fill(amount)
        dialog.get_by_test_id("field-counterparty").fill(counterparty)
        books.get_by_test_id("line-save").click()
        expect(books.get_by_role("dialog")).to_have_count(0)
        row = books.get_by_test_id("ledger-table").locator("tr", has_text=counterparty)
        row.locator("[data-testid^=post-]").click()
        expect(row.get_by_test_id("status-posted")).to_be_visible()

    books.goto(f"{firm}/disclosure")
    _pick_estate(books, estate_name)
    books.get_by_test_id("statement-new").click()
    books.get_by_role("dialog").get_by_test_id("field-period_start").fill(PERIOD.isoformat())
    books.get_by_test_id("statement-save").click()
    books.wait_for_url("**/disclosure/statements/*")
    statement_url = books.url
    books.get_by_test_id("statement-submit").click()
    expect(books.get_by_test_id("status-in_review")).to_be_visible()
    expect(books.get_by_test_id("statement-totals")).to_contain_text("1,200.00")
    head = books.get_by_test_id("statement-head").inner_text()
    assert len(head) == 64

    # --- the committee raises a query, the firm answers, the committee signs off -------------
    committee = new_context().new_page()
    log_in(committee, firm, cast.a.committee.email, PASSWORD)
    committee.goto(statement_url)
    committee.get_by_test_id("field-question").fill("维修支出的合同在哪里？")
    committee.get_by_test_id("query-send").click()
    expect(committee.get_by_test_id("statement-sign-off")).to_have_count(0)

    books.reload()
    books.locator("[data-testid^=field-answer-]").fill("合同已作为附件上传。")
    books.locator("[data-testid^=answer-send-]").click()
    expect(books.locator("[data-testid^=answer-]").first).to_contain_text("合同已作为附件上传")

    committee.reload()
    committee.get_by_test_id("statement-sign-off").click()
    committee.get_by_test_id("sign-off-confirm").click()
    expect(committee.get_by_test_id("status-signed_off")).to_be_visible()

    # --- the platform's publication: the real worker's sweep writes the witness --------------
    _publish_through_worker(cast.a.schema)

    # --- a resident on a phone reads and verifies it ----------------------------------------
    phone = new_context().new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.resident.email, PASSWORD)
    # their home shows the estate's latest published statement, its figures in CNY, and opens it
    a1 = cast.a.estates["A1"]
    card = phone.get_by_test_id(f"home-statement-{a1}")
    expect(card).to_be_visible()
    expect(phone.get_by_test_id(f"home-statement-period-{a1}")).to_have_text("2024 年 3 月")
    expect(phone.get_by_test_id(f"home-statement-income-{a1}")).to_have_text("¥1,200.00")
    expect(phone.get_by_test_id(f"home-statement-expense-{a1}")).to_have_text("¥300.00")
    expect(phone.get_by_test_id(f"home-statement-net-{a1}")).to_have_text("¥900.00")
    expect(phone.get_by_test_id(f"home-statement-status-{a1}")).to_have_text("已公示")
    shot(phone, "disclosure-resident-home")
    # in elder mode (text x1.5) the firm's name and 我要报事 stay first; the card stays whole
    saved = lambda r: r.url.endswith("/api/v1/auth/me/") and r.request.method == "PATCH"  # noqa: E731
    with phone.expect_response(saved):
        phone.get_by_test_id("elder-toggle").click()
    expect(phone.locator("html")).to_have_class(re.compile(r"\belder-mode\b"))
    expect(phone.get_by_test_id("home-firm-name")).to_be_in_viewport()
    expect(phone.get_by_test_id("home-report")).to_be_in_viewport()
    expect(phone.get_by_test_id(f"home-statement-net-{a1}")).to_have_text("¥900.00")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "disclosure-resident-home-elder")
    with phone.expect_response(saved):
        phone.get_by_test_id("elder-toggle").click()
    expect(phone.locator("html")).not_to_have_class(re.compile(r"\belder-mode\b"))
    phone.get_by_test_id(f"home-statement-open-{a1}").click()
    phone.wait_for_url(statement_url)
    expect(phone.get_by_test_id("status-published")).to_be_visible()
    expect(phone.get_by_test_id("statement-totals")).to_contain_text("1,200.00")
    phone.get_by_test_id("statement-verify").click()
    expect(phone.get_by_test_id("verify-ok")).to_contain_text("平台见证记录一致")
    expect(phone.get_by_test_id("verify-recomputed")).to_have_text(head)
    shot(phone, "disclosure-resident-verified")
