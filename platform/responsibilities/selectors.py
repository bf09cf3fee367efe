"""Reads of the responsibility list: which estates a user may read it for, which side a user
speaks for, and the revisions they see."""

from __future__ import annotations

from accounts.models import User
from committee.selectors import acting_side, estate_seen_by
from estates.selectors import scope_for

from .choices import RevisionStatus
from .models import Revision


def sees_proposals(*, user: User, estate_id: int) -> bool:
    """Proposals and declined versions are between the two sides (and the firm's staff and
    committee members of the estate); residents read what is in force and its history."""
    scope = scope_for(user=user)
    return (
        scope.sees_estate_in_full(estate_id)
        or acting_side(user=user, estate_id=estate_id) is not None
    )


def current(*, estate_id: int) -> Revision | None:
    return (
        Revision.objects.filter(estate_id=estate_id, status=RevisionStatus.AGREED)
        .select_related("proposed_by", "decided_by")
        .order_by("-number")
        .first()
    )


def pending(*, estate_id: int) -> Revision | None:
    return (
        Revision.objects.filter(estate_id=estate_id, status=RevisionStatus.PROPOSED)
        .select_related("proposed_by")
        .first()
    )


def history(*, user: User, estate_id: int) -> list[Revision]:
    qs = Revision.objects.filter(estate_id=estate_id).select_related("proposed_by", "decided_by")
    if not sees_proposals(user=user, estate_id=estate_id):
        qs = qs.filter(status=RevisionStatus.AGREED)
    return list(qs.order_by("-number"))


def revision_get(*, user: User, pk: int) -> Revision | None:
    found = Revision.objects.filter(pk=pk).select_related("proposed_by", "decided_by").first()
    if found is None or estate_seen_by(user=user, pk=found.estate_id) is None:
        return None
    if found.status != RevisionStatus.AGREED and not sees_proposals(
        user=user, estate_id=found.estate_id
    ):
        return None
    return found


# the two sides and who sees an estate are the committee's rule (committee.selectors)
side_of = acting_side
estate_for = estate_seen_by
