"""Rectifications: opened per failed item with the estate's deadline; the firm answers, only
the committee verifies or rejects; yellow and red reach managers and admins once per level."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import JPEG, photo, submitted_round

pytestmark = pytest.mark.django_db


def _jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def test_each_failed_item_opens_one_rectification_assigned_to_the_estates_manager(a1) -> None:
    round_ = submitted_round(a1, ("pass", "fail", "fail"))
    found = list(round_.rectifications.order_by("id"))
    assert [r.title for r in found] == ["楼道杂物", "垃圾清运"]
    assert {r.assignee_id for r in found} == {a1["manager"].pk}
    assert all(r.due_at - r.opened_at == timedelta(days=7) for r in found)
    assert [list(r.events.values_list("kind", flat=True)) for r in found] == [
        ["opened"],
        ["opened"],
    ]


def test_a_finding_goes_to_the_manager_responsible_for_the_inspected_area(a1) -> None:
    from accounts.models import User
    from estates.models import CommonArea, StaffAssignment

    second = User.objects.create_user("garage-manager@a.test", full_name="车库经理")
    StaffAssignment.objects.create(estate=a1["estate"], user=second, role="manager")
    area = CommonArea.objects.create(estate=a1["estate"], name="3号楼", manager=second)
    found = submitted_round(a1, ("fail", "pass", "pass")).rectifications.get()
    assert found.assignee_id == second.pk
    # once they no longer manage the estate, the estate's first manager answers
    StaffAssignment.objects.filter(user=second).delete()
    assert area.manager_id == second.pk
    later = submitted_round(a1, ("fail", "pass", "pass")).rectifications.order_by("id").last()
    assert later.assignee_id == a1["manager"].pk


def test_the_deadline_comes_from_the_estates_settings(a1) -> None:
    from estates.settings import EstateSettings

    estate = a1["estate"]
    estate.settings = EstateSettings.parse(
        {"rectification_days": 3}, base=EstateSettings.from_estate(estate)
    ).as_json()
    estate.save(update_fields=["settings"])
    a1["estate"] = estate
    rectification = submitted_round(a1, ("fail", "pass", "na")).rectifications.get()
    assert rectification.due_at - rectification.opened_at == timedelta(days=3)


def test_the_firm_answers_and_only_the_committee_verifies_or_rejects(cast, a1) -> None:
    from supervision.models import RectificationEvent

    first, second = submitted_round(a1).rectifications.order_by("id")
    manager = login(cast.a.manager)
    for r in (first, second):
        answered = manager.post(
            f"/api/v1/supervision/rectifications/{r.pk}/answer/",
            {"plan": "已清理", "before": [_jpeg("b.jpg")], "after": [_jpeg("a.jpg")]},
            format="multipart",
        )
        assert answered.status_code == 200, answered.content
        assert answered.json()["status"] == "answered"
        assert [p["stage"] for p in answered.json()["events"][-1]["photos"]] == ["before", "after"]
    events = RectificationEvent.objects.count()
    for who in ("admin", "manager", "staff", "resident"):
        client = login(getattr(cast.a, who))
        assert (
            client.post(
                f"/api/v1/supervision/rectifications/{first.pk}/verify/", {}, format="json"
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"/api/v1/supervision/rectifications/{first.pk}/reject/",
                {"reason": "不行"},
                format="json",
            ).status_code
            == 403
        )
    with schema_context(cast.a.schema):
        assert RectificationEvent.objects.count() == events
    committee = login(cast.a.committee)
    assert committee.get("/api/v1/supervision/rectifications/").json()["results"][0]["actions"] == [
        "verify",
        "reject",
    ]
    rejected = committee.post(
        f"/api/v1/supervision/rectifications/{first.pk}/reject/",
        {"reason": "仍有纸箱"},
        format="json",
    )
    verified = committee.post(
        f"/api/v1/supervision/rectifications/{second.pk}/verify/", {"note": "已核实"}, format="json"
    )
    assert rejected.json()["status"] == "open"
    assert [e["kind"] for e in rejected.json()["events"]] == ["opened", "answer", "reject"]
    assert verified.json()["status"] == "verified"
    assert verified.json()["verified_on_time"] is True
    closed = manager.post(
        f"/api/v1/supervision/rectifications/{second.pk}/answer/", {"plan": "再答"}
    )
    assert closed.status_code == 409
    assert closed.json()["code"] == "rectification_closed"


def test_staff_and_other_firms_cannot_answer(cast, a1) -> None:
    from supervision.models import RectificationEvent

    rectification = submitted_round(a1).rectifications.first()
    before = RectificationEvent.objects.count()
    staff = login(cast.a.staff).post(
        f"/api/v1/supervision/rectifications/{rectification.pk}/answer/", {"plan": "x"}
    )
    other = login(cast.b.manager).post(
        f"/api/v1/supervision/rectifications/{rectification.pk}/answer/", {"plan": "x"}
    )
    assert staff.status_code == 403
    assert other.status_code == 404
    with schema_context(cast.a.schema):
        assert RectificationEvent.objects.count() == before


def test_the_firm_reassigns_only_to_a_manager_of_the_estate(cast, a1) -> None:
    rectification = submitted_round(a1).rectifications.first()
    admin = login(cast.a.admin)
    url = f"/api/v1/supervision/rectifications/{rectification.pk}/reassign/"
    bad = admin.post(url, {"assignee": a1["staff"].pk}, format="json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid_assignee"
    ok = admin.post(url, {"assignee": a1["manager"].pk}, format="json")
    assert ok.status_code == 200
    assert ok.json()["events"][-1]["kind"] == "reassign"


def test_the_detail_offers_the_estates_other_managers_only_to_who_may_reassign(cast, a1) -> None:
    from accounts.models import User
    from estates.models import StaffAssignment

    second = User.objects.create_user("second-manager@a.test", full_name="王二经理")
    StaffAssignment.objects.create(estate=a1["estate"], user=second, role="manager")
    rectification = submitted_round(a1).rectifications.first()
    url = f"/api/v1/supervision/rectifications/{rectification.pk}/"
    offered = login(cast.a.admin).get(url).json()
    assert offered["assignees"] == [{"id": second.pk, "name": "王二经理"}]
    assert login(cast.a.committee).get(url).json()["assignees"] == []
    moved = login(cast.a.admin).post(f"{url}reassign/", {"assignee": second.pk}, format="json")
    assert moved.json()["assignee_name"] == "王二经理"
    assert moved.json()["assignees"] == [{"id": a1["manager"].pk, "name": a1["manager"].full_name}]


def test_yellow_and_red_notify_managers_and_admins_exactly_once_per_level(a1) -> None:
    from deadlines.services import firm_sweep
    from notifications.models import Notification

    opened = timezone.now() - timedelta(days=6)
    rectification = submitted_round(a1, ("fail", "pass", "pass"), now=opened).rectifications.get()
    recipients = {a1["manager"].pk, a1["admin"].pk}
    for _ in range(2):
        firm_sweep(now=timezone.now(), names=["supervision.rectification"])
    yellow = Notification.objects.filter(kind="supervision.yellow")
    assert set(yellow.values_list("user_id", flat=True)) == recipients
    assert yellow.count() == 2
    later = timezone.now() + timedelta(days=2)
    for _ in range(2):
        firm_sweep(now=later, names=["supervision.rectification"])
    red = Notification.objects.filter(kind="supervision.red")
    assert set(red.values_list("user_id", flat=True)) == recipients
    assert red.count() == 2
    rectification.refresh_from_db()
    assert rectification.status == "open"


def test_a_late_answer_verified_counts_as_not_on_time(a1) -> None:
    from supervision.services import rectification_answer, rectification_verify

    opened = timezone.now() - timedelta(days=10)
    rectification = submitted_round(a1, ("fail", "pass", "pass"), now=opened).rectifications.get()
    rectification_answer(
        user=a1["manager"], rectification=rectification, plan="已清理", after=[photo()]
    )
    rectification_verify(user=a1["committee"], rectification=rectification)
    rectification.refresh_from_db()
    assert rectification.verified_on_time is False


def test_a_resent_answer_with_its_key_is_recorded_once(a1) -> None:
    from supervision.services import rectification_answer

    rectification = submitted_round(a1).rectifications.first()
    for _ in range(2):
        rectification_answer(
            user=a1["manager"], rectification=rectification, plan="已清理", key="firm-answer-01"
        )
    assert rectification.events.filter(kind="answer").count() == 1
