"""From a topic to a decision carried out, in real Chromium at 390×844 (#15): a resident raises a
topic, another owner's support puts it on the agenda, the committee puts it to a vote from the
topic page (the draft answers the topic adopted and links both ways), owners vote on their phones
and one paper ballot is entered by the chair and confirmed by a second member, the vote is
published and passes, the committee tracks the decision with the firm as its owner, the firm's
manager posts progress and reports it done, the committee confirms, and a resident reads the
decision done with its timeline. As in test_votes_story.py, the 15-day notice and the window's
end are passed through the services with `now` shifted (a browser cannot wait for them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD, Person

from .test_complaints_loop import PHONE, log_in, shot
from .test_votes_story import JPEG, _local, _phone, _pick

pytestmark = pytest.mark.e2e


@dataclass
class Hall:
    estate: int
    owners: dict[str, Person]  # 钱七 301, 孙八 302, 周九 303, 吴十 304 of building "3"
    member2: Person


def _account(cast, key: str, role: str, name: str) -> Person:  # type: ignore[no-untyped-def]
    from accounts.services import password_set, user_create

    a = cast.a
    email = f"delib-{key}@{a.slug}.test"
    user = user_create(email=email, role=role, full_name=name, phone="")
    password_set(user=user, password=PASSWORD)
    return Person(email=email, role=role, host=a.host, schema=a.schema)


@pytest.fixture
def hall(db, cast) -> Hall:
    """Building "3" of A1 with four owners of their own (names no other story uses) and a
    committee filed with the chair of the cast and a second member."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User
    from committee.demo import seed_confirmed_filing
    from estates import services as estates
    from estates.models import Estate

    a = cast.a
    owners: dict[str, Person] = {}
    today = timezone.localdate()
    with schema_context(a.schema):
        estate = Estate.objects.get(code="A1")
        building = estates.building_create(estate=estate, name="3", floors=6)
        for number, key, name, area in (
            ("301", "qian", "钱七", "100.00"),
            ("302", "sun", "孙八", "100.00"),
            ("303", "zhou", "周九", "80.00"),
            ("304", "wu", "吴十", "60.00"),
        ):
            unit = estates.unit_create(
                building=building, number=number, floor=3, area=Decimal(area)
            )
            owners[key] = _account(cast, key, "resident", name)
            person = estates.person_create(full_name=name, phone="")
            person.user = User.objects.get(email=owners[key].email)
            person.save(update_fields=["user"])
            estates.owner_link(unit=unit, person=person)
        member2 = _account(cast, "member2", "committee", "委员乙")
        seed_confirmed_filing(
            estate=estate,
            members=[
                (a.committee.email, "committee", "chair"),
                (member2.email, "委员乙", "member"),
            ],
            number="A1-备-DELIB",
            term_start=today - timedelta(days=30),
            term_end=today + timedelta(days=700),
        )
    connection.set_schema_to_public()
    return Hall(estate=a.estates["A1"], owners=owners, member2=member2)


def _id(page: Page) -> int:
    return int(page.url.split("?")[0].rstrip("/").rsplit("/", 1)[1])


def _vote_on_phone(page: Page, firm: str, pk: int) -> None:
    page.goto(f"{firm}/votes/{pk}")
    page.get_by_test_id("cast-option-0").check()  # 同意
    page.get_by_test_id("cast-submit").click()
    page.get_by_test_id("cast-confirm").click()
    expect(page.get_by_test_id("cast-receipt")).to_be_visible()


