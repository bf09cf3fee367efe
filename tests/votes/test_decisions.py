"""Tracked decisions (事事有回音): an adopted topic or a passed vote becomes an item with an
owner, a deadline on the clock engine and an append-only timeline; the firm reports its items
done and only the committee confirms; residents read; ledger lines of the same estate link."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import open_vote


def _adopted_topic(cast, title: str = "更换 2 号楼电梯") -> int:
    from votes import services
    from votes.models import Topic

    with schema_context(cast.a.schema):
        from estates.models import Estate

        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        topic = services.topic_raise(user=cast.a.resident.user, estate=estate, title=title)
        services.topic_answer(
            user=cast.a.committee.user, topic=topic, outcome="adopted", answer="采纳，年底前完成"
        )
        return Topic.objects.get(pk=topic.pk).pk


def _due(days: int = 30) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _create(cast, *, owner, side: str = "firm", topic: int | None = None, **over: Any) -> Any:
    by = over.pop("by", cast.a.committee)
    data = {
        "estate": cast.a.estates["A1"],
        "title": "更换电梯",
        "topic": topic if topic is not None else _adopted_topic(cast),
        "owner_side": side,
        "owner": owner.user.pk,
        "due_on": _due(),
    }
    data.update(over)
    return login(by).post("/api/v1/decisions/", data, format="json")


def _count() -> int:
    from votes.models import Decision

    return Decision.objects.count()


def test_the_committee_tracks_an_adopted_topic_with_an_owner_and_a_deadline(votes) -> None:
    cast = votes.cast
    topic = _adopted_topic(cast)
    resident = login(cast.a.resident)
    assert resident.get(f"/api/v1/topics/{topic}/").json()["decision"] is None
    made = _create(cast, owner=cast.a.manager, topic=topic)
    assert made.status_code == 201, made.content
    item = made.json()
    # the topic now links to the item that tracks it, for every reader
    assert resident.get(f"/api/v1/topics/{topic}/").json()["decision"] == item["id"]
    listed_topics = resident.get("/api/v1/topics/", {"estate": cast.a.estates["A1"]}).json()
    assert [(t["id"], t["decision"]) for t in listed_topics] == [(topic, item["id"])]
    assert item["status"] == "open" and item["owner_name"] == "manager"
    assert item["days_late"] == 0 and item["topic_title"] == "更换 2 号楼电梯"
    assert [e["kind"] for e in item["entries"]] == ["created"]
    assert item["actions"] == ["link", "progress"]  # the committee, before any report
    with schema_context(cast.a.schema):
        from notifications.models import Notification
        from votes.models import DecisionClock

        clock = DecisionClock.objects.get(decision_id=item["id"])
        assert clock.stopped_at is None and clock.due_at is not None
        assert Notification.objects.filter(
            user=cast.a.manager.user, link=f"/decisions/{item['id']}"
        ).exists()
    # the estate's resident reads it; the other firm does not find it
    assert login(cast.a.resident).get(f"/api/v1/decisions/{item['id']}/").status_code == 200
    listed = login(cast.a.resident).get(f"/api/v1/decisions/?estate={cast.a.estates['A1']}")
    assert [d["id"] for d in listed.json()] == [item["id"]]
    assert login(cast.b.manager).get(f"/api/v1/decisions/{item['id']}/").status_code == 404


def test_a_topic_or_vote_is_tracked_once_and_only_when_adopted_or_passed(votes) -> None:
    cast = votes.cast
    topic = _adopted_topic(cast)
    assert _create(cast, owner=cast.a.manager, topic=topic).status_code == 201
    again = _create(cast, owner=cast.a.manager, topic=topic)
    assert again.status_code == 409 and again.json()["code"] == "votes_decision_exists"
    # a vote still open has no result: refused with the field named
    pk = open_vote(votes)
    with schema_context(cast.a.schema):
        before = _count()
    refused = login(cast.a.committee).post(
        "/api/v1/decisions/",
        {
            "estate": cast.a.estates["A1"],
            "title": "x",
            "vote": pk,
            "owner_side": "firm",
            "owner": cast.a.manager.user.pk,
            "due_on": _due(),
        },
        format="json",
    )
    assert refused.status_code == 400 and "vote" in refused.json()["fields"]
    with schema_context(cast.a.schema):
        assert _count() == before


@pytest.mark.parametrize(
    ("who", "code"),
    [("manager", 403), ("staff", 403), ("admin", 403), ("resident", 403), ("committee", 404)],
)
def test_only_the_committee_creates_an_item(votes, who: str, code: int) -> None:
    cast = votes.cast
    topic = _adopted_topic(cast)
    # the committee of A1 naming A2, an estate it does not sit on: not found
    estate = cast.a.estates["A2" if who == "committee" else "A1"]
    with schema_context(cast.a.schema):
        before = _count()
    by = getattr(cast.a, who)
    refused = _create(cast, owner=cast.a.manager, topic=topic, by=by, estate=estate)
    assert refused.status_code == code
    with schema_context(cast.a.schema):
        assert _count() == before


def test_bad_input_names_each_field(votes) -> None:
    cast = votes.cast
    # an owner who is not the firm's for this side, a deadline in the past, no source
    made = _create(
        cast,
        owner=cast.a.resident,
        due_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
    )
    assert made.status_code == 400
    assert set(made.json()["fields"]) == {"owner", "due_on"}
    # staff of another estate cannot own it (A2 is not theirs) is covered by the scope check:
    # a committee member named as the firm's owner is refused too
    wrong_side = _create(cast, owner=cast.a.committee, side="firm")
    assert wrong_side.status_code == 400 and "owner" in wrong_side.json()["fields"]
    both = _create(cast, owner=cast.a.manager, vote=1)
    assert both.status_code == 400 and "vote" in both.json()["fields"]


def test_the_firm_reports_done_and_only_the_committee_confirms(votes) -> None:
    cast = votes.cast
    pk = _create(cast, owner=cast.a.manager).json()["id"]
    manager = login(cast.a.manager)
    committee = login(cast.a.committee)
    step = manager.post(f"/api/v1/decisions/{pk}/progress/", {"body": "已询价三家"})
    assert step.status_code == 201
    # the firm cannot close its own item
    refused = manager.post(f"/api/v1/decisions/{pk}/done/", {})
    assert refused.status_code == 403 and refused.json()["code"] == "votes_decision_denied"
    reported = manager.post(f"/api/v1/decisions/{pk}/report/", {"body": "电梯已更换并验收"})
    assert reported.status_code == 200 and reported.json()["status"] == "reported"
    back = committee.post(f"/api/v1/decisions/{pk}/return/", {"body": "缺少验收报告"})
    assert back.json()["status"] == "open"
    manager.post(f"/api/v1/decisions/{pk}/report/", {"body": "补上验收报告"})
    done = committee.post(f"/api/v1/decisions/{pk}/done/", {"body": "已核实"})
    assert done.status_code == 200 and done.json()["status"] == "done"
    kinds = [e["kind"] for e in done.json()["entries"]]
    assert kinds == ["created", "progress", "reported", "returned", "reported", "done"]
    # done is final: no more progress; the spending may still be booked later and linked
    assert done.json()["actions"] == ["link"]
    late = manager.post(f"/api/v1/decisions/{pk}/progress/", {"body": "再补一句"})
    assert late.status_code == 409
    with schema_context(cast.a.schema):
        from votes.models import DecisionClock

        assert DecisionClock.objects.get(decision_id=pk).stopped_at is not None


def test_the_firm_never_writes_on_the_committees_items_and_residents_only_read(votes) -> None:
    cast = votes.cast
    pk = _create(cast, owner=cast.a.committee, side="committee").json()["id"]
    for person in (cast.a.manager, cast.a.admin, cast.a.staff, cast.a.resident):
        client = login(person)
        assert client.post(f"/api/v1/decisions/{pk}/progress/", {"body": "x"}).status_code == 403
        assert client.post(f"/api/v1/decisions/{pk}/done/", {}).status_code == 403
    with schema_context(cast.a.schema):
        from votes.models import DecisionEntry

        assert DecisionEntry.objects.filter(decision_id=pk).count() == 1
    closed = login(cast.a.committee).post(f"/api/v1/decisions/{pk}/done/", {"body": "已办"})
    assert closed.json()["status"] == "done"


def test_an_overdue_item_notifies_the_owner_and_the_committee_once(votes) -> None:
    from deadlines.services import firm_sweep
    from notifications.models import Notification
    from votes import services
    from votes.models import Decision

    cast = votes.cast
    topic = _adopted_topic(cast)
    with schema_context(cast.a.schema):
        from estates.models import Estate

        start = timezone.now()
        item = services.decision_create(
            user=cast.a.committee.user,
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            title="修路灯",
            topic_id=topic,
            owner_side="firm",
            owner_id=cast.a.manager.user.pk,
            due_on=timezone.localdate() + timedelta(days=2),
            now=start,
        )
        later = start + timedelta(days=5)
        firm_sweep(now=later)
        firm_sweep(now=later)
        overdue = Notification.objects.filter(link=f"/decisions/{item.pk}", title="决议落实已逾期")
        assert sorted(n.user_id for n in overdue) == sorted(
            [cast.a.manager.user.pk, cast.a.committee.user.pk, votes.member2.user.pk]
        )
        assert Decision.objects.get(pk=item.pk).status == "open"


def test_days_late_counts_from_the_deadline() -> None:
    from votes.policies import days_late

    due = date(2026, 3, 1)
    assert days_late(due_on=due, today=date(2026, 3, 1), done_on=None) == 0
    assert days_late(due_on=due, today=date(2026, 3, 5), done_on=None) == 4
    assert days_late(due_on=due, today=date(2026, 4, 5), done_on=date(2026, 3, 3)) == 2


def test_ledger_lines_link_only_from_the_same_estate(votes) -> None:
    from disclosure.services.ledger import line_draft, line_post
    from estates.models import Estate

    cast = votes.cast
    pk = _create(cast, owner=cast.a.manager).json()["id"]
    with schema_context(cast.a.schema):
        lines = {}
        for code in ("A1", "A2"):
            draft = line_draft(
                user=cast.a.admin.user,
                estate=Estate.objects.get(pk=cast.a.estates[code]),
                kind="expense",
                category="repairs",
                occurred_on=timezone.localdate(),
                amount=Decimal("380000.00"),
                description="更换电梯",
            )
            lines[code] = line_post(user=cast.a.admin.user, line=draft).pk
    manager = login(cast.a.manager)
    other = manager.post(f"/api/v1/decisions/{pk}/link/", {"ledger_line": lines["A2"]})
    assert other.status_code == 400 and "ledger_line" in other.json()["fields"]
    linked = manager.post(f"/api/v1/decisions/{pk}/link/", {"ledger_line": lines["A1"]})
    assert linked.status_code == 201
    assert [(x["kind"], x["amount"]) for x in linked.json()["links"]] == [("line", "380000.00")]
    twice = manager.post(f"/api/v1/decisions/{pk}/link/", {"ledger_line": lines["A1"]})
    assert twice.status_code == 409
    shown = login(cast.a.resident).get(f"/api/v1/decisions/{pk}/").json()
    assert shown["links"][0]["ref"] == lines["A1"]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE votes_decisionentry SET body = '改过' WHERE decision_id = %(pk)s",
        "DELETE FROM votes_decisionentry WHERE decision_id = %(pk)s",
        "DELETE FROM votes_decision WHERE id = %(pk)s",
        "UPDATE votes_decision SET status = 'open' WHERE id = %(pk)s",
    ],
)
def test_postgresql_refuses_rewriting_the_timeline_or_a_done_item(votes, sql: str) -> None:
    cast = votes.cast
    pk = _create(cast, owner=cast.a.committee, side="committee").json()["id"]
    login(cast.a.committee).post(f"/api/v1/decisions/{pk}/done/", {"body": "已办"})
    with schema_context(cast.a.schema):
        from votes.models import Decision, DecisionEntry

        with (
            pytest.raises(DatabaseError, match="pgtrigger"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, {"pk": pk})
        assert Decision.objects.get(pk=pk).status == "done"
        bodies = DecisionEntry.objects.filter(decision_id=pk).values_list("body", flat=True)
        assert list(bodies) == ["", "已办"]
