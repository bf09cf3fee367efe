"""The registry: which clock kinds and timers exist. Apps register in `<app>/deadlines.py`,
which `DeadlinesConfig.ready` imports in every process before anything sweeps:

* a `ClockKind`: its clock model (inherits `ClockFields`), the field naming the subject and the
  field naming the clock, how to lock a subject, and `on_cross`, called once per
  (subject, clock, level) when a running clock reaches yellow or red;
* a `Timer`: other per-firm work with a due moment (e.g. closing requests nobody rated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models

from .exceptions import KindAlreadyRegistered, UnknownKind
from .models import ClockFields, Crossing


@dataclass(frozen=True)
class Crossed:
    """What a handler gets: the locked subject, its clock, the level reached and the marker
    (whose `dedupe_key` suits `notify`)."""

    subject: Any
    clock: Any
    level: str
    now: datetime
    crossing: Crossing

    @property
    def dedupe_key(self) -> str:
        return f"deadline:{self.crossing.pk}"


@dataclass(frozen=True)
class ClockKind:
    """A family of clocks of one app, e.g. a request's response/plan/resolution clocks."""

    name: str  # "<app>.<subject>", stored in Crossing.kind: never rename once used
    model: type[ClockFields]
    subject_field: str  # the clock model's foreign key to the subject
    clock_field: str  # the clock model's field naming the clock ("response", ...)
    on_cross: Callable[[Crossed], None]
    lock: Callable[[int], Any | None]  # select_for_update(skip_locked=True) the subject, or None
    # narrows the clocks the sweep considers (e.g. only those of open requests)
    active: Callable[[models.QuerySet[Any]], models.QuerySet[Any]] = lambda qs: qs
    # after a subject was swept (e.g. store its colour); returns a count key to add 1 to, or None
    after: Callable[[Any, datetime], str | None] | None = None
    extra_counts: tuple[str, ...] = field(default=())

    def clocks(self) -> models.QuerySet[Any]:
        return self.active(self.model._default_manager.all())


@dataclass(frozen=True)
class Timer:
    """Per-firm work that is due at a moment but is not a clock (e.g. auto-close)."""

    name: str
    next_due: Callable[[], datetime | None]  # the earliest moment it has work in this firm
    run: Callable[[datetime], int]  # does the work due at `now`; returns how many things


_KINDS: dict[str, ClockKind] = {}
_TIMERS: dict[str, Timer] = {}


def register_kind(kind: ClockKind) -> ClockKind:
    if kind.name in _KINDS and _KINDS[kind.name] is not kind:
        raise KindAlreadyRegistered(kind.name)
    _KINDS[kind.name] = kind
    return kind


def register_timer(timer: Timer) -> Timer:
    if timer.name in _TIMERS and _TIMERS[timer.name] is not timer:
        raise KindAlreadyRegistered(timer.name)
    _TIMERS[timer.name] = timer
    return timer


def unregister(name: str) -> None:
    """Tests only: drop a kind or timer registered for the test."""
    _KINDS.pop(name, None)
    _TIMERS.pop(name, None)


def kinds() -> list[ClockKind]:
    return list(_KINDS.values())


def timers() -> list[Timer]:
    return list(_TIMERS.values())


def kind_get(name: str) -> ClockKind:
    try:
        return _KINDS[name]
    except KeyError as exc:
        raise UnknownKind(name) from exc
