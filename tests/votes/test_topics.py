"""The deliberation hall (议事厅): residents and the committee raise and support topics, enough
support puts one on the agenda, the committee moderates and every topic ends with a public
answer; the firm reads but never raises, supports or answers; an ended topic never changes."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import body, open_vote

pytestmark = pytest.mark.django_db


def _count(cast) -> tuple[int, int]:
    from votes.models import Topic, TopicSupport

    with schema_context(cast.a.schema):
        return Topic.objects.count(), TopicSupport.objects.count()


def _raise(client, estate: int, title: str = "2号楼电梯经常停运", body: str = "希望更换"):
    return client.post("/api/v1/topics/", {"estate": estate, "title": title, "body": body})


def test_residents_raise_and_support_and_the_firm_only_reads(votes) -> None:
    cast = votes.cast
    zhang, zhao = login(votes.owners["zhang"]), login(votes.owners["zhao"])
    made = _raise(zhang, votes.estate)
    assert made.status_code == 201, made.content
    topic = made.json()
    assert topic["status"] == "open" and topic["mine"] is True and topic["actions"] == []
    before = _count(cast)
    for who in ("admin", "manager", "staff"):
        client = login(getattr(cast.a, who))
        denied = _raise(client, votes.estate)
        assert denied.status_code == 403 and denied.json()["code"] == "votes_topic_not_resident"
        assert client.post(f"/api/v1/topics/{topic['id']}/support/").status_code == 403
        answered = client.post(
            f"/api/v1/topics/{topic['id']}/answer/", {"outcome": "answered", "answer": "好"}
        )
        assert answered.status_code == 403
        # but reads what the owners say
        assert client.get(f"/api/v1/topics/{topic['id']}/").json()["actions"] == []
    assert _count(cast) == before
    # the author cannot support their own topic; others once
    own = zhang.post(f"/api/v1/topics/{topic['id']}/support/")
    assert own.status_code == 400
    supported = zhao.post(f"/api/v1/topics/{topic['id']}/support/")
    assert supported.status_code == 200 and supported.json()["support_count"] == 1
    assert supported.json()["supported"] is True and "support" not in supported.json()["actions"]
    again = zhao.post(f"/api/v1/topics/{topic['id']}/support/")
    assert again.status_code == 409 and again.json()["code"] == "votes_topic_already_supported"
    # firm B never reaches it
    assert login(cast.b.resident).get(f"/api/v1/topics/{topic['id']}/").status_code == 404


def test_enough_support_puts_a_topic_on_the_agenda(votes) -> None:
    from votes import services
    from votes.models import Topic
    from votes.policies import TOPIC_SUPPORT_DEFAULT

    cast = votes.cast
    topic_id = _raise(login(votes.owners["zhang"]), votes.estate).json()["id"]
    with schema_context(cast.a.schema):
        from accounts.services import user_create

        topic = Topic.objects.get(pk=topic_id)
        for n in range(TOPIC_SUPPORT_DEFAULT):
            supporter = user_create(
                email=f"supporter{n}@firm-a.test", role="resident", full_name=f"支持者{n}"
            )
            from estates import services as estates

            person = estates.person_create(full_name=f"支持者{n}", phone="")
            person.user = supporter
            person.save(update_fields=["user"])
            from estates.models import Unit

            estates.occupancy_link(
                unit=Unit.objects.get(pk=votes.units["2-204"]), person=person, kind="occupant"
            )
            topic = services.topic_support(user=supporter, topic=topic)
            expected = "agenda" if n + 1 >= TOPIC_SUPPORT_DEFAULT else "open"
            assert topic.status == expected, n
    assert topic.support_count == TOPIC_SUPPORT_DEFAULT and topic.agenda_at is not None


def test_the_committee_adopts_a_topic_into_a_vote_and_the_answer_is_public(votes) -> None:
    cast = votes.cast
    topic_id = _raise(login(votes.owners["zhang"]), votes.estate).json()["id"]
    vote_id = open_vote(votes)
    committee = login(cast.a.committee)
    # the committee moderates and answers (and, as owners, may support too)
    assert committee.get(f"/api/v1/topics/{topic_id}/").json()["actions"] == [
        "answer",
        "hide",
        "merge",
        "support",
    ]
    bad = committee.post(
        f"/api/v1/topics/{topic_id}/answer/",
        {"outcome": "declined", "answer": "不同意", "vote": vote_id},
    )
    assert bad.status_code == 400 and "vote" in bad.json()["fields"]
    adopted = committee.post(
        f"/api/v1/topics/{topic_id}/answer/",
        {"outcome": "adopted", "answer": "已交付业主大会表决", "vote": vote_id},
    )
    assert adopted.status_code == 200, adopted.content
    assert adopted.json()["status"] == "adopted" and adopted.json()["vote"] == vote_id
    seen = login(votes.owners["zhao"]).get("/api/v1/topics/", {"estate": votes.estate}).json()
    assert [(t["status"], t["answer"]) for t in seen] == [("adopted", "已交付业主大会表决")]
    again = committee.post(
        f"/api/v1/topics/{topic_id}/answer/", {"outcome": "declined", "answer": "改主意"}
    )
    assert again.status_code == 409 and again.json()["code"] == "votes_topic_closed"


def _votes(cast) -> int:
    from votes.models import Vote

    with schema_context(cast.a.schema):
        return Vote.objects.count()


def test_a_vote_drafted_from_a_topic_answers_it_adopted_and_they_link_both_ways(votes) -> None:
    cast = votes.cast
    topic_id = _raise(login(votes.owners["zhang"]), votes.estate).json()["id"]
    committee = login(cast.a.committee)
    made = committee.post("/api/v1/votes/", body(votes.estate, topic=topic_id), format="json")
    assert made.status_code == 201, made.content
    vote = made.json()
    assert vote["topics"] == [{"id": topic_id, "title": "2号楼电梯经常停运"}]
    assert vote["decision"] is None
    # every reader of the estate sees the public answer and the link to the vote
    seen = login(votes.owners["zhao"]).get(f"/api/v1/topics/{topic_id}/").json()
    assert seen["status"] == "adopted" and seen["vote"] == vote["id"]
    assert seen["answer"] == "采纳，交付业主大会表决：是否使用维修资金更换 2 号楼电梯"
    # (a draft is the committee's own until announced)
    assert login(votes.member2).get(f"/api/v1/votes/{vote['id']}/").json()["topics"] == [
        {"id": topic_id, "title": "2号楼电梯经常停运"}
    ]


def test_a_vote_is_not_drafted_from_an_answered_or_another_estates_topic(votes) -> None:
    cast = votes.cast
    committee = login(cast.a.committee)
    answered = _raise(login(votes.owners["zhang"]), votes.estate).json()["id"]
    committee.post(f"/api/v1/topics/{answered}/answer/", {"outcome": "declined", "answer": "否"})
    before = _votes(cast)
    again = committee.post("/api/v1/votes/", body(votes.estate, topic=answered), format="json")
    assert again.status_code == 409 and again.json()["code"] == "votes_topic_closed"
    with schema_context(cast.a.schema):
        from estates.models import Estate
        from votes.models import Topic

        other = Topic.objects.create(
            estate=Estate.objects.get(code="A2"),
            title="别处的议题",
            author=cast.a.committee.user,
            created_at=timezone.now(),
        ).pk
    elsewhere = committee.post("/api/v1/votes/", body(votes.estate, topic=other), format="json")
    assert elsewhere.status_code == 400 and "topic" in elsewhere.json()["fields"]
    unknown = committee.post("/api/v1/votes/", body(votes.estate, topic=999999), format="json")
    assert unknown.status_code == 400 and "topic" in unknown.json()["fields"]
    assert _votes(cast) == before
    with schema_context(cast.a.schema):
        assert Topic.objects.get(pk=other).status == "open"
        assert Topic.objects.get(pk=answered).vote_id is None
    # the firm drafts nothing, from a topic or not
    open_topic = _raise(login(votes.owners["zhang"]), votes.estate, title="新议题").json()["id"]
    firm = login(cast.a.manager).post(
        "/api/v1/votes/", body(votes.estate, topic=open_topic), format="json"
    )
    assert firm.status_code in (403, 404)
    assert _votes(cast) == before
    assert committee.get(f"/api/v1/topics/{open_topic}/").json()["status"] == "open"


def test_hidden_topics_show_their_reason_to_the_author_only(votes) -> None:
    cast = votes.cast
    zhang = login(votes.owners["zhang"])
    topic_id = _raise(zhang, votes.estate, title="广告").json()["id"]
    committee = login(cast.a.committee)
    empty = committee.post(f"/api/v1/topics/{topic_id}/hide/", {"reason": " "})
    assert empty.status_code == 400
    hidden = committee.post(f"/api/v1/topics/{topic_id}/hide/", {"reason": "商业广告"})
    assert hidden.status_code == 200 and hidden.json()["status"] == "hidden"
    assert zhang.get(f"/api/v1/topics/{topic_id}/").json()["answer"] == "商业广告"
    for client in (login(votes.owners["zhao"]), login(cast.a.manager)):
        assert client.get(f"/api/v1/topics/{topic_id}/").status_code == 404
        assert client.get("/api/v1/topics/", {"estate": votes.estate}).json() == []
    assert len(committee.get("/api/v1/topics/", {"estate": votes.estate}).json()) == 1


def test_duplicates_are_merged_into_an_open_topic(votes) -> None:
    zhang, zhao = login(votes.owners["zhang"]), login(votes.owners["zhao"])
    first = _raise(zhang, votes.estate).json()["id"]
    dup = _raise(zhao, votes.estate, title="电梯又坏了").json()["id"]
    committee = login(votes.cast.a.committee)
    assert committee.post(f"/api/v1/topics/{dup}/merge/", {"into": dup}).status_code == 400
    merged = committee.post(f"/api/v1/topics/{dup}/merge/", {"into": first})
    assert merged.status_code == 200 and merged.json()["merged_into"] == first
    assert "2号楼电梯经常停运" in merged.json()["answer"]


def test_bad_topics_are_refused_and_nothing_is_written(votes) -> None:
    zhang = login(votes.owners["zhang"])
    before = _count(votes.cast)
    assert _raise(zhang, votes.estate, title=" ").status_code == 400
    assert _raise(zhang, votes.estate, body="长" * 2001).status_code == 400
    assert zhang.get("/api/v1/topics/", {"estate": "x"}).status_code == 400
    assert zhang.get("/api/v1/topics/abc/").status_code == 404
    assert _raise(zhang, votes.cast.a.estates["A2"]).status_code == 404
    assert _count(votes.cast) == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE votes_topic SET answer = '改了' WHERE id = %(id)s",
        "DELETE FROM votes_topic WHERE id = %(id)s",
    ],
)
def test_postgresql_refuses_changing_an_answered_topic(votes, sql: str) -> None:
    topic_id = _raise(login(votes.owners["zhang"]), votes.estate).json()["id"]
    login(votes.cast.a.committee).post(
        f"/api/v1/topics/{topic_id}/answer/", {"outcome": "declined", "answer": "资金不足"}
    )
    with schema_context(votes.cast.a.schema):
        with (
            pytest.raises(DatabaseError, match="pgtrigger"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, {"id": topic_id})
        from votes.models import Topic

        assert Topic.objects.get(pk=topic_id).answer == "资金不足"


def test_an_accepted_hot_topic_arrives_in_the_hall_on_the_agenda_linked_to_its_requests(
    cast,
) -> None:
    from complaints.models import HotTopic
    from tests.complaints.test_hot_topics import _suggest_in_a1
    from votes.models import Topic

    ids = _suggest_in_a1(cast)
    estate = cast.a.estates["A1"]
    with schema_context(cast.a.schema):
        numbers = set(
            HotTopic.objects.get(pk=ids["repair"]).requests.values_list("number", flat=True)
        )
    # the firm cannot accept it, so nothing reaches the hall
    assert (
        login(cast.a.manager)
        .post(f"/api/v1/complaints/hot-topics/{ids['repair']}/accept/")
        .status_code
        == 403
    )
    assert _count(cast)[0] == 0
    accepted = login(cast.a.committee).post(
        f"/api/v1/complaints/hot-topics/{ids['repair']}/accept/"
    )
    assert accepted.status_code == 200, accepted.content
    hall = login(cast.a.resident).get("/api/v1/topics/", {"estate": estate}).json()
    (topic,) = [t for t in hall if t["hot_topic"] == ids["repair"]]
    assert topic["status"] == "agenda" and topic["agenda_at"] is not None
    assert topic["hot_request_count"] == len(numbers) == 4
    assert topic["title"].startswith("维修：") and "电梯" in topic["title"]
    assert all(n in topic["body"] for n in numbers)
    # the committee answers it like any other topic; a dismissed suggestion never arrives
    assert (
        login(cast.a.committee)
        .post(f"/api/v1/complaints/hot-topics/{ids['cleaning']}/dismiss/")
        .status_code
        == 200
    )
    with schema_context(cast.a.schema):
        assert Topic.objects.filter(hot_topic__isnull=False).count() == 1
        assert Topic.objects.get(pk=topic["id"]).author.email == cast.a.committee.email


def test_a_merge_the_duplicate_may_not_make_changes_nothing(votes) -> None:
    """Only into another topic of the same estate still open or on the agenda, and only by its
    committee: every other target or person is refused and the duplicate stays as it was."""
    from accounts.models import User
    from votes.models import Topic

    cast = votes.cast
    zhang, zhao = login(votes.owners["zhang"]), login(votes.owners["zhao"])
    dup = _raise(zhao, votes.estate, title="电梯又坏了").json()["id"]
    answered = _raise(zhang, votes.estate, title="电梯广告").json()["id"]
    committee = login(cast.a.committee)
    assert (
        committee.post(
            f"/api/v1/topics/{answered}/answer/", {"outcome": "answered", "answer": "已答复"}
        ).status_code
        == 200
    )
    with schema_context(cast.a.schema):
        elsewhere = Topic.objects.create(
            estate_id=cast.a.estates["A2"],
            title="另一个小区的电梯",
            author=User.objects.get(email=cast.a.manager.email),
            created_at=timezone.now(),
        ).pk

    def state() -> tuple:
        with schema_context(cast.a.schema):
            return tuple(
                Topic.objects.filter(pk__in=[dup, answered, elsewhere])
                .order_by("pk")
                .values_list("pk", "status", "merged_into", "answer", "answered_at")
            )

    before = state()
    for into in (dup, answered, elsewhere, 10**12):
        refused = committee.post(f"/api/v1/topics/{dup}/merge/", {"into": into})
        assert refused.status_code == 400, (into, refused.content)
        assert list(refused.json()["fields"]) == ["into"], into
    target = _raise(zhang, votes.estate, title="更换2号楼电梯").json()["id"]
    for who, client, code in (
        ("author", zhao, 403),
        ("manager", login(cast.a.manager), 403),
        ("admin", login(cast.a.admin), 403),
        ("firm B", login(cast.b.manager), 404),
    ):
        denied = client.post(f"/api/v1/topics/{dup}/merge/", {"into": target})
        assert denied.status_code == code, (who, denied.content)
    assert state() == before
    merged = committee.post(f"/api/v1/topics/{dup}/merge/", {"into": target})
    assert merged.status_code == 200 and merged.json()["merged_into"] == target
