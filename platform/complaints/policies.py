"""Pure rules of the closed loop: the state machine, clock budgets, limits and duplicates.
The clock arithmetic itself (`read_clock`) is the deadlines engine's, re-exported here.

No ORM here and no clock: `now` is always passed in, so every rule has fast tests.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from datetime import datetime, timedelta

from deadlines.policies import DEFAULT_YELLOW_AT as DEFAULT_YELLOW_AT
from deadlines.policies import ClockReading as ClockReading
from deadlines.policies import crossing_time as crossing_time
from deadlines.policies import read_clock as read_clock
from estates.settings import SlaHours

from .choices import ClockKind, ClockState, Kind, Status, StopReason, Urgency

# --- the state machine ---------------------------------------------------------------------

# action -> (statuses it may start from, status it leads to). `resume` returns to the status
# held before deferral; `rate` closes on a good rating and leaves a poor one open for reopen.
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    "accept": (frozenset({Status.SUBMITTED, Status.REOPENED}), Status.ACCEPTED),
    "start": (frozenset({Status.ACCEPTED}), Status.IN_PROGRESS),
    "defer": (frozenset({Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS}), Status.DEFERRED),
    "resume": (frozenset({Status.DEFERRED}), None),
    "resolve": (frozenset({Status.ACCEPTED, Status.IN_PROGRESS}), Status.RESOLVED),
    "reject": (frozenset({Status.SUBMITTED, Status.ACCEPTED}), Status.REJECTED),
    "rate": (frozenset({Status.RESOLVED}), None),
    "reopen": (frozenset({Status.RESOLVED}), Status.REOPENED),
    "auto_close": (frozenset({Status.RESOLVED}), Status.CLOSED),
}
STAFF_ACTIONS = frozenset({"accept", "start", "defer", "resume", "resolve", "reject"})
REQUESTER_ACTIONS = frozenset({"rate", "reopen"})
OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.DEFERRED, Status.REOPENED}
)
FINISHED_STATUSES = frozenset({Status.CLOSED, Status.REJECTED, Status.WITHDRAWN})
# Work has not started yet: nobody has begun the job (a deferral counts by what it interrupted).
NOT_STARTED = frozenset({Status.SUBMITTED, Status.ACCEPTED})
CHASE_INTERVAL = timedelta(hours=24)  # a resident chases (催办) one request at most once a day
GOOD_RATING = 3  # a rating of 3 or more closes the request; 2 or less opens a return visit
RETURN_VISIT_AT_OR_BELOW = 2


def allowed_actions(status: str) -> list[str]:
    return [a for a, (sources, _) in TRANSITIONS.items() if status in sources and a != "auto_close"]


def can(action: str, status: str) -> bool:
    sources, _ = TRANSITIONS[action]
    return status in sources


def may_take(*, status: str, assignee_id: int | None, user_id: int) -> bool:
    """A technician takes a new order nobody else has (an order dispatched to them too)."""
    return status == Status.SUBMITTED and assignee_id in (None, user_id)


def may_reassign(status: str) -> bool:
    """Work changes hands at any point until the request is finished."""
    return status not in FINISHED_STATUSES


def may_withdraw(*, status: str, resume_to: str = "") -> bool:
    """The requester withdraws (撤回) a request nobody has started work on: new or accepted, or
    deferred from one of those. A reopened request was worked on already: it is rated, not
    withdrawn."""
    if status == Status.DEFERRED:
        return resume_to in NOT_STARTED
    return status in NOT_STARTED


def may_chase(status: str) -> bool:
    """The requester chases (催办) any request still open."""
    return status in OPEN_STATUSES


def next_chase_at(*, last_chase_at: datetime | None, now: datetime) -> datetime | None:
    """When the requester may chase again, or None when they may now (once per 24 hours)."""
    if last_chase_at is None or now - last_chase_at >= CHASE_INTERVAL:
        return None
    return last_chase_at + CHASE_INTERVAL


def may_depart(*, status: str, departed: bool) -> bool:
    """已出发: the accepted request's repairer sets out, once (again after a reassignment)."""
    return status == Status.ACCEPTED and not departed


def thread_access(*, status: str, is_requester: bool, handles: bool) -> str:
    """The request's message thread (留言) is between the requester and the staff who handle the
    estate: "write" while the request is not finished, "read" after, "" for anyone else (the
    committee reads the request and its timeline, not the conversation)."""
    if not (is_requester or handles):
        return ""
    return "read" if status in FINISHED_STATUSES else "write"


