"""The votes' timers on the deadline engine: voting opens at the announced time and closes at
the window's end; a result is published within 7 days of the close (imported at start-up by
DeadlinesConfig.ready)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from deadlines.registry import Timer, register_timer

from .choices import BallotStatus, VoteStatus
from .models import Vote
from .policies import publish_due
from .services.common import PAPER_ENTRY
from .services.lifecycle import close_due, open_due
from .services.results import publish_overdue


def _next_due() -> datetime | None:
    first: datetime | None = Vote.objects.filter(status=VoteStatus.CLOSED).aggregate(
        at=Min("closed_at")
    )["at"]
    return publish_due(closed_at=first) if first is not None else None


def _run(now: datetime) -> int:
    return publish_overdue(now=now)


def _next_opening() -> datetime | None:
    at: datetime | None = Vote.objects.filter(status=VoteStatus.ANNOUNCED).aggregate(
        at=Min("opens_at")
    )["at"]
    return at


def _next_closing() -> datetime | None:
    # a vote with a paper ballot awaiting its second member waits for the committee, so it
    # does not keep the firm due (paper_confirm notes the firm due again)
    at: datetime | None = (
        Vote.objects.filter(status=VoteStatus.OPEN)
        .exclude(ballots__status=BallotStatus.ENTERED)
        .aggregate(at=Min("closes_at"))["at"]
    )
    return at + PAPER_ENTRY if at is not None else None


register_timer(Timer(name="votes.result_published", next_due=_next_due, run=_run))
register_timer(
    Timer(name="votes.window_opened", next_due=_next_opening, run=lambda now: open_due(now=now))
)
register_timer(
    Timer(name="votes.window_closed", next_due=_next_closing, run=lambda now: close_due(now=now))
)
