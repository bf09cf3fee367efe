"""Writes about who works on an estate: staff assignments. Each also writes the matching
scoped `accounts.RoleGrant`, so access starts and ends with the record that justifies it.
Committee seats are not the firm's to write: only a filing confirmed by the platform seats
members (committee.services)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import RoleGrant, User

from ..exceptions import NotAssignable
from ..models import Estate, StaffAssignment


def _holds_role(user: User, roles: set[str]) -> bool:
    return user.role_grants.filter(role__in=roles).exists()


@transaction.atomic
def staff_assign(*, estate: Estate, user: User, role: str, by: User | None) -> StaffAssignment:
    if (
        role not in {Role.MANAGER, Role.STAFF}
        or not user.is_active
        or not _holds_role(user, {role})
    ):
        raise NotAssignable(fields={"user": [NotAssignable.default_detail]})
    assignment, _ = StaffAssignment.objects.get_or_create(
        estate=estate, user=user, role=role, defaults={"since": timezone.localdate()}
    )
    RoleGrant.objects.get_or_create(
        user=user, role=role, estate_id=estate.pk, unit_id=None, defaults={"granted_by": by}
    )
    return assignment


@transaction.atomic
def staff_unassign(*, assignment: StaffAssignment) -> None:
    RoleGrant.objects.filter(
        user_id=assignment.user_id,
        role=assignment.role,
        estate_id=assignment.estate_id,
        unit_id=None,
    ).delete()
    assignment.delete()
