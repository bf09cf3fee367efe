"""Reads of notices: who publishes for which side, which notices a user sees, read counts."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.choices import Role
from accounts.models import RoleGrant, User
from accounts.selectors import active_grants
from committee.selectors import is_supervisor, supervised_estate_ids
from estates.models import Estate
from estates.selectors import scope_for

from .choices import Side
from .models import Notice, Read


def estate_for(*, user: User, pk: int) -> Estate | None:
    """The estate if the user sees it: the firm side in scope, its residents, its committee."""
    scope = scope_for(user=user)
    if scope.all_estates or pk in scope.visible_estate_ids or pk in supervised_estate_ids(user):
        return Estate.objects.filter(pk=pk).first()
    return None


def side_of(*, user: User, estate_id: int) -> str | None:
    """The side a user publishes for on this estate: the committee (a confirmed supervisor) or
    the firm (its admin, or a manager of the estate); None for everyone else."""
    if is_supervisor(user, estate_id):
        return Side.COMMITTEE
    for g in active_grants(user=user):
        if g.role == Role.FIRM_ADMIN or (g.role == Role.MANAGER and g.estate_id == estate_id):
            return Side.FIRM
    return None


def _full_view(user: User) -> Q:
    """Where the user sees retracted and expired notices too: the estates they work on in
    full (the firm side, committee accounts) and supervise."""
    scope = scope_for(user=user)
    if scope.all_estates:
        return Q()
    return Q(estate_id__in=scope.estate_ids | supervised_estate_ids(user))


def notice_list(*, user: User) -> QuerySet[Notice]:
    scope = scope_for(user=user)
    today = timezone.localdate()
    active = Q(retraction__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    full = _full_view(user)
    seen = Q() if scope.all_estates else full | (Q(estate_id__in=scope.home_estate_ids) & active)
    return (
        Notice.objects.filter(seen)
        .select_related("estate", "author", "retraction")
        .annotate(
            read_count=Count("reads", distinct=True),
            read_by_me=Exists(Read.objects.filter(notice=OuterRef("pk"), user_id=user.pk)),
        )
        .order_by("-pinned", "-published_at", "-id")
    )


def notice_get(*, user: User, pk: int) -> Notice | None:
    return notice_list(user=user).filter(pk=pk).first()


def residents_of(*, estate_id: int) -> list[User]:
    """The estate's residents and committee accounts whose grant is in force today."""
    today = timezone.localdate()
    grants = RoleGrant.objects.filter(
        user_id=OuterRef("pk"),
        estate_id=estate_id,
        role__in=[Role.RESIDENT, Role.COMMITTEE],
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    return list(User.objects.filter(is_active=True).filter(Exists(grants)))
