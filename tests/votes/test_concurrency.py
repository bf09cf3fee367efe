"""Two simultaneous casts for one owner keep one ballot and answer the other with 409: real
transactions on two connections (the unique constraint decides, not the service's reading),
committed and cleaned up afterwards."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pgtrigger
import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tenants.utils import schema_context


@pytest.fixture
def db(django_db_blocker) -> Iterator[None]:
    """Committed, not rolled back: the two casting threads use their own connections."""
    with django_db_blocker.unblock():
        yield


def test_concurrent_double_cast_keeps_one_and_the_other_is_409(db, cast, django_db_blocker) -> None:
    from estates.models import Estate
    from notifications.models import Notification
    from votes import services
    from votes.exceptions import AlreadyVoted
    from votes.models import Ballot, Elector, Vote

    now = timezone.now()
    committee = cast.a.committee.user
    resident = cast.a.resident.user
    with django_db_blocker.unblock():
        with schema_context(cast.a.schema):
            vote = services.vote_create(
                user=committee,
                estate=Estate.objects.get(code="A1"),
                data=services.VoteInput(
                    title="并发投票",
                    options=["同意", "反对"],
                    matter="fund_use",
                    changeable=False,
                    opens_at=now - timedelta(days=4),
                    closes_at=now + timedelta(days=3),
                ),
                now=now - timedelta(days=20),
            )
            services.vote_announce(user=committee, vote=vote, now=now - timedelta(days=20))
            services.vote_open(user=committee, vote=vote, now=now)
        connection.set_schema_to_public()
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def submit(choice: int) -> None:
            try:
                with schema_context(cast.a.schema):
                    barrier.wait(timeout=60)
                    services.ballot_cast(user=resident, vote=vote, choice=choice)
                    outcomes.append("cast")
            except AlreadyVoted as exc:
                outcomes.append(f"{exc.status} {exc.code}")
            except BaseException as exc:  # reported by the main thread
                outcomes.append(repr(exc))
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit, args=(n,)) for n in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        try:
            assert sorted(outcomes) == ["409 votes_already_voted", "cast"]
            with schema_context(cast.a.schema):
                assert Ballot.objects.filter(vote=vote).count() == 1
        finally:
            with pgtrigger.ignore(), schema_context(cast.a.schema):
                Ballot.objects.filter(vote=vote).delete()
                Elector.objects.filter(vote=vote).delete()
                Vote.objects.filter(pk=vote.pk).delete()
                Notification.objects.filter(link=f"/votes/{vote.pk}").delete()  # told owners
            connection.set_schema_to_public()
