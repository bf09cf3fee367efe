"""Supervision KPIs per estate and period, with the counts behind each rate.

`estate_kpis` is the seam the scoring module reads (keep its signature and fields):
- items inspected / passed: answers (not "not applicable") of rounds held in the period;
- rectifications opened in the period, of those verified, and verified on time (the firm's
  working time on the clock, pauses while the committee looked excluded, within the deadline);
- rounds scheduled (due days of the estate's schedules in the period) and held (submitted).
Rates: rectification rate = verified / opened, on-time rate = verified on time / opened, pass
rate = passed / inspected (overall and per service line), rounds held / scheduled."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, Q

from .choices import RectificationStatus, Result, RoundStatus, ServiceLine
from .models import Answer, Rectification, Round, Schedule
from .policies import due_days, rate


@dataclass(frozen=True)
class EstateSupervisionKpis:
    items_inspected: int
    items_passed: int
    rectifications_opened: int
    rectifications_verified: int
    rectifications_verified_on_time: int
    rounds_scheduled: int
    rounds_held: int


def rounds_scheduled(*, estate_id: int, start: datetime.date, end: datetime.date) -> int:
    total = 0
    for s in Schedule.objects.filter(estate_id=estate_id, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    ):
        total += len(
            due_days(
                frequency=s.frequency,
                starts_on=s.starts_on,
                ends_on=s.ends_on,
                start=start,
                end=end,
            )
        )
    return total


def _answers(estate_id: int, start: datetime.date, end: datetime.date) -> Any:
    return Answer.objects.filter(
        estate_id=estate_id, held_on__gte=start, held_on__lte=end, locked=True
    ).exclude(result=Result.NA)


def estate_kpis(
    *, estate_id: int, start: datetime.date, end: datetime.date
) -> EstateSupervisionKpis:
    items = _answers(estate_id, start, end).aggregate(
        inspected=Count("id"), passed=Count("id", filter=Q(result=Result.PASS))
    )
    rect = Rectification.objects.filter(
        estate_id=estate_id, opened_on__gte=start, opened_on__lte=end
    ).aggregate(
        opened=Count("id"),
        verified=Count("id", filter=Q(status=RectificationStatus.VERIFIED)),
        on_time=Count("id", filter=Q(status=RectificationStatus.VERIFIED, verified_on_time=True)),
    )
    held = Round.objects.filter(
        estate_id=estate_id,
        status=RoundStatus.SUBMITTED,
        held_on__gte=start,
        held_on__lte=end,
    ).count()
    return EstateSupervisionKpis(
        items_inspected=items["inspected"],
        items_passed=items["passed"],
        rectifications_opened=rect["opened"],
        rectifications_verified=rect["verified"],
        rectifications_verified_on_time=rect["on_time"],
        rounds_scheduled=rounds_scheduled(estate_id=estate_id, start=start, end=end),
        rounds_held=held,
    )


def kpi_report(*, estate_id: int, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """What the KPI page shows: the counts, the rates, and pass rates per service line."""
    k = estate_kpis(estate_id=estate_id, start=start, end=end)
    per_line = {
        row["service_line"]: row
        for row in _answers(estate_id, start, end)
        .values("service_line")
        .annotate(inspected=Count("id"), passed=Count("id", filter=Q(result=Result.PASS)))
    }
    lines = []
    for line in ServiceLine:
        row = per_line.get(line.value, {"inspected": 0, "passed": 0})
        lines.append(
            {
                "service_line": line.value,
                "inspected": row["inspected"],
                "passed": row["passed"],
                "pass_rate": rate(row["passed"], row["inspected"]),
            }
        )
    return {
        "estate": estate_id,
        "start": start,
        "end": end,
        "counts": asdict(k),
        "rectification_rate": rate(k.rectifications_verified, k.rectifications_opened),
        "on_time_rate": rate(k.rectifications_verified_on_time, k.rectifications_opened),
        "pass_rate": rate(k.items_passed, k.items_inspected),
        "rounds_rate": rate(k.rounds_held, k.rounds_scheduled),
        "service_lines": lines,
    }
