"""A small estate for the votes: A1 of the cast gets building "2" with four owners (one of them
holds two units, two co-own one), a second confirmed committee member, and votes made on a
timeline in the past so that they can be opened now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import PASSWORD, Person, login

OPTIONS = ["同意", "反对", "弃权"]


@dataclass
class Votes:
    cast: object
    estate: int
    owners: dict[str, Person]  # key -> an owner account of building 2
    member2: Person  # the second confirmed committee member
    units: dict[str, int]


def _account(slug: str, schema: str, host: str, key: str, role: str, name: str) -> Person:
    from accounts.services import password_set, user_create

    email = f"{key}@{slug}.test"
    user = user_create(email=email, role=role, full_name=name, phone="")
    password_set(user=user, password=PASSWORD)
    return Person(email=email, role=role, host=host, schema=schema)


@pytest.fixture
def votes(db, cast) -> Votes:
    from accounts.models import User
    from committee.demo import seed_confirmed_filing
    from estates import services as estates
    from estates.models import Estate

    a = cast.a
    today = timezone.localdate()
    owners: dict[str, Person] = {}
    units: dict[str, int] = {}
    with schema_context(a.schema):
        estate = Estate.objects.get(code="A1")
        building = estates.building_create(estate=estate, name="2", floors=6)
        made = {}
        for number, area in (
            ("201", "100.00"),
            ("202", "100.00"),
            ("203", "50.00"),
            ("204", "60.00"),
        ):
            made[number] = estates.unit_create(
                building=building, number=number, floor=2, area=Decimal(area)
            )
            units[f"2-{number}"] = made[number].pk
        people = {}
        for key, name in (("zhang", "张三"), ("li", "李四"), ("wang", "王五"), ("zhao", "赵六")):
            owners[key] = _account(a.slug, a.schema, a.host, f"vote-{key}", "resident", name)
            person = estates.person_create(full_name=name, phone="")
            person.user = User.objects.get(email=owners[key].email)
            person.save(update_fields=["user"])
            people[key] = person
        # 张三 holds 201 and 202 (one head, 200 m²); 李四 and 王五 co-own 203; 赵六 owns 204
        estates.owner_link(unit=made["201"], person=people["zhang"])
        estates.owner_link(unit=made["202"], person=people["zhang"])
        estates.owner_link(unit=made["203"], person=people["li"], share=Decimal("50"))
        estates.owner_link(unit=made["203"], person=people["wang"], share=Decimal("50"))
        estates.owner_link(unit=made["204"], person=people["zhao"])
        member2 = _account(a.slug, a.schema, a.host, "vote-member2", "committee", "委员二")
        seed_confirmed_filing(
            estate=estate,
            members=[
                (a.committee.email, "committee", "chair"),
                (member2.email, "委员二", "member"),
            ],
            number="A1-备-VOTE",
            term_start=today - timedelta(days=30),
            term_end=today + timedelta(days=700),
        )
    return Votes(cast=cast, estate=a.estates["A1"], owners=owners, member2=member2, units=units)


def body(estate: int, **over: object) -> dict[str, object]:
    now = timezone.now()
    data: dict[str, object] = {
        "estate": estate,
        "title": "是否使用维修资金更换 2 号楼电梯",
        "body": "报价 38 万元",
        "options": OPTIONS,
        "matter": "fund_use",
        "opens_at": (now + timedelta(days=16)).isoformat(),
        "closes_at": (now + timedelta(days=30)).isoformat(),
    }
    data.update(over)
    return data


def open_vote(votes: Votes, **over: object) -> int:
    """A vote drafted and announced 20 days ago, opened now by the committee (API)."""
    from votes import services
    from votes.models import Vote

    cast = votes.cast
    now = timezone.now()
    committee = login(cast.a.committee)
    made = committee.post(
        "/api/v1/votes/",
        body(
            votes.estate,
            opens_at=(now - timedelta(days=4)).isoformat(),
            closes_at=(now + timedelta(days=3)).isoformat(),
            **over,
        ),
        format="json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    with schema_context(cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        services.vote_announce(user=cast.a.committee.user, vote=vote, now=now - timedelta(days=20))
    opened = committee.post(f"/api/v1/votes/{pk}/open/")
    assert opened.status_code == 200, opened.content
    return pk
