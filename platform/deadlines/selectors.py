"""Reads: running clocks of a kind and the current firm's next due moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Case, Exists, F, Min, OuterRef, When

from .choices import Level
from .models import Crossing
from .policies import earliest
from .registry import ClockKind, kinds, timers


def running(kind: ClockKind) -> models.QuerySet[Any]:
    """The kind's clocks that count now (not paused, not stopped)."""
    return kind.clocks().filter(stopped_at__isnull=True, paused_at__isnull=True)


def kind_next_due(kind: ClockKind) -> datetime | None:
    """The earliest moment one of the kind's running clocks next needs the sweep: its yellow
    point until yellow was handled, then its due time until red was handled (in SQL, the same
    rule as `policies.next_moment`)."""
    crossings = Crossing.objects.filter(
        kind=kind.name,
        subject_id=OuterRef(f"{kind.subject_field}_id"),
        clock=OuterRef(kind.clock_field),
    )
    moment = Case(
        When(yellow_done=False, yellow_at__isnull=False, then=F("yellow_at")),
        When(red_done=False, then=F("due_at")),
        default=None,
        output_field=models.DateTimeField(),
    )
    result = (
        running(kind)
        .annotate(
            yellow_done=Exists(crossings.filter(level=Level.YELLOW)),
            red_done=Exists(crossings.filter(level=Level.RED)),
        )
        .aggregate(at=Min(moment))
    )
    at: datetime | None = result["at"]
    return at


def next_due() -> datetime | None:
    """The current firm's next due moment over every registered kind and timer (None: nothing
    will ever be due until a clock starts)."""
    return earliest(
        *(kind_next_due(kind) for kind in kinds()), *(timer.next_due() for timer in timers())
    )
