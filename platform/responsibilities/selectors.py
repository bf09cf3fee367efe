"""Reads of the responsibility list: which estates a user may read it for, which side a user
speaks for, and the revisions they see."""

from __future__ import annotations

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from committee.selectors import is_supervisor, supervised_estate_ids
from estates.models import Estate
from estates.selectors import scope_for

from .choices import RevisionStatus, Side
from .models import Revision


def estate_for(*, user: User, pk: int) -> Estate | None:
    """The estate if the user sees it: the firm side in scope, its residents, its committee."""
    scope = scope_for(user=user)
    if scope.all_estates or pk in scope.visible_estate_ids or pk in supervised_estate_ids(user):
        return Estate.objects.filter(pk=pk).first()
    return None


def side_of(*, user: User, estate_id: int) -> str | None:
    """The side the user speaks for on this estate's list: the firm (its admin, or a manager of
    the estate) or the committee (a confirmed supervisor); None for everyone else."""
    if is_supervisor(user, estate_id):
        return Side.COMMITTEE
    for g in active_grants(user=user):
        if g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id):
            return Side.FIRM
    return None


def sees_proposals(*, user: User, estate_id: int) -> bool:
    """Proposals and declined versions are between the two sides (and the firm's staff and
    committee members of the estate); residents read what is in force and its history."""
    scope = scope_for(user=user)
    return (
        scope.sees_estate_in_full(estate_id) or side_of(user=user, estate_id=estate_id) is not None
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
    if found is None or estate_for(user=user, pk=found.estate_id) is None:
        return None
    if found.status != RevisionStatus.AGREED and not sees_proposals(
        user=user, estate_id=found.estate_id
    ):
        return None
    return found
