"""The request's message thread (留言, issue #13 §4): the requester and the staff who handle the
estate write to each other with photos, and the other side is told. Nobody else reads it: not a
neighbour, not another firm, not staff of another estate, not the committee (who still sees the
request). Refusals store nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from complaints.models import Attachment, RequestMessage
from notifications.models import Notification
from tests.conftest import login

from .conftest import JPEG

pytestmark = pytest.mark.django_db


def _report(cast, *, estate: str = "A1", unit: str = "A1-1-101", photo: bool = False) -> int:
    body = {
        "estate": cast.a.estates[estate],
        "kind": "repair",
        "category": "repair",
        "unit": cast.a.units[unit],
        "description": "客厅吊灯不亮",
        "channel": "app" if estate == "A1" else "phone",
    }
    if photo:
        body["files"] = [SimpleUploadedFile("lamp.jpg", JPEG, content_type="image/jpeg")]
    client = login(cast.a.resident) if estate == "A1" else login(cast.a.admin)
    response = client.post("/api/v1/complaints/", body, format="multipart" if photo else "json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _stored(cast) -> tuple[int, int, int]:
    with schema_context(cast.a.schema):
        return (
            RequestMessage.objects.count(),
            Attachment.objects.filter(message__isnull=False).count(),
            Notification.objects.filter(kind="request.message").count(),
        )


def _post(client, pk: int, body: str = "", photo: bytes | None = None):
    data: dict = {"body": body}
    if photo is not None:
        data["files"] = [SimpleUploadedFile("p.jpg", photo, content_type="image/jpeg")]
    return client.post(f"/api/v1/complaints/{pk}/messages/", data, format="multipart")


def test_resident_and_staff_talk_with_photos_and_each_side_is_told(cast) -> None:
    pk = _report(cast)
    resident, staff = login(cast.a.resident), login(cast.a.staff)
    asked = _post(resident, pk, "灯是昨晚突然不亮的", photo=JPEG)
    assert asked.status_code == 201, asked.json()
    message = asked.json()
    assert message["mine"] is True and message["from_staff"] is False
    assert len(message["attachments"]) == 1
    # nobody is assigned yet: the estate's managers hear of it
    with schema_context(cast.a.schema):
        told = Notification.objects.filter(kind="request.message", link=f"/requests/{pk}")
        assert [n.user.email for n in told] == [cast.a.manager.email]
    assert staff.post(f"/api/v1/complaints/{pk}/take/").status_code == 200
    answered = _post(staff, pk, "明天上午过去看看")
    assert answered.status_code == 201 and answered.json()["from_staff"] is True
    thread = resident.get(f"/api/v1/complaints/{pk}/messages/").json()
    assert [(m["body"], m["mine"]) for m in thread] == [
        ("灯是昨晚突然不亮的", True),
        ("明天上午过去看看", False),
    ]
    assert thread[1]["author_name"] == "staff"
    photo_url = thread[0]["attachments"][0]["url"]
    assert staff.get(photo_url).status_code == 200
    with schema_context(cast.a.schema):
        to_resident = Notification.objects.get(
            kind="request.message", user__email=cast.a.resident.email
        )
        assert to_resident.body == "明天上午过去看看" and to_resident.link == f"/requests/{pk}"
    _post(resident, pk, "好的，谢谢")
    with schema_context(cast.a.schema):  # now assigned: the assignee hears of it
        assert Notification.objects.filter(
            kind="request.message", user__email=cast.a.staff.email
        ).exists()
    # the thread's photos are not the request's photos
    detail = resident.get(f"/api/v1/complaints/{pk}/").json()
    assert detail["attachments"] == [] and detail["thread"] == "write"


def test_the_committee_sees_the_request_but_not_the_thread(cast) -> None:
    pk = _report(cast, photo=True)
    resident = login(cast.a.resident)
    photo = _post(resident, pk, "补一张照片", photo=JPEG).json()["attachments"][0]["url"]
    committee = login(cast.a.committee)
    detail = committee.get(f"/api/v1/complaints/{pk}/")
    assert detail.status_code == 200 and detail.json()["thread"] == ""
    intake_photo = detail.json()["attachments"][0]["url"]
    assert committee.get(intake_photo).status_code == 200
    before = _stored(cast)
    assert committee.get(f"/api/v1/complaints/{pk}/messages/").status_code == 403
    refused = _post(committee, pk, "业委会想了解一下")
    assert refused.status_code == 403 and refused.json()["code"] == "not_in_thread"
    assert committee.get(photo).status_code == 404
    assert _stored(cast) == before


def test_neighbours_other_firms_and_other_estates_staff_get_nothing(cast, neighbour) -> None:
    pk = _report(cast)
    photo = _post(login(cast.a.resident), pk, "看图", photo=JPEG).json()["attachments"][0]["url"]
    before = _stored(cast)
    for client in (login(neighbour), login(cast.b.resident), login(cast.b.manager)):
        assert client.get(f"/api/v1/complaints/{pk}/messages/").status_code == 404
        assert _post(client, pk, "我也想说").status_code == 404
        assert client.get(photo).status_code == 404
    elsewhere = _report(cast, estate="A2", unit="A2-1-101")
    staff_a1 = login(cast.a.staff)  # works on A1 only
    assert staff_a1.get(f"/api/v1/complaints/{elsewhere}/messages/").status_code == 404
    assert _post(staff_a1, elsewhere, "不归我管").status_code == 404
    assert _stored(cast) == before


def test_an_empty_message_or_a_bad_photo_is_refused_and_nothing_is_stored(cast) -> None:
    pk = _report(cast)
    resident = login(cast.a.resident)
    before = _stored(cast)
    empty = _post(resident, pk, "   ")
    assert empty.status_code == 400 and "body" in empty.json()["fields"]
    fake = _post(resident, pk, "看附件", photo=b"not really a photo")
    assert fake.status_code == 400 and fake.json()["code"] == "upload_rejected"
    too_long = resident.post(
        f"/api/v1/complaints/{pk}/messages/", {"body": "长" * 2001}, format="json"
    )
    assert too_long.status_code == 400
    assert _stored(cast) == before


def test_a_finished_request_keeps_its_thread_read_only(cast) -> None:
    pk = _report(cast)
    resident = login(cast.a.resident)
    _post(resident, pk, "请尽快")
    assert resident.post(f"/api/v1/complaints/{pk}/withdraw/", {}, format="json").status_code == 200
    before = _stored(cast)
    closed = _post(resident, pk, "再说一句")
    assert closed.status_code == 409 and closed.json()["code"] == "thread_closed"
    assert _post(login(cast.a.staff), pk, "收到").status_code == 409
    assert [m["body"] for m in resident.get(f"/api/v1/complaints/{pk}/messages/").json()] == [
        "请尽快"
    ]
    assert resident.get(f"/api/v1/complaints/{pk}/").json()["thread"] == "read"
    assert _stored(cast) == before
