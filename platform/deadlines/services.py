"""The engine's writes: a clock's lifecycle (start, pause, resume, stop), the sweep of the
registered kinds and timers (`registry.py`), and the firm's next due moment.

The sweep takes one subject at a time in its own transaction, locked with SKIP LOCKED. For each
running clock that reached a level it inserts a `Crossing` (unique) and calls the handler in
that same transaction: a second sweep finds the row and does nothing; a sweep killed midway
rolls back the subject it was on and the next run picks it up. No effect is doubled or skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tenants.fanout import next_due_lower, next_due_set

from .models import ClockFields, Crossing
from .policies import crossed, earliest, moments, pause_seconds
from .registry import ClockKind, Crossed, kinds, timers
from .selectors import next_due, running

# --- one clock's lifecycle (inside the caller's transaction) -------------------------------


def _refresh(clock: ClockFields, yellow: float) -> None:
    if clock.stopped_at is None:
        point = moments(
            budget=timedelta(seconds=clock.budget_seconds),
            started_at=clock.started_at,
            paused_total=timedelta(seconds=clock.paused_seconds),
            paused=clock.paused_at is not None,
            yellow_fraction=yellow,
        )
        clock.yellow_at, clock.due_at = point.yellow_at, point.due_at
    else:
        clock.yellow_at = None


def _note(clock: ClockFields) -> None:
    """The clock's next moment must reach the firm's row (only ever earlier)."""
    at = earliest(clock.yellow_at, clock.due_at)
    if at is not None and clock.stopped_at is None and clock.paused_at is None:
        next_due_lower(at=at)


def clock_start(
    *, clock: ClockFields, budget_seconds: int, now: datetime, yellow: float
) -> ClockFields:
    """(Re)start `clock` at `now` with a fresh budget; saves it."""
    clock.budget_seconds, clock.started_at = budget_seconds, now
    clock.paused_at, clock.paused_seconds, clock.stopped_at = None, 0, None
    _refresh(clock, yellow)
    clock.save()
    _note(clock)
    return clock


def clock_pause(*, clock: ClockFields, now: datetime, yellow: float) -> ClockFields:
    """Stop counting from `now` (waiting on the resident, on parts...)."""
    clock.paused_at = now
    _refresh(clock, yellow)
    clock.save()
    return clock


def clock_resume(*, clock: ClockFields, now: datetime, yellow: float) -> ClockFields:
    """Count again; the pause moves the yellow point and the due time."""
    assert clock.paused_at is not None
    clock.paused_seconds += pause_seconds(paused_at=clock.paused_at, now=now)
    clock.paused_at = None
    _refresh(clock, yellow)
    clock.save()
    _note(clock)
    return clock


def clock_stop(*, clock: ClockFields, now: datetime, yellow: float) -> ClockFields:
    """The clock's work is done at `now`: it keeps its due time (on time or not) for ever."""
    if clock.paused_at is not None:  # stopping while paused: the pause ends too
        clock.paused_seconds += pause_seconds(paused_at=clock.paused_at, now=now)
        clock.paused_at = None
    _refresh(clock, yellow)
    clock.stopped_at = now
    clock.yellow_at = None
    clock.save()
    return clock


def due_note(*, at: datetime) -> None:
    """A timer has work in the current firm at `at` (e.g. a request was resolved and closes
    itself in 7 days): beat must look at the firm by then."""
    next_due_lower(at=at)


# --- the sweep ------------------------------------------------------------------------------


def _mark(
    kind: ClockKind, subject_id: int, clock: str, level: str, now: datetime
) -> Crossing | None:
    try:
        with transaction.atomic():
            return Crossing.objects.create(
                kind=kind.name, subject_id=subject_id, clock=clock, level=level, at=now
            )
    except IntegrityError:
        return None  # already crossed: exactly once


def sweep_kind(kind: ClockKind, *, now: datetime) -> dict[str, int]:
    """One pass over the current firm's running clocks of `kind`. Safe to run any number of
    times, and concurrently."""
    counts = {"yellow": 0, "red": 0, **{key: 0 for key in kind.extra_counts}}
    subject_id_field = f"{kind.subject_field}_id"
    due = (
        running(kind)
        .filter(Q(yellow_at__lte=now) | Q(due_at__lte=now))
        .values_list(subject_id_field, flat=True)
        .distinct()
    )
    for subject_id in list(due):
        with transaction.atomic():
            subject = kind.lock(subject_id)
            if subject is None:
                continue  # another sweep holds it; it will do the work
            clocks = kind.model._default_manager.filter(
                **{kind.subject_field: subject}, stopped_at__isnull=True, paused_at__isnull=True
            )
            for clock in clocks:
                setattr(clock, kind.subject_field, subject)
                name = str(getattr(clock, kind.clock_field))
                for level in crossed(yellow_at=clock.yellow_at, due_at=clock.due_at, now=now):
                    crossing = _mark(kind, subject_id, name, level, now)
                    if crossing is None:
                        continue
                    event = Crossed(
                        subject=subject, clock=clock, level=level, now=now, crossing=crossing
                    )
                    kind.on_cross(event)
                    counts[level] += 1
            if kind.after is not None and (key := kind.after(subject, now)) is not None:
                counts[key] += 1
    return counts


def firm_due_refresh() -> datetime | None:
    """Recount the current firm's next due moment after a sweep.

    Raise-then-lower: write the recount (which may move it later), then read the clocks AGAIN
    and only lower. A clock committed before the second read is in the second count; one
    committed after it lowers the row itself after commit, later than our raise. Either way
    no due moment is hidden."""
    next_due_set(at=next_due())
    again = next_due()
    if again is not None:
        next_due_lower(at=again)
    return again


def firm_sweep(
    *, now: datetime | None = None, names: Iterable[str] | None = None
) -> dict[str, int]:
    """Everything due in the current firm: every registered kind's sweep and every timer, then
    the recount of the firm's next due moment. Counts are keyed `<kind>.<what>`."""
    now = now or timezone.now()
    wanted = set(names) if names is not None else None
    counts: dict[str, int] = {}
    for kind in kinds():
        if wanted is None or kind.name in wanted:
            for key, value in sweep_kind(kind, now=now).items():
                counts[f"{kind.name}.{key}"] = value
    for timer in timers():
        if wanted is None or timer.name in wanted:
            counts[timer.name] = timer.run(now)
    firm_due_refresh()
    return counts
