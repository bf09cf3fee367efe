"""What a user may do to a request, from one rule (policies.user_actions) that both the screen's
buttons and the services use (issue #8 §1). Expectations are written out, not derived."""

from __future__ import annotations

import pytest

from complaints import services
from complaints.exceptions import TransitionNotAllowed
from complaints.policies import user_actions

pytestmark = pytest.mark.django_db

ME, OTHER = 1, 2

# status -> what the estate's staff may do (unassigned request), written out by hand
STAFF = {
    "submitted": ["accept", "defer", "reassign", "reject", "take"],
    "accepted": ["defer", "depart", "reassign", "reject", "resolve", "start"],
    "in_progress": ["defer", "reassign", "resolve"],
    "deferred": ["reassign", "resume"],
    "resolved": ["reassign"],
    "reopened": ["accept", "reassign"],
    "closed": [],
    "rejected": [],
    "withdrawn": [],
}
# the requester chases anything open and withdraws what nobody has started (a deferral here
# interrupted nothing named: see test_requester for deferrals of a new or accepted request)
REQUESTER = {
    "submitted": ["chase", "withdraw"],
    "accepted": ["chase", "withdraw"],
    "in_progress": ["chase"],
    "deferred": ["chase"],
    "resolved": ["rate", "reopen"],
    "reopened": ["chase"],
    "closed": [],
    "rejected": [],
    "withdrawn": [],
}


@pytest.mark.parametrize("status", sorted(STAFF))
def test_staff_and_requester_actions_per_status(status: str) -> None:
    staff = user_actions(
        status=status, assignee_id=None, user_id=ME, is_requester=False, handles=True
    )
    requester = user_actions(
        status=status, assignee_id=None, user_id=ME, is_requester=True, handles=False
    )
    nobody = user_actions(
        status=status, assignee_id=None, user_id=ME, is_requester=False, handles=False
    )
    assert (staff, requester, nobody) == (STAFF[status], REQUESTER[status], [])


def test_take_is_offered_only_for_a_new_order_nobody_else_has() -> None:
    def offered(assignee_id: int | None) -> bool:
        actions = user_actions(
            status="submitted",
            assignee_id=assignee_id,
            user_id=ME,
            is_requester=False,
            handles=True,
        )
        return "take" in actions

    assert (offered(None), offered(ME), offered(OTHER)) == (True, True, False)


def test_the_take_service_follows_the_same_rule(a1) -> None:
    request = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="卫生间水管漏水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
    )
    request = services.request_accept(request=request, actor=a1["staff"])
    request = services.request_resolve(request=request, actor=a1["staff"], note="修好了")
    request = services.request_reopen(request=request, actor=a1["resident"], reason="又漏了")
    # reopened and assigned to the staff member: no "take" button, and no take either
    assert "take" not in user_actions(
        status=request.status,
        assignee_id=request.assignee_id,
        user_id=a1["staff"].pk,
        is_requester=False,
        handles=True,
    )
    with pytest.raises(TransitionNotAllowed):
        services.request_take(request=request, actor=a1["staff"])
    request.refresh_from_db()
    assert request.status == "reopened"
