"""Estate notices (公告): the firm side and the committee publish; residents of the estate read
and are notified; read receipts; a committee notice survives every firm attempt to change,
hide or delete it, down to raw SQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

pytestmark = pytest.mark.django_db


def _publish(client, estate: int, **extra):
    body = {"estate": estate, "title": "停水通知", "body": "12 月 5 日 9:00-12:00 停水。", **extra}
    return client.post("/api/v1/notices/", body, format="json")


def _notice(cast, pk: int):
    from notices.models import Notice

    with schema_context(cast.a.schema):
        return Notice.objects.get(pk=pk)


def test_the_firm_publishes_residents_read_and_are_notified_once(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager, resident = login(cast.a.manager), login(cast.a.resident)
    made = _publish(manager, a1, pinned=True)
    assert made.status_code == 201, made.content
    notice = made.json()
    assert notice["side"] == "firm" and notice["actions"] == ["edit", "retract"]
    listed = resident.get("/api/v1/notices/", {"estate": a1}).json()["results"]
    assert [n["title"] for n in listed] == ["停水通知"]
    assert listed[0]["read_by_me"] is False and listed[0]["actions"] == []
    inbox = resident.get("/api/v1/notifications/").json()["results"]
    assert [n["title"] for n in inbox if n["kind"] == "notice.published"] == ["物业公告：停水通知"]
    read = resident.post(f"/api/v1/notices/{notice['id']}/read/").json()
    assert read["read_by_me"] is True and read["read_count"] == 1
    resident.post(f"/api/v1/notices/{notice['id']}/read/")  # a second open counts once
    assert manager.get(f"/api/v1/notices/{notice['id']}/").json()["read_count"] == 1


def test_a_committee_notice_survives_every_firm_attempt_to_remove_it(cast) -> None:
    a1 = cast.a.estates["A1"]
    committee = login(cast.a.committee)
    made = _publish(committee, a1, title="业主大会通知")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert made.json()["side"] == "committee" and made.json()["actions"] == ["retract"]
    for who in ("admin", "manager"):
        firm = login(getattr(cast.a, who))
        assert firm.get(f"/api/v1/notices/{pk}/").json()["actions"] == []
        edit = firm.patch(f"/api/v1/notices/{pk}/", {"title": "已取消"}, format="json")
        assert edit.status_code == 403 and edit.json()["code"] == "notice_other_side"
        pin = firm.patch(f"/api/v1/notices/{pk}/", {"pinned": True}, format="json")
        assert pin.status_code == 403
        hide = firm.post(f"/api/v1/notices/{pk}/retract/", {"reason": "过期"}, format="json")
        assert hide.status_code == 403
        assert firm.delete(f"/api/v1/notices/{pk}/").status_code == 405
    notice = _notice(cast, pk)
    assert (notice.title, notice.pinned, notice.edited_at) == ("业主大会通知", False, None)
    resident = login(cast.a.resident)
    assert [n["id"] for n in resident.get("/api/v1/notices/").json()["results"]] == [pk]
    # the committee itself cannot edit it either; it may retract it, and it stays on record
    assert (
        committee.patch(f"/api/v1/notices/{pk}/", {"title": "x"}, format="json").status_code == 403
    )
    taken = committee.post(f"/api/v1/notices/{pk}/retract/", {"reason": "日期有误"}, format="json")
    assert taken.status_code == 200 and taken.json()["retraction"]["reason"] == "日期有误"
    assert resident.get("/api/v1/notices/").json()["results"] == []
    seen = login(cast.a.manager).get(f"/api/v1/notices/{pk}/").json()
    assert seen["retraction"] is not None and seen["title"] == "业主大会通知"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE notices_notice SET title = '已取消' WHERE id = %(id)s",
        "UPDATE notices_notice SET pinned = true WHERE id = %(id)s",
        "DELETE FROM notices_notice WHERE id = %(id)s",
    ],
)
def test_postgresql_refuses_changing_a_committee_notice_even_with_raw_sql(cast, sql) -> None:
    pk = _publish(login(cast.a.committee), cast.a.estates["A1"]).json()["id"]
    with (
        schema_context(cast.a.schema),
        pytest.raises(DatabaseError, match="pgtrigger"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, {"id": pk})
    assert _notice(cast, pk).title == "停水通知"


def test_the_firm_edits_and_retracts_its_own_notice_and_the_committee_cannot(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager, committee = login(cast.a.manager), login(cast.a.committee)
    pk = _publish(manager, a1).json()["id"]
    assert (
        committee.patch(f"/api/v1/notices/{pk}/", {"title": "x"}, format="json").status_code == 403
    )
    edited = manager.patch(
        f"/api/v1/notices/{pk}/", {"title": "停水通知（更新）", "pinned": True}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["edited_at"] is not None
    assert edited.json()["title"] == "停水通知（更新）" and edited.json()["pinned"] is True
    no_reason = manager.post(f"/api/v1/notices/{pk}/retract/", {"reason": " "}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["fields"]
    assert (
        manager.post(f"/api/v1/notices/{pk}/retract/", {"reason": "已恢复供水"}).status_code == 200
    )
    again = manager.post(f"/api/v1/notices/{pk}/retract/", {"reason": "再撤"}, format="json")
    assert again.status_code == 409


def test_residents_see_their_estate_only_and_not_expired_notices(cast) -> None:
    from notices.models import Notice

    a1, a2 = cast.a.estates["A1"], cast.a.estates["A2"]
    admin = login(cast.a.admin)
    here = _publish(admin, a1).json()["id"]
    elsewhere = _publish(admin, a2, title="A2 通知").json()["id"]
    old = _publish(admin, a1, title="旧通知").json()["id"]
    with schema_context(cast.a.schema):
        Notice.objects.filter(pk=old).update(expires_on=timezone.localdate() - timedelta(days=1))
    resident = login(cast.a.resident)
    assert [n["id"] for n in resident.get("/api/v1/notices/").json()["results"]] == [here]
    assert resident.get(f"/api/v1/notices/{elsewhere}/").status_code == 404
    assert resident.get(f"/api/v1/notices/{old}/").status_code == 404
    assert {n["id"] for n in admin.get("/api/v1/notices/").json()["results"]} == {
        here,
        elsewhere,
        old,
    }


def test_staff_residents_other_estates_and_other_firms_publish_nothing(cast) -> None:
    from notices.models import Notice

    a1, a2 = cast.a.estates["A1"], cast.a.estates["A2"]
    pk = _publish(login(cast.a.manager), a1).json()["id"]
    with schema_context(cast.a.schema):
        before = Notice.objects.count()
    for who in ("staff", "resident"):
        refused = _publish(login(getattr(cast.a, who)), a1)
        assert refused.status_code == 403 and refused.json()["code"] == "notice_not_publisher"
    assert _publish(login(cast.a.manager), a2).status_code == 404
    assert _publish(login(cast.a.committee), a2).status_code == 404
    other = login(cast.b.admin)
    assert other.get(f"/api/v1/notices/{pk}/").status_code == 404
    assert other.post(f"/api/v1/notices/{pk}/retract/", {"reason": "x"}).status_code == 404
    with schema_context(cast.a.schema):
        assert Notice.objects.count() == before


def test_bad_notices_get_field_messages_and_nothing_is_written(cast) -> None:
    from notices.models import Notice

    manager = login(cast.a.manager)
    a1 = cast.a.estates["A1"]
    with schema_context(cast.a.schema):
        before = Notice.objects.count()
    for extra in ({"title": " "}, {"body": ""}, {"expires_on": "2020-01-01"}, {"title": "x" * 101}):
        refused = _publish(manager, a1, **extra)
        assert refused.status_code == 400, refused.content
        assert set(refused.json()["fields"]) & {"title", "body", "expires_on"}
    assert manager.get("/api/v1/notices/", {"estate": "abc"}).status_code == 400
    with schema_context(cast.a.schema):
        assert Notice.objects.count() == before