def test_a_topic_is_voted_on_and_its_decision_tracked_to_done(
    db, cast, hall, e2e_server, frontend_built, new_context
):
    from django.db import connection
    from django_tenants.utils import schema_context

    from votes import services
    from votes.models import Ballot, Result, Vote

    firm = e2e_server.firm_url(cast.a.slug)
    estate = hall.estate
    now = timezone.now()

    # --- the committee puts a topic on the agenda at one support -----------------------------
    chair = _phone(new_context, firm, cast.a.committee.email)
    chair.goto(f"{firm}/topics?estate={estate}")
    chair.get_by_test_id("threshold-input").fill("1")
    chair.get_by_test_id("threshold-save").click()
    expect(chair.get_by_text("支持达到 1 人即列入业委会议程", exact=False)).to_be_visible()

    # --- a resident raises a topic; another owner's support puts it on the agenda ------------
    qian = _phone(new_context, firm, hall.owners["qian"].email)
    qian.goto(f"{firm}/topics/new?estate={estate}")
    qian.get_by_test_id("topic-title").fill("更换3号楼电梯")
    qian.get_by_test_id("topic-body").fill("电梯使用 20 年，经常停运，建议动用维修资金更换")
    qian.get_by_test_id("topic-submit").click()
    qian.wait_for_url(lambda url: "/topics/new" not in url and "/topics/" in url)
    topic = _id(qian)
    expect(qian.get_by_test_id("topic-status-open")).to_be_visible()

    sun = _phone(new_context, firm, hall.owners["sun"].email)
    sun.goto(f"{firm}/topics/{topic}")
    sun.get_by_test_id("topic-support").click()
    expect(sun.get_by_test_id("topic-status-agenda")).to_be_visible()

    # --- the committee puts it to a vote from the topic page ---------------------------------
    chair.goto(f"{firm}/topics/{topic}")
    chair.get_by_test_id("topic-to-vote").click()
    chair.wait_for_url(re.compile(rf"/votes/new\?topic={topic}$"))
    expect(chair.get_by_test_id("vote-from-topic")).to_contain_text("更换3号楼电梯")
    expect(chair.get_by_test_id("field-title")).to_have_value("更换3号楼电梯")
    expect(chair.get_by_test_id("field-body")).to_have_value(
        "电梯使用 20 年，经常停运，建议动用维修资金更换"
    )
    chair.locator("label", has_text="指定楼栋").click()  # only building 3's owners vote
    chair.get_by_test_id("field-buildings").click()
    options = chair.locator(".ant-select-dropdown:visible .ant-select-item-option")
    options.filter(has_text=re.compile(r"^3$")).first.click()
    chair.keyboard.press("Escape")
    chair.get_by_test_id("field-opens_at").fill(_local(now - timedelta(days=1)))
    chair.get_by_test_id("field-closes_at").fill(_local(now + timedelta(days=3)))
    shot(chair, "deliberation-vote-from-topic")
    chair.get_by_test_id("vote-save").click()
    chair.wait_for_url(re.compile(r"/votes/\d+$"))
    pk = _id(chair)
    expect(chair.get_by_test_id(f"vote-topic-{topic}")).to_have_attribute(
        "href", f"/topics/{topic}"
    )

    # the topic is answered adopted, linked to the vote, for every reader
    qian.reload()
    expect(qian.get_by_test_id("topic-status-adopted")).to_be_visible()
    expect(qian.get_by_test_id("topic-answer")).to_contain_text("交付业主大会表决")
    expect(qian.get_by_test_id("topic-vote-link")).to_have_attribute("href", f"/votes/{pk}")

    # the notice went out 20 days ago (the 15-day notice is over); the chair opens the vote
    with schema_context(cast.a.schema):
        services.vote_announce(
            user=cast.a.committee.user, vote=Vote.objects.get(pk=pk), now=now - timedelta(days=20)
        )
    connection.set_schema_to_public()
    chair.reload()
    chair.get_by_test_id("vote-open").click()
    chair.get_by_test_id("vote-open-ok").click()
    expect(chair.get_by_test_id("vote-status-open")).to_be_visible()

    # --- three owners vote on their phones, one on paper (entered, then confirmed) ---------------
    _vote_on_phone(qian, firm, pk)
    _vote_on_phone(sun, firm, pk)
    wu = _phone(new_context, firm, hall.owners["wu"].email)
    _vote_on_phone(wu, firm, pk)
    shot(wu, "deliberation-owner-voted")

    chair.reload()
    _pick(chair, "paper-elector", "周九")
    _pick(chair, "paper-choice", "同意")
    chair.get_by_test_id("paper-scan").set_input_files(
        {"name": "ballot.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    chair.get_by_test_id("paper-save").click()
    expect(chair.get_by_test_id("paper-entered")).to_be_visible()
    member2 = _phone(new_context, firm, hall.member2.email)
    member2.goto(f"{firm}/votes/{pk}")
    member2.locator("[data-testid^='paper-accept-']").click()
    expect(
        member2.get_by_test_id("paper-pending").locator("[data-testid^='pending-']")
    ).to_have_count(0)
    with schema_context(cast.a.schema):
        assert Ballot.objects.get(vote_id=pk, channel="paper").status == "counted"
    connection.set_schema_to_public()

    # --- the window ends; the chair publishes: the vote passed ------------------------------------
    expect(chair.get_by_test_id("vote-track")).to_have_count(0)  # nothing to track yet
    with schema_context(cast.a.schema):
        found = Vote.objects.get(pk=pk)
        services.vote_close(
            user=cast.a.committee.user, vote=found, now=found.closes_at + timedelta(minutes=1)
        )
    connection.set_schema_to_public()
    chair.reload()
    chair.get_by_test_id("vote-publish").click()
    chair.get_by_test_id("vote-publish-ok").click()
    expect(chair.get_by_test_id("vote-status-published")).to_be_visible()
    with schema_context(cast.a.schema):
        assert Result.objects.get(vote_id=pk).passed
    connection.set_schema_to_public()

    # --- the committee tracks the decision (跟踪落实) with the firm as its owner ----------------
    chair.get_by_test_id("vote-track").click()
    chair.wait_for_url(re.compile(rf"/decisions\?estate={estate}&vote={pk}$"))
    expect(chair.get_by_test_id("field-source")).to_contain_text("更换3号楼电梯")
    expect(chair.get_by_test_id("field-title")).to_have_value("更换3号楼电梯")
    _pick(chair, "field-owner", f"物业 · {cast.a.manager.user.full_name}")
    due = chair.locator("[data-testid=field-due_on] input, input[data-testid=field-due_on]").first
    due.click()
    due.fill((timezone.localdate() + timedelta(days=60)).isoformat())
    due.press("Enter")
    shot(chair, "deliberation-track")
    chair.get_by_test_id("decision-submit").click()
    chair.wait_for_url(re.compile(r"/decisions/\d+$"))
    decision = _id(chair)
    expect(chair.get_by_test_id(f"decision-status-{decision}")).to_have_text("落实中")
    expect(chair.get_by_test_id("decision-source-vote")).to_have_attribute("href", f"/votes/{pk}")
    chair.goto(f"{firm}/votes/{pk}")
    expect(chair.get_by_test_id("vote-decision")).to_have_attribute(
        "href", f"/decisions/{decision}"
    )
    expect(chair.get_by_test_id("vote-track")).to_have_count(0)

    # --- the firm's manager posts progress and reports it done ------------------------------------
    manager = new_context().new_page()
    manager.set_viewport_size(PHONE)
    log_in(manager, firm, cast.a.manager.email, PASSWORD)
    manager.goto(f"{firm}/decisions/{decision}")
    manager.get_by_test_id("field-body").fill("已询价三家，选定供应商")
    manager.get_by_test_id("decision-progress").click()
    expect(manager.get_by_test_id("decision-timeline")).to_contain_text("已询价三家，选定供应商")
    manager.get_by_test_id("field-body").fill("新电梯已安装并通过验收")
    manager.get_by_test_id("decision-report").click()
    expect(manager.get_by_test_id(f"decision-status-{decision}")).to_have_text(
        "物业已报完成，待业委会确认"
    )

    # --- the committee confirms -------------------------------------------------------------------
    chair.goto(f"{firm}/decisions/{decision}")
    chair.get_by_test_id("decision-confirm").click()
    expect(chair.get_by_test_id(f"decision-status-{decision}")).to_have_text("已落实")

    # --- a resident sees the decision done, with its timeline ------------------------------------
    sun.goto(f"{firm}/votes/{pk}")
    sun.get_by_test_id("vote-decision").click()
    sun.wait_for_url(re.compile(rf"/decisions/{decision}$"))
    expect(sun.get_by_test_id(f"decision-status-{decision}")).to_have_text("已落实")
    timeline = sun.get_by_test_id("decision-timeline")
    for text in ("立项", "已询价三家，选定供应商", "新电梯已安装并通过验收", "确认落实"):
        expect(timeline).to_contain_text(text)
    expect(sun.get_by_test_id("decision-actions")).to_have_count(0)
    shot(sun, "deliberation-decision-done")
