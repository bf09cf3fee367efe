"""The KPIs per estate and period, and the seam the scoring module reads."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.helpers import login

from .conftest import photo, small_template, submitted_round

pytestmark = pytest.mark.django_db


def test_estate_kpis_counts_items_rectifications_and_rounds(a1) -> None:
    from supervision.kpis import EstateSupervisionKpis, estate_kpis
    from supervision.services import (
        rectification_answer,
        rectification_verify,
        schedule_create,
    )

    today = timezone.localdate()
    template = small_template(a1)
    schedule_create(
        user=a1["committee"],
        estate=a1["estate"],
        template_id=template.pk,
        frequency="weekly",
        areas=["1号楼"],
        starts_on=today - timedelta(days=13),
    )
    submitted_round(a1, ("pass", "fail", "na"))
    second = submitted_round(a1, ("fail", "pass", "pass"))
    fixed = second.rectifications.get()
    rectification_answer(user=a1["manager"], rectification=fixed, plan="已清理", after=[photo()])
    rectification_verify(user=a1["committee"], rectification=fixed)
    kpis = estate_kpis(estate_id=a1["estate"].pk, start=today - timedelta(days=13), end=today)
    assert kpis == EstateSupervisionKpis(
        items_inspected=5,
        items_passed=3,
        rectifications_opened=2,
        rectifications_verified=1,
        rectifications_verified_on_time=1,
        rounds_scheduled=2,
        rounds_held=2,
    )
    assert estate_kpis(estate_id=a1["other_estate"].pk, start=today, end=today).items_inspected == 0


def test_the_kpi_page_gives_rates_with_counts_per_service_line(cast, a1) -> None:
    submitted_round(a1, ("pass", "fail", "pass"))
    today = timezone.localdate().isoformat()
    response = login(cast.a.committee).get(
        f"/api/v1/supervision/kpis/?estate={a1['estate'].pk}&start={today}&end={today}"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["pass_rate"] == 0.6667
    assert body["rectification_rate"] == 0.0
    cleaning = next(x for x in body["service_lines"] if x["service_line"] == "cleaning")
    assert (cleaning["inspected"], cleaning["passed"]) == (3, 2)
    bad = login(cast.a.committee).get(
        f"/api/v1/supervision/kpis/?estate={a1['estate'].pk}&start=x&end={today}"
    )
    assert bad.status_code == 400
    assert "start" in bad.json()["fields"]
    denied = login(cast.a.resident).get(
        f"/api/v1/supervision/kpis/?estate={a1['estate'].pk}&start={today}&end={today}"
    )
    assert denied.status_code == 403, denied.content


def test_schedules_are_due_weekly_monthly_and_once() -> None:
    from supervision.policies import due_days

    assert due_days(
        frequency="weekly",
        starts_on=date(2026, 1, 1),
        ends_on=None,
        start=date(2026, 1, 5),
        end=date(2026, 1, 20),
    ) == [date(2026, 1, 8), date(2026, 1, 15)]
    assert due_days(
        frequency="monthly",
        starts_on=date(2026, 1, 31),
        ends_on=None,
        start=date(2026, 1, 1),
        end=date(2026, 4, 30),
    ) == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert due_days(
        frequency="once",
        starts_on=date(2026, 3, 1),
        ends_on=None,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    ) == [date(2026, 3, 1)]


def test_a_due_schedule_reminds_the_supervisors_once(a1) -> None:
    from notifications.models import Notification
    from supervision.services import reminders_send, schedule_create

    today = timezone.localdate()
    template = small_template(a1)
    schedule_create(
        user=a1["committee"],
        estate=a1["estate"],
        template_id=template.pk,
        frequency="once",
        areas=[],
        starts_on=today,
    )
    now = timezone.make_aware(datetime.combine(today, time(9, 0)))
    assert reminders_send(now=now) == 1
    assert reminders_send(now=now) == 0
    assert list(
        Notification.objects.filter(kind="supervision.reminder").values_list("user_id", flat=True)
    ) == [a1["committee"].pk]
