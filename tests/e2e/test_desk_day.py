"""Issue #13 §5 and §6 in real Chromium at 390×844: a repairer works the day from "my tasks"
(call link, start, resolve with the after-photo); a committee member clicks a red KPI tile
through to exactly its requests, on a desk list that never scrolls sideways."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD

from .test_complaints_loop import DRAW_JPEG, PHONE, _clean_up, _counter, log_in, shot

pytestmark = pytest.mark.e2e


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


def _submit(cast, description: str, *, hours_ago: float, assign: bool) -> int:
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from complaints import services
    from estates.models import Estate, Unit

    now = timezone.now()
    with schema_context(cast.a.schema):
        request = services.request_submit(
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            kind="repair",
            category="repair",
            description=description,
            channel="phone",
            unit=Unit.objects.get(pk=cast.a.units["A1-1-101"]),
            contact_name="王阿姨",
            contact_phone="13800001234",
            entered_by=cast.a.staff.user,
            now=now - timedelta(hours=hours_ago),
        )
        if assign:
            services.request_accept(
                request=request,
                actor=cast.a.manager.user,
                assignee=cast.a.staff.user,
                now=now - timedelta(hours=hours_ago - 0.5),
            )
        pk = request.pk
    connection.set_schema_to_public()
    return pk


def test_a_repairer_works_the_day_from_my_tasks(db, cast, e2e_server, frontend_built, new_context):
    from django.db import connection
    from django_tenants.utils import schema_context

    from complaints.models import Attachment, ServiceRequest

    firm = e2e_server.firm_url(cast.a.slug)
    created: list[int] = []
    counter_before = _counter(cast.a.schema, cast.a.estates["A1"])
    try:
        request_id = _submit(cast, "厨房水龙头一直滴水（e2e 我的任务）", hours_ago=2, assign=True)
        created.append(request_id)
        phone = new_context().new_page()
        phone.set_viewport_size(PHONE)
        jpeg = base64.b64decode(phone.evaluate(DRAW_JPEG))
        log_in(phone, firm, cast.a.staff.email, PASSWORD)
        phone.goto(f"{firm}/tasks")
        card = phone.get_by_test_id(f"task-{request_id}")
        expect(card).to_be_visible()
        expect(phone.get_by_test_id(f"task-countdown-{request_id}")).to_contain_text("剩余")
        expect(phone.get_by_test_id(f"task-place-{request_id}")).to_contain_text("101")
        call = phone.get_by_test_id(f"task-call-{request_id}")
        expect(call).to_have_attribute("href", "tel:13800001234")
        expect(call).to_contain_text("王阿姨")
        _no_sideways_scroll(phone)
        shot(phone, "desk-my-tasks")

        phone.get_by_test_id(f"task-start-{request_id}").click()
        expect(phone.get_by_test_id(f"task-start-{request_id}")).to_have_count(0)
        phone.get_by_test_id(f"task-resolve-{request_id}").click()
        form = phone.get_by_test_id(f"task-resolve-form-{request_id}")
        form.get_by_test_id("field-note").fill("更换了水龙头阀芯，试水不再滴漏。")
        form.locator("input[type=file]").set_input_files(
            files=[{"name": "after.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
        )
        phone.get_by_test_id(f"task-resolve-submit-{request_id}").click()
        expect(card).to_have_count(0)  # resolved: no longer an open task of mine
        with schema_context(cast.a.schema):
            done = ServiceRequest.objects.get(pk=request_id)
            assert done.status == "resolved" and done.assignee_id == cast.a.staff.user.pk
            assert Attachment.objects.filter(request_id=request_id).count() == 1
        connection.set_schema_to_public()
    finally:
        _clean_up(cast.a.schema, created, cast.a.estates["A1"], counter_before)


def test_a_committee_member_clicks_a_red_tile_through_to_its_requests(
    db, cast, e2e_server, frontend_built, new_context
):
    firm = e2e_server.firm_url(cast.a.slug)
    created: list[int] = []
    counter_before = _counter(cast.a.schema, cast.a.estates["A1"])
    try:
        # five requests nobody has answered: the answered share is red, on enough cases
        for n in range(5):
            created.append(
                _submit(cast, f"楼道灯不亮 {n}（e2e 看板）", hours_ago=1 + n, assign=False)
            )
        phone = new_context().new_page()
        phone.set_viewport_size(PHONE)
        log_in(phone, firm, cast.a.committee.email, PASSWORD)
        phone.goto(f"{firm}/complaints/dashboard")
        tile = phone.get_by_test_id("kpi-answered_share")
        expect(tile).to_have_attribute("data-below-target", "true")
        expect(tile).to_have_attribute("data-small-sample", "false")
        shot(phone, "desk-dashboard-tiles")
        phone.get_by_test_id("kpi-link-answered_share").click()
        phone.wait_for_url(re.compile(r"/desk\?.*kpi=unanswered"))
        expect(phone.get_by_test_id("desk-drill")).to_contain_text("未回复")
        for pk in created:
            expect(phone.get_by_test_id(f"desk-card-{pk}")).to_be_visible()
        expect(phone.get_by_test_id("desk-export")).to_have_count(0)
        _no_sideways_scroll(phone)
        shot(phone, "desk-drill-unanswered")
    finally:
        _clean_up(cast.a.schema, created, cast.a.estates["A1"], counter_before)
