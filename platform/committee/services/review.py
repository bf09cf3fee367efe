"""The platform's review of a filing: confirm (seat the members in the firm's schema) or
reject with a reason. Runs on the platform host; it reads only the filing and its receipt and
writes the firm's roster through committee.services.roster, never reading the firm's data."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from tenants.choices import FilingStatus
from tenants.models import CommitteeFiling
from tenants.provisioning import url_for_firm

from ..exceptions import FilingInvalid, FilingNotFound, FilingReviewed
from .roster import roster_seat_filing


def _lock_pending(filing_id: int) -> CommitteeFiling:
    with schema_context("public"):
        filing = (
            CommitteeFiling.objects.select_for_update(of=("self",))
            .select_related("firm")
            .filter(pk=filing_id)
            .first()
        )
    if filing is None:
        raise FilingNotFound()
    if filing.status != FilingStatus.PENDING:
        raise FilingReviewed()
    return filing


@transaction.atomic
def filing_confirm(
    *, filing_id: int, by: User | None, now: datetime | None = None
) -> CommitteeFiling:
    """Confirm a pending filing: in the same transaction, switch to the firm's schema and
    replace the estate's roster with the filed members (committee.services.roster)."""
    now = now or timezone.now()
    filing = _lock_pending(filing_id)
    with schema_context("public"):
        filing.status = FilingStatus.CONFIRMED
        filing.reviewed_by = by
        filing.reviewed_at = now
        filing.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    firm = filing.firm
    with schema_context(firm.schema_name):
        roster_seat_filing(filing=filing, now=now, base_url=url_for_firm(firm), firm_name=firm.name)
    return filing


@transaction.atomic
def filing_reject(
    *, filing_id: int, by: User | None, reason: str, now: datetime | None = None
) -> CommitteeFiling:
    """Reject a pending filing with a reason the submitter reads; the roster is unchanged."""
    reason = reason.strip()
    if not reason:
        raise FilingInvalid(fields={"reason": [FilingInvalid.default_detail]})
    filing = _lock_pending(filing_id)
    with schema_context("public"):
        filing.status = FilingStatus.REJECTED
        filing.reason = reason
        filing.reviewed_by = by
        filing.reviewed_at = now or timezone.now()
        filing.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])
    return filing
