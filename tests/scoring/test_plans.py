"""An improvement plan is done in two steps: the firm reports what it did (its deadline pauses),
the estate's committee confirms it (the deadline stops) or sends it back (it counts again).
Nobody else can do either, and the wrong side cannot do the other's step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

pytestmark = pytest.mark.django_db

NOTE = "保洁增加到每天两次，更换了三号楼门禁，夜班保安增加一人。"


def _plan(cast, kind: str = "improvement_plan") -> int:
    """An alert as check_thresholds raises it: an improvement plan with its 30-day clock."""
    from deadlines.services import clock_start
    from scoring.models import PlanClock, ScoreAlert

    now = timezone.now()
    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.create(
            estate_id=cast.a.estates["A1"],
            kind=kind,
            key="test",
            figures={"scores": ["65.00", "62.50"]},
            created_at=now,
            due_on=(now + timedelta(days=30)).date(),
        )
        if kind == "improvement_plan":
            clock = PlanClock(alert=alert, budget_seconds=0, started_at=now)
            clock_start(clock=clock, budget_seconds=30 * 86400, now=now, yellow=0.8)
    connection.set_schema_to_public()
    return alert.pk


def _state(cast, pk: int):
    from scoring.models import ScoreAlert

    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.select_related("done_by").get(pk=pk)
        clock = alert.clocks.get()
        result = alert, clock
    connection.set_schema_to_public()
    return result


def _post(person, path: str, body: dict | None = None):
    response = login(person).post(f"/api/v1/scoring/alerts/{path}", body or {}, format="json")
    connection.set_schema_to_public()
    return response


def test_the_firm_reports_the_plan_done_and_the_committee_confirms_it(cast) -> None:
    from notifications.models import Notification

    pk = _plan(cast)
    reported = _post(cast.a.manager, f"{pk}/report/", {"note": f"  {NOTE}  "})
    assert reported.status_code == 200, reported.content
    body = reported.json()
    assert body["report_note"] == NOTE and body["reported_at"] and body["done_at"] is None
    alert, clock = _state(cast, pk)
    assert clock.paused_at is not None and clock.stopped_at is None  # the committee looks
    with schema_context(cast.a.schema):
        told = Notification.objects.filter(kind="scoring.alert", body__startswith="保洁增加")
        assert [n.user.email for n in told] == [cast.a.committee.email]
    connection.set_schema_to_public()

    confirmed = _post(cast.a.committee, f"{pk}/confirm/")
    assert confirmed.status_code == 200, confirmed.content
    assert confirmed.json()["done_at"]
    alert, clock = _state(cast, pk)
    assert clock.stopped_at is not None and alert.done_by is not None
    assert alert.done_by.email == cast.a.committee.email
    with schema_context(cast.a.schema):
        done = Notification.objects.filter(kind="scoring.alert", dedupe_key__endswith=":done")
        assert sorted(n.user.email for n in done) == sorted(
            [cast.a.admin.email, cast.a.manager.email]
        )
    connection.set_schema_to_public()
    # done is done: neither side can go on with it
    assert _post(cast.a.manager, f"{pk}/report/", {"note": NOTE}).json()["code"] == "plan_done"
    assert _post(cast.a.committee, f"{pk}/confirm/").json()["code"] == "plan_done"


def test_the_committee_sends_it_back_and_the_deadline_counts_again(cast) -> None:
    pk = _plan(cast)
    assert _post(cast.a.admin, f"{pk}/report/", {"note": NOTE}).status_code == 200
    back = _post(cast.a.committee, f"{pk}/send-back/", {"reason": "三号楼门禁仍然坏着"})
    assert back.status_code == 200, back.content
    assert back.json()["reported_at"] is None
    assert back.json()["returned_note"] == "三号楼门禁仍然坏着"
    alert, clock = _state(cast, pk)
    assert clock.paused_at is None and clock.stopped_at is None and clock.paused_seconds >= 0
    assert alert.done_at is None
    assert alert.due_on == timezone.localtime(clock.due_at).date()  # moved by the pause, if at all
    # the firm reports again; the reasons are cleared with the new report
    again = _post(cast.a.manager, f"{pk}/report/", {"note": "门禁已换新，附验收单"})
    assert again.status_code == 200 and again.json()["returned_note"] == ""


def test_each_side_does_only_its_own_step(cast) -> None:
    pk = _plan(cast)
    # the committee cannot report the firm's work done; staff and residents cannot either
    for person in (cast.a.committee, cast.a.staff, cast.a.resident):
        assert _post(person, f"{pk}/report/", {"note": NOTE}).status_code == 403
    # nothing to confirm or send back before the firm reported
    assert _post(cast.a.committee, f"{pk}/confirm/").json()["code"] == "plan_not_reported"
    assert _post(cast.a.committee, f"{pk}/send-back/", {"reason": "x"}).status_code == 409
    empty = _post(cast.a.manager, f"{pk}/report/", {"note": "   "})
    assert (empty.status_code, empty.json()["code"]) == (400, "plan_note_required")
    assert _post(cast.a.manager, f"{pk}/report/", {"note": NOTE}).status_code == 200
    twice = _post(cast.a.manager, f"{pk}/report/", {"note": NOTE})
    assert (twice.status_code, twice.json()["code"]) == (409, "plan_already_reported")
    # the firm cannot confirm its own work
    for person in (cast.a.manager, cast.a.admin, cast.a.staff, cast.a.resident):
        assert _post(person, f"{pk}/confirm/").status_code == 403
        assert _post(person, f"{pk}/send-back/", {"reason": "x"}).status_code == 403
    # another firm does not see it at all
    assert _post(cast.b.manager, f"{pk}/report/", {"note": NOTE}).status_code == 404
    alert, clock = _state(cast, pk)
    assert alert.done_at is None and clock.stopped_at is None


def test_a_retender_flag_is_not_a_plan_to_mark_done(cast) -> None:
    from scoring.exceptions import NotImprovementPlan
    from scoring.models import ScoreAlert
    from scoring.services import plan_report_done

    pk = _plan(cast, kind="retender")
    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.get(pk=pk)
        with pytest.raises(NotImprovementPlan):
            plan_report_done(user=cast.a.admin.user, alert=alert, note=NOTE)
    connection.set_schema_to_public()
    # the committee sees the flag, but there is nothing of the firm's to confirm
    assert _post(cast.a.committee, f"{pk}/confirm/").json()["code"] == "not_improvement_plan"


def test_the_days_with_the_committee_do_not_count_against_the_firm(cast) -> None:
    """Reported on day 10, sent back on day 20: the 30-day deadline moves by those 10 days."""
    from scoring.models import ScoreAlert
    from scoring.services import plan_report_done, plan_return

    pk = _plan(cast)
    with schema_context(cast.a.schema):
        alert = ScoreAlert.objects.get(pk=pk)
        clock = alert.clocks.get()
        due = clock.due_at
        start = clock.started_at
        plan_report_done(
            user=cast.a.manager.user, alert=alert, note=NOTE, now=start + timedelta(days=10)
        )
        plan_return(
            user=cast.a.committee.user, alert=alert, reason="未完成", now=start + timedelta(days=20)
        )
        alert.refresh_from_db()
        clock.refresh_from_db()
        assert clock.due_at == due + timedelta(days=10)
        assert alert.due_on == timezone.localtime(due + timedelta(days=10)).date()
    connection.set_schema_to_public()
