"""The closed loop over HTTP: who may submit, see and act; 409s name the allowed actions;
uploads are checked; attachments and notifications never cross users or firms."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from complaints import services
from complaints.models import Attachment, ServiceRequest
from tests.conftest import client_at, login

from .conftest import JPEG

pytestmark = pytest.mark.django_db


def _count(cast) -> int:
    with schema_context(cast.a.schema):
        return ServiceRequest.objects.count()


def _resident_submits(cast, **extra):
    body = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "description": "卫生间水管漏水",
        "channel": "app",
    }
    body.update(extra)
    return login(cast.a.resident).post("/api/v1/complaints/", body, format="json")


def test_a_resident_submits_for_their_own_unit_and_sees_the_clocks(cast) -> None:
    response = _resident_submits(cast)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted" and body["number"].startswith("A1-")
    assert {c["kind"] for c in body["clocks"]} == {"response", "plan", "resolution"}
    assert body["actions"] == ["chase", "withdraw"]  # the requester may chase or withdraw it
    assert body["events"][0]["action"] == "submit"


def test_a_resident_cannot_submit_for_someone_elses_unit_or_as_a_phone_call(cast) -> None:
    before = _count(cast)
    assert _resident_submits(cast, unit=cast.a.units["A1-1-102"]).status_code == 404
    assert _resident_submits(cast, channel="phone").status_code == 400
    assert _count(cast) == before


def test_staff_record_a_phone_request_for_an_elderly_resident(cast) -> None:
    response = login(cast.a.staff).post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "repair",
            "category": "repair",
            "unit": cast.a.units["A1-1-102"],
            "description": "孙奶奶家水龙头坏了",
            "channel": "phone",
            "contact_name": "孙奶奶",
            "contact_phone": "13611112222",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["entered_by_name"] == "staff"
    assert response.json()["channel"] == "phone"


def test_photos_are_uploaded_with_the_request_and_checked(cast) -> None:
    client = login(cast.a.resident)
    base = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "description": "天花板掉皮",
        "channel": "app",
    }
    ok = client.post(
        "/api/v1/complaints/",
        {**base, "files": [SimpleUploadedFile("ceiling.jpg", JPEG, content_type="image/jpeg")]},
        format="multipart",
    )
    assert ok.status_code == 201 and len(ok.json()["attachments"]) == 1
    before = _count(cast)
    fake = SimpleUploadedFile(
        "evil.jpg", b"<?php system($_GET['x']); ?>", content_type="image/jpeg"
    )
    bad = client.post(
        "/api/v1/complaints/",
        {**base, "description": "另一处掉皮", "files": [fake]},
        format="multipart",
    )
    assert bad.status_code == 400 and "files" in bad.json()["fields"]
    assert _count(cast) == before


def test_attachments_are_served_only_to_people_who_may_see_the_request(cast) -> None:
    client = login(cast.a.resident)
    created = client.post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "repair",
            "category": "repair",
            "unit": cast.a.units["A1-1-101"],
            "description": "窗框渗水",
            "channel": "app",
            "files": [SimpleUploadedFile("w.jpg", JPEG, content_type="image/jpeg")],
        },
        format="multipart",
    ).json()
    url = created["attachments"][0]["url"]
    assert client.get(url).status_code == 200
    assert b"".join(client.get(url).streaming_content) == JPEG
    assert login(cast.a.staff).get(url).status_code == 200
    with schema_context(cast.a.schema):
        stored = Attachment.objects.get(pk=created["attachments"][0]["id"]).file.name
    assert not stored.startswith("/")
    intruder = login(cast.b.admin)
    assert intruder.get(url).status_code == 404  # firm B: that request does not exist there
    intruder.defaults["HTTP_HOST"] = cast.a.host
    assert intruder.get(url).status_code == 401


def test_an_invalid_transition_is_409_naming_the_allowed_actions(cast) -> None:
    created = _resident_submits(cast).json()
    staff = login(cast.a.staff)
    response = staff.post(f"/api/v1/complaints/{created['id']}/resolve/", {"note": "done"})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition_not_allowed" and body["allowed"] == [
        "accept",
        "defer",
        "reject",
    ]
    assert staff.get(f"/api/v1/complaints/{created['id']}/").json()["status"] == "submitted"


ROLE_LIST = {"admin": True, "manager": True, "staff": True, "committee": True, "resident": False}


@pytest.mark.parametrize("who", sorted(ROLE_LIST))
def test_who_sees_the_estates_requests(cast, who: str) -> None:
    staff_made = (
        login(cast.a.staff)
        .post(
            "/api/v1/complaints/",
            {
                "estate": cast.a.estates["A1"],
                "kind": "complaint",
                "category": "cleaning",
                "common_area": None,
                "unit": cast.a.units["A1-1-102"],
                "description": "楼道垃圾没人清",
                "channel": "front_desk",
            },
            format="json",
        )
        .json()
    )
    numbers = {
        r["number"]
        for r in login(getattr(cast.a, who)).get("/api/v1/complaints/").json()["results"]
    }
    assert (staff_made["number"] in numbers) == ROLE_LIST[who]


@pytest.mark.parametrize("who", ["committee", "resident"])
def test_committee_and_residents_cannot_handle_requests(cast, who: str) -> None:
    created = _resident_submits(cast).json()
    client = login(getattr(cast.a, who))
    for action, body in [
        ("accept", {}),
        ("take", {}),
        ("reject", {"reason": "无理由"}),
        ("defer", {"reason": "x", "until": "2030-01-01"}),
    ]:
        assert client.post(f"/api/v1/complaints/{created['id']}/{action}/", body).status_code == 403
    assert (
        login(cast.a.staff).get(f"/api/v1/complaints/{created['id']}/").json()["status"]
        == "submitted"
    )


def test_the_firm_cannot_rate_on_the_residents_behalf(cast) -> None:
    created = _resident_submits(cast).json()
    staff = login(cast.a.staff)
    staff.post(f"/api/v1/complaints/{created['id']}/accept/", {})
    staff.post(f"/api/v1/complaints/{created['id']}/resolve/", {"note": "修好了"})
    for who in ("staff", "manager", "admin"):
        response = login(getattr(cast.a, who)).post(
            f"/api/v1/complaints/{created['id']}/rate/", {"rating": 5}
        )
        assert response.status_code == 403 and response.json()["code"] == "not_requester"
    detail = staff.get(f"/api/v1/complaints/{created['id']}/").json()
    assert detail["rating"] is None and detail["status"] == "resolved"


def test_firm_b_never_sees_firm_a_requests(cast) -> None:
    created = _resident_submits(cast).json()
    b = login(cast.b.admin)
    assert created["number"] not in b.get("/api/v1/complaints/").content.decode()
    assert b.get(f"/api/v1/complaints/{created['id']}/").status_code == 404
    assert b.post(f"/api/v1/complaints/{created['id']}/accept/", {}).status_code == 404


def test_manager_reassigns_only_to_people_of_that_estate(cast) -> None:
    created = _resident_submits(cast).json()
    manager = login(cast.a.manager)
    ok = manager.post(
        f"/api/v1/complaints/{created['id']}/reassign/", {"assignee": cast.a.staff.user.id}
    )
    assert ok.status_code == 200 and ok.json()["assignee"] == cast.a.staff.user.id
    bad = manager.post(
        f"/api/v1/complaints/{created['id']}/reassign/", {"assignee": cast.a.resident.user.id}
    )
    assert bad.status_code == 400 and "assignee" in bad.json()["fields"]


def test_bulk_assign_reports_what_it_could_not_do(cast) -> None:
    ids = [_resident_submits(cast, description=d).json()["id"] for d in ("厨房漏水", "门锁坏了")]
    response = login(cast.a.manager).post(
        "/api/v1/complaints/bulk-assign/",
        {"ids": [*ids, 999999], "assignee": cast.a.staff.user.id},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["assigned"] == ids and list(response.json()["skipped"]) == ["999999"]


def test_daily_limit_and_near_duplicates_have_clear_answers(cast) -> None:
    client = login(cast.a.resident)
    base = {
        "estate": cast.a.estates["A1"],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units["A1-1-101"],
        "channel": "app",
    }
    for _ in range(2):
        assert (
            client.post(
                "/api/v1/complaints/", {**base, "description": "电梯停在五楼不动了"}
            ).status_code
            == 201
        )
    dup = client.post("/api/v1/complaints/", {**base, "description": "电梯停在五楼不动了！！"})
    assert dup.status_code == 409 and dup.json()["code"] == "near_duplicate"
    assert len(dup.json()["duplicates"]) == 2


def test_red_board_shows_breached_requests_to_the_committee(cast) -> None:
    with schema_context(cast.a.schema):
        from estates.models import Estate, Unit

        request = services.request_submit(
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            kind="repair",
            category="repair",
            unit=Unit.objects.get(pk=cast.a.units["A1-1-101"]),
            description="配电箱冒烟",
            channel="phone",
            now=timezone.now() - timedelta(hours=30),
        )
        services.sweep()
    board = login(cast.a.committee).get(
        "/api/v1/complaints/board/", {"estate": cast.a.estates["A1"]}
    )
    assert board.status_code == 200
    assert [r["number"] for r in board.json()] == [request.number]
    assert board.json()[0]["colour"] == "red"
    assert (
        login(cast.a.resident)
        .get("/api/v1/complaints/board/", {"estate": cast.a.estates["A1"]})
        .status_code
        == 403
    )


def test_notifications_inbox_counts_and_marks_read(cast) -> None:
    created = _resident_submits(cast).json()
    login(cast.a.staff).post(f"/api/v1/complaints/{created['id']}/accept/", {})
    resident = login(cast.a.resident)
    assert resident.get("/api/v1/notifications/unread-count/").json()["unread"] == 1
    inbox = resident.get("/api/v1/notifications/").json()["results"]
    assert inbox[0]["link"] == f"/requests/{created['id']}"
    assert (
        resident.post("/api/v1/notifications/mark-read/", {}, format="json").json()["unread"] == 0
    )
    assert login(cast.a.staff).get("/api/v1/notifications/unread-count/").json()["unread"] == 0
    anonymous = client_at(cast.a.host)
    assert anonymous.get("/api/v1/notifications/").status_code == 401


def test_staff_cannot_see_or_handle_requests_of_an_estate_they_do_not_work_on(cast) -> None:
    admin = login(cast.a.admin)
    created = admin.post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A2"],
            "kind": "repair",
            "category": "repair",
            "unit": cast.a.units["A2-1-101"],
            "description": "A2 的水管坏了",
            "channel": "phone",
        },
        format="json",
    ).json()
    staff = login(cast.a.staff)  # works on A1 only
    assert staff.get(f"/api/v1/complaints/{created['id']}/").status_code == 404
    assert staff.post(f"/api/v1/complaints/{created['id']}/take/").status_code == 404
    assert admin.get(f"/api/v1/complaints/{created['id']}/").json()["assignee"] is None


def test_the_firm_admin_sees_the_red_board_and_configures_dispatch(cast) -> None:
    admin = login(cast.a.admin)
    assert (
        admin.get("/api/v1/complaints/board/", {"estate": cast.a.estates["A1"]}).status_code == 200
    )
    group = admin.post(
        "/api/v1/complaints/dispatch-groups/",
        {"estate": cast.a.estates["A1"], "name": "维修组", "members": [cast.a.staff.user.id]},
        format="json",
    )
    assert group.status_code == 201
    assert (
        login(cast.a.staff)
        .post(
            "/api/v1/complaints/dispatch-groups/",
            {"estate": cast.a.estates["A1"], "name": "保洁组", "members": []},
            format="json",
        )
        .status_code
        == 403
    )


def test_the_residents_list_carries_the_promised_time_of_the_running_clock(cast) -> None:
    detail = _resident_submits(cast).json()
    running = [c["due_at"] for c in detail["clocks"] if c["running"] and c["due_at"]]
    listed = login(cast.a.resident).get("/api/v1/complaints/", {"mine": "true"}).json()["results"]
    row = next(r for r in listed if r["id"] == detail["id"])
    assert running and row["due_at"] == min(running)
