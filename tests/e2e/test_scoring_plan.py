"""An improvement plan marked done, in real Chromium (#11 §4): the estate's manager sees the open
plan on the staff home, reports it done with what the firm did; the committee member, on a
phone at 390×844, finds it on their home, reads it, sends it back once, and confirms it after
the firm reports again.
The plan's deadline pauses while the committee looks and stops when it confirms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, log_in, shot

pytestmark = pytest.mark.e2e


def _open_plan(cast) -> int:
    """An improvement plan as check_thresholds raises it (two scores below 70), with its
    30-day clock."""
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from deadlines.services import clock_start
    from scoring.models import PlanClock, ScoreAlert

    now = timezone.now()
    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.create(
            estate_id=cast.a.estates["A1"],
            kind="improvement_plan",
            key="e2e-plan",
            figures={"scores": ["66.00", "64.50"], "periods": []},
            created_at=now,
            due_on=(now + timedelta(days=30)).date(),
        )
        clock_start(
            clock=PlanClock(alert=alert, budget_seconds=0, started_at=now),
            budget_seconds=30 * 86400,
            now=now,
            yellow=0.8,
        )
    connection.set_schema_to_public()
    return alert.pk


def _clean_up(cast, pk: int | None) -> None:
    from django.db import connection
    from django_tenants.utils import schema_context

    from notifications.models import Notification
    from scoring.models import ScoreAlert

    if pk is None:
        return
    with schema_context(cast.a.schema):
        Notification.objects.filter(dedupe_key__startswith=f"scoring:plan:{pk}:").delete()
        ScoreAlert.objects.filter(pk=pk).delete()
    connection.set_schema_to_public()


def _state(cast, pk: int):
    from django.db import connection
    from django_tenants.utils import schema_context

    from scoring.models import ScoreAlert

    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.get(pk=pk)
        clock = alert.clocks.get()
        result = alert.reported_at, alert.done_at, clock.paused_at, clock.stopped_at
    connection.set_schema_to_public()
    return result


def test_the_firm_reports_an_improvement_plan_done_and_the_committee_confirms_it(
    db, cast, e2e_server, frontend_built, new_context
):
    firm = e2e_server.firm_url(cast.a.slug)
    pk = None
    try:
        pk = _open_plan(cast)

        # --- the manager sees it on the staff home and reports what the firm did --------------
        desk = new_context().new_page()
        log_in(desk, firm, cast.a.manager.email, PASSWORD)
        expect(desk.get_by_test_id("home-scoring")).to_be_visible()
        expect(desk.get_by_test_id(f"home-plan-{pk}")).to_contain_text("期限")
        desk.get_by_test_id(f"home-plan-{pk}").click()
        desk.wait_for_url(lambda url: url.endswith("/scoring/alerts"))
        desk.get_by_test_id(f"plan-report-{pk}").click()
        desk.get_by_test_id("plan-report-text").fill("保洁改为每天两次，三号楼门禁已更换。")
        desk.get_by_test_id("plan-report-submit").click()
        expect(desk.get_by_test_id(f"plan-awaiting-{pk}")).to_have_text("待业委会确认")
        expect(desk.get_by_test_id(f"plan-confirm-{pk}")).to_have_count(0)
        reported, done, paused, stopped = _state(cast, pk)
        assert reported is not None and done is None and paused is not None and stopped is None

        # --- the committee member, on a phone, sends it back once -----------------------------
        phone = new_context().new_page()
        phone.set_viewport_size(PHONE)
        log_in(phone, firm, cast.a.committee.email, PASSWORD)
        # their home says a plan awaits them
        phone.goto(f"{firm}/")
        expect(phone.get_by_test_id(f"home-plan-{pk}")).to_contain_text("待您确认")
        shot(phone, "scoring-plan-committee-home")
        phone.get_by_test_id(f"home-plan-{pk}").click()
        phone.wait_for_url(lambda url: url.endswith("/scoring/alerts"))
        expect(phone.get_by_test_id(f"plan-note-{pk}")).to_have_text(
            "保洁改为每天两次，三号楼门禁已更换。"
        )
        expect(phone.get_by_test_id(f"plan-report-{pk}")).to_have_count(0)
        phone.get_by_test_id(f"plan-send-back-{pk}").click()
        phone.get_by_test_id("plan-send-back-text").fill("二号楼门禁也坏了，请一并处理")
        phone.get_by_test_id("plan-send-back-submit").click()
        expect(phone.get_by_test_id(f"plan-confirm-{pk}")).to_have_count(0)
        _, _, paused, stopped = _state(cast, pk)
        assert paused is None and stopped is None  # the deadline counts again

        # --- the firm reports again; the committee confirms ------------------------------------
        desk.reload()
        expect(desk.get_by_test_id(f"plan-returned-{pk}")).to_contain_text("二号楼门禁也坏了")
        desk.get_by_test_id(f"plan-report-{pk}").click()
        desk.get_by_test_id("plan-report-text").fill("二号楼、三号楼门禁均已更换，附验收照片。")
        desk.get_by_test_id("plan-report-submit").click()
        expect(desk.get_by_test_id(f"plan-awaiting-{pk}")).to_be_visible()

        phone.reload()
        expect(phone.get_by_test_id(f"plan-note-{pk}")).to_contain_text("二号楼、三号楼")
        phone.get_by_test_id(f"plan-confirm-{pk}").click()
        phone.get_by_test_id(f"plan-confirm-ok-{pk}").click()
        expect(phone.get_by_test_id(f"plan-{pk}")).to_have_count(0)
        expect(phone.get_by_test_id(f"alert-{pk}")).to_contain_text("已完成")
        expect(phone.get_by_test_id(f"alert-done-note-{pk}")).to_contain_text("二号楼、三号楼")
        shot(phone, "scoring-plan-committee-confirmed")
        _, done, _, stopped = _state(cast, pk)
        assert done is not None and stopped is not None

        # --- and it leaves the manager's open plans -------------------------------------------
        desk.goto(f"{firm}/")
        expect(desk.get_by_test_id("home-plans")).to_be_visible()
        expect(desk.get_by_test_id(f"home-plan-{pk}")).to_have_count(0)
    finally:
        _clean_up(cast, pk)
