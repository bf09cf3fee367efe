"""The engine on a real registered kind: exactly once under double sweep, handler failures,
pauses, and the firm's next due moment (early, never late)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from complaints.models import ServiceRequest, SlaClock
from deadlines import services
from deadlines.models import Crossing
from deadlines.registry import ClockKind, Crossed, register_kind, unregister
from deadlines.selectors import next_due
from tenants.fanout import next_due_set

from .conftest import next_due_of, submit

pytestmark = pytest.mark.django_db
H = timedelta(hours=1)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, str, str]] = []
        self.fail_on: int | None = None

    def __call__(self, crossed: Crossed) -> None:
        self.calls.append((crossed.subject.pk, crossed.clock.kind, crossed.level))
        if self.fail_on is not None and len(self.calls) == self.fail_on:
            raise ConnectionError("worker killed")


@pytest.fixture
def recorder() -> Iterator[tuple[ClockKind, Recorder]]:
    """A second kind over the request clocks whose handler only records its calls."""
    calls = Recorder()
    kind = register_kind(
        ClockKind(
            name="test.recorder",
            model=SlaClock,
            subject_field="request",
            clock_field="kind",
            on_cross=calls,
            lock=lambda pk: (
                ServiceRequest.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            ),
        )
    )
    yield kind, calls
    unregister("test.recorder")


def test_a_double_sweep_calls_the_handler_once_per_subject_clock_and_level(
    firm_a, recorder
) -> None:
    kind, calls = recorder
    t0 = timezone.now() - 30 * H  # response 24 h: yellow and red; plan, resolution: green
    request = submit(firm_a, now=t0)
    first = services.sweep_kind(kind, now=timezone.now())
    again = services.sweep_kind(kind, now=timezone.now())
    assert first == {"yellow": 1, "red": 1} and again == {"yellow": 0, "red": 0}
    assert calls.calls == [(request.pk, "response", "red"), (request.pk, "response", "yellow")]

    later = timezone.now() + 3 * 24 * H  # plan and resolution (72 h) breached too
    services.firm_sweep(now=later, names=["test.recorder"])
    services.firm_sweep(now=later, names=["test.recorder"])
    assert sorted(calls.calls[2:]) == [
        (request.pk, "plan", "red"),
        (request.pk, "plan", "yellow"),
        (request.pk, "resolution", "red"),
        (request.pk, "resolution", "yellow"),
    ]
    assert Crossing.objects.filter(kind="test.recorder", subject_id=request.pk).count() == 6


def test_a_failing_handler_rolls_back_its_subject_and_the_next_sweep_finishes_it(
    firm_a, recorder
) -> None:
    kind, calls = recorder
    t0 = timezone.now() - 21 * H  # yellow only
    first, second = submit(firm_a, now=t0), submit(firm_a, now=t0, description="电梯异响")
    calls.fail_on = 2
    with pytest.raises(ConnectionError):
        services.sweep_kind(kind, now=timezone.now())
    marked = Crossing.objects.filter(kind="test.recorder").values_list("subject_id", flat=True)
    assert set(marked) == {first.pk}
    services.sweep_kind(kind, now=timezone.now())
    services.sweep_kind(kind, now=timezone.now())
    for request in (first, second):
        assert Crossing.objects.filter(kind="test.recorder", subject_id=request.pk).count() == 1
    assert calls.calls.count((second.pk, "response", "yellow")) == 2  # failed once, then once


def test_a_paused_clock_is_not_swept_and_resuming_moves_its_moments_by_the_pause(
    firm_a, recorder
) -> None:
    kind, calls = recorder
    t0 = timezone.now() - 30 * H
    request = submit(firm_a, now=t0)
    clock = request.clocks.get(kind="response")
    yellow_before, due_before = clock.yellow_at, clock.due_at
    services.clock_pause(clock=clock, now=t0 + 2 * H, yellow=0.8)
    assert clock.yellow_at is None and clock.due_at is None
    assert services.sweep_kind(kind, now=timezone.now()) == {"yellow": 0, "red": 0}
    assert [c for c in calls.calls if c[1] == "response"] == []

    services.clock_resume(clock=clock, now=t0 + 12 * H, yellow=0.8)  # paused 10 h
    clock.refresh_from_db()
    assert clock.paused_seconds == 36000
    assert clock.yellow_at == yellow_before + 10 * H and clock.due_at == due_before + 10 * H
    services.sweep_kind(kind, now=timezone.now())  # 30 h - 10 h = 20 h used: yellow only
    assert [c for c in calls.calls if c[1] == "response"] == [(request.pk, "response", "yellow")]


def test_starting_a_clock_brings_the_firms_next_due_earlier_never_later(firm_a) -> None:
    schema = firm_a["schema"]
    next_due_set(at=None, schema=schema)
    now = timezone.now()
    request = submit(firm_a, now=now)
    response = request.clocks.get(kind="response")
    assert next_due_of(schema) == response.yellow_at  # the earliest of the three clocks

    earlier = now - H
    next_due_set(at=earlier, schema=schema)
    submit(firm_a, now=now, description="楼道灯不亮")
    assert next_due_of(schema) == earlier


def test_a_clock_started_in_a_rolled_back_transaction_leaves_next_due_alone(firm_a) -> None:
    schema = firm_a["schema"]
    later = timezone.now() + 100 * H
    next_due_set(at=later, schema=schema)
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(firm_a, now=timezone.now())
        assert next_due_of(schema) < later  # lowered inside the transaction...
        raise RuntimeError("rolled back")
    assert next_due_of(schema) == later  # ...and put back with it


def test_after_a_sweep_next_due_is_the_next_moment_nobody_has_handled(firm_a) -> None:
    schema = firm_a["schema"]
    t0 = timezone.now() - 20 * H
    request = submit(firm_a, now=t0)
    clocks = {c.kind: c for c in request.clocks.all()}
    assert next_due() == clocks["response"].yellow_at

    services.firm_sweep(now=timezone.now())  # response yellow handled
    assert next_due_of(schema) == clocks["response"].due_at

    services.firm_sweep(now=timezone.now() + 5 * H)  # response red handled
    assert next_due_of(schema) == clocks["plan"].yellow_at


def test_with_nothing_running_next_due_is_the_auto_close_moment_or_nothing(firm_a) -> None:
    from complaints.services import request_accept, request_reject, request_resolve

    schema = firm_a["schema"]
    t0 = timezone.now() - H
    request = submit(firm_a, now=t0)
    request_accept(request=request, actor=firm_a["staff"], now=t0)
    request_resolve(request=request, actor=firm_a["staff"], note="修好了", now=t0 + 10 * H)
    services.firm_sweep(now=timezone.now())
    assert next_due_of(schema) == t0 + 10 * H + timedelta(days=7)

    ServiceRequest.objects.filter(pk=request.pk).update(status="closed")
    other = submit(firm_a, now=t0, description="小区门禁坏了")
    request_reject(request=other, actor=firm_a["staff"], reason="重复", now=t0)
    services.firm_sweep(now=timezone.now())
    assert next_due_of(schema) is None


def test_a_clock_committed_while_the_sweep_recounts_is_not_hidden(firm_a, monkeypatch) -> None:
    """The sweep counts, a request commits a clock with an earlier moment, then the sweep writes
    its (now stale) count: the count after the write must bring the moment back."""
    schema = firm_a["schema"]
    submit(firm_a, now=timezone.now())
    real = services.next_due
    counts: list[object] = []
    late: dict[str, object] = {}

    def count_then_a_clock_commits() -> object:
        value = real()
        if not counts:
            late["request"] = submit(firm_a, now=timezone.now() - 10 * H, description="电梯停运")
        counts.append(value)
        return value

    monkeypatch.setattr(services, "next_due", count_then_a_clock_commits)
    services.firm_due_refresh()
    request = late["request"]
    assert isinstance(request, ServiceRequest)
    assert next_due_of(schema) == request.clocks.get(kind="response").yellow_at


def test_the_firm_sweep_runs_the_timers_too(firm_a) -> None:
    from complaints.services import request_accept, request_resolve

    t0 = timezone.now() - timedelta(days=8)
    request = submit(firm_a, now=t0)
    request_accept(request=request, actor=firm_a["staff"], now=t0)
    request_resolve(request=request, actor=firm_a["staff"], note="修好了", now=t0 + H)
    assert next_due_of(firm_a["schema"]) <= t0 + H + timedelta(days=7)  # noted on resolve

    first = services.firm_sweep(now=timezone.now())
    again = services.firm_sweep(now=timezone.now())
    assert first["complaints.auto_closed"] == 1 and again["complaints.auto_closed"] == 0
    request.refresh_from_db()
    assert request.status == "closed"
