"""Support access (domain.md): a platform admin asks a firm for time-boxed access with a reason;
one of the firm's admins grants or declines it and may revoke it while it runs, or pre-approves
requests up to some hours for some days (granted at once). Writes here, reads in
`support_grants` / `support_active` / `support_acting`; every row stays (pgtrigger), so the
firm's admins see each request, who decided it and until when it ran.

Acting under a grant: the platform console asks for a one-time entry ticket
(`support_ticket_issue`, signed, two minutes, used once) and the firm host redeems it
(`support_enter`): a session for the firm's support identity of that platform admin
(accounts.services.support_identity), which api.authentication re-checks on every request
against the grant (`support_acting`): expired or revoked, the next request is refused."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tenants.utils import schema_context

from .choices import SupportStatus
from .exceptions import (
    SupportGrantNotFound,
    SupportNotActive,
    SupportNotPending,
    SupportPendingExists,
    SupportPreapprovalEnded,
    SupportPreapprovalNotFound,
    SupportTicketInvalid,
)
from .models import Firm, SupportGrant, SupportPreapproval

TICKET_SALT = "linli.support.enter"
TICKET_SECONDS = 120


def support_grants(*, firm: Firm | None = None) -> QuerySet[SupportGrant]:
    """Every request and grant, newest first; one firm's when `firm` is given."""
    with schema_context("public"):
        rows = SupportGrant.objects.select_related("firm")
        return rows.filter(firm=firm) if firm is not None else rows


def support_active(*, firm: Firm, user_id: int, now: datetime | None = None) -> SupportGrant | None:
    """The grant under which this platform admin may act in the firm right now, if any."""
    now = now or timezone.now()
    with schema_context("public"):
        return (
            SupportGrant.objects.filter(
                firm=firm, requested_by_id=user_id, status=SupportStatus.ACTIVE
            )
            .filter(Q(expires_at__gt=now))
            .first()
        )


def is_running(grant: SupportGrant, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        grant.status == SupportStatus.ACTIVE
        and grant.expires_at is not None
        and grant.expires_at > now
    )


def support_acting(
    *, firm: Firm, grant_id: object, platform_user_id: int | None, now: datetime | None = None
) -> SupportGrant | None:
    """The grant a support session names, if it still lets that platform admin act in this
    firm now: running, of this firm, asked for by that admin. Anything else is None."""
    if platform_user_id is None or not isinstance(grant_id, int) or isinstance(grant_id, bool):
        return None
    with schema_context("public"):
        grant = SupportGrant.objects.filter(
            pk=grant_id, firm_id=firm.pk, requested_by_id=platform_user_id
        ).first()
    return grant if grant is not None and is_running(grant, now) else None


def support_preapproval_current(
    *, firm: Firm, now: datetime | None = None
) -> SupportPreapproval | None:
    """The firm's open pre-approval that is still within its days, if any."""
    now = now or timezone.now()
    with schema_context("public"):
        return SupportPreapproval.objects.filter(
            firm=firm, ended_at__isnull=True, valid_until__gt=now
        ).first()


def support_preapprovals(*, firm: Firm) -> QuerySet[SupportPreapproval]:
    with schema_context("public"):
        return SupportPreapproval.objects.filter(firm=firm)


@transaction.atomic
def support_request(
    *, firm: Firm, by: Any, reason: str, hours: int, now: datetime | None = None
) -> SupportGrant:
    """A platform admin asks for access; one pending request per firm at a time (409). Within
    the firm's pre-approval (hours at most its limit, before its end) it is granted at once,
    for the asked hours but never past the pre-approval's end."""
    now = now or timezone.now()
    try:
        with schema_context("public"), transaction.atomic():
            grant = SupportGrant.objects.create(
                firm=firm,
                requested_by_id=by.pk,
                requested_by_email=by.email,
                reason=reason.strip(),
                hours=hours,
            )
    except IntegrityError as exc:
        if "one_pending_support_request_per_firm" in str(exc):
            raise SupportPendingExists() from None
        raise
    standing = support_preapproval_current(firm=firm, now=now)
    if standing is None or hours > standing.max_hours:
        return grant
    grant.status = SupportStatus.ACTIVE
    grant.preapproval = standing
    grant.decided_by_id = standing.created_by_id
    grant.decided_by_name = standing.created_by_name
    grant.decided_at = now
    grant.expires_at = min(now + timedelta(hours=hours), standing.valid_until)
    return _save(
        grant,
        ["status", "preapproval", "decided_by_id", "decided_by_name", "decided_at", "expires_at"],
    )


@transaction.atomic
def support_preapprove(
    *, firm: Firm, by: Any, max_hours: int, days: int, note: str = "", now: datetime | None = None
) -> SupportPreapproval:
    """A firm admin pre-approves support requests of at most `max_hours` for the next `days`
    days; an open pre-approval it replaces ends now (both stay on record)."""
    now = now or timezone.now()
    name = by.full_name or by.email
    with schema_context("public"):
        SupportPreapproval.objects.select_for_update().filter(
            firm=firm, ended_at__isnull=True
        ).update(ended_at=now, ended_by_name=name)
        return SupportPreapproval.objects.create(
            firm=firm,
            max_hours=max_hours,
            valid_until=now + timedelta(days=days),
            note=note.strip(),
            created_by_id=by.pk,
            created_by_name=name,
        )


