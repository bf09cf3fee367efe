"""Requests the way residents expect (issue #13 §4), in real Chromium at 390×844.

A resident reports a repair with a preferred visit time and chases it; a repairer sees the
time, takes it, says they are on the way and writes in the thread; the resident sees the
repairer's name with a tap-to-call phone, the 已出发 step and the message, and answers. A second
request is withdrawn before work starts: its clocks read "withdrawn", not on time.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, _clean_up, _counter, act, expect_status, log_in, shot

pytestmark = pytest.mark.e2e


def _tomorrow() -> str:
    from django.utils import timezone

    from core.clock import SHANGHAI

    return (timezone.now().astimezone(SHANGHAI) + timedelta(days=1)).date().isoformat()


def test_a_resident_books_a_time_chases_sees_the_repairer_talks_and_withdraws(
    db, cast, e2e_server, frontend_built, new_context
):
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import ServiceRequest
    from notifications.models import Notification

    firm = e2e_server.firm_url(cast.a.slug)
    unit_id = cast.a.units["A1-1-101"]
    created: list[int] = []
    counter_before = _counter(cast.a.schema, cast.a.estates["A1"])
    day = _tomorrow()
    try:
        # --- the resident reports a repair with a preferred visit time ------------------------
        resident = new_context()
        phone = resident.new_page()
        phone.set_viewport_size(PHONE)
        log_in(phone, firm, cast.a.resident.email, PASSWORD)
        phone.goto(f"{firm}/requests/new")
        phone.get_by_test_id("field-kind-repair").click()
        phone.get_by_test_id("request-next").click()
        expect(phone.get_by_test_id("request-step-2")).to_be_visible()
        phone.get_by_test_id(f"field-unit-{unit_id}").click()
        phone.get_by_test_id("field-description").fill("热水器打不着火，洗不了澡（e2e visit）")
        phone.get_by_test_id("field-visit_day").fill(day)
        phone.get_by_test_id("field-visit_slot-afternoon").click()
        phone.get_by_test_id("request-next").click()
        expect(phone.get_by_test_id("request-review")).to_contain_text("14:00–17:00")
        phone.get_by_test_id("request-submit").click()
        phone.wait_for_url(re.compile(r"/requests/\d+$"))
        request_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])
        created.append(request_id)
        expect_status(phone, "submitted")
        expect(phone.get_by_test_id("request-visit")).to_contain_text("14:00–17:00")

        # --- and chases it: once a day ----------------------------------------------------------
        phone.get_by_test_id("action-chase").click()
        expect(phone.locator("[data-testid='timeline-event'][data-action='chase']")).to_have_count(
            1
        )
        expect(phone.get_by_test_id("chase-again")).to_be_visible()
        expect(phone.get_by_test_id("action-chase")).to_have_count(0)
        shot(phone, "requests-resident-chased")
        with schema_context(cast.a.schema):
            chased = Notification.objects.filter(
                kind="request.chased", link=f"/requests/{request_id}"
            )
            assert [n.user.email for n in chased] == [cast.a.manager.email]
        connection.set_schema_to_public()

        # --- the repairer sees the time, takes it, sets out and writes ------------------------
        staff = new_context()
        work = staff.new_page()
        work.set_viewport_size(PHONE)
        log_in(work, firm, cast.a.staff.email, PASSWORD)
        work.goto(f"{firm}/requests/{request_id}")
        expect(work.get_by_test_id("request-visit")).to_contain_text("14:00–17:00")
        work.get_by_test_id("action-take").click()
        expect_status(work, "accepted")
        work.get_by_test_id("action-depart").click()
        expect(work.get_by_test_id("request-progress")).to_have_attribute("data-step", "departed")
        expect_status(work, "accepted")
        work.get_by_test_id("field-message").fill("已出发，大约二十分钟到")
        work.get_by_test_id("message-send").click()
        expect(work.get_by_test_id("thread-message")).to_have_count(1)

        # --- the resident sees who is coming, how to call them, and the message ---------------
        phone.reload()
        expect(phone.get_by_test_id("request-assignee")).to_contain_text("staff")
        call = phone.get_by_test_id("assignee-phone")
        expect(call).to_have_attribute("href", "tel:13912345678")
        expect(phone.get_by_test_id("request-progress")).to_have_attribute("data-step", "departed")
        expect(phone.get_by_test_id("thread-message")).to_contain_text("已出发，大约二十分钟到")
        phone.get_by_test_id("field-message").fill("好的，我在家等")
        phone.get_by_test_id("message-send").click()
        expect(phone.get_by_test_id("thread-message")).to_have_count(2)
        expect(phone.locator("[data-testid='action-withdraw']")).to_have_count(1)
        shot(phone, "requests-resident-repairer-on-the-way")
        work.reload()
        expect(work.get_by_test_id("thread-message").nth(1)).to_contain_text("好的，我在家等")

        # --- a second request is withdrawn before anyone starts it ----------------------------
        phone.goto(f"{firm}/requests/new")
        phone.get_by_test_id("field-kind-complaint").click()
        phone.get_by_test_id("field-category-noise").click()
        phone.get_by_test_id("request-next").click()
        phone.get_by_test_id(f"field-unit-{unit_id}").click()
        expect(phone.get_by_test_id("field-visit_day")).to_have_count(0)
        phone.get_by_test_id("field-description").fill("楼上晚上拖椅子很吵（e2e withdraw）")
        phone.get_by_test_id("request-next").click()
        phone.get_by_test_id("request-submit").click()
        phone.wait_for_url(re.compile(r"/requests/\d+$"))
        second = int(phone.url.rstrip("/").rsplit("/", 1)[1])
        created.append(second)
        act(phone, "withdraw", reason="已经和楼上沟通好了")
        expect_status(phone, "withdrawn")
        for kind in ("response", "plan", "resolution"):
            expect(phone.get_by_test_id(f"clock-{kind}")).to_have_attribute("data-state", "stopped")
        expect(phone.get_by_test_id("clock-response")).to_contain_text("已撤回")
        shot(phone, "requests-resident-withdrawn")
        with schema_context(cast.a.schema):
            assert ServiceRequest.objects.get(pk=second).status == "withdrawn"
            assert ServiceRequest.objects.get(pk=request_id).departed_at is not None
        connection.set_schema_to_public()
    finally:
        _clean_up(cast.a.schema, created, cast.a.estates["A1"], counter_before)
