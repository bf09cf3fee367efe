"""Hot topics: recurring complaints grouped by category and jieba keywords into suggested agenda
topics; a committee member accepts or dismisses, never the machine nor the firm."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from complaints import hot_topics
from complaints.hot_topics import (
    Doc,
    HotTopicDecided,
    group_docs,
    hot_topic_accept,
    hot_topic_dismiss,
    keywords_of,
    refresh_hot_topics,
    signature_of,
    suggest,
)
from complaints.models import HotTopic, ServiceRequest
from core.db import current_schema
from tests.conftest import login

ELEVATOR = [
    "3号楼电梯又故障了，困了人，物业一直不修",
    "电梯故障频繁，经常停运，老人上下楼很不方便",
    "5号楼电梯故障，按钮失灵",
    "电梯运行时异响，担心安全，是不是故障",
]
GARBAGE = [
    "小区垃圾清运不及时，垃圾桶满了都没人管",
    "垃圾堆在路边好几天没人清运，味道很大",
    "垃圾桶周围很脏，垃圾清运太慢",
]
NOISE = [
    "楼上装修噪音太大，周末早上七点就开始电钻",
    "晚上十点后还在装修，噪音扰民",
    "隔壁装修电钻噪音，中午也不停",
]
ONE_OFFS = ["卫生间水管漏水", "客厅灯不亮", "阳台门关不上"]


# --- pure: keywords and grouping ----------------------------------------------------------


def test_keywords_leave_out_property_management_filler_numbers_and_times() -> None:
    words = keywords_of("3号楼电梯一直故障，物业晚上十点也不来处理，业主很有问题")
    assert {"电梯", "故障"} <= words
    assert not words & {"物业", "一直", "晚上", "十点", "号楼", "处理", "业主", "问题", "3号楼"}


def test_a_compound_keyword_also_counts_for_its_parts() -> None:
    assert {"垃圾清运", "垃圾", "清运"} <= keywords_of("垃圾清运太慢")


def test_recurring_complaints_become_one_topic_per_category_and_shared_keywords() -> None:
    texts: dict[int, tuple[str, str]] = {}
    ids = itertools.count(1)
    for category, group in (
        ("repair", ELEVATOR),
        ("cleaning", GARBAGE),
        ("noise", NOISE),
        ("repair", ONE_OFFS),
    ):
        for text in group:
            texts[next(ids)] = (category, text)
    topics = {(t.category, frozenset(t.keywords)): t.request_ids for t in suggest(texts)}
    assert topics == {
        ("repair", frozenset({"电梯", "故障"})): frozenset({1, 2, 3, 4}),
        ("cleaning", frozenset({"清运"})): frozenset({5, 6, 7}),
        # 噪音 only repeats the category; 垃圾 is never a whole word of these texts (垃圾清运,
        # 垃圾堆, 垃圾桶), so neither names a topic
        ("noise", frozenset({"装修"})): frozenset({8, 9, 10}),
    }


def test_a_keyword_needs_min_requests_within_one_category() -> None:
    docs = [
        Doc(1, "repair", frozenset({"电梯"})),
        Doc(2, "repair", frozenset({"电梯"})),
        Doc(3, "security", frozenset({"电梯"})),
        Doc(4, "security", frozenset({"电梯"})),
    ]
    assert group_docs(docs, min_requests=3) == []
    assert {t.category for t in group_docs(docs, min_requests=2)} == {"repair", "security"}


def test_groups_merge_only_when_one_lies_almost_inside_the_other() -> None:
    docs = [
        *(Doc(i, "repair", frozenset({"漏水", "水管"})) for i in (1, 2, 3)),
        *(Doc(i, "repair", frozenset({"漏水"})) for i in (4, 5, 6)),
        # 渗水 shares one request of three with 漏水: its own topic
        Doc(7, "repair", frozenset({"渗水"})),
        Doc(8, "repair", frozenset({"渗水"})),
        Doc(9, "repair", frozenset({"渗水", "漏水"})),
    ]
    topics = group_docs(docs, min_requests=3)
    assert [(t.keywords, sorted(t.request_ids)) for t in topics] == [
        (("漏水", "水管"), [1, 2, 3, 4, 5, 6, 9]),
        (("渗水",), [7, 8, 9]),
    ]


def test_a_decision_covers_the_same_matter_with_a_keyword_more_or_less() -> None:
    grown = hot_topics.Topic("cleaning", ("垃圾", "清运", "垃圾清运"), frozenset({1}))
    assert hot_topics.covers("cleaning", ["垃圾", "清运"], grown)
    assert hot_topics.covers("cleaning", ["垃圾", "清运", "垃圾清运", "垃圾桶"], grown)
    assert hot_topics.covers(
        "cleaning", ["垃圾清运"], hot_topics.Topic("cleaning", ("清运",), frozenset())
    )
    assert not hot_topics.covers("cleaning", ["垃圾", "异味"], grown)
    assert not hot_topics.covers("greening", ["垃圾", "清运"], grown)


def test_the_signature_is_category_and_sorted_keywords() -> None:
    assert signature_of("repair", ["故障", "电梯"]) == signature_of("repair", ["电梯", "故障"])
    assert signature_of("repair", ["电梯"]) != signature_of("security", ["电梯"])
    assert len(signature_of("other", [f"很长的关键词{i}" * 5 for i in range(10)])) <= 200


# --- services ------------------------------------------------------------------------------

_numbers = itertools.count(1)


def make(estate, description, *, category="repair", kind="complaint", days_ago=1, unit=None):
    request = ServiceRequest.objects.create(
        estate=estate,
        number=f"{estate.code}-HT{next(_numbers):05d}",
        kind=kind,
        category=category,
        description=description,
        channel="app",
        unit=unit,
    )
    ServiceRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return request


def seed(estate, **kw):
    return {
        "elevator": [make(estate, t, **kw) for t in ELEVATOR],
        "garbage": [make(estate, t, category="cleaning", **kw) for t in GARBAGE],
    }


def by_keywords(estate) -> dict[frozenset[str], HotTopic]:
    return {frozenset(t.keywords): t for t in HotTopic.objects.filter(estate=estate)}


@pytest.mark.django_db
class TestRefresh:
    def test_suggestions_link_their_requests(self, a1) -> None:
        made = seed(a1["estate"])
        make(a1["estate"], "卫生间水管漏水")
        topics = refresh_hot_topics(estate_id=a1["estate"].pk)
        assert len(topics) == 2
        elevator = by_keywords(a1["estate"])[frozenset({"电梯", "故障"})]
        assert (elevator.category, elevator.status) == ("repair", "suggested")
        assert set(elevator.requests.all()) == set(made["elevator"])

    def test_running_again_updates_instead_of_duplicating(self, a1) -> None:
        seed(a1["estate"])
        refresh_hot_topics(estate_id=a1["estate"].pk)
        before = {t.pk for t in HotTopic.objects.all()}
        newer = make(a1["estate"], "电梯故障，门关不上")
        refresh_hot_topics(estate_id=a1["estate"].pk)
        assert {t.pk for t in HotTopic.objects.all()} == before
        elevator = by_keywords(a1["estate"])[frozenset({"电梯", "故障"})]
        assert newer in elevator.requests.all() and elevator.requests.count() == 5

    def test_decided_topics_stand_and_are_not_suggested_again(self, a1) -> None:
        made = seed(a1["estate"])
        refresh_hot_topics(estate_id=a1["estate"].pk)
        topics = by_keywords(a1["estate"])
        accepted = hot_topic_accept(topic=topics[frozenset({"电梯", "故障"})], by=a1["committee"])
        dismissed = hot_topic_dismiss(topic=topics[frozenset({"清运"})], by=a1["committee"])
        make(a1["estate"], "电梯故障，门关不上")
        make(a1["estate"], "垃圾清运车来得太晚", category="cleaning")
        for text in NOISE:
            make(a1["estate"], text, category="noise")
        (fresh,) = refresh_hot_topics(estate_id=a1["estate"].pk)
        assert (fresh.category, fresh.status) == ("noise", "suggested")
        assert HotTopic.objects.count() == 3
        accepted.refresh_from_db()
        dismissed.refresh_from_db()
        assert (accepted.status, accepted.decided_by) == ("accepted", a1["committee"])
        assert (dismissed.status, dismissed.decided_by) == ("dismissed", a1["committee"])
        assert set(accepted.requests.all()) == set(made["elevator"])  # not re-linked

    def test_a_decision_is_made_once(self, a1) -> None:
        seed(a1["estate"])
        topic = refresh_hot_topics(estate_id=a1["estate"].pk)[0]
        hot_topic_dismiss(topic=topic, by=a1["committee"])
        with pytest.raises(HotTopicDecided) as caught:
            hot_topic_accept(topic=topic, by=a1["committee"])
        assert (caught.value.code, caught.value.status) == ("hot_topic_decided", 409)
        topic.refresh_from_db()
        assert topic.status == "dismissed"

    def test_only_complaints_and_repairs_of_the_last_90_days_count(self, a1) -> None:
        estate = a1["estate"]
        make(estate, ELEVATOR[0], days_ago=91)
        make(estate, ELEVATOR[1], days_ago=200)
        make(estate, ELEVATOR[2], kind="suggestion")
        make(estate, ELEVATOR[3], kind="repair", days_ago=89)
        make(estate, ELEVATOR[0], days_ago=5)
        assert refresh_hot_topics(estate_id=estate.pk) == []
        make(estate, ELEVATOR[1], days_ago=2)
        assert len(refresh_hot_topics(estate_id=estate.pk)) == 1

    def test_a_suggestion_the_data_no_longer_supports_is_withdrawn(self, a1) -> None:
        seed(a1["estate"], days_ago=80)
        refresh_hot_topics(estate_id=a1["estate"].pk)
        garbage = by_keywords(a1["estate"])[frozenset({"清运"})]
        hot_topic_accept(topic=garbage, by=a1["committee"])
        later = timezone.now() + timedelta(days=20)
        assert refresh_hot_topics(estate_id=a1["estate"].pk, now=later) == []
        assert list(HotTopic.objects.values_list("status", flat=True)) == ["accepted"]

    def test_only_the_biggest_groups_are_suggested(self, a1) -> None:
        seed(a1["estate"])
        (biggest,) = refresh_hot_topics(estate_id=a1["estate"].pk, max_topics=1)
        assert set(biggest.keywords) == {"电梯", "故障"} and biggest.requests.count() == 4
        assert len(refresh_hot_topics(estate_id=a1["estate"].pk, max_topics=5)) == 2
        refresh_hot_topics(estate_id=a1["estate"].pk, max_topics=1)
        assert list(HotTopic.objects.all()) == [biggest]

    def test_suggestions_are_per_estate(self, a1) -> None:
        from estates.models import Estate

        a2 = Estate.objects.exclude(pk=a1["estate"].pk).get(code="A2")
        for text in ELEVATOR[:2]:
            make(a1["estate"], text)
            make(a2, text)
        assert refresh_hot_topics(estate_id=a1["estate"].pk) == []
        for text in ELEVATOR[2:]:
            make(a2, text)
        refresh_hot_topics(estate_id=a2.pk)
        (topic,) = HotTopic.objects.all()
        assert topic.estate == a2
        assert {r.estate_id for r in topic.requests.all()} == {a2.pk}

    def test_the_per_firm_task_covers_every_estate_and_the_beat_fans_out(
        self, a1, cast, monkeypatch
    ) -> None:
        seed(a1["estate"])
        assert hot_topics.refresh_hot_topics_firm() == 2  # A1 and A2
        assert HotTopic.objects.filter(estate=a1["estate"]).count() == 2
        sent: list[str] = []
        monkeypatch.setattr(
            hot_topics.refresh_hot_topics_firm,
            "delay",
            lambda: sent.append(current_schema()),
        )
        assert hot_topics.refresh_hot_topics_all_firms() == len(sent)
        assert {cast.a.schema, cast.b.schema} <= set(sent)
        beat = settings.CELERY_BEAT_SCHEDULE["complaints-hot-topics"]
        assert beat["task"] == hot_topics.refresh_hot_topics_all_firms.name


@pytest.mark.django_db
def test_firm_b_never_sees_firm_a_suggestions(cast) -> None:
    from estates.models import Estate

    with schema_context(cast.a.schema):
        seed(Estate.objects.get(code="A1"))
        hot_topics.refresh_hot_topics_firm()
        assert HotTopic.objects.count() == 2
    with schema_context(cast.b.schema):
        assert HotTopic.objects.count() == 0
        hot_topics.refresh_hot_topics_firm()
        assert HotTopic.objects.count() == 0


# --- API -----------------------------------------------------------------------------------

URL = "/api/v1/complaints/hot-topics/"
WHO = ["admin", "manager", "staff", "committee", "resident"]
# who may read the suggested topics (written out: the KPI and red-board readers)
READS_SUGGESTIONS = {
    "admin": 200,
    "manager": 200,
    "staff": 403,
    "committee": 200,
    "resident": 403,
}


def _suggest_in_a1(cast) -> dict[str, int]:
    from estates.models import Estate

    with schema_context(cast.a.schema):
        seed(Estate.objects.get(code="A1"))
        refresh_hot_topics(estate_id=cast.a.estates["A1"])
        return {t.category: t.pk for t in HotTopic.objects.all()}


def _state(cast) -> list[tuple[int, str, object]]:
    with schema_context(cast.a.schema):
        return list(HotTopic.objects.order_by("pk").values_list("pk", "status", "decided_by"))


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
def test_who_may_read_suggestions(cast, who: str) -> None:
    ids = _suggest_in_a1(cast)
    response = login(getattr(cast.a, who)).get(URL, {"estate": cast.a.estates["A1"]})
    assert response.status_code == READS_SUGGESTIONS[who]
    if READS_SUGGESTIONS[who] == 200:
        rows = response.json()["results"]
        assert {r["id"] for r in rows} == set(ids.values())
        elevator = next(r for r in rows if r["category"] == "repair")
        assert set(elevator) == {
            "id",
            "estate",
            "category",
            "keywords",
            "request_count",
            "requests",
            "status",
            "created_at",
            "decided_at",
        }
        assert sorted(elevator["keywords"]) == sorted(["电梯", "故障"])
        assert elevator["request_count"] == len(elevator["requests"]) == 4
        assert all(r["number"].startswith("A1-HT") for r in elevator["requests"])
        assert (elevator["status"], elevator["decided_at"]) == ("suggested", None)


@pytest.mark.django_db
def test_list_filters_by_status_and_hides_estates_out_of_scope(cast) -> None:
    ids = _suggest_in_a1(cast)
    with schema_context(cast.a.schema):
        hot_topic_dismiss(topic=HotTopic.objects.get(pk=ids["cleaning"]), by=cast.a.committee.user)
    committee = login(cast.a.committee)
    rows = committee.get(URL, {"status": "suggested"}).json()["results"]
    assert [r["id"] for r in rows] == [ids["repair"]]
    rows = committee.get(URL, {"status": "dismissed"}).json()["results"]
    assert [r["id"] for r in rows] == [ids["cleaning"]]
    assert committee.get(URL, {"estate": cast.a.estates["A2"]}).status_code == 404
    assert login(cast.a.manager).get(URL, {"estate": cast.a.estates["A2"]}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("verb", ["accept", "dismiss"])
@pytest.mark.parametrize("who", WHO)
def test_only_the_committee_decides(cast, who: str, verb: str) -> None:
    ids = _suggest_in_a1(cast)
    before = _state(cast)
    response = login(getattr(cast.a, who)).post(f"{URL}{ids['repair']}/{verb}/")
    if who == "committee":
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == {"accept": "accepted", "dismiss": "dismissed"}[verb]
        assert body["decided_at"] is not None
        with schema_context(cast.a.schema):
            topic = HotTopic.objects.get(pk=ids["repair"])
            assert topic.decided_by is not None
            assert topic.decided_by.email == cast.a.committee.email
    else:
        assert response.status_code == 403
        assert _state(cast) == before


@pytest.mark.django_db
def test_a_decided_topic_cannot_be_decided_again(cast) -> None:
    ids = _suggest_in_a1(cast)
    committee = login(cast.a.committee)
    assert committee.post(f"{URL}{ids['repair']}/accept/").status_code == 200
    before = _state(cast)
    again = committee.post(f"{URL}{ids['repair']}/dismiss/")
    assert again.status_code == 409 and again.json()["code"] == "hot_topic_decided"
    assert _state(cast) == before


@pytest.mark.django_db
def test_the_committee_decides_only_for_its_own_estate(cast) -> None:
    from estates.models import Estate

    with schema_context(cast.a.schema):
        seed(Estate.objects.get(code="A2"))
        (topic, *_) = refresh_hot_topics(estate_id=cast.a.estates["A2"])
    before = _state(cast)
    assert login(cast.a.committee).post(f"{URL}{topic.pk}/accept/").status_code == 404
    assert _state(cast) == before


@pytest.mark.django_db
def test_firm_b_cannot_read_or_decide_firm_a_topics(cast) -> None:
    ids = _suggest_in_a1(cast)
    before = _state(cast)
    b_manager = login(cast.b.manager)
    assert b_manager.get(URL).json()["results"] == []
    # at its own firm the topic does not exist, but a manager may not decide topics at all
    assert b_manager.post(f"{URL}{ids['repair']}/accept/").status_code == 403
    b_manager.defaults["HTTP_HOST"] = cast.a.host
    assert b_manager.get(URL).status_code == 401
    assert b_manager.post(f"{URL}{ids['repair']}/dismiss/").status_code == 401
    assert _state(cast) == before


@pytest.mark.django_db
def test_supervisors_refresh_an_estate_in_their_scope(cast) -> None:
    from estates.models import Estate

    with schema_context(cast.a.schema):
        seed(Estate.objects.get(code="A1"))
    a1 = cast.a.estates["A1"]
    assert login(cast.a.staff).post(f"{URL}refresh/?estate={a1}").status_code == 403
    assert login(cast.a.resident).post(f"{URL}refresh/?estate={a1}").status_code == 403
    assert _state(cast) == []
    manager = login(cast.a.manager)
    assert manager.post(f"{URL}refresh/").status_code == 400
    assert manager.post(f"{URL}refresh/?estate={cast.a.estates['A2']}").status_code == 404
    response = manager.post(f"{URL}refresh/?estate={a1}")
    assert response.status_code == 200
    assert sorted(r["category"] for r in response.json()) == ["cleaning", "repair"]
    again = login(cast.a.committee).post(f"{URL}refresh/?estate={a1}")
    assert [r["id"] for r in again.json()] == [r["id"] for r in response.json()]
