"""Pure rules of owner supervision (no ORM; `today`/`now` are passed in): when a schedule is
due, what a round still lacks, the state a rectification's events give, the KPI rates."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .choices import EventKind, Frequency, RectificationStatus, Result


def _add_months(day: date, months: int, anchor: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(anchor, calendar.monthrange(year, month)[1]))


def due_days(
    *, frequency: str, starts_on: date, ends_on: date | None, start: date, end: date
) -> list[date]:
    """The days in [start, end] a schedule is due: weekly from `starts_on`, monthly on the same
    day of the month (the last day when the month is shorter), once on `starts_on`."""
    last = min(end, ends_on) if ends_on else end
    if last < start or last < starts_on:
        return []
    if frequency == Frequency.ONCE:
        return [starts_on] if start <= starts_on <= last else []
    days: list[date] = []
    if frequency == Frequency.WEEKLY:
        first = starts_on
        if start > starts_on:
            first = starts_on + timedelta(days=-(-(start - starts_on).days // 7) * 7)
        day = first
        while day <= last:
            days.append(day)
            day += timedelta(days=7)
        return days
    months = 0
    if start > starts_on:
        months = max(0, (start.year - starts_on.year) * 12 + start.month - starts_on.month - 1)
    while True:
        day = _add_months(starts_on, months, starts_on.day)
        if day > last:
            return days
        if day >= start:
            days.append(day)
        months += 1


def next_due_day(
    *, frequency: str, starts_on: date, ends_on: date | None, after: date
) -> date | None:
    """The first due day on or after `after`."""
    found = due_days(
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        start=after,
        end=after + timedelta(days=62),
    )
    return found[0] if found else None


@dataclass(frozen=True)
class ItemState:
    item_id: int
    photo_required: bool
    result: str | None
    photos: int


def round_gaps(items: Iterable[ItemState]) -> dict[str, list[str]]:
    """What stops a round being submitted, per item id: not answered; a photo required and none
    taken (a photo is required unless the item is not applicable)."""
    gaps: dict[str, list[str]] = {}
    for item in items:
        if item.result is None:
            gaps[str(item.item_id)] = ["unanswered"]
        elif item.photo_required and item.result != Result.NA and item.photos == 0:
            gaps[str(item.item_id)] = ["photo_required"]
    return gaps


def status_from_events(kinds: Sequence[str]) -> str:
    """A rectification's state from its events in order: an answer waits for the committee, a
    rejection reopens, a verification closes for good."""
    status = RectificationStatus.OPEN
    for kind in kinds:
        if kind == EventKind.ANSWER:
            status = RectificationStatus.ANSWERED
        elif kind == EventKind.REJECT:
            status = RectificationStatus.OPEN
        elif kind == EventKind.VERIFY:
            return RectificationStatus.VERIFIED
    return status


def rate(part: int, whole: int) -> float | None:
    """part / whole rounded to 4 places, None when nothing was counted."""
    return round(part / whole, 4) if whole else None


def rectification_actions(*, status: str, responds: bool, supervises: bool) -> list[str]:
    """What a reader may do with a rectification now (services and serializer alike)."""
    actions: list[str] = []
    if status == "verified":
        return actions
    if responds:
        if status == "open":
            actions.append("answer")
        actions.append("reassign")
    if supervises and status == "answered":
        actions += ["verify", "reject"]
    return actions


def level(*, status: str, due_at: object, yellow_at: object, now: object) -> str:
    """The board's colour: open ones by their clock; answered and verified ones are green."""
    if status != "open":
        return "green"
    if due_at is not None and due_at <= now:  # type: ignore[operator]
        return "red"
    if yellow_at is not None and yellow_at <= now:  # type: ignore[operator]
        return "yellow"
    return "green"
