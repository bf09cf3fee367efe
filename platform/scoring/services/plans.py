"""An improvement plan is done in two steps, as a rectification is (domain §2-§3): the firm,
which does the work, reports it done and says what it did; the estate's committee, which the
plan answers to, confirms it or sends it back with its reasons. The plan's deadline (the
`scoring.plan` clock) pauses while the committee looks, stops when it confirms, and counts
again when it sends the plan back."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from committee.selectors import is_supervisor
from deadlines.services import clock_pause, clock_resume, clock_stop
from notifications.services import notify

from ..choices import AlertKind
from ..exceptions import (
    NotImprovementPlan,
    NotPlanKeeper,
    NotSupervisor,
    PlanAlreadyReported,
    PlanDone,
    PlanNoteRequired,
    PlanNotReported,
)
from ..models import PlanClock, ScoreAlert
from ..selectors import keeps_surveys
from .scores import _people

YELLOW = 0.8  # as the plan clock was started (services.scores.check_thresholds)


def _locked_plan(alert: ScoreAlert) -> ScoreAlert:
    locked = ScoreAlert.objects.select_for_update().get(pk=alert.pk)
    if locked.kind != AlertKind.IMPROVEMENT_PLAN:
        raise NotImprovementPlan()
    if locked.done_at is not None:
        raise PlanDone()
    return locked


def _clock(alert: ScoreAlert) -> PlanClock | None:
    return PlanClock.objects.select_for_update().filter(alert=alert, stopped_at=None).first()


def _stamp(now: datetime) -> str:
    return now.isoformat(timespec="microseconds")


@transaction.atomic
def plan_report_done(
    *, user: User, alert: ScoreAlert, note: str, now: datetime | None = None
) -> ScoreAlert:
    """The firm (its admin, the estate's manager) says the plan is carried out, and what was
    done. Its deadline pauses; the committee is asked to confirm."""
    now = now or timezone.now()
    alert = _locked_plan(alert)
    if not keeps_surveys(user=user, estate_id=alert.estate_id):
        raise NotPlanKeeper()
    if alert.reported_at is not None:
        raise PlanAlreadyReported()
    note = note.strip()
    if not note:
        raise PlanNoteRequired(fields={"note": [PlanNoteRequired.default_detail]})
    alert.reported_at, alert.reported_by, alert.report_note = now, user, note
    alert.returned_note = ""
    alert.save(update_fields=["reported_at", "reported_by", "report_note", "returned_note"])
    clock = _clock(alert)
    if clock is not None and clock.paused_at is None:
        clock_pause(clock=clock, now=now, yellow=YELLOW)
    committee = _people(alert.estate_id)[1]
    notify(
        users=committee,
        kind="scoring.alert",
        title=_("物业已提交整改提升计划的完成情况，请确认"),
        body=note[:200],
        link="/scoring/alerts",
        dedupe_key=f"scoring:plan:{alert.pk}:reported:{_stamp(now)}",
    )
    return alert


@transaction.atomic
def plan_confirm_done(*, user: User, alert: ScoreAlert, now: datetime | None = None) -> ScoreAlert:
    """The estate's committee confirms the reported work: the plan is done, its clock stops."""
    now = now or timezone.now()
    alert = _locked_plan(alert)
    if not is_supervisor(user, alert.estate_id):
        raise NotSupervisor()
    if alert.reported_at is None:
        raise PlanNotReported()
    alert.done_at, alert.done_by = now, user
    alert.save(update_fields=["done_at", "done_by"])
    clock = _clock(alert)
    if clock is not None:
        clock_stop(clock=clock, now=now, yellow=YELLOW)
    firm = _people(alert.estate_id)[0]
    notify(
        users=firm,
        kind="scoring.alert",
        title=_("业委会已确认整改提升计划完成"),
        link="/scoring/alerts",
        dedupe_key=f"scoring:plan:{alert.pk}:done",
    )
    return alert


@transaction.atomic
def plan_return(
    *, user: User, alert: ScoreAlert, reason: str, now: datetime | None = None
) -> ScoreAlert:
    """The committee is not satisfied: the plan goes back to the firm with the reasons, and its
    deadline counts again from where it paused."""
    now = now or timezone.now()
    alert = _locked_plan(alert)
    if not is_supervisor(user, alert.estate_id):
        raise NotSupervisor()
    if alert.reported_at is None:
        raise PlanNotReported()
    reason = reason.strip()
    if not reason:
        raise PlanNoteRequired(fields={"reason": [PlanNoteRequired.default_detail]})
    alert.reported_at, alert.reported_by, alert.returned_note = None, None, reason
    clock = _clock(alert)
    if clock is not None and clock.paused_at is not None:
        clock_resume(clock=clock, now=now, yellow=YELLOW)
        if clock.due_at is not None:  # the pause moved the deadline: the plan shows the new one
            alert.due_on = timezone.localtime(clock.due_at).date()
    alert.save(update_fields=["reported_at", "reported_by", "returned_note", "due_on"])
    firm = _people(alert.estate_id)[0]
    notify(
        users=firm,
        kind="scoring.alert",
        title=_("业委会退回了整改提升计划的完成情况"),
        body=reason[:200],
        link="/scoring/alerts",
        dedupe_key=f"scoring:plan:{alert.pk}:returned:{_stamp(now)}",
    )
    return alert
