"""The improvement plan's deadline on the shared clock engine (imported at start-up by
DeadlinesConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from deadlines.registry import ClockKind, Crossed, register_kind
from notifications.services import notify

from .models import PlanClock, ScoreAlert


def _on_cross(crossed: Crossed) -> None:
    from .services.scores import _people

    alert: ScoreAlert = crossed.subject
    if alert.done_at is not None:
        return
    firm, committee = _people(alert.estate_id)
    notify(
        users=[*firm, *committee],
        kind="scoring.alert",
        title=_("整改提升计划即将到期") if crossed.level == "yellow" else _("整改提升计划已逾期"),
        link="/scoring",
        dedupe_key=crossed.dedupe_key,
    )


def _lock(pk: int) -> ScoreAlert | None:
    return ScoreAlert.objects.select_for_update(skip_locked=True).filter(pk=pk).first()


register_kind(
    ClockKind(
        name="scoring.plan",  # stored in Crossing.kind: never rename it
        model=PlanClock,
        subject_field="alert",
        clock_field="name",
        on_cross=_on_cross,
        lock=_lock,
        active=lambda qs: qs.filter(alert__done_at__isnull=True),
    )
)
