"""Reads of notices: who publishes for which side, which notices a user sees, read counts."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.choices import Role
from accounts.models import RoleGrant, User
from committee.selectors import acting_side, estate_seen_by, supervised_estate_ids
from estates.selectors import scope_for

from .models import Notice, Read


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


# the two sides and who sees an estate are the committee's rule (committee.selectors)
side_of = acting_side
estate_for = estate_seen_by
