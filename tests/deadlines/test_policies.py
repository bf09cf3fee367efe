"""The engine's pure rules: budgets, pauses, yellow at 80 %, red at breach, the next moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deadlines.policies import (
    crossed,
    earliest,
    level_of,
    moments,
    next_moment,
    pause_seconds,
    read_clock,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)


def test_yellow_at_80_percent_red_at_breach_and_a_configurable_yellow_point() -> None:
    assert level_of(0.79) == "green"
    assert level_of(0.8) == "yellow"
    assert level_of(0.99) == "yellow"
    assert level_of(1.0) == "red"
    assert level_of(0.6, yellow_at=0.5) == "yellow"


def test_a_running_clock_has_its_yellow_point_and_due_time() -> None:
    point = moments(
        budget=10 * H, started_at=T0, paused_total=timedelta(0), paused=False, yellow_fraction=0.8
    )
    assert point.yellow_at == T0 + 8 * H and point.due_at == T0 + 10 * H


def test_pauses_move_both_moments_and_a_paused_clock_has_none() -> None:
    point = moments(
        budget=10 * H, started_at=T0, paused_total=3 * H, paused=False, yellow_fraction=0.8
    )
    assert point.yellow_at == T0 + 11 * H and point.due_at == T0 + 13 * H
    paused = moments(
        budget=10 * H, started_at=T0, paused_total=3 * H, paused=True, yellow_fraction=0.8
    )
    assert paused.yellow_at is None and paused.due_at is None
    assert pause_seconds(paused_at=T0, now=T0 + timedelta(minutes=90, microseconds=5)) == 5400


def test_reading_a_paused_clock_does_not_count_the_pause() -> None:
    reading = read_clock(
        budget=10 * H,
        started_at=T0,
        paused_total=timedelta(0),
        paused_at=T0 + 2 * H,
        stopped_at=None,
        now=T0 + 50 * H,
    )
    assert reading.elapsed == 2 * H and reading.colour == "green" and reading.paused


def test_crossed_lists_red_before_yellow_and_nothing_before_the_yellow_point() -> None:
    yellow_at, due_at = T0 + 8 * H, T0 + 10 * H
    assert crossed(yellow_at=yellow_at, due_at=due_at, now=T0 + 7 * H) == []
    assert crossed(yellow_at=yellow_at, due_at=due_at, now=T0 + 8 * H) == ["yellow"]
    assert crossed(yellow_at=yellow_at, due_at=due_at, now=T0 + 10 * H) == ["red", "yellow"]
    assert crossed(yellow_at=None, due_at=None, now=T0 + 99 * H) == []


def test_the_next_moment_moves_from_the_yellow_point_to_the_due_time_to_never() -> None:
    yellow_at, due_at = T0 + 8 * H, T0 + 10 * H
    args = {"yellow_at": yellow_at, "due_at": due_at}
    assert next_moment(**args, yellow_done=False, red_done=False) == yellow_at
    assert next_moment(**args, yellow_done=True, red_done=False) == due_at
    assert next_moment(**args, yellow_done=True, red_done=True) is None
    # a clock that was breached before its yellow point was handled needs the sweep now
    assert next_moment(**args, yellow_done=False, red_done=True) == yellow_at


def test_earliest_ignores_missing_moments() -> None:
    assert earliest(None, T0 + H, T0, None) == T0
    assert earliest(None, None) is None
