"""The state machine and SLA arithmetic, pure: no database, `now` passed in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from complaints.choices import Status
from complaints.policies import (
    TRANSITIONS,
    allowed_actions,
    auto_close_due,
    budget_hours,
    can,
    near_duplicate,
    next_status,
    read_clock,
    reopen_allowed,
    request_number,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ALL = [s.value for s in Status]
EXPECTED = {
    "accept": {"submitted", "reopened"},
    "start": {"accepted"},
    "defer": {"submitted", "accepted", "in_progress"},
    "resume": {"deferred"},
    "resolve": {"accepted", "in_progress"},
    "reject": {"submitted", "accepted"},
    "rate": {"resolved"},
    "reopen": {"resolved"},
    "auto_close": {"resolved"},
}


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("status", ALL)
def test_every_action_is_allowed_exactly_from_its_source_statuses(action: str, status: str) -> None:
    assert can(action, status) == (status in EXPECTED[action])


def test_the_table_covers_every_action() -> None:
    assert set(TRANSITIONS) == set(EXPECTED)


def test_closed_and_rejected_are_terminal() -> None:
    assert allowed_actions("closed") == [] and allowed_actions("rejected") == []


def test_targets() -> None:
    assert next_status("accept", "reopened") == "accepted"
    assert next_status("resume", "deferred", resume_to="in_progress") == "in_progress"
    assert next_status("rate", "resolved", rating=3) == "closed"
    assert next_status("rate", "resolved", rating=2) == "resolved"
    assert next_status("reopen", "resolved") == "reopened"


def test_budgets_follow_domain_defaults_and_estate_overrides() -> None:
    assert budget_hours("response", "normal", {}) == 24
    assert budget_hours("plan", "normal", {}) == 72
    assert budget_hours("resolution", "normal", {}) == 72
    assert budget_hours("resolution", "emergency", {}) == 8
    assert budget_hours("response", "normal", {"response": 12}) == 12


def _read(now: datetime, **kw: object):
    args = {
        "budget": timedelta(hours=10),
        "started_at": T0,
        "paused_total": timedelta(0),
        "paused_at": None,
        "stopped_at": None,
        "now": now,
    }
    args.update(kw)
    return read_clock(**args)  # type: ignore[arg-type]


def test_clock_turns_yellow_at_80_percent_and_red_at_breach() -> None:
    assert _read(T0 + timedelta(hours=7, minutes=59)).colour == "green"
    assert _read(T0 + timedelta(hours=8)).colour == "yellow"
    assert _read(T0 + timedelta(hours=10)).colour == "red"
    assert _read(T0 + timedelta(hours=3)).due_at == T0 + timedelta(hours=10)


def test_paused_time_does_not_count_and_moves_the_due_time() -> None:
    paused = _read(T0 + timedelta(hours=30), paused_at=T0 + timedelta(hours=2))
    assert paused.elapsed == timedelta(hours=2) and paused.paused and paused.due_at is None
    resumed = _read(T0 + timedelta(hours=12), paused_total=timedelta(hours=5))
    assert resumed.elapsed == timedelta(hours=7)
    assert resumed.due_at == T0 + timedelta(hours=15)
    assert resumed.colour == "green"


def test_a_stopped_clock_keeps_its_final_reading() -> None:
    reading = _read(T0 + timedelta(days=9), stopped_at=T0 + timedelta(hours=9))
    assert reading.on_time is True and not reading.running
    late = _read(T0 + timedelta(days=9), stopped_at=T0 + timedelta(hours=11))
    assert late.on_time is False and late.colour == "red"


def test_reopen_window_and_auto_close() -> None:
    assert reopen_allowed(resolved_at=T0, now=T0 + timedelta(days=7), window_days=7)
    assert not reopen_allowed(resolved_at=T0, now=T0 + timedelta(days=7, seconds=1), window_days=7)
    assert auto_close_due(resolved_at=T0, now=T0 + timedelta(days=7), after_days=7)
    assert not auto_close_due(resolved_at=T0, now=T0 + timedelta(days=6), after_days=7)


def test_near_duplicates_in_chinese() -> None:
    assert near_duplicate("3号楼电梯坏了，一直停在5楼", "3号楼电梯坏了一直停在5楼！")
    assert near_duplicate("楼道灯不亮", "楼道灯不亮了")
    assert not near_duplicate("楼道灯不亮", "小区门口垃圾没人清理")


def test_numbers_are_readable() -> None:
    assert request_number("YG01", 123) == "YG01-000123"