@transaction.atomic
def support_preapproval_end(
    *, firm: Firm, preapproval_id: int, by: Any, now: datetime | None = None
) -> SupportPreapproval:
    """A firm admin ends a pre-approval early: later requests wait for a decision again (grants
    it already gave run on; revoke them one by one)."""
    now = now or timezone.now()
    with schema_context("public"):
        found = (
            SupportPreapproval.objects.select_for_update()
            .filter(pk=preapproval_id, firm=firm)
            .first()
        )
        if found is None:
            raise SupportPreapprovalNotFound()
        if found.ended_at is not None or found.valid_until <= now:
            raise SupportPreapprovalEnded()
        found.ended_at = now
        found.ended_by_name = by.full_name or by.email
        found.save(update_fields=["ended_at", "ended_by_name"])
        return found


def support_ticket_issue(*, grant: SupportGrant, by: Any, now: datetime | None = None) -> str:
    """A one-time ticket for the platform admin who asked for this running grant to enter the
    firm (the platform console opens the firm host with it)."""
    if grant.requested_by_id != by.pk:
        raise SupportGrantNotFound()
    if not is_running(grant, now):
        raise SupportNotActive()
    payload = {"g": grant.pk, "u": by.pk, "n": secrets.token_urlsafe(16)}
    return signing.dumps(payload, salt=TICKET_SALT, compress=True)


def support_ticket_redeem(*, firm: Firm, ticket: str, now: datetime | None = None) -> SupportGrant:
    """The running grant of this firm a fresh, unused ticket names; else SupportTicketInvalid
    (a ticket of another firm's grant, a used, stale or forged one, an ended grant)."""
    try:
        payload = signing.loads(ticket, salt=TICKET_SALT, max_age=TICKET_SECONDS)
        grant_id, user_id, nonce = int(payload["g"]), int(payload["u"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise SupportTicketInvalid() from None
    grant = support_acting(firm=firm, grant_id=grant_id, platform_user_id=user_id, now=now)
    if grant is None:
        raise SupportTicketInvalid()
    # used once: the first redeemer takes the nonce (the cache is per firm schema, so the key
    # also names the grant)
    if not cache.add(f"support-ticket:{grant.pk}:{nonce}", 1, TICKET_SECONDS * 2):
        raise SupportTicketInvalid()
    return grant


def _lock(*, firm: Firm, grant_id: int) -> SupportGrant:
    with schema_context("public"):
        grant = SupportGrant.objects.select_for_update().filter(pk=grant_id, firm=firm).first()
    if grant is None:
        raise SupportGrantNotFound()
    return grant


def _save(grant: SupportGrant, fields: list[str]) -> SupportGrant:
    with schema_context("public"):
        grant.save(update_fields=fields)
    return grant


@transaction.atomic
def support_approve(
    *, firm: Firm, grant_id: int, by: Any, now: datetime | None = None
) -> SupportGrant:
    """A firm admin grants a pending request: access runs for the requested hours from now."""
    now = now or timezone.now()
    grant = _lock(firm=firm, grant_id=grant_id)
    if grant.status != SupportStatus.PENDING:
        raise SupportNotPending()
    grant.status = SupportStatus.ACTIVE
    grant.decided_by_id = by.pk
    grant.decided_by_name = by.full_name or by.email
    grant.decided_at = now
    grant.expires_at = now + timedelta(hours=grant.hours)
    return _save(grant, ["status", "decided_by_id", "decided_by_name", "decided_at", "expires_at"])


@transaction.atomic
def support_decline(
    *, firm: Firm, grant_id: int, by: Any, now: datetime | None = None
) -> SupportGrant:
    now = now or timezone.now()
    grant = _lock(firm=firm, grant_id=grant_id)
    if grant.status != SupportStatus.PENDING:
        raise SupportNotPending()
    grant.status = SupportStatus.DECLINED
    grant.decided_by_id = by.pk
    grant.decided_by_name = by.full_name or by.email
    grant.decided_at = now
    return _save(grant, ["status", "decided_by_id", "decided_by_name", "decided_at"])


@transaction.atomic
def support_revoke(
    *, firm: Firm, grant_id: int, by: Any, now: datetime | None = None
) -> SupportGrant:
    """A firm admin ends running access at once; an expired or ended one is a 409. Who granted
    it (`decided_by`) stays; who revoked it is kept beside (`revoked_by`)."""
    now = now or timezone.now()
    grant = _lock(firm=firm, grant_id=grant_id)
    if not is_running(grant, now):
        raise SupportNotActive()
    grant.status = SupportStatus.REVOKED
    grant.revoked_at = now
    grant.revoked_by_id = by.pk
    grant.revoked_by_name = by.full_name or by.email
    return _save(grant, ["status", "revoked_at", "revoked_by_id", "revoked_by_name"])
