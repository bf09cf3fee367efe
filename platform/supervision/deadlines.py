"""What supervision registers with the deadlines engine (imported at start-up by
`DeadlinesConfig.ready`): the rectification clock (yellow at 80 %, red when overdue; the
firm's managers of the estate and its admins are notified once per level) and the schedule
reminder timer."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from deadlines.registry import ClockKind, Crossed, Timer, register_kind, register_timer
from notifications.choices import NotificationKind
from notifications.services import notify

from .choices import OPEN_STATUSES
from .models import Rectification, RectificationClock
from .selectors import estate_managers, firm_admins
from .services.schedules import reminders_next_due, reminders_send

_KINDS = {"yellow": NotificationKind.SUPERVISION_YELLOW, "red": NotificationKind.SUPERVISION_RED}
_TITLES = {"yellow": _("整改即将到期"), "red": _("整改已超期")}


def _on_cross(crossed: Crossed) -> None:
    rectification: Rectification = crossed.subject
    users = estate_managers(estate_id=rectification.estate_id) + firm_admins()
    notify(
        users=users,
        kind=_KINDS[crossed.level],
        title=_TITLES[crossed.level],
        body=rectification.title,
        link=f"/supervision/rectifications/{rectification.pk}",
        dedupe_key=crossed.dedupe_key,
    )


def _lock(pk: int) -> Rectification | None:
    return Rectification.objects.select_for_update(skip_locked=True).filter(pk=pk).first()


def _remind(now: datetime) -> int:
    return reminders_send(now=now)


RECTIFICATION_CLOCK = register_kind(
    ClockKind(
        name="supervision.rectification",  # stored in Crossing.kind: never rename it
        model=RectificationClock,
        subject_field="rectification",
        clock_field="name",
        on_cross=_on_cross,
        lock=_lock,
        active=lambda qs: qs.filter(rectification__status__in=OPEN_STATUSES),
    )
)
register_timer(Timer(name="supervision.remind", next_due=reminders_next_due, run=_remind))
