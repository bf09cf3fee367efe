"""A vote keeps to the times it announced without anyone pressing a button: the deadline engine
opens voting at the announced time and closes it three days after the window (time to enter the
paper ballots from the box), never while a paper ballot waits for its second member. Owners
hear of each stage: the notice, the opening and the result, in their own language; the firm's
staff are not told to vote."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import OPTIONS

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100


def _announced(votes, *, opens_in: timedelta, lasts: timedelta = timedelta(days=7)):
    """A vote of building 2 announced long enough ago that its opening time is `opens_in` away."""
    from estates.models import Building, Estate
    from votes import services

    now = timezone.now()
    with schema_context(votes.cast.a.schema):
        estate = Estate.objects.get(pk=votes.estate)
        building = Building.objects.get(estate=estate, name="2")
        opens_at = now + opens_in
        data = services.VoteInput(
            title="是否在 2 号楼加装电梯",
            options=OPTIONS,
            matter="fund_use",
            opens_at=opens_at,
            closes_at=opens_at + lasts,
            building_ids=(building.pk,),
        )
        user = votes.cast.a.committee.user
        made = services.vote_create(
            user=user, estate=estate, data=data, now=now - timedelta(days=30)
        )
        return services.vote_announce(user=user, vote=made, now=opens_at - timedelta(days=16))


def _told(cast, kind: str, vote) -> dict[int, str]:
    from notifications.models import Notification

    with schema_context(cast.a.schema):
        rows = Notification.objects.filter(kind=kind, link=f"/votes/{vote.pk}")
        return dict(rows.values_list("user_id", "title"))


def _users(votes, *keys: str) -> set[int]:
    from accounts.models import User

    with schema_context(votes.cast.a.schema):
        return set(
            User.objects.filter(email__in=[votes.owners[k].email for k in keys]).values_list(
                "pk", flat=True
            )
        )


def test_the_owners_of_the_scope_hear_of_the_notice_and_the_firm_does_not(votes) -> None:
    from accounts.models import User

    vote = _announced(votes, opens_in=timedelta(days=2))
    told = _told(votes.cast, "votes.announced", vote)
    assert set(told) == _users(votes, "zhang", "li", "wang", "zhao")
    assert all(title == "表决公告：是否在 2 号楼加装电梯" for title in told.values())
    with schema_context(votes.cast.a.schema):
        firm = [votes.cast.a.admin.email, votes.cast.a.manager.email, votes.cast.a.staff.email]
        staff = set(User.objects.filter(email__in=firm).values_list("pk", flat=True))
    assert not staff & set(told)
    shown = login(votes.owners["zhao"]).get("/api/v1/notifications/").json()
    assert any(n["link"] == f"/votes/{vote.pk}" for n in shown["results"])


def test_voting_opens_by_itself_at_the_announced_time_and_electors_are_told(votes) -> None:
    from deadlines.services import firm_sweep
    from votes.models import Elector, Vote

    vote = _announced(votes, opens_in=timedelta(hours=5))
    with schema_context(votes.cast.a.schema):
        early = firm_sweep(now=timezone.now(), names=["votes.window_opened"])
        assert early == {"votes.window_opened": 0}
        assert Vote.objects.get(pk=vote.pk).status == "announced"
        assert not Elector.objects.filter(vote=vote).exists()
        on_time = firm_sweep(now=vote.opens_at, names=["votes.window_opened"])
        assert on_time == {"votes.window_opened": 1}
        opened = Vote.objects.get(pk=vote.pk)
        assert opened.status == "open" and opened.opened_at == vote.opens_at
        # 张三 once for his two units, 李四 and 王五 one ballot for the unit they co-own, 赵六
        assert Elector.objects.filter(vote=vote).count() == 3
    assert set(_told(votes.cast, "votes.opened", vote)) == _users(
        votes, "zhang", "li", "wang", "zhao"
    )


def test_the_window_closes_three_days_after_its_end_unless_paper_is_pending(
    votes, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from deadlines.services import firm_sweep
    from votes.models import Vote

    settings.MEDIA_ROOT = tmp_path
    vote = _announced(votes, opens_in=timedelta(days=-1), lasts=timedelta(hours=12))
    committee, member2 = login(votes.cast.a.committee), login(votes.member2)
    assert committee.post(f"/api/v1/votes/{vote.pk}/open/").status_code == 200
    electors = {
        e["names"]: e["id"] for e in committee.get(f"/api/v1/votes/{vote.pk}/electors/").json()
    }
    entered = committee.post(
        f"/api/v1/votes/{vote.pk}/paper/",
        {"elector": electors["赵六"], "choice": 0, "scan": SimpleUploadedFile("s.jpg", JPEG)},
        format="multipart",
    )
    assert entered.status_code == 201, entered.content
    end = vote.closes_at
    with schema_context(votes.cast.a.schema):
        # the window is over, but the paper from the box may still be entered
        assert firm_sweep(now=end + timedelta(days=1), names=["votes.window_closed"]) == {
            "votes.window_closed": 0
        }
        # three days on, a paper ballot still waits for its second member: the committee decides
        assert firm_sweep(now=end + timedelta(days=3), names=["votes.window_closed"]) == {
            "votes.window_closed": 0
        }
        assert Vote.objects.get(pk=vote.pk).status == "open"
    confirmed = member2.post(
        f"/api/v1/votes/{vote.pk}/confirm/", {"ballot": entered.json()["id"], "accept": True}
    )
    assert confirmed.status_code == 200
    with schema_context(votes.cast.a.schema):
        later = end + timedelta(days=3, hours=1)
        assert firm_sweep(now=later, names=["votes.window_closed"]) == {"votes.window_closed": 1}
        closed = Vote.objects.get(pk=vote.pk)
        assert closed.status == "closed" and closed.closed_at == later


def test_every_elector_hears_the_result_in_their_own_language(votes) -> None:
    from accounts.models import User
    from votes import services
    from votes.models import Vote

    vote = _announced(votes, opens_in=timedelta(days=-1), lasts=timedelta(hours=12))
    committee = login(votes.cast.a.committee)
    assert committee.post(f"/api/v1/votes/{vote.pk}/open/").status_code == 200
    with schema_context(votes.cast.a.schema):
        User.objects.filter(email=votes.owners["li"].email).update(language="en")
    # voting opened 1 day ago and ended 12 hours later: casting is over, so close and publish
    with schema_context(votes.cast.a.schema):
        user = votes.cast.a.committee.user
        fresh = Vote.objects.get(pk=vote.pk)
        services.vote_close(user=user, vote=fresh, now=fresh.closes_at + timedelta(hours=1))
        services.vote_publish(user=user, vote=fresh, now=fresh.closes_at + timedelta(hours=2))
    told = _told(votes.cast, "votes.published", vote)
    assert set(told) == _users(votes, "zhang", "li", "wang", "zhao")
    (li,) = _users(votes, "li")
    assert told[li] == "Vote result: 是否在 2 号楼加装电梯 (not passed)"
    assert {t for u, t in told.items() if u != li} == {"表决结果：是否在 2 号楼加装电梯（未通过）"}
