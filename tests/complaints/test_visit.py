"""A repair's preferred visit time (期望上门时间), the repairer's name and phone for the resident
once assigned, and 已出发 (on the way) as a step between taken and in progress that leaves the
SLA clocks as they are (issue #13 §4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from complaints import services
from complaints.exceptions import TransitionNotAllowed
from complaints.models import RequestEvent, ServiceRequest, SlaClock
from complaints.policies import visit_window_error
from notifications.models import Notification
from tests.conftest import login

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("kind", "start", "end", "problem"),
    [
        ("repair", None, None, None),
        ("repair", NOW + 20 * H, NOW + 23 * H, None),
        ("repair", NOW - H, NOW + 2 * H, None),  # today's window still running
        ("repair", NOW + 29 * 24 * H, NOW + 29 * 24 * H + 3 * H, None),
        ("complaint", NOW + 20 * H, NOW + 23 * H, ("preferred_visit_from", "repair_only")),
        ("repair", NOW + 20 * H, None, ("preferred_visit_to", "both")),
        ("repair", None, NOW + 20 * H, ("preferred_visit_from", "both")),
        ("repair", NOW + 20 * H, NOW + 20 * H, ("preferred_visit_to", "length")),
        ("repair", NOW + 20 * H, NOW + 33 * H, ("preferred_visit_to", "length")),
        ("repair", NOW - 5 * H, NOW - 2 * H, ("preferred_visit_from", "past")),
        ("repair", NOW + 31 * 24 * H, NOW + 31 * 24 * H + H, ("preferred_visit_from", "too_far")),
    ],
)
def test_the_visit_window_rule(kind, start, end, problem) -> None:
    assert visit_window_error(kind=kind, start=start, end=end, now=NOW) == problem


def _body(cast, **extra):
    body = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "description": "热水器不出热水",
        "channel": "app",
    }
    body.update(extra)
    return body


def _count(cast) -> int:
    with schema_context(cast.a.schema):
        return ServiceRequest.objects.count()


def test_a_resident_books_a_visit_window_and_staff_see_it(cast) -> None:
    start = (NOW + 26 * H).isoformat()
    end = (NOW + 29 * H).isoformat()
    created = login(cast.a.resident).post(
        "/api/v1/complaints/",
        _body(cast, preferred_visit_from=start, preferred_visit_to=end),
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    staff = login(cast.a.staff)
    row = next(r for r in staff.get("/api/v1/complaints/").json()["results"] if r["id"] == pk)
    assert timezone.datetime.fromisoformat(row["preferred_visit_from"]) == NOW + 26 * H
    detail = staff.get(f"/api/v1/complaints/{pk}/").json()
    assert timezone.datetime.fromisoformat(detail["preferred_visit_to"]) == NOW + 29 * H


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (
            {
                "preferred_visit_from": "2020-01-01T09:00:00+08:00",
                "preferred_visit_to": "2020-01-01T12:00:00+08:00",
            },
            "preferred_visit_from",
        ),
        ({"preferred_visit_from": "明天上午"}, "preferred_visit_from"),
        (
            {
                "preferred_visit_from": (NOW + 40 * 24 * H).isoformat(),
                "preferred_visit_to": (NOW + 40 * 24 * H + H).isoformat(),
            },
            "preferred_visit_from",
        ),
        (
            {
                "kind": "complaint",
                "category": "noise",
                "preferred_visit_from": (NOW + 20 * H).isoformat(),
                "preferred_visit_to": (NOW + 22 * H).isoformat(),
            },
            "preferred_visit_from",
        ),
    ],
)
def test_a_bad_visit_window_is_a_400_on_its_field_and_nothing_is_recorded(
    cast, extra, field
) -> None:
    before = _count(cast)
    response = login(cast.a.resident).post(
        "/api/v1/complaints/", _body(cast, **extra), format="json"
    )
    assert response.status_code == 400, response.json()
    assert field in response.json()["fields"]
    assert _count(cast) == before


def _accepted(a1) -> ServiceRequest:
    request = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="马桶水箱漏水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
        now=NOW,
    )
    return services.request_accept(
        request=request, actor=a1["manager"], assignee=a1["staff"], now=NOW + H
    )


def _clocks(request: ServiceRequest) -> list[tuple]:
    return list(
        SlaClock.objects.filter(request=request)
        .order_by("kind")
        .values_list("kind", "stopped_at", "paused_at", "due_at", "yellow_at")
    )


def test_on_the_way_is_a_step_that_leaves_every_clock_alone(a1) -> None:
    request = _accepted(a1)
    clocks = _clocks(request)
    departed = services.request_depart(request=request, actor=a1["staff"], now=NOW + 2 * H)
    assert departed.status == "accepted" and departed.departed_at == NOW + 2 * H
    assert _clocks(request) == clocks
    event = RequestEvent.objects.get(request=request, action="depart")
    assert (event.from_status, event.to_status, event.actor) == (
        "accepted",
        "accepted",
        a1["staff"],
    )
    told = Notification.objects.filter(user=a1["resident"], link=f"/requests/{request.pk}")
    assert any("已出发" in n.title for n in told)
    with pytest.raises(TransitionNotAllowed):  # once
        services.request_depart(request=request, actor=a1["staff"], now=NOW + 3 * H)
    started = services.request_start(request=request, actor=a1["staff"], now=NOW + 3 * H)
    plan = SlaClock.objects.get(request=request, kind="plan")
    assert plan.stopped_at == NOW + 3 * H  # travel counted in the plan clock: work began at start
    assert started.departed_at == NOW + 2 * H


def test_reassigning_clears_on_the_way_for_the_new_assignee(a1) -> None:
    request = services.request_depart(request=_accepted(a1), actor=a1["staff"], now=NOW + 2 * H)
    request = services.request_reassign(
        request=request, actor=a1["manager"], assignee=a1["manager"], now=NOW + 3 * H
    )
    assert request.departed_at is None
    services.request_depart(request=request, actor=a1["manager"], now=NOW + 4 * H)


def test_only_staff_of_the_estate_mark_on_the_way_and_refusals_change_nothing(cast, a1) -> None:
    request = _accepted(a1)
    for who in ("resident", "committee"):
        response = login(getattr(cast.a, who)).post(f"/api/v1/complaints/{request.pk}/depart/")
        assert response.status_code == 403
    submitted = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="cleaning",
        description="楼道灯不亮了",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
    )
    refused = login(cast.a.staff).post(f"/api/v1/complaints/{submitted.pk}/depart/")
    assert refused.status_code == 409
    with schema_context(cast.a.schema):
        assert ServiceRequest.objects.get(pk=request.pk).departed_at is None
        assert ServiceRequest.objects.get(pk=submitted.pk).departed_at is None
        assert not RequestEvent.objects.filter(action="depart").exists()
    ok = login(cast.a.staff).post(f"/api/v1/complaints/{request.pk}/depart/")
    assert ok.status_code == 200 and ok.json()["departed_at"] is not None
    assert "depart" not in ok.json()["actions"] and "start" in ok.json()["actions"]


def test_the_resident_sees_the_repairers_name_and_phone_once_assigned(cast, a1) -> None:
    submitted = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="空调外机滴水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
    )
    resident = login(cast.a.resident)
    before = resident.get(f"/api/v1/complaints/{submitted.pk}/").json()
    assert (before["assignee_name"], before["assignee_phone"]) == ("", "")
    services.request_accept(request=submitted, actor=a1["manager"], assignee=a1["staff"])
    after = resident.get(f"/api/v1/complaints/{submitted.pk}/").json()
    assert after["assignee_name"] == a1["staff"].full_name
    assert after["assignee_phone"] == a1["staff"].phone != ""
    committee = login(cast.a.committee).get(f"/api/v1/complaints/{submitted.pk}/").json()
    assert committee["assignee_phone"] == ""
    services.request_withdraw(request=submitted, actor=a1["resident"])
    assert resident.get(f"/api/v1/complaints/{submitted.pk}/").json()["assignee_phone"] == ""
