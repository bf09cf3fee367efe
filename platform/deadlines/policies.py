"""Pure clock arithmetic: budgets, pauses, levels, crossings and the next due moment.

No ORM and no clock here: `now` is always passed in. A clock runs from `started_at`; time while
paused does not count; it turns yellow at `yellow_fraction` of its budget (80 % by default) and
red when the budget is used up (breach).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .choices import Level

DEFAULT_YELLOW_AT = 0.8


@dataclass(frozen=True)
class ClockReading:
    elapsed: timedelta  # working time used (pauses excluded)
    remaining: timedelta  # may be negative once breached
    fraction: float  # elapsed / budget
    colour: str
    due_at: datetime | None  # None while paused
    running: bool
    paused: bool
    on_time: bool | None  # set once stopped


def level_of(fraction: float, *, yellow_at: float = DEFAULT_YELLOW_AT) -> str:
    """The level of a clock that has used `fraction` of its budget."""
    if fraction >= 1:
        return Level.RED
    return Level.YELLOW if fraction >= yellow_at else Level.GREEN


def read_clock(
    *,
    budget: timedelta,
    started_at: datetime,
    paused_total: timedelta,
    paused_at: datetime | None,
    stopped_at: datetime | None,
    now: datetime,
    yellow_at: float = DEFAULT_YELLOW_AT,
) -> ClockReading:
    """Where a clock stands at `now`. Time while paused does not count; a stopped clock keeps
    its final reading."""
    end = stopped_at or paused_at or now
    elapsed = max(end - started_at - paused_total, timedelta(0))
    seconds = budget.total_seconds() or 1.0
    fraction = elapsed.total_seconds() / seconds
    paused = paused_at is not None and stopped_at is None
    due_at = None if paused else started_at + budget + paused_total
    return ClockReading(
        elapsed=elapsed,
        remaining=budget - elapsed,
        fraction=fraction,
        colour=level_of(fraction, yellow_at=yellow_at),
        due_at=due_at,
        running=stopped_at is None and not paused,
        paused=paused,
        on_time=(elapsed <= budget) if stopped_at is not None else None,
    )


def crossing_time(
    *, budget: timedelta, started_at: datetime, paused_total: timedelta, threshold: float
) -> datetime:
    """When a running clock reaches `threshold` of its budget."""
    return started_at + paused_total + budget * threshold


@dataclass(frozen=True)
class Moments:
    """A clock's stored crossing points: both None while paused, `yellow_at` None once stopped."""

    yellow_at: datetime | None
    due_at: datetime | None


def moments(
    *,
    budget: timedelta,
    started_at: datetime,
    paused_total: timedelta,
    paused: bool,
    yellow_fraction: float,
) -> Moments:
    """The yellow point and the due time of a clock that is running (or, paused, none)."""
    if paused:
        return Moments(yellow_at=None, due_at=None)
    return Moments(
        yellow_at=crossing_time(
            budget=budget,
            started_at=started_at,
            paused_total=paused_total,
            threshold=yellow_fraction,
        ),
        due_at=started_at + budget + paused_total,
    )


def pause_seconds(*, paused_at: datetime, now: datetime) -> int:
    """Whole seconds a pause lasted (what a resume or a stop adds to the paused total)."""
    return int((now - paused_at).total_seconds())


def crossed(*, yellow_at: datetime | None, due_at: datetime | None, now: datetime) -> list[str]:
    """The levels a running clock has reached at `now`, red first (the order handlers run in)."""
    levels: list[str] = []
    if due_at is not None and due_at <= now:
        levels.append(Level.RED)
    if yellow_at is not None and yellow_at <= now:
        levels.append(Level.YELLOW)
    return levels


def next_moment(
    *,
    yellow_at: datetime | None,
    due_at: datetime | None,
    yellow_done: bool,
    red_done: bool,
) -> datetime | None:
    """When a running clock next needs the sweep: its yellow point until yellow was handled,
    then its due time until red was handled, then never."""
    if not yellow_done and yellow_at is not None:
        return yellow_at
    if not red_done:
        return due_at
    return None


def earliest(*moments_: datetime | None) -> datetime | None:
    """The earliest of some moments, ignoring the missing ones."""
    present = [m for m in moments_ if m is not None]
    return min(present) if present else None
