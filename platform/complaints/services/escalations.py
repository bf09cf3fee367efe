"""Red/yellow/green escalation of requests (红黄绿三色督办), on the deadlines engine.

The engine sweeps the request clocks (`REQUEST_CLOCKS`, registered in `complaints/deadlines.py`)
and calls `_on_cross` once per (request, clock, level), in the transaction that writes its
marker: the handler writes the `Escalation` row and its notifications (unique per recipient and
key) there too. Running the sweep twice does nothing the second time; a worker killed mid-sweep
rolls back the request it was on and the next run picks it up: no effect is doubled and none is
skipped. After each request the sweep stores the request's colour.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from deadlines.registry import ClockKind, Crossed
from deadlines.services import sweep_kind
from estates.settings import EstateSettings
from notifications.services import notify

from ..choices import ClockKind as RequestClockKind
from ..choices import Colour, Status
from ..models import Escalation, ServiceRequest, SlaClock
from ..policies import OPEN_STATUSES, read_clock
from .clocks import yellow_fraction
from .notify import firm_admins, link, managers_of

logger = logging.getLogger(__name__)


def _colour_of(clocks: list[SlaClock], now: datetime, yellow: float) -> str:
    worst = Colour.GREEN
    for clock in clocks:
        reading = read_clock(
            budget=timedelta(seconds=clock.budget_seconds),
            started_at=clock.started_at,
            paused_total=timedelta(seconds=clock.paused_seconds),
            paused_at=clock.paused_at,
            stopped_at=clock.stopped_at,
            now=now,
            yellow_at=yellow,
        )
        if clock.stopped_at is not None:
            continue
        if reading.colour == Colour.RED:
            return Colour.RED
        if reading.colour == Colour.YELLOW:
            worst = Colour.YELLOW
    return worst


def _plan_days(request: ServiceRequest) -> int:
    return EstateSettings.from_estate(request.estate).escalation.plan_days


def _on_cross(crossed: Crossed) -> None:
    """A request clock reached yellow or red: the escalation row and who hears of it."""
    request: ServiceRequest = crossed.subject
    clock: SlaClock = crossed.clock
    level, now, plan_days = crossed.level, crossed.now, _plan_days(request)
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                request=request,
                clock=clock.kind,
                level=level,
                plan_due_at=now + timedelta(days=plan_days) if level == Colour.YELLOW else None,
            )
    except IntegrityError:
        return  # escalated before the engine kept its own marker: exactly once still
    # the title is written in each recipient's own language (see `notify`)
    name = RequestClockKind(clock.kind).label
    if level == Colour.YELLOW:
        recipients: list[User] = managers_of(request.estate_id)
        title = format_lazy(
            _("黄色督办：{number} {name}时限已过 80%，请在 {plan_days} 天内提交处理方案"),
            number=request.number,
            name=name,
            plan_days=plan_days,
        )
    else:
        recipients = firm_admins() + managers_of(request.estate_id)
        title = format_lazy(
            _("红色督办：{number} {name}已超时，已上报公司并公示给业委会"),
            number=request.number,
            name=name,
        )
    notify(
        users=recipients,
        kind=f"escalation.{level}",
        title=title,
        body=request.description[:200],
        link=link(request),
        dedupe_key=f"escalation:{escalation.pk}",
    )


def _lock(request_id: int) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("estate")
        .filter(pk=request_id)
        .first()
    )


def _open(clocks: QuerySet[SlaClock]) -> QuerySet[SlaClock]:
    return clocks.filter(request__status__in=OPEN_STATUSES)


def _recolour(request: ServiceRequest, now: datetime) -> str | None:
    colour = _colour_of(list(request.clocks.all()), now, yellow_fraction(request))
    if colour == request.colour:
        return None
    ServiceRequest.objects.filter(pk=request.pk).update(colour=colour)
    return "recoloured"


REQUEST_CLOCKS = ClockKind(
    name="complaints.request",
    model=SlaClock,
    subject_field="request",
    clock_field="kind",
    on_cross=_on_cross,
    lock=_lock,
    active=_open,
    after=_recolour,
    extra_counts=("recoloured",),
)


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """One pass over the current firm's running request clocks. Safe to run any number of
    times. Counts: yellow and red escalations, requests whose colour changed."""
    return sweep_kind(REQUEST_CLOCKS, now=now or timezone.now())


@transaction.atomic
def escalation_plan_submit(*, escalation: Escalation, plan: str, actor: User) -> Escalation:
    """The responsible manager's plan for a yellow escalation."""
    escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
    escalation.plan, escalation.plan_by, escalation.plan_at = plan, actor, timezone.now()
    escalation.save(update_fields=["plan", "plan_by", "plan_at"])
    return escalation


def red_board(*, estate_id: int) -> list[ServiceRequest]:
    """What the committee sees: open requests with a breached clock, plus every rejection."""
    return list(
        ServiceRequest.objects.filter(estate_id=estate_id)
        .filter(
            Q(escalations__level=Colour.RED, status__in=OPEN_STATUSES) | Q(status=Status.REJECTED)
        )
        .distinct()
        .order_by("-created_at")
    )
