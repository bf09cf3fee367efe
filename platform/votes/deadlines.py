"""The votes' timer on the deadline engine: a result is published within 7 days of the close
(imported at start-up by DeadlinesConfig.ready)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from deadlines.registry import Timer, register_timer

from .choices import VoteStatus
from .models import Vote
from .policies import publish_due
from .services.results import publish_overdue


def _next_due() -> datetime | None:
    first: datetime | None = Vote.objects.filter(status=VoteStatus.CLOSED).aggregate(
        at=Min("closed_at")
    )["at"]
    return publish_due(closed_at=first) if first is not None else None


def _run(now: datetime) -> int:
    return publish_overdue(now=now)


register_timer(Timer(name="votes.result_published", next_due=_next_due, run=_run))
