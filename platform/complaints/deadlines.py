"""What complaints registers with the deadlines engine (imported once at start-up by
`DeadlinesConfig.ready`): the request clocks with their escalations, and the auto-close timer."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from deadlines.registry import Timer, register_kind, register_timer

from .choices import Status
from .models import ServiceRequest
from .services.clocks import AUTO_CLOSE_AFTER
from .services.closeout import auto_close_sweep
from .services.escalations import REQUEST_CLOCKS


def _auto_close_next_due() -> datetime | None:
    first: datetime | None = ServiceRequest.objects.filter(status=Status.RESOLVED).aggregate(
        at=Min("resolved_at")
    )["at"]
    return first + AUTO_CLOSE_AFTER if first is not None else None


def _auto_close(now: datetime) -> int:
    return auto_close_sweep(now=now, after_days=AUTO_CLOSE_AFTER.days)


register_kind(REQUEST_CLOCKS)
register_timer(Timer(name="complaints.auto_closed", next_due=_auto_close_next_due, run=_auto_close))
