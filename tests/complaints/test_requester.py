"""The requester's own moves on an open request (issue #13 §4): chase (催办) at most once per
24 hours, notifying the assignee and the managers; withdraw (撤回) before work starts, its clocks
stopped as "withdrawn" (never on time). Refusals change nothing."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from complaints import services
from complaints.models import RequestEvent, ServiceRequest, SlaClock
from complaints.policies import may_withdraw, next_chase_at, user_actions
from complaints.selectors import clock_readings, request_get
from notifications.models import Notification
from tests.conftest import login

pytestmark = pytest.mark.django_db

T0 = timezone.now()


def _snapshot(pk: int) -> tuple:
    request = ServiceRequest.objects.get(pk=pk)
    clocks = sorted(SlaClock.objects.filter(request_id=pk).values_list("kind", "stopped_at"))
    events = list(RequestEvent.objects.filter(request_id=pk).values_list("action", flat=True))
    notes = Notification.objects.filter(link=f"/requests/{pk}").count()
    return (request.status, request.closed_at, clocks, events, notes)


def _submit(a1, **extra) -> ServiceRequest:
    fields = {
        "estate": a1["estate"],
        "kind": "repair",
        "category": "repair",
        "description": "厨房水槽下水堵了",
        "channel": "app",
        "unit": a1["unit"],
        "requester": a1["resident"],
    }
    fields.update(extra)
    return services.request_submit(**fields)


# --- the pure rules ----------------------------------------------------------------------------

WITHDRAWABLE = {
    ("submitted", ""): True,
    ("accepted", ""): True,
    ("deferred", "submitted"): True,
    ("deferred", "accepted"): True,
    ("deferred", "in_progress"): False,
    ("in_progress", ""): False,
    ("reopened", ""): False,
    ("resolved", ""): False,
    ("closed", ""): False,
    ("rejected", ""): False,
    ("withdrawn", ""): False,
}


@pytest.mark.parametrize(("status", "resume_to"), sorted(WITHDRAWABLE))
def test_withdraw_only_before_work_starts(status: str, resume_to: str) -> None:
    assert may_withdraw(status=status, resume_to=resume_to) is WITHDRAWABLE[(status, resume_to)]


def test_the_requester_chases_open_requests_unless_chased_in_the_last_day() -> None:
    def requester(status: str, recently: bool = False) -> list[str]:
        return user_actions(
            status=status,
            assignee_id=None,
            user_id=1,
            is_requester=True,
            handles=False,
            chased_recently=recently,
        )

    assert requester("submitted") == ["chase", "withdraw"]
    assert requester("in_progress") == ["chase"]
    assert requester("submitted", recently=True) == ["withdraw"]
    assert requester("resolved") == ["rate", "reopen"]
    assert requester("withdrawn") == []
    staff = user_actions(
        status="submitted", assignee_id=None, user_id=2, is_requester=False, handles=True
    )
    assert "chase" not in staff and "withdraw" not in staff


def test_next_chase_is_24_hours_after_the_last() -> None:
    assert next_chase_at(last_chase_at=None, now=T0) is None
    assert next_chase_at(last_chase_at=T0, now=T0 + timedelta(hours=23)) == T0 + timedelta(hours=24)
    assert next_chase_at(last_chase_at=T0, now=T0 + timedelta(hours=24)) is None


# --- services ----------------------------------------------------------------------------------


def test_withdrawing_a_new_request_stops_every_clock_as_withdrawn(a1) -> None:
    request = _submit(a1, now=T0)
    done = services.request_withdraw(
        request=request, actor=a1["resident"], reason="自己修好了", now=T0 + timedelta(hours=1)
    )
    assert done.status == "withdrawn" and done.closed_at == T0 + timedelta(hours=1)
    readings = clock_readings(request=request_get(user=a1["resident"], pk=request.pk))
    assert {(c["kind"], c["state"], c["stop_reason"], c["on_time"]) for c in readings} == {
        ("response", "stopped", "withdrawn", None),
        ("plan", "stopped", "withdrawn", None),
        ("resolution", "stopped", "withdrawn", None),
    }
    event = done.events.get(action="withdraw")
    assert (event.from_status, event.to_status) == ("submitted", "withdrawn")
    assert event.note == "自己修好了"


def test_withdrawing_after_acceptance_keeps_the_response_verdict_and_tells_the_assignee(a1) -> None:
    request = services.request_accept(
        request=_submit(a1, now=T0),
        actor=a1["manager"],
        assignee=a1["staff"],
        now=T0 + timedelta(minutes=20),
    )
    services.request_withdraw(request=request, actor=a1["resident"], now=T0 + timedelta(hours=2))
    readings = {
        c["kind"]: c for c in clock_readings(request=request_get(user=a1["admin"], pk=request.pk))
    }
    assert readings["response"]["state"] == "met" and readings["response"]["on_time"] is True
    assert readings["plan"]["stop_reason"] == "withdrawn"
    assert readings["resolution"]["stop_reason"] == "withdrawn"
    told = Notification.objects.filter(user=a1["staff"], link=f"/requests/{request.pk}")
    assert [n.kind for n in told if "撤回" in n.title] == ["request.status"]


def test_a_deferred_request_not_yet_started_can_be_withdrawn_and_its_paused_clocks_stop(a1) -> None:
    request = services.request_defer(
        request=_submit(a1, now=T0),
        actor=a1["staff"],
        reason="等住户在家",
        until=date.today() + timedelta(days=3),
        now=T0 + timedelta(hours=1),
    )
    services.request_withdraw(request=request, actor=a1["resident"], now=T0 + timedelta(hours=5))
    assert not SlaClock.objects.filter(request=request, stopped_at__isnull=True).exists()
    assert not SlaClock.objects.filter(request=request, paused_at__isnull=False).exists()


def test_work_started_cannot_be_withdrawn_and_nothing_changes(a1) -> None:
    request = services.request_start(
        request=services.request_accept(request=_submit(a1), actor=a1["staff"]),
        actor=a1["staff"],
    )
    before = _snapshot(request.pk)
    from complaints.exceptions import NotWithdrawable

    with pytest.raises(NotWithdrawable):
        services.request_withdraw(request=request, actor=a1["resident"])
    assert _snapshot(request.pk) == before


def test_the_chase_reaches_assignee_and_managers_once_a_day(a1) -> None:
    request = services.request_accept(
        request=_submit(a1, now=T0), actor=a1["manager"], assignee=a1["staff"], now=T0
    )
    services.request_chase(
        request=request, actor=a1["resident"], note="漏得厉害", now=T0 + timedelta(hours=3)
    )
    chased = Notification.objects.filter(kind="request.chased", link=f"/requests/{request.pk}")
    assert sorted(n.user.email for n in chased) == sorted([a1["staff"].email, a1["manager"].email])
    assert chased.first().body == "漏得厉害"
    before = _snapshot(request.pk)
    from complaints.exceptions import ChaseTooSoon

    with pytest.raises(ChaseTooSoon) as refused:
        services.request_chase(
            request=request, actor=a1["resident"], now=T0 + timedelta(hours=26, minutes=59)
        )
    assert refused.value.extra["next_chase_at"] == (T0 + timedelta(hours=27)).isoformat()
    assert _snapshot(request.pk) == before
    services.request_chase(request=request, actor=a1["resident"], now=T0 + timedelta(hours=27))
    assert request.events.filter(action="chase").count() == 2
    assert chased.all().count() == 4


# --- over HTTP ---------------------------------------------------------------------------------


def _resident_request(cast) -> int:
    response = login(cast.a.resident).post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "repair",
            "category": "repair",
            "unit": cast.a.units["A1-1-101"],
            "description": "门铃不响了",
            "channel": "app",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _state(cast, pk: int) -> tuple:
    with schema_context(cast.a.schema):
        return _snapshot(pk)


def test_the_resident_chases_then_is_told_when_they_may_again(cast) -> None:
    pk = _resident_request(cast)
    resident = login(cast.a.resident)
    detail = resident.get(f"/api/v1/complaints/{pk}/").json()
    assert detail["actions"] == ["chase", "withdraw"] and detail["next_chase_at"] is None
    chased = resident.post(f"/api/v1/complaints/{pk}/chase/", {"note": "请尽快"}, format="json")
    assert chased.status_code == 200
    body = chased.json()
    assert body["actions"] == ["withdraw"] and body["next_chase_at"] is not None
    assert [e["action"] for e in body["events"]][-1] == "chase"
    before = _state(cast, pk)
    again = resident.post(f"/api/v1/complaints/{pk}/chase/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "chase_too_soon"
    assert "24 小时内只能催办一次" in again.json()["detail"]
    assert datetime.fromisoformat(again.json()["next_chase_at"]) == datetime.fromisoformat(
        body["next_chase_at"]
    )
    with schema_context(cast.a.schema):  # a resident who chose English reads English only
        type(cast.a.resident.user).objects.filter(email=cast.a.resident.email).update(language="en")
    english = login(cast.a.resident).post(
        f"/api/v1/complaints/{pk}/chase/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 409 and "once every 24 hours" in english.json()["detail"]
    assert not re.search(r"[\u4e00-\u9fff]", english.json()["detail"])
    assert _state(cast, pk) == before


@pytest.mark.parametrize("who", ["staff", "manager", "admin", "committee"])
def test_only_the_requester_chases_or_withdraws(cast, who: str) -> None:
    pk = _resident_request(cast)
    before = _state(cast, pk)
    client = login(getattr(cast.a, who))
    for action in ("chase", "withdraw"):
        response = client.post(f"/api/v1/complaints/{pk}/{action}/", {}, format="json")
        assert response.status_code == 403, (who, action, response.json())
    assert _state(cast, pk) == before


def test_a_neighbour_and_another_firm_cannot_touch_the_request(cast, neighbour) -> None:
    pk = _resident_request(cast)
    before = _state(cast, pk)
    for client in (login(neighbour), login(cast.b.resident)):
        for action in ("chase", "withdraw"):
            response = client.post(f"/api/v1/complaints/{pk}/{action}/", {}, format="json")
            assert response.status_code == 404
    assert _state(cast, pk) == before


def test_the_resident_withdraws_and_the_request_reads_withdrawn(cast) -> None:
    pk = _resident_request(cast)
    resident = login(cast.a.resident)
    done = resident.post(
        f"/api/v1/complaints/{pk}/withdraw/", {"reason": "不需要了"}, format="json"
    )
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "withdrawn" and body["actions"] == []
    assert {c["stop_reason"] for c in body["clocks"]} == {"withdrawn"}
    before = _state(cast, pk)
    again = resident.post(f"/api/v1/complaints/{pk}/withdraw/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "not_withdrawable"
    chase = resident.post(f"/api/v1/complaints/{pk}/chase/", {}, format="json")
    assert chase.status_code == 409
    assert _state(cast, pk) == before
    staff = login(cast.a.staff).post(f"/api/v1/complaints/{pk}/accept/", {}, format="json")
    assert staff.status_code == 409 and _state(cast, pk) == before
