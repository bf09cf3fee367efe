"""Reads about users and what they may do."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from .capabilities import capabilities_for_roles
from .choices import Role
from .models import Invitation, RoleGrant, User


def active_grants(*, user: User, today: date | None = None) -> list[RoleGrant]:
    """The user's grants in force `today`. Read once per user object: capabilities and scope
    both ask within one request.

    A firm's support identity (a platform admin acting under support access) holds no stored
    grant: it holds the `support` role only while api.authentication has found its running
    support grant for this request (`_linli_support_grant`), and nothing otherwise."""
    if getattr(user, "platform_user_id", None) is not None:
        if getattr(user, "_linli_support_grant", None) is None:
            return []
        return [RoleGrant(user=user, role=Role.SUPPORT)]
    grants = getattr(user, "_linli_grants", None)
    if grants is None:
        grants = list(user.role_grants.all())  # honours a prefetch (user lists)
        user._linli_grants = grants  # type: ignore[attr-defined]
    today = today or timezone.localdate()
    return [
        g
        for g in grants
        if (g.starts_on is None or g.starts_on <= today)
        and (g.ends_on is None or g.ends_on >= today)
    ]


def user_capabilities(*, user: User, host_kind: str) -> frozenset[str]:
    """What this user may do on this kind of host, cached on the user object per request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cache_attr = f"_linli_caps_{host_kind}"
    cached = getattr(user, cache_attr, None)
    if cached is None:
        cached = capabilities_for_roles(
            (g.role for g in active_grants(user=user)), host_kind=host_kind
        )
        setattr(user, cache_attr, cached)
    return cached


def user_list() -> QuerySet[User]:
    """Every user of the firm with their grants and whether an invitation is open (who may see
    which of them: `estates.selectors.firm_users`)."""
    pending = Invitation.objects.filter(
        user=OuterRef("pk"), accepted_at__isnull=True, revoked_at__isnull=True
    )
    return (
        User.objects.filter(platform_user_id__isnull=True)  # support identities are not staff
        .prefetch_related("role_grants")
        .annotate(invitation_pending=Exists(pending))
        .order_by("email")
    )


def mask_phone(phone: str) -> str:
    """138****1234 — for roles that do not need the full number."""
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"
