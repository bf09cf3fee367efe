"""Notice kinds (通知, 停水停电, ...) and the system's notices: a published statement, score or
inspection report appears on the estate's board once, as the system, with a link to it, and
residents are pinged once per event (never twice when the source already tells them)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from tests.helpers import login

pytestmark = pytest.mark.django_db


def _publish(client, estate: int, **extra):
    body = {"estate": estate, "title": "停水通知", "body": "12 月 5 日 9:00-12:00 停水。", **extra}
    return client.post("/api/v1/notices/", body, format="json")


def _system_notices(cast):
    from notices.models import Notice

    with schema_context(cast.a.schema):
        return list(Notice.objects.filter(side="system").values("kind", "source", "title", "link"))


def _inbox(person, kind: str) -> list[str]:
    from notifications.models import Notification

    with schema_context(person.schema):
        return list(
            Notification.objects.filter(user__email=person.email, kind=kind)
            .order_by("id")
            .values_list("title", flat=True)
        )


def test_a_notice_has_a_kind_people_choose_only_manual_kinds_and_the_list_filters_by_it(
    cast,
) -> None:
    from notices.models import Notice

    a1 = cast.a.estates["A1"]
    manager = login(cast.a.manager)
    outage = _publish(manager, a1, kind="outage")
    assert outage.status_code == 201, outage.content
    assert outage.json()["kind"] == "outage" and outage.json()["link"] == ""
    plain = _publish(manager, a1, title="物业费通知")
    assert plain.status_code == 201 and plain.json()["kind"] == "general"
    with schema_context(cast.a.schema):
        before = Notice.objects.count()
    for kind in ("statement", "score", "vote", "inspection", "nonsense"):
        refused = _publish(manager, a1, kind=kind)
        assert refused.status_code == 400 and list(refused.json()["fields"]) == ["kind"], kind
    with schema_context(cast.a.schema):
        assert Notice.objects.count() == before
    resident = login(cast.a.resident)
    only = resident.get("/api/v1/notices/", {"kind": "outage"}).json()["results"]
    assert [n["id"] for n in only] == [outage.json()["id"]]
    assert resident.get("/api/v1/notices/", {"kind": "works"}).json()["results"] == []
    assert resident.get("/api/v1/notices/", {"kind": "x"}).status_code == 400
    # the firm changes the kind of its own notice, never to a system kind
    pk = plain.json()["id"]
    changed = manager.patch(f"/api/v1/notices/{pk}/", {"kind": "works"}, format="json")
    assert changed.status_code == 200 and changed.json()["kind"] == "works"
    refused = manager.patch(f"/api/v1/notices/{pk}/", {"kind": "score"}, format="json")
    assert refused.status_code == 400
    with schema_context(cast.a.schema):
        assert Notice.objects.get(pk=pk).kind == "works"


def test_a_published_inspection_report_is_on_the_board_once_and_residents_are_told_once(
    cast,
) -> None:
    from supervision.exceptions import AlreadyPublished
    from supervision.services import round_publish
    from tests.supervision.conftest import submitted_round

    a1 = cast.a.estates["A1"]
    with schema_context(cast.a.schema):
        from estates.models import Estate

        people = {
            "estate": Estate.objects.get(pk=a1),
            "committee": cast.a.committee.user,
        }
        round_ = submitted_round(people)
    committee = login(cast.a.committee)
    assert committee.post(f"/api/v1/supervision/rounds/{round_.pk}/publish/").status_code == 200
    assert committee.post(f"/api/v1/supervision/rounds/{round_.pk}/publish/").status_code == 409
    resident = login(cast.a.resident)
    board = resident.get("/api/v1/notices/", {"kind": "inspection"}).json()["results"]
    assert len(board) == 1
    notice = board[0]
    assert notice["side"] == "system" and notice["author_name"] is None
    assert notice["link"] == f"/supervision/rounds/{round_.pk}"
    assert notice["title"].startswith("业委会巡查报告已公布：保洁（")
    assert notice["actions"] == []
    told = _inbox(cast.a.resident, "notice.published")
    assert told == [f"系统公告：{notice['title']}"]
    # nobody edits or retracts it, neither the firm nor the committee
    for who in (cast.a.admin, cast.a.manager, cast.a.committee):
        client = login(who)
        assert client.get(f"/api/v1/notices/{notice['id']}/").json()["actions"] == []
        edit = client.patch(f"/api/v1/notices/{notice['id']}/", {"title": "x"}, format="json")
        assert edit.status_code == 403
        gone = client.post(f"/api/v1/notices/{notice['id']}/retract/", {"reason": "x"})
        assert gone.status_code == 403
    assert resident.get(f"/api/v1/notices/{notice['id']}/").json()["title"] == notice["title"]
    assert resident.get(f"/api/v1/notices/{notice['id']}/").json()["retraction"] is None
    # the service called again for the same source adds nothing (one notice per source)
    from notices.services import notice_post_system

    with schema_context(cast.a.schema):
        from django.utils import timezone

        again = notice_post_system(
            estate_id=a1,
            kind="inspection",
            source=f"supervision.round:{round_.pk}",
            title="重复",
            body="重复",
            link="/",
            now=timezone.now(),
            notify_residents=True,
        )
        assert again.pk == notice["id"]
        with pytest.raises(AlreadyPublished):
            round_publish(user=cast.a.committee.user, round=round_)
    assert len(_system_notices(cast)) == 1
    assert _inbox(cast.a.resident, "notice.published") == told


def test_a_published_statement_is_on_the_board_without_a_second_ping(cast) -> None:
    from deadlines.services import firm_sweep
    from tests.disclosure.test_statements import _statement_in_review

    _, statement = _statement_in_review(cast)
    sid = statement["id"]
    assert login(cast.a.committee).post(f"/api/v1/statements/{sid}/sign-off/").status_code == 200
    assert _system_notices(cast) == []
    with schema_context(cast.a.schema):
        firm_sweep(names=["disclosure.publish"])
    connection.set_schema_to_public()
    board = login(cast.a.resident).get("/api/v1/notices/").json()["results"]
    assert [(n["side"], n["kind"], n["link"]) for n in board] == [
        ("system", "statement", f"/disclosure/statements/{sid}")
    ]
    assert board[0]["title"] == "2026-10 公共收益月度报表已公示"
    assert _system_notices(cast)[0]["source"] == f"disclosure.statement:{sid}"
    # the statement's own notification is the one ping
    assert _inbox(cast.a.resident, "disclosure.published") == ["2026-10 公共收益月度报表已公示"]
    assert _inbox(cast.a.resident, "notice.published") == []


def test_a_system_notice_is_stored_in_chinese_and_pings_each_in_their_language(cast) -> None:
    from accounts.models import User
    from tests.scoring.conftest import open_survey

    with schema_context(cast.a.schema):
        User.objects.filter(email=cast.a.resident.email).update(language="en")
    survey_id = open_survey(cast)
    closed = login(cast.a.committee).post(f"/api/v1/scoring/surveys/{survey_id}/close/")
    assert closed.status_code == 200, closed.content
    score_id = closed.json()["score"]
    english = login(cast.a.resident)
    board = english.get("/api/v1/notices/", {"kind": "score"}).json()["results"]
    assert [(n["side"], n["link"]) for n in board] == [("system", f"/scoring/scores/{score_id}")]
    assert board[0]["title"] == "服务评分已公布（2026-07-01 – 2026-09-30）"
    assert _inbox(cast.a.resident, "notice.published") == [
        "System notice: Service score published (2026-07-01 – 2026-09-30)"
    ]
    assert _inbox(cast.a.committee, "notice.published") == [
        "系统公告：服务评分已公布（2026-07-01 – 2026-09-30）"
    ]


# --- below the API: what PostgreSQL refuses, however the row is written ---------------------


def _committee_notice(cast) -> int:
    made = _publish(login(cast.a.committee), cast.a.estates["A1"], title="业主大会通知")
    assert made.status_code == 201, made.content
    return made.json()["id"]


def _refused(cast, write) -> None:
    with (
        schema_context(cast.a.schema),
        pytest.raises(DatabaseError),
        transaction.atomic(),
    ):
        write()


def _raw(sql: str, params: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_postgresql_refuses_the_firm_retracting_a_committee_notice_behind_the_services(
    cast,
) -> None:
    from django.utils import timezone

    from notices.models import Notice, Retraction

    pk = _committee_notice(cast)
    for who in (cast.a.admin, cast.a.manager, cast.a.staff, cast.a.resident):
        user = who.user
        _refused(
            cast,
            lambda user=user: Retraction.objects.create(
                notice=Notice.objects.get(pk=pk), by=user, at=timezone.now(), reason="过期"
            ),
        )
        _refused(
            cast,
            lambda user=user: _raw(
                "INSERT INTO notices_retraction (notice_id, by_id, at, reason) "
                "VALUES (%(n)s, %(u)s, now(), '过期')",
                {"n": pk, "u": user.pk},
            ),
        )
    with schema_context(cast.a.schema):
        assert not Retraction.objects.filter(notice_id=pk).exists()
    shown = login(cast.a.resident).get(f"/api/v1/notices/{pk}/")
    assert shown.status_code == 200 and shown.json()["retraction"] is None
    # the committee's own retraction through the service still goes through
    taken = login(cast.a.committee).post(f"/api/v1/notices/{pk}/retract/", {"reason": "日期有误"})
    assert taken.status_code == 200 and taken.json()["retraction"]["reason"] == "日期有误"


def test_a_seat_that_ended_today_or_was_never_confirmed_retracts_nothing(cast) -> None:
    from django.utils import timezone

    from estates.models import CommitteeMembership
    from notices.models import Retraction

    pk = _committee_notice(cast)
    a1 = cast.a.estates["A1"]
    member = cast.a.committee.user
    with schema_context(cast.a.schema):
        seat = CommitteeMembership.objects.get(estate_id=a1, user=member, ended_on__isnull=True)
        # an unconfirmed seat (no filing) for the resident: read access, no powers
        CommitteeMembership.objects.create(
            estate_id=a1,
            user=cast.a.resident.user,
            position="member",
            term_start=seat.term_start,
            term_end=seat.term_end,
        )
        CommitteeMembership.objects.filter(pk=seat.pk).update(ended_on=timezone.localdate())
    for user in (member, cast.a.resident.user):
        _refused(
            cast,
            lambda user=user: _raw(
                "INSERT INTO notices_retraction (notice_id, by_id, at, reason) "
                "VALUES (%(n)s, %(u)s, now(), '撤回')",
                {"n": pk, "u": user.pk},
            ),
        )
    with schema_context(cast.a.schema):
        assert not Retraction.objects.filter(notice_id=pk).exists()


def test_postgresql_refuses_a_committee_notice_not_written_by_a_sitting_member(cast) -> None:
    from django.utils import timezone

    from notices.models import Notice

    a1, a2 = cast.a.estates["A1"], cast.a.estates["A2"]
    with schema_context(cast.a.schema):
        before = Notice.objects.count()
    for user, estate in (
        (cast.a.manager.user, a1),
        (cast.a.admin.user, a1),
        (cast.a.committee.user, a2),  # a seat on A1 is no seat on A2
    ):
        _refused(
            cast,
            lambda user=user, estate=estate: Notice.objects.create(
                estate_id=estate,
                side="committee",
                title="冒名公告",
                body="x",
                author=user,
                published_at=timezone.now(),
            ),
        )
        _refused(
            cast,
            lambda user=user, estate=estate: _raw(
                "INSERT INTO notices_notice (estate_id, side, kind, title, body, pinned, "
                "author_id, source, link, published_at) VALUES (%(e)s, 'committee', 'general', "
                "'冒名公告', 'x', false, %(u)s, '', '', now())",
                {"e": estate, "u": user.pk},
            ),
        )
    with schema_context(cast.a.schema):
        assert Notice.objects.count() == before
        # the sitting member on their own estate: accepted
        Notice.objects.create(
            estate_id=a1,
            side="committee",
            title="业委会例会",
            body="x",
            author=cast.a.committee.user,
            published_at=timezone.now(),
        )
        assert Notice.objects.count() == before + 1


def test_postgresql_refuses_changing_forging_or_retracting_a_system_notice(cast) -> None:
    from django.utils import timezone

    from notices.models import Notice, Retraction
    from notices.services import notice_post_system

    a1 = cast.a.estates["A1"]
    with schema_context(cast.a.schema):
        pk = notice_post_system(
            estate_id=a1,
            kind="score",
            source="scoring.score:999",
            title="服务评分已公布",
            body="本期服务评分：90 分。",
            link="/scoring/scores/999",
            now=timezone.now(),
            notify_residents=False,
        ).pk
        before = Notice.objects.count()
    for sql in (
        "UPDATE notices_notice SET title = '已改' WHERE id = %(id)s",
        "UPDATE notices_notice SET pinned = true WHERE id = %(id)s",
        "UPDATE notices_notice SET link = 'https://evil.test/' WHERE id = %(id)s",
        "DELETE FROM notices_notice WHERE id = %(id)s",
    ):
        _refused(cast, lambda sql=sql: _raw(sql, {"id": pk}))
    for user in (cast.a.manager.user, cast.a.committee.user):
        _refused(
            cast,
            lambda user=user: Retraction.objects.create(
                notice_id=pk, by=user, at=timezone.now(), reason="x"
            ),
        )
    # the firm cannot forge a system notice (an author, no source) nor use a system kind
    for extra in (
        {"side": "system", "kind": "statement", "source": "disclosure.statement:1"},
        {"side": "system", "kind": "statement", "source": "", "author": None},
        {"side": "firm", "kind": "statement"},
        {"side": "firm", "kind": "general", "source": "scoring.score:1"},
    ):
        values = {"author": cast.a.manager.user, **extra}
        _refused(
            cast,
            lambda values=values: Notice.objects.create(
                estate_id=a1, title="伪造", body="x", published_at=timezone.now(), **values
            ),
        )
    with schema_context(cast.a.schema):
        notice = Notice.objects.get(pk=pk)
        assert (notice.title, notice.pinned, notice.link) == (
            "服务评分已公布",
            False,
            "/scoring/scores/999",
        )
        assert Notice.objects.count() == before
        assert not Retraction.objects.filter(notice_id=pk).exists()
