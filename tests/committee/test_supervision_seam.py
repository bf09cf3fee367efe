"""The seam other modules use: committee.selectors.supervised_estate_ids / is_supervisor mean
"a seat confirmed by a filing, term current, not resigned"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

pytestmark = pytest.mark.django_db


def test_the_casts_committee_member_is_a_confirmed_supervisor_of_a1(cast) -> None:
    from committee.selectors import is_chair, is_supervisor, supervised_estate_ids

    user = cast.a.committee.user
    with schema_context(cast.a.schema):
        assert supervised_estate_ids(user) == frozenset({cast.a.estates["A1"]})
        assert is_supervisor(user, cast.a.estates["A1"])
        assert not is_supervisor(user, cast.a.estates["A2"])
        assert is_chair(user, cast.a.estates["A1"])


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "resident"])
def test_nobody_else_in_the_cast_supervises(cast, who: str) -> None:
    from committee.selectors import supervised_estate_ids

    user = getattr(cast.a, who).user
    with schema_context(cast.a.schema):
        assert supervised_estate_ids(user) == frozenset()


def test_a_firm_seated_membership_is_unconfirmed_reads_but_does_not_supervise(cast) -> None:
    from accounts.models import RoleGrant
    from accounts.services import user_create
    from committee.selectors import is_supervisor
    from estates.models import CommitteeMembership
    from estates.selectors import scope_for

    today = timezone.localdate()
    estate_id = cast.a.estates["A2"]
    with schema_context(cast.a.schema):
        # what a firm admin's seat looked like before filings existed (migration keeps it)
        user = user_create(email="legacy@firm-a.test", role="committee", full_name="旧委员")
        CommitteeMembership.objects.create(
            estate_id=estate_id,
            user=user,
            position="member",
            term_start=today - timedelta(days=10),
            term_end=today + timedelta(days=100),
        )
        RoleGrant.objects.create(
            user=user,
            role="committee",
            estate_id=estate_id,
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=100),
        )
        assert estate_id in scope_for(user=user).estate_ids
        assert not is_supervisor(user, estate_id)


def test_supervision_follows_the_term_and_ends_with_it(cast) -> None:
    from committee.selectors import is_supervisor

    user = cast.a.committee.user
    today = timezone.localdate()
    with schema_context(cast.a.schema):
        assert is_supervisor(user, cast.a.estates["A1"], today=today + timedelta(days=700))
        assert not is_supervisor(user, cast.a.estates["A1"], today=today + timedelta(days=701))
        assert not is_supervisor(user, cast.a.estates["A1"], today=today - timedelta(days=31))
