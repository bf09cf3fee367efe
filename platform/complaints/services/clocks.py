"""Starting, pausing, resuming and stopping a request's SLA clocks (the deadlines engine does
the arithmetic and keeps the firm's next due moment)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from deadlines.services import clock_pause, clock_resume, clock_start, clock_stop, due_note
from estates.settings import EstateSettings

from ..choices import ClockKind, Kind, Status
from ..models import ServiceRequest, SlaClock, SlaPolicy
from ..policies import budget_hours

AUTO_CLOSE_AFTER = timedelta(days=7)  # a resolved request nobody rates closes itself


def sla_hours_for(request: ServiceRequest) -> dict[str, float]:
    """Most specific policy (estate x category x urgency) > estate settings > domain defaults."""
    hours: dict[str, float] = EstateSettings.from_estate(request.estate).sla_hours.as_json()
    policies = SlaPolicy.objects.filter(estate_id=request.estate_id).filter(
        category__in=["", request.category], urgency__in=["", request.urgency]
    )
    best = sorted(policies, key=lambda p: (bool(p.category), bool(p.urgency)))
    if best:
        policy = best[-1]
        hours.update(
            response=float(policy.response_hours),
            plan=float(policy.plan_hours),
            resolution=float(policy.resolution_hours),
            emergency_fix=float(policy.resolution_hours),
        )
    return hours


def yellow_fraction(request: ServiceRequest) -> float:
    return EstateSettings.from_estate(request.estate).escalation.yellow_at


def clocks_start(*, request: ServiceRequest, now: datetime, kinds: list[str] | None = None) -> None:
    hours = sla_hours_for(request)
    yellow = yellow_fraction(request)
    if kinds is None:
        kinds = [ClockKind.RESPONSE] if request.kind == Kind.SUGGESTION else list(ClockKind)
    for kind in kinds:
        seconds = int(Decimal(str(budget_hours(kind, request.urgency, hours))) * 3600)
        clock, _ = SlaClock.objects.get_or_create(
            request=request,
            kind=kind,
            defaults={"budget_seconds": seconds, "started_at": now},
        )
        clock_start(clock=clock, budget_seconds=seconds, now=now, yellow=yellow)


def clocks_pause(*, request: ServiceRequest, now: datetime) -> None:
    for clock in request.clocks.filter(stopped_at__isnull=True, paused_at__isnull=True):
        clock_pause(clock=clock, now=now, yellow=yellow_fraction(request))


def clocks_resume(*, request: ServiceRequest, now: datetime) -> None:
    for clock in request.clocks.filter(stopped_at__isnull=True, paused_at__isnull=False):
        clock_resume(clock=clock, now=now, yellow=yellow_fraction(request))


def clocks_stop(*, request: ServiceRequest, now: datetime, kinds: list[str]) -> None:
    for clock in request.clocks.filter(kind__in=kinds, stopped_at__isnull=True):
        clock_stop(clock=clock, now=now, yellow=yellow_fraction(request))
    if request.status == Status.RESOLVED and request.resolved_at is not None:
        due_note(at=request.resolved_at + AUTO_CLOSE_AFTER)  # the auto-close timer's moment
