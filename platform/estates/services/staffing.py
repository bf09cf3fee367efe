"""Writes about who works on an estate: staff assignments and committee terms. Each also
writes the matching scoped `accounts.RoleGrant`, so access starts and ends with the record
that justifies it."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.choices import Role
from accounts.models import RoleGrant, User
from accounts.services import invitation_issue, user_create

from ..exceptions import InvalidTerm, NameTaken, NotAssignable
from ..models import CommitteeMembership, Estate, StaffAssignment
from ._common import save_unique


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


def _committee_grant_sync(membership: CommitteeMembership, by: User | None) -> None:
    grant, _ = RoleGrant.objects.get_or_create(
        user_id=membership.user_id,
        role=Role.COMMITTEE,
        estate_id=membership.estate_id,
        unit_id=None,
        defaults={"granted_by": by},
    )
    # One grant per (user, estate): it spans the member's terms on that estate.
    terms = CommitteeMembership.objects.filter(
        user_id=membership.user_id, estate_id=membership.estate_id
    )
    grant.starts_on = min(t.term_start for t in terms)
    grant.ends_on = max(t.term_end for t in terms)
    grant.save(update_fields=["starts_on", "ends_on"])


@transaction.atomic
def committee_member_add(
    *,
    estate: Estate,
    position: str,
    term_start: date,
    term_end: date,
    by: User | None,
    user: User | None = None,
    email: str = "",
    full_name: str = "",
    base_url: str = "",
    firm_name: str = "",
) -> CommitteeMembership:
    """Seat a committee member for a term. Give an existing `user`, or an `email` to create the
    account and send an invitation. Access to the estate lasts exactly the term."""
    if term_end < term_start:
        raise InvalidTerm(fields={"term_end": [InvalidTerm.default_detail]})
    if user is None:
        existing = User.objects.filter(email__iexact=email.strip()).first()
        if existing is not None:
            user = existing
        else:
            user = user_create(email=email, full_name=full_name, role=Role.COMMITTEE, created_by=by)
            invitation_issue(user=user, invited_by=by, base_url=base_url, firm_name=firm_name)
    if not user.is_active:
        raise NotAssignable(fields={"user": [NotAssignable.default_detail]})
    if _holds_role(user, {Role.FIRM_ADMIN, Role.MANAGER, Role.STAFF}):
        # The supervised party cannot sit on the body that supervises it.
        message = gettext("物业人员不能担任业委会成员。")
        raise NotAssignable(message, fields={"user": [message]})
    membership = CommitteeMembership(
        estate=estate, user=user, position=position, term_start=term_start, term_end=term_end
    )
    save_unique(membership, NameTaken, "user")
    _committee_grant_sync(membership, by)
    return membership


@transaction.atomic
def committee_member_end(*, membership: CommitteeMembership, on: date) -> CommitteeMembership:
    """End a term early (resignation, recall): access ends after `on`."""
    if on < membership.term_start:
        raise InvalidTerm(fields={"term_end": [InvalidTerm.default_detail]})
    membership.term_end = on
    membership.save(update_fields=["term_end"])
    _committee_grant_sync(membership, None)
    return membership
