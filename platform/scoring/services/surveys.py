"""Surveys: the firm drafts, the committee opens and closes (closing publishes the score),
reminders at most once a week."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from committee.selectors import is_supervisor
from complaints.kpis import quarter_bounds
from estates.models import Estate, Occupancy, OwnerRecord
from notifications.services import notify

from ..choices import SurveyStatus
from ..exceptions import (
    InvalidPeriod,
    NotSupervisor,
    NotSurveyKeeper,
    ReminderTooSoon,
    SurveyExists,
    SurveyNotDraft,
    SurveyNotOpen,
)
from ..models import Participation, Survey
from ..selectors import keeps_surveys

REMINDER_GAP = timedelta(days=7)
MAX_PERIOD_DAYS = 366


def require_supervisor(user: User, estate_id: int) -> None:
    if not is_supervisor(user, estate_id):
        raise NotSupervisor()


def _period(start: date, end: date | None) -> tuple[date, date]:
    end = end or quarter_bounds(start)[1]
    if end < start or (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidPeriod(fields={"period_end": [InvalidPeriod.default_detail]})
    return start, end


@transaction.atomic
def survey_draft(
    *,
    user: User,
    estate: Estate,
    period_start: date,
    period_end: date | None = None,
    title: str = "",
) -> Survey:
    """The firm drafts a survey from the template (period: the quarter of `period_start`
    unless `period_end` is given)."""
    if not keeps_surveys(user=user, estate_id=estate.pk):
        raise NotSurveyKeeper()
    start, end = _period(period_start, period_end)
    if Survey.objects.filter(estate=estate, period_start=start).exists():
        raise SurveyExists(fields={"period_start": [SurveyExists.default_detail]})
    title = title or _("%(estate)s %(start)s 至 %(end)s 物业服务满意度调查") % {
        "estate": estate.name,
        "start": start.isoformat(),
        "end": end.isoformat(),
    }
    try:
        with transaction.atomic():
            return Survey.objects.create(
                estate=estate, title=title, period_start=start, period_end=end, created_by=user
            )
    except IntegrityError as exc:
        raise SurveyExists() from exc


@transaction.atomic
def survey_update(
    *,
    user: User,
    survey: Survey,
    title: str | None = None,
    period_end: date | None = None,
) -> Survey:
    """The firm edits its draft; once the committee opened it, nothing."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not keeps_surveys(user=user, estate_id=survey.estate_id):
        raise NotSurveyKeeper()
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyNotDraft()
    if title is not None:
        survey.title = title
    if period_end is not None:
        survey.period_start, survey.period_end = _period(survey.period_start, period_end)
    survey.save(update_fields=["title", "period_start", "period_end"])
    return survey


@transaction.atomic
def survey_open(*, user: User, survey: Survey, now: datetime | None = None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    require_supervisor(user, survey.estate_id)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyNotDraft(_("问卷已开启或已结束。"))
    survey.status = SurveyStatus.OPEN
    survey.opened_at = now or timezone.now()
    survey.opened_by = user
    survey.save(update_fields=["status", "opened_at", "opened_by"])
    return survey


@transaction.atomic
def survey_close(*, user: User, survey: Survey, now: datetime | None = None) -> Survey:
    """The committee closes the survey; the estate's score for the period is published in the
    same transaction."""
    from .scores import score_publish

    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    require_supervisor(user, survey.estate_id)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyNotOpen()
    now = now or timezone.now()
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = now
    survey.closed_by = user
    survey.save(update_fields=["status", "closed_at", "closed_by"])
    score_publish(survey=survey, now=now)
    return survey


def _unanswered_users(survey: Survey) -> list[User]:
    today = timezone.localdate()
    answered = Participation.objects.filter(survey=survey).values("unit_id")
    current = Q(until__isnull=True) | Q(until__gte=today)
    ids = set(
        OwnerRecord.objects.filter(current, unit__estate_id=survey.estate_id)
        .exclude(unit_id__in=answered)
        .exclude(person__user__isnull=True)
        .values_list("person__user_id", flat=True)
    ) | set(
        Occupancy.objects.filter(current, unit__estate_id=survey.estate_id)
        .exclude(unit_id__in=answered)
        .exclude(person__user__isnull=True)
        .values_list("person__user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True))


@transaction.atomic
def survey_remind(*, user: User, survey: Survey, now: datetime | None = None) -> int:
    """Remind the households that have not answered (in-app and e-mail); at most once in any
    seven days, whoever asks (the committee or the firm). Returns how many were reminded."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not (
        is_supervisor(user, survey.estate_id)
        or keeps_surveys(user=user, estate_id=survey.estate_id)
    ):
        raise NotSupervisor()
    if survey.status != SurveyStatus.OPEN:
        raise SurveyNotOpen()
    now = now or timezone.now()
    if survey.last_reminder_at and now - survey.last_reminder_at < REMINDER_GAP:
        raise ReminderTooSoon(
            extra={"next_at": (survey.last_reminder_at + REMINDER_GAP).isoformat()}
        )
    survey.reminders_sent += 1
    survey.last_reminder_at = now
    survey.save(update_fields=["reminders_sent", "last_reminder_at"])
    sent = notify(
        users=_unanswered_users(survey),
        kind="scoring.reminder",
        title=_("请为本小区物业服务打分"),
        body=survey.title,
        link=f"/scoring/surveys/{survey.pk}",
        dedupe_key=f"scoring:remind:{survey.pk}:{survey.reminders_sent}",
        email=True,
    )
    return len(sent)
