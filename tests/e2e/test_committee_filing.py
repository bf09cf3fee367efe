"""A committee filing (备案) end to end, in real Chromium: the chair of estate A2 files the new
roster with the scanned receipt; the platform admin opens it in the review queue, sees the
receipt and confirms it; the roster shows the filed members (the firm reads it, changes
nothing) and the public history says what changed; the chair records a resignation.

Estate A2 is used (the cast's committee sits on A1): its committee is seeded here through a
confirmed filing, like the demo's. The roster history is append-only below the API (pgtrigger),
so the clean-up lifts the triggers for A2's rows only, as an operator restoring a test database
would.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pgtrigger
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD

from .test_complaints_loop import log_in, shot

pytestmark = pytest.mark.e2e

CHAIR = "e2e-chair@firm-a.test"
MEMBER = "e2e-member@firm-a.test"
NUMBER = "A2-备-E2E-002"


@pytest.fixture
def a2_committee(cast) -> Iterator[int]:
    """A2's chair, seated by a confirmed filing and able to log in; everything of A2's
    committee (and both accounts) removed afterwards."""
    from django.apps import apps
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import RoleGrant, User
    from accounts.services import password_set
    from committee.demo import seed_confirmed_filing
    from committee.models import Filing, RosterEvent
    from estates.models import CommitteeMembership, Estate
    from tenants.models import CommitteeFiling, Firm

    estate_id = cast.a.estates["A2"]
    today = timezone.localdate()
    with schema_context(cast.a.schema):
        seed_confirmed_filing(
            estate=Estate.objects.get(pk=estate_id),
            members=[(CHAIR, "周主任", "chair")],
            number="A2-备-E2E-001",
            term_start=today - timedelta(days=400),
            term_end=today + timedelta(days=700),
        )
        password_set(user=User.objects.get(email=CHAIR), password=PASSWORD)
    connection.set_schema_to_public()
    try:
        yield estate_id
    finally:
        with pgtrigger.ignore(), schema_context(cast.a.schema):
            seats = CommitteeMembership.objects.filter(estate_id=estate_id)
            user_ids = set(seats.values_list("user_id", flat=True))
            user_ids |= set(
                User.objects.filter(email__in=[CHAIR, MEMBER]).values_list("pk", flat=True)
            )
            RosterEvent.objects.filter(estate_id=estate_id).delete()
            apps.get_model("estates", "CommitteeMembershipEvent").objects.filter(
                estate_id=estate_id
            ).delete()
            seats.delete()
            Filing.objects.filter(estate_id=estate_id).delete()
            RoleGrant.objects.filter(user_id__in=user_ids).delete()
            User.objects.filter(pk__in=user_ids).delete()
        connection.set_schema_to_public()
        firm = Firm.objects.get(schema_name=cast.a.schema)
        for filing in CommitteeFiling.objects.filter(firm=firm, estate_id=estate_id):
            filing.receipt.delete(save=False)
            filing.delete()


def _fill_filing(page: Page) -> None:
    today = timezone.localdate()
    for field, value in (
        ("number", NUMBER),
        ("street_authority", "花木街道办事处"),
        ("housing_authority", "浦东新区住房和城乡建设委员会"),
        ("election_date", (today - timedelta(days=10)).isoformat()),
        ("filed_on", (today - timedelta(days=3)).isoformat()),
        ("term_start", (today - timedelta(days=9)).isoformat()),
        ("term_end", (today + timedelta(days=3 * 365)).isoformat()),
        ("members-0-full_name", "周主任"),
        ("members-0-email", CHAIR),
    ):
        page.get_by_test_id(f"field-{field}").fill(value)
    page.get_by_test_id("member-add").click()
    page.get_by_test_id("field-members-1-full_name").fill("吴委员")
    page.get_by_test_id("field-members-1-email").fill(MEMBER)


def test_the_chair_files_the_platform_confirms_and_the_roster_shows_the_members(
    db, cast, e2e_server, frontend_built, new_context, a2_committee
) -> None:
    from committee.demo import RECEIPT_PNG

    firm = e2e_server.firm_url(cast.a.slug)

    # --- the chair files the new roster with the receipt scan ---------------------------------
    chair = new_context().new_page()
    log_in(chair, firm, CHAIR, PASSWORD)
    chair.goto(f"{firm}/committee")
    expect(chair.get_by_test_id("committee-seats")).to_contain_text("周主任")
    chair.get_by_test_id("filing-new").click()
    chair.wait_for_url("**/committee/filings/new?estate=*")
    _fill_filing(chair)
    chair.get_by_test_id("field-receipt").set_input_files(
        {"name": "备案回执.png", "mimeType": "image/png", "buffer": RECEIPT_PNG}
    )
    chair.get_by_test_id("filing-submit").click()
    chair.wait_for_url("**/committee/filings")
    expect(chair.get_by_test_id("filings-table")).to_contain_text(NUMBER)
    expect(chair.get_by_test_id("filing-status-pending")).to_be_visible()

    # --- the platform admin reviews it with the receipt shown, and confirms ---------------------
    platform = new_context().new_page()
    log_in(platform, e2e_server.platform_url, cast.platform_admin.email, PASSWORD)
    platform.goto(f"{e2e_server.platform_url}/platform/filings")
    row = platform.get_by_test_id("filing-queue").locator("tr", has_text=NUMBER)
    row.get_by_role("link", name=NUMBER).click()
    receipt = platform.get_by_test_id("receipt-image")
    expect(receipt).to_be_visible()
    platform.wait_for_function(
        "() => document.querySelector('[data-testid=receipt-image]').naturalWidth > 0"
    )
    expect(platform.get_by_test_id("review-members")).to_contain_text(MEMBER)
    shot(platform, "committee-filing-review")
    platform.get_by_test_id("filing-confirm").click()
    platform.get_by_test_id("confirm-ok").click()
    expect(platform.get_by_test_id("filing-status-confirmed")).to_be_visible()

    # --- the roster shows the filed members; the history says what changed ----------------------
    chair.goto(f"{firm}/committee")
    seats = chair.get_by_test_id("committee-seats")
    expect(seats).to_contain_text("吴委员")
    expect(seats).to_contain_text(NUMBER)
    expect(chair.get_by_test_id("committee-filing")).to_contain_text(NUMBER)
    history = chair.get_by_test_id("committee-history")
    expect(history).to_contain_text("备案确认")
    expect(history).to_contain_text("卸任（新备案）")
    shot(chair, "committee-roster")

    # the firm reads the same roster and has nothing to press
    office = new_context().new_page()
    log_in(office, firm, cast.a.admin.email, PASSWORD)
    office.goto(f"{firm}/committee")
    picker = office.get_by_test_id("committee-estate")
    picker.click()
    office.locator(".ant-select-item-option", has_text="A2 花园").click()
    expect(office.get_by_test_id("committee-seats")).to_contain_text("吴委员")
    expect(office.locator("[data-testid^=resign-]")).to_have_count(0)
    expect(office.get_by_test_id("filing-new")).to_have_count(0)

    # --- the chair records a resignation: the seat ends at once ---------------------------------
    member_row = seats.locator("tr", has_text="吴委员")
    member_row.locator("[data-testid^=resign-]").click()
    chair.get_by_test_id("resign-confirm").click()
    expect(seats).not_to_contain_text("吴委员")
    expect(history).to_contain_text("辞职")