def user_actions(
    *,
    status: str,
    assignee_id: int | None,
    user_id: int,
    is_requester: bool,
    handles: bool,
    resume_to: str = "",
    chased_recently: bool = False,
    departed: bool = False,
) -> list[str]:
    """Everything the user may do to the request now (the buttons on screen), from the same
    rules the services check: the requester rates, reopens, chases (once a day) and withdraws
    before work starts; whoever handles the estate's requests moves them through the loop,
    reassigns them and takes new ones."""
    allowed = set(allowed_actions(status))
    mine: set[str] = set()
    if is_requester:
        mine |= allowed & REQUESTER_ACTIONS
        if may_withdraw(status=status, resume_to=resume_to):
            mine.add("withdraw")
        if may_chase(status) and not chased_recently:
            mine.add("chase")
    if handles:
        mine |= allowed & STAFF_ACTIONS
        if may_reassign(status):
            mine.add("reassign")
        if may_take(status=status, assignee_id=assignee_id, user_id=user_id):
            mine.add("take")
        if may_depart(status=status, departed=departed):
            mine.add("depart")
    return sorted(mine)


def next_status(action: str, status: str, *, resume_to: str = "", rating: int = 0) -> str:
    """The status after `action`; the caller has checked `can`."""
    _, target = TRANSITIONS[action]
    if action == "resume":
        return resume_to or Status.ACCEPTED
    if action == "rate":
        return Status.CLOSED if rating >= GOOD_RATING else Status.RESOLVED
    assert target is not None
    return target


def reopen_allowed(*, resolved_at: datetime | None, now: datetime, window_days: int) -> bool:
    return resolved_at is not None and now - resolved_at <= timedelta(days=window_days)


def auto_close_due(*, resolved_at: datetime | None, now: datetime, after_days: int) -> bool:
    return resolved_at is not None and now - resolved_at >= timedelta(days=after_days)


# --- the preferred visit window --------------------------------------------------------------

VISIT_MAX_DAYS = 30  # how far ahead a resident may book the visit
VISIT_MAX_HOURS = 12  # the longest window (a whole day's working hours)


def visit_window_error(
    *, kind: str, start: datetime | None, end: datetime | None, now: datetime
) -> tuple[str, str] | None:
    """(field, reason code) when the preferred visit window is not acceptable, else None.
    Repairs only; both ends or neither; a window not yet over (today's "9-12" chosen at 10:00
    still means "this morning"), starting within 30 days, at most 12 hours long."""
    if start is None and end is None:
        return None
    if kind != Kind.REPAIR:
        return ("preferred_visit_from", "repair_only")
    if start is None or end is None:
        return ("preferred_visit_to" if end is None else "preferred_visit_from", "both")
    if end <= start or end - start > timedelta(hours=VISIT_MAX_HOURS):
        return ("preferred_visit_to", "length")
    if end <= now:
        return ("preferred_visit_from", "past")
    if start > now + timedelta(days=VISIT_MAX_DAYS):
        return ("preferred_visit_from", "too_far")
    return None


# --- SLA clocks (the arithmetic is the deadlines engine's) --------------------------------------

# the defaults live in one place: the estate settings (domain.md's default clocks)
DEFAULT_SLA_HOURS: dict[str, float] = dataclasses.asdict(SlaHours())


def budget_hours(kind: str, urgency: str, sla_hours: dict[str, float]) -> float:
    """Hours allowed for a clock, from an estate's (or category's) configured hours."""
    hours = {**DEFAULT_SLA_HOURS, **(sla_hours or {})}
    if kind == ClockKind.RESOLUTION and urgency == Urgency.EMERGENCY:
        return float(hours["emergency_fix"])
    return float(hours[kind])


def clock_stop_reason(
    *, kind: str, status: str, stopped_at: datetime | None, closed_at: datetime | None
) -> str:
    """Why a clock stopped without its work being done, or "" when it is still going or ran to
    its end. A rejection stops every clock; it answers the resident (the response clock is
    judged), but it is no plan and no fix. A withdrawal stops every clock still running, the
    response clock too when nobody had answered yet: none of them was met or missed."""
    if stopped_at is None or closed_at is None or stopped_at < closed_at:
        return ""
    if status == Status.WITHDRAWN:
        return StopReason.WITHDRAWN
    if status == Status.REJECTED and kind != ClockKind.RESPONSE:
        return StopReason.REJECTED
    return ""


def clock_state(reading: ClockReading, *, stop_reason: str = "") -> str:
    if reading.paused:
        return ClockState.PAUSED
    if reading.running:
        return ClockState.RUNNING
    if stop_reason:
        return ClockState.STOPPED
    return ClockState.MET if reading.on_time else ClockState.MISSED


# --- limits and duplicates ---------------------------------------------------------------------

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _NOISE.sub("", text.lower())


def near_duplicate(a: str, b: str, *, threshold: float = 0.8) -> bool:
    """Two descriptions say nearly the same thing (character similarity, works for Chinese)."""
    left, right = normalise(a), normalise(b)
    if not left or not right:
        return False
    if left == right or (min(len(left), len(right)) >= 6 and (left in right or right in left)):
        return True
    return difflib.SequenceMatcher(None, left, right).ratio() >= threshold


def request_number(estate_code: str, seq: int) -> str:
    return f"{estate_code}-{seq:06d}"
