"""The votes' timers on the deadline engine: voting opens at the announced time and closes at
the window's end; a result is published within 7 days of the close; a tracked decision's
deadline (`votes.decision`) (imported at start-up by
DeadlinesConfig.ready)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from deadlines.registry import ClockKind, Crossed, Timer, register_kind, register_timer
from notifications.services import notify

from .choices import BallotStatus, DecisionStatus, VoteStatus
from .models import Decision, DecisionClock, Vote
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


def _decision_crossed(crossed: Crossed) -> None:
    """Yellow tells the owner; red (overdue) the owner, and the committee that watches."""
    from accounts.models import User
    from committee.selectors import supervisors_of

    decision: Decision = crossed.subject
    if decision.status != DecisionStatus.OPEN:
        return
    users = list(User.objects.filter(pk=decision.owner_id))
    if crossed.level == "red":
        users += [
            u for u in supervisors_of(estate_id=decision.estate_id) if u.pk != decision.owner_id
        ]
    notify(
        users=users,
        kind="votes.decision",
        title=_("决议落实即将到期") if crossed.level == "yellow" else _("决议落实已逾期"),
        body=decision.title,
        link=f"/decisions/{decision.pk}",
        dedupe_key=crossed.dedupe_key,
    )


def _decision_lock(pk: int) -> Decision | None:
    return Decision.objects.select_for_update(skip_locked=True).filter(pk=pk).first()


register_kind(
    ClockKind(
        name="votes.decision",  # stored in Crossing.kind: never rename it
        model=DecisionClock,
        subject_field="decision",
        clock_field="name",
        on_cross=_decision_crossed,
        lock=_decision_lock,
        active=lambda qs: qs.filter(decision__status=DecisionStatus.OPEN),
    )
)
