"""A seated committee member's account belongs to its holder: the firm they supervise can
neither deactivate it nor re-send its invitation (which would revoke the one the holder has).
Denials change nothing; other accounts stay the firm's to manage."""

from __future__ import annotations

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from accounts.models import Invitation, User
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _state(schema: str, user_id: int) -> tuple[bool, list[tuple[int, object]]]:
    with schema_context(schema):
        active = User.objects.get(pk=user_id).is_active
        invitations = list(
            Invitation.objects.filter(user_id=user_id)
            .values_list("pk", "revoked_at")
            .order_by("pk")
        )
    connection.set_schema_to_public()
    return active, invitations


@pytest.mark.parametrize("action", ["deactivate", "resend-invitation"])
def test_the_firm_admin_cannot_deactivate_or_reinvite_a_seated_committee_member(cast, action):
    member = cast.a.committee.user
    before = _state(cast.a.schema, member.pk)
    response = login(cast.a.admin).post(f"/api/v1/users/{member.pk}/{action}/")
    assert response.status_code == 403
    assert response.json()["code"] == "holder_account"
    assert _state(cast.a.schema, member.pk) == before
    assert before[0] is True  # still signs in


def test_the_member_still_signs_in_after_the_firm_tried(cast):
    member = cast.a.committee
    login(cast.a.admin).post(f"/api/v1/users/{member.user.pk}/deactivate/")
    assert login(member).get("/api/v1/auth/me/").status_code == 200


def test_other_accounts_stay_the_firms_to_manage(cast):
    staff = cast.a.staff.user
    response = login(cast.a.admin).post(f"/api/v1/users/{staff.pk}/deactivate/")
    assert response.status_code == 200
    assert _state(cast.a.schema, staff.pk)[0] is False


def test_once_the_seat_has_ended_the_account_is_an_ordinary_one(cast):
    from django.utils import timezone

    from committee.selectors import confirmed_seats

    member = cast.a.committee.user
    with schema_context(cast.a.schema):
        seats = confirmed_seats().filter(user_id=member.pk)
        assert seats.exists()
        seats.update(ended_on=timezone.localdate(), end_reason="resigned")
    connection.set_schema_to_public()
    response = login(cast.a.admin).post(f"/api/v1/users/{member.pk}/deactivate/")
    assert response.status_code == 200
