"""Starting, pausing, resuming and stopping a request's SLA clocks."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from ..choices import ClockKind, Kind
from ..models import ServiceRequest, SlaClock, SlaPolicy
from ..policies import DEFAULT_YELLOW_AT, budget_hours


def sla_hours_for(request: ServiceRequest) -> dict[str, float]:
    """Most specific policy (estate x category x urgency) > estate settings > domain defaults."""
    hours: dict[str, float] = dict(request.estate.settings.get("sla_hours", {}))
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
    escalation = request.estate.settings.get("escalation", {})
    return float(escalation.get("yellow_at", DEFAULT_YELLOW_AT))


def _refresh(clock: SlaClock, yellow: float) -> None:
    budget = timedelta(seconds=clock.budget_seconds)
    paused = timedelta(seconds=clock.paused_seconds)
    if clock.stopped_at is None and clock.paused_at is None:
        clock.due_at = clock.started_at + budget + paused
        clock.yellow_at = clock.started_at + paused + budget * yellow
    else:
        clock.due_at = None if clock.stopped_at is None else clock.due_at
        clock.yellow_at = None


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
        clock.budget_seconds, clock.started_at = seconds, now
        clock.paused_at, clock.paused_seconds, clock.stopped_at = None, 0, None
        _refresh(clock, yellow)
        clock.save()


def clocks_pause(*, request: ServiceRequest, now: datetime) -> None:
    for clock in request.clocks.filter(stopped_at__isnull=True, paused_at__isnull=True):
        clock.paused_at = now
        _refresh(clock, yellow_fraction(request))
        clock.save()


def clocks_resume(*, request: ServiceRequest, now: datetime) -> None:
    for clock in request.clocks.filter(stopped_at__isnull=True, paused_at__isnull=False):
        assert clock.paused_at is not None
        clock.paused_seconds += int((now - clock.paused_at).total_seconds())
        clock.paused_at = None
        _refresh(clock, yellow_fraction(request))
        clock.save()


def clocks_stop(*, request: ServiceRequest, now: datetime, kinds: list[str]) -> None:
    for clock in request.clocks.filter(kind__in=kinds, stopped_at__isnull=True):
        if clock.paused_at is not None:  # stopping while paused: the pause ends too
            clock.paused_seconds += int((now - clock.paused_at).total_seconds())
            clock.paused_at = None
        _refresh(clock, yellow_fraction(request))
        clock.stopped_at = now
        clock.yellow_at = None
        clock.save()
