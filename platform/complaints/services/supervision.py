"""Red/yellow/green supervision (红黄绿三色督办).

The sweep looks at running clocks whose yellow point (80 % by default) or due time has passed.
Each crossing creates one `Escalation` row, unique per (request, clock, level), and its
notifications (unique per recipient and key) in the same transaction. Running the sweep twice
finds the row and does nothing; a worker killed mid-sweep rolls back the request it was on
and the next run picks it up: no effect is doubled and none is skipped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from notifications.services import notify

from accounts.models import User

from ..choices import Colour, Status
from ..models import Escalation, ServiceRequest, SlaClock
from ..policies import OPEN_STATUSES, read_clock
from .clocks import yellow_fraction
from .notify import firm_admins, link, managers_of

logger = logging.getLogger(__name__)
CLOCK_ZH = {"response": "响应", "plan": "方案", "resolution": "解决"}


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


def _escalate(clock: SlaClock, level: str, now: datetime, plan_days: int) -> bool:
    request = clock.request
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                request=request,
                clock=clock.kind,
                level=level,
                plan_due_at=now + timedelta(days=plan_days) if level == Colour.YELLOW else None,
            )
    except IntegrityError:
        return False  # already escalated: exactly once
    name = CLOCK_ZH.get(clock.kind, clock.kind)
    if level == Colour.YELLOW:
        recipients: list[User] = managers_of(request.estate_id)
        title = (
            f"黄色督办：{request.number} {name}时限已过 80%，请在 {plan_days} 天内提交整改方案"
            f" / Yellow: {request.number} {clock.kind} clock at 80%;"
            f" send a plan within {plan_days} days"
        )
    else:
        recipients = firm_admins() + managers_of(request.estate_id)
        title = (
            f"红色督办：{request.number} {name}已超时，已上报公司并公示给业委会"
            f" / Red: {request.number} {clock.kind} clock breached; escalated to the firm admin and"
            " shown to the committee"
        )
    notify(
        users=recipients,
        kind=f"escalation.{level}",
        title=title,
        body=request.description[:200],
        link=link(request),
        dedupe_key=f"escalation:{escalation.pk}",
    )
    return True


def sweep(*, now: datetime | None = None) -> dict[str, int]:
    """One pass over the current firm's running clocks. Safe to run any number of times."""
    now = now or timezone.now()
    counts = {"yellow": 0, "red": 0, "recoloured": 0}
    due = (
        SlaClock.objects.filter(
            stopped_at__isnull=True,
            paused_at__isnull=True,
            request__status__in=OPEN_STATUSES,
        )
        .filter(Q(yellow_at__lte=now) | Q(due_at__lte=now))
        .values_list("request_id", flat=True)
        .distinct()
    )
    for request_id in list(due):
        with transaction.atomic():
            request = (
                ServiceRequest.objects.select_for_update(skip_locked=True)
                .select_related("estate")
                .filter(pk=request_id)
                .first()
            )
            if request is None:
                continue  # another sweep holds it; it will do the work
            yellow = yellow_fraction(request)
            plan_days = int(request.estate.settings.get("escalation", {}).get("plan_days", 3))
            clocks = list(request.clocks.filter(stopped_at__isnull=True, paused_at__isnull=True))
            for clock in clocks:
                clock.request = request
                if (
                    clock.due_at
                    and clock.due_at <= now
                    and _escalate(clock, Colour.RED, now, plan_days)
                ):
                    counts["red"] += 1
                if (
                    clock.yellow_at
                    and clock.yellow_at <= now
                    and _escalate(clock, Colour.YELLOW, now, plan_days)
                ):
                    counts["yellow"] += 1
            colour = _colour_of(list(request.clocks.all()), now, yellow)
            if colour != request.colour:
                ServiceRequest.objects.filter(pk=request.pk).update(colour=colour)
                counts["recoloured"] += 1
    return counts


@transaction.atomic
def escalation_plan_submit(*, escalation: Escalation, plan: str, actor: User) -> Escalation:
    """The responsible manager's rectification plan for a yellow escalation."""
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
