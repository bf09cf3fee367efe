"""Who may hold a committee seat: never the supervised party, never an account staff manage."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User
from estates.models import Person

FIRM_SIDE = [Role.FIRM_ADMIN, Role.MANAGER, Role.STAFF]


def ineligible_reason(*, email: str) -> str:
    """Why the account at `email` (in the current firm's schema) may not sit on a committee,
    or "" when it may (or does not exist yet: it will be created for its holder)."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return ""
    if user.role_grants.filter(role__in=FIRM_SIDE).exists():
        return _("物业人员不能担任业委会成员。")
    if Person.objects.filter(user=user, assisted_by__isnull=False).exists():
        return _("物业代办的账号不能担任业委会成员。")
    if not user.is_active:
        return _("该账号已停用。")
    return ""
