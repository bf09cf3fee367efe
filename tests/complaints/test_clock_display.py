"""What the request screen says about each clock (issue #7, finding 18): a clock the rejection
stopped is "stopped, because rejected", never "on time"; running, paused, met and missed
clocks say so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from complaints import services
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _submit(a1, now):
    return services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="卫生间水管漏水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
        now=now,
    )


def _clocks(client, pk: int) -> dict[str, dict[str, object]]:
    body = client.get(f"/api/v1/complaints/{pk}/").json()
    return {c["kind"]: c for c in body["clocks"]}


def test_a_rejection_stops_plan_and_resolution_clocks_without_calling_them_on_time(
    cast, a1
) -> None:
    now = timezone.now()
    request = _submit(a1, now - timedelta(hours=2))
    services.request_reject(request=request, actor=a1["staff"], reason="不属于物业范围", now=now)
    clocks = _clocks(login(cast.a.resident), request.pk)
    # a rejection answers the resident: the response clock is judged like any answer
    assert clocks["response"]["state"] == "met" and clocks["response"]["on_time"] is True
    assert clocks["response"]["stop_reason"] == ""
    for kind in ("plan", "resolution"):
        assert clocks[kind]["state"] == "stopped", clocks[kind]
        assert clocks[kind]["stop_reason"] == "rejected"
        assert clocks[kind]["on_time"] is None
        assert clocks[kind]["running"] is False


def test_running_paused_met_and_missed_clocks_are_told_apart(cast, a1) -> None:
    now = timezone.now()
    late = _submit(a1, now - timedelta(hours=30))  # response budget 24 h
    services.request_accept(request=late, actor=a1["staff"], now=now - timedelta(hours=1))
    services.request_defer(
        request=late,
        actor=a1["staff"],
        reason="等配件",
        until=(now + timedelta(days=2)).date(),
        now=now,
    )
    clocks = _clocks(login(cast.a.staff), late.pk)
    assert clocks["response"]["state"] == "missed" and clocks["response"]["on_time"] is False
    assert clocks["plan"]["state"] == "paused"
    assert clocks["resolution"]["state"] == "paused"
    fresh = _submit(a1, now - timedelta(minutes=5))
    assert {c["state"] for c in _clocks(login(cast.a.staff), fresh.pk).values()} == {"running"}
