"""Joining by QR code: a resident claims a unit, staff approve or reject the claim."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.choices import Role
from accounts.models import RoleGrant, User

from ..choices import JoinRelation, JoinStatus
from ..exceptions import JoinCodeInvalid, JoinRequestClosed, NotACandidate, NotAssignable
from ..models import Estate, JoinRequest, Person, Unit
from ..phones import normalize_phone
from ..selectors import person_candidates
from ._common import UNSET, Unset
from .people import (
    occupancy_link,
    owner_link,
    person_create,
    person_within_scope,
    resident_account_create,
    resident_grants_sync,
)


@transaction.atomic
def join_request_submit(
    *, join_code: str, unit_id: int, full_name: str, phone: str, email: str, relation: str
) -> JoinRequest:
    estate = Estate.objects.filter(join_code=join_code).first()
    if estate is None:
        raise JoinCodeInvalid()
    unit = Unit.objects.filter(pk=unit_id, estate=estate).first()
    if unit is None:
        raise JoinCodeInvalid(fields={"unit": [gettext("该房屋不在此小区。")]})
    return JoinRequest.objects.create(
        estate=estate,
        unit=unit,
        full_name=full_name.strip(),
        phone=normalize_phone(phone) or phone.strip(),
        email=email.strip().lower(),
        relation=relation,
    )


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _claimant(request: JoinRequest, by: User, person_id: int | Unset | None) -> Person:
    """Who the claim is about. The approver's explicit choice (one of the people in their scope
    with the claim's phone, side by side in the review screen; None: a new person); without a
    choice, an existing person only when phone AND name agree, and only one does. A phone alone
    never merges two people: numbers are shared in families and passed on."""
    phone = normalize_phone(request.phone) or request.phone
    if isinstance(person_id, int):
        candidates = person_candidates(user=by, phones=[phone]).get(phone, [])
        chosen = next((c for c in candidates if c.pk == person_id), None)
        if chosen is None:
            raise NotACandidate(fields={"person": [str(NotACandidate.default_detail)]})
        return chosen
    if person_id is UNSET and phone:
        same = [
            p
            for p in Person.objects.filter(phone=phone)
            if _same_name(p.full_name, request.full_name)
        ]
        if len(same) == 1:
            return same[0]
    return person_create(
        full_name=request.full_name, phone=request.phone, email=request.email, by=by
    )


@transaction.atomic
def join_request_approve(
    *,
    request: JoinRequest,
    by: User,
    base_url: str,
    firm_name: str,
    person_id: int | Unset | None = UNSET,
) -> JoinRequest:
    """Approve a unit claim: record the person on the unit, create their login and invite them.
    `person_id`: the existing person the approver chose (None: record a new person; not given:
    match by phone and name). Raises NotACandidate for a person the approver may not choose."""
    request = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != JoinStatus.PENDING:
        raise JoinRequestClosed()
    claimant = _claimant(request, by, person_id)
    if claimant.user_id is None:
        # the account the claim ends with (new or matched by e-mail) is granted every unit of
        # the claimant: check them before anything is written
        person_within_scope(by, claimant)
        taken = User.objects.filter(email__iexact=request.email, person__isnull=False)
        if taken.exists():  # one account, one person (estates_person_user_id_key)
            raise NotAssignable(gettext("该邮箱的账号已属于另一位登记人员。"))
    if request.relation == JoinRelation.OWNER:
        owner_link(unit=request.unit, person=claimant)
    else:
        occupancy_link(unit=request.unit, person=claimant, kind=request.relation)
    if claimant.user_id is None:
        existing = User.objects.filter(email__iexact=request.email).first()
        if existing is not None:
            claimant.user = existing
            claimant.save(update_fields=["user"])
            RoleGrant.objects.get_or_create(
                user=existing, role=Role.RESIDENT, estate_id=None, unit_id=None
            )
            resident_grants_sync(person=claimant)
        else:
            resident_account_create(
                person=claimant, email=request.email, by=by, base_url=base_url, firm_name=firm_name
            )
    request.status = JoinStatus.APPROVED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    return request


@transaction.atomic
def join_request_reject(*, request: JoinRequest, by: User, note: str = "") -> JoinRequest:
    request = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != JoinStatus.PENDING:
        raise JoinRequestClosed()
    request.status = JoinStatus.REJECTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.note = note
    request.save(update_fields=["status", "decided_by", "decided_at", "note", "updated_at"])
    return request
