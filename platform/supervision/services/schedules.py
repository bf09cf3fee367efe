"""Inspection schedules (weekly / monthly / one-off, areas) and their reminders: on each due
day the estate's supervisors are notified once (a deadlines Timer runs `reminders_send`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from committee.selectors import confirmed_seats, is_supervisor
from core.exceptions import ValidationFailed
from deadlines.services import due_note
from estates.models import Estate
from notifications.choices import NotificationKind
from notifications.services import notify

from ..exceptions import NotSupervisor, TemplateNotFound
from ..models import Schedule, ScheduleReminder, Template
from ..policies import next_due_day

MAX_AREAS = 50


def _morning(day: date) -> datetime:
    """08:00 local time on `day`: when the reminder goes out."""
    return timezone.make_aware(datetime.combine(day, time(8, 0)))


@transaction.atomic
def schedule_create(
    *,
    user: User,
    estate: Estate,
    template_id: int,
    frequency: str,
    areas: list[str],
    starts_on: date,
    ends_on: date | None = None,
    now: datetime | None = None,
) -> Schedule:
    if not is_supervisor(user, estate.pk):
        raise NotSupervisor()
    template = Template.objects.filter(pk=template_id, estate_id=estate.pk).first()
    if template is None:
        raise TemplateNotFound(fields={"template": [_("该小区没有这个模板。")]})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationFailed(fields={"ends_on": [_("结束日期不能早于开始日期。")]})
    cleaned = [a.strip()[:100] for a in areas if a.strip()][:MAX_AREAS]
    schedule = Schedule.objects.create(
        estate=estate,
        template=template,
        frequency=frequency,
        areas=cleaned,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
        created_at=now or timezone.now(),
    )
    first = next_due_day(
        frequency=frequency, starts_on=starts_on, ends_on=ends_on, after=timezone.localdate()
    )
    if first is not None:
        due_note(at=_morning(first))
    return schedule


@transaction.atomic
def schedule_end(*, user: User, schedule: Schedule, ends_on: date) -> Schedule:
    """Stop a schedule from `ends_on` on (its past due days stay what they were)."""
    if not is_supervisor(user, schedule.estate_id):
        raise NotSupervisor()
    schedule.ends_on = max(ends_on, schedule.starts_on - timedelta(days=1))
    schedule.save(update_fields=["ends_on"])
    return schedule


def _active(today: date) -> list[Schedule]:
    return list(
        Schedule.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).select_related(
            "template"
        )
    )


def _pending(schedule: Schedule, today: date) -> date | None:
    """The schedule's first due day up to two months ahead that has had no reminder yet."""
    day = today - timedelta(days=1)
    sent = set(schedule.reminders.filter(due_on__gte=day).values_list("due_on", flat=True))
    while True:
        due = next_due_day(
            frequency=schedule.frequency,
            starts_on=schedule.starts_on,
            ends_on=schedule.ends_on,
            after=day,
        )
        if due is None or due not in sent:
            return due
        day = due + timedelta(days=1)


def reminders_next_due() -> datetime | None:
    today = timezone.localdate()
    moments = [_morning(d) for s in _active(today) if (d := _pending(s, today)) is not None]
    return min(moments) if moments else None


def reminders_send(*, now: datetime) -> int:
    """Remind each due schedule's supervisors once per due day (today's, or yesterday's if the
    sweep ran late)."""
    today = timezone.localdate(now)
    sent = 0
    for schedule in _active(today):
        due = _pending(schedule, today)
        if due is None or _morning(due) > now:
            continue
        with transaction.atomic():
            _, created = ScheduleReminder.objects.get_or_create(
                schedule=schedule, due_on=due, defaults={"at": now}
            )
            if not created:
                continue
            members = [
                seat.user
                for seat in confirmed_seats(day=today)
                .filter(estate_id=schedule.estate_id)
                .select_related("user")
            ]
            notify(
                users=members,
                kind=NotificationKind.SUPERVISION_REMINDER,
                title=gettext_lazy("今天有一次监督巡查"),
                body=schedule.template.name,
                link="/supervision/rounds",
                dedupe_key=f"supervision:remind:{schedule.pk}:{due.isoformat()}",
            )
            sent += 1
    return sent
