"""The lapse gate: when a firm's payment has lapsed, its management features become read-only,
while the service to residents and everything of the owners' committee carry on.

Every firm view may say what kind of feature each action is, like `required_capabilities`:

    lapse = {"*": MANAGEMENT, "export": ANALYTICS}

- SERVICE (the default): never gated. Residents submit and follow requests, staff record and
  handle them (no clock turns red against a firm that cannot act), notices, statements, the
  committee's work, and the billing page itself (so the firm can pay).
- MANAGEMENT: reads stay open; writes answer 402 `payment_required` once the firm is locked
  (estates, units, imports, configuration, inviting users).
- ANALYTICS: the firm's analytics and exports answer 402 to the firm's staff once locked; the
  committee (and an auditor) still read them: supervising is theirs.

Locked = `billing.selectors.standing_for_firm(...).locked` (past due beyond the grace period,
unpaid, canceled, or the trial over without a subscription; a platform admin's extension
unlocks). Nothing is deleted; paying unlocks at once (the next request reads the new state).
A firm suspended by the platform is another matter (tenants.FirmStatus), handled elsewhere.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from accounts.choices import Role
from accounts.selectors import active_grants
from billing.exceptions import PaymentRequired
from billing.selectors import standing_for_firm

from .hosts import host_kind

SERVICE = "service"
MANAGEMENT = "management"
ANALYTICS = "analytics"
BILLING_PAGE = "/billing"
# who keeps reading analytics and exports while the firm is locked: they supervise the firm
SUPERVISING_ROLES = frozenset({Role.COMMITTEE, Role.AUDITOR})


def lapse_class(view: Any) -> str:
    mapping: dict[str, str] = getattr(view, "lapse", None) or {}
    action = getattr(view, "action", None) or (view.request.method.lower() if view.request else "")
    return mapping.get(action) or mapping.get("*") or SERVICE


def _gated(request: Request, kind: str) -> bool:
    if kind == SERVICE:
        return False
    if kind == MANAGEMENT:
        return request.method not in SAFE_METHODS
    user = request.user
    roles = {g.role for g in active_grants(user=user)} if user.is_authenticated else set()  # type: ignore[arg-type]
    return not (roles & SUPERVISING_ROLES)


class LapseGate(BasePermission):
    """402 `payment_required` for a gated action of a locked firm (after HasCapability)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        kind = lapse_class(view)
        if kind == SERVICE or host_kind(request) != "firm":
            return True
        if not _gated(request, kind):
            return True
        firm = getattr(request, "tenant", None)
        if firm is not None and standing_for_firm(firm.pk).locked:
            raise PaymentRequired(extra={"billing_url": BILLING_PAGE})
        return True
