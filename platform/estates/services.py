"""Every write about estates and their people: keyword-only, typed, one transaction each.

Assignments, committee terms and unit links also write the matching scoped
`accounts.RoleGrant`, so access starts and ends with the record that justifies it.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.choices import InvitationChannel, Role
from accounts.models import RoleGrant, User
from accounts.services import invitation_issue, user_create

from .choices import JoinRelation, JoinStatus, OccupancyKind
from .exceptions import (
    CodeTaken,
    InUse,
    InvalidTerm,
    JoinCodeInvalid,
    JoinRequestClosed,
    NameTaken,
    NotAssignable,
    ShareExceeded,
)
from .models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    JoinRequest,
    Occupancy,
    OwnerRecord,
    Person,
    StaffAssignment,
    Unit,
)

ESTATE_FIELDS = {
    "name",
    "code",
    "address",
    "city",
    "district",
    "total_floor_area",
    "household_count",
    "handover_date",
    "contract_start",
    "contract_end",
    "settings",
}


def _new_join_code() -> str:
    return secrets.token_urlsafe(12)


def _save_unique(obj: Any, conflict: type[Exception], field: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise conflict(fields={field: [str(getattr(conflict, "default_detail", ""))]}) from exc  # type: ignore[call-arg]


# --- estates, buildings, units, common areas ------------------------------------------------


@transaction.atomic
def estate_create(*, by: User | None, **fields: Any) -> Estate:
    estate = Estate(
        join_code=_new_join_code(), **{k: v for k, v in fields.items() if k in ESTATE_FIELDS}
    )
    if "settings" in fields and fields["settings"] is not None:
        estate.settings = {**Estate._meta.get_field("settings").get_default(), **fields["settings"]}
    _save_unique(estate, CodeTaken, "code")
    return estate


@transaction.atomic
def estate_update(*, estate: Estate, **fields: Any) -> Estate:
    for key, value in fields.items():
        if key == "settings" and value is not None:
            value = {**estate.settings, **value}
        if key in ESTATE_FIELDS:
            setattr(estate, key, value)
    _save_unique(estate, CodeTaken, "code")
    return estate


@transaction.atomic
def estate_delete(*, estate: Estate) -> None:
    if estate.units.exists():
        raise InUse("小区内还有房屋，不能删除。 The estate still has units.")
    estate.delete()


@transaction.atomic
def estate_rotate_join_code(*, estate: Estate) -> Estate:
    """A new join QR code; printed notices with the old one stop working."""
    estate.join_code = _new_join_code()
    estate.save(update_fields=["join_code", "updated_at"])
    return estate


@transaction.atomic
def building_create(*, estate: Estate, name: str, floors: int = 0) -> Building:
    building = Building(estate=estate, name=name.strip(), floors=floors)
    _save_unique(building, NameTaken, "name")
    return building


@transaction.atomic
def building_update(
    *, building: Building, name: str | None = None, floors: int | None = None
) -> Building:
    if name is not None:
        building.name = name.strip()
    if floors is not None:
        building.floors = floors
    _save_unique(building, NameTaken, "name")
    return building


@transaction.atomic
def building_delete(*, building: Building) -> None:
    if building.units.exists():
        raise InUse("楼栋内还有房屋。 The building still has units.")
    building.delete()


@transaction.atomic
def unit_create(
    *, building: Building, number: str, area: Decimal, floor: int = 0, use: str = "residential"
) -> Unit:
    unit = Unit(
        estate_id=building.estate_id,
        building=building,
        number=number.strip(),
        area=area,
        floor=floor,
        use=use,
    )
    _save_unique(unit, NameTaken, "number")
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, **fields: Any) -> Unit:
    for key in ("number", "area", "floor", "use"):
        if key in fields and fields[key] is not None:
            setattr(unit, key, fields[key].strip() if key == "number" else fields[key])
    _save_unique(unit, NameTaken, "number")
    return unit


@transaction.atomic
def unit_delete(*, unit: Unit) -> None:
    if unit.owner_records.exists() or unit.occupancies.exists():
        raise InUse("房屋还有业主或住户。 The unit still has owners or occupants.")
    unit.delete()


@transaction.atomic
def common_area_create(*, estate: Estate, name: str, description: str = "") -> CommonArea:
    area = CommonArea(estate=estate, name=name.strip(), description=description)
    _save_unique(area, NameTaken, "name")
    return area


@transaction.atomic
def common_area_update(
    *, area: CommonArea, name: str | None = None, description: str | None = None
) -> CommonArea:
    if name is not None:
        area.name = name.strip()
    if description is not None:
        area.description = description
    _save_unique(area, NameTaken, "name")
    return area


@transaction.atomic
def common_area_delete(*, area: CommonArea) -> None:
    area.delete()


# --- staff and committee -----------------------------------------------------------------------


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
        raise NotAssignable(
            "物业人员不能担任业委会成员。 Firm staff cannot sit on the owners' committee.",
            fields={
                "user": ["物业人员不能担任业委会成员。 Firm staff cannot sit on the committee."]
            },
        )
    membership = CommitteeMembership(
        estate=estate, user=user, position=position, term_start=term_start, term_end=term_end
    )
    _save_unique(membership, NameTaken, "user")
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


# --- people and units ---------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *, full_name: str, phone: str = "", email: str = "", id_number: str = "", by: User | None = None
) -> Person:
    from .importing.rules import normalize_phone

    return Person.objects.create(
        full_name=full_name.strip(),
        phone=normalize_phone(phone) or phone.strip(),
        email=email.strip().lower(),
        id_number=id_number.strip(),
    )


@transaction.atomic
def person_update(*, person: Person, **fields: Any) -> Person:
    for key in ("full_name", "phone", "email", "id_number"):
        if key in fields and fields[key] is not None:
            setattr(person, key, str(fields[key]).strip())
    person.save()
    return person


def resident_grants_sync(*, person: Person) -> None:
    """Residents see the units they own or occupy, for as long as they do."""
    if person.user_id is None:
        return
    wanted: dict[int, tuple[int, date | None]] = {}
    links: list[OwnerRecord | Occupancy] = [
        *person.owner_records.select_related("unit"),
        *person.occupancies.select_related("unit"),
    ]
    for link in links:
        unit_id = link.unit_id
        previous = wanted.get(unit_id)
        until = link.until
        if previous is not None and (
            previous[1] is None or (until is not None and previous[1] > until)
        ):
            until = previous[1]
        wanted[unit_id] = (link.unit.estate_id, until)
    grants = RoleGrant.objects.filter(
        user_id=person.user_id, role=Role.RESIDENT, unit_id__isnull=False
    )
    grants.exclude(unit_id__in=wanted).delete()
    for unit_id, (estate_id, until) in wanted.items():
        RoleGrant.objects.update_or_create(
            user_id=person.user_id,
            role=Role.RESIDENT,
            estate_id=estate_id,
            unit_id=unit_id,
            defaults={"ends_on": until},
        )


@transaction.atomic
def owner_link(
    *, unit: Unit, person: Person, share: Decimal | None = None, since: date | None = None
) -> OwnerRecord:
    """Record `person` as an owner of `unit`. Without a share they get what the current
    co-owners leave of 100 %; owners' shares of a unit never total more than 100 %."""
    others = sum(
        (
            o.share
            for o in OwnerRecord.objects.select_for_update()
            .filter(unit=unit, until__isnull=True)
            .exclude(person=person)
        ),
        Decimal("0"),
    )
    if share is None:
        share = Decimal("100") - others
    if share <= 0 or others + share > Decimal("100"):
        raise ShareExceeded(
            fields={
                "share": [
                    f"其他业主已占 {others}%，份额合计不能超过 100%。"
                    f" Co-owners already hold {others}%; shares cannot exceed 100%."
                ]
            }
        )
    record, _ = OwnerRecord.objects.update_or_create(
        unit=unit, person=person, defaults={"share": share, "since": since, "until": None}
    )
    resident_grants_sync(person=person)
    return record


@transaction.atomic
def owner_unlink(*, record: OwnerRecord, on: date | None = None) -> OwnerRecord:
    record.until = on or timezone.localdate()
    record.save(update_fields=["until"])
    resident_grants_sync(person=record.person)
    return record


@transaction.atomic
def occupancy_link(
    *, unit: Unit, person: Person, kind: str = OccupancyKind.OCCUPANT, since: date | None = None
) -> Occupancy:
    record, _ = Occupancy.objects.update_or_create(
        unit=unit, person=person, defaults={"kind": kind, "since": since, "until": None}
    )
    resident_grants_sync(person=person)
    return record


@transaction.atomic
def occupancy_end(*, record: Occupancy, on: date | None = None) -> Occupancy:
    record.until = on or timezone.localdate()
    record.save(update_fields=["until"])
    resident_grants_sync(person=record.person)
    return record


@transaction.atomic
def unit_links_end(*, person: Person, unit: Unit, on: date | None = None) -> None:
    """The person no longer owns or lives in `unit` (sale, move-out); history is kept."""
    for record in person.owner_records.filter(unit=unit, until__isnull=True):
        owner_unlink(record=record, on=on)
    for occupancy in person.occupancies.filter(unit=unit, until__isnull=True):
        occupancy_end(record=occupancy, on=on)


@transaction.atomic
def resident_account_create(
    *,
    person: Person,
    email: str,
    by: User | None,
    base_url: str,
    firm_name: str,
    assisted: bool = False,
) -> tuple[User, str]:
    """Give a person a login. With `assisted` (an elderly resident, say) staff create and keep
    managing it on their behalf; the account records who did. Returns (user, invitation link):
    an e-mail goes out when the person has an address, otherwise staff hand the link over."""
    if person.user_id is not None:
        raise NotAssignable("此人已有账号。 This person already has an account.")
    user = user_create(
        email=email,
        full_name=person.full_name,
        phone=person.phone,
        role=Role.RESIDENT,
        created_by=by,
    )
    person.user = user
    person.email = person.email or user.email
    if assisted:
        person.assisted_by = by
    person.save()
    resident_grants_sync(person=person)
    channel = InvitationChannel.PHONE if assisted else InvitationChannel.EMAIL
    link = invitation_issue(
        user=user, invited_by=by, base_url=base_url, firm_name=firm_name, channel=channel
    )
    return user, link


# --- joining by QR code ---------------------------------------------------------------------------


@transaction.atomic
def join_request_submit(
    *, join_code: str, unit_id: int, full_name: str, phone: str, email: str, relation: str
) -> JoinRequest:
    estate = Estate.objects.filter(join_code=join_code).first()
    if estate is None:
        raise JoinCodeInvalid()
    unit = Unit.objects.filter(pk=unit_id, estate=estate).first()
    if unit is None:
        raise JoinCodeInvalid(
            fields={"unit": ["该房屋不在此小区。 This unit is not in this estate."]}
        )
    return JoinRequest.objects.create(
        estate=estate,
        unit=unit,
        full_name=full_name.strip(),
        phone=phone.strip(),
        email=email.strip().lower(),
        relation=relation,
    )


@transaction.atomic
def join_request_approve(
    *, request: JoinRequest, by: User, base_url: str, firm_name: str
) -> JoinRequest:
    """Approve a unit claim: record the person on the unit, create their login and invite them."""
    request = JoinRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != JoinStatus.PENDING:
        raise JoinRequestClosed()
    person = (
        Person.objects.filter(phone=request.phone).first() if request.phone else None
    ) or person_create(full_name=request.full_name, phone=request.phone, email=request.email, by=by)
    if request.relation == JoinRelation.OWNER:
        owner_link(unit=request.unit, person=person)
    else:
        occupancy_link(unit=request.unit, person=person, kind=request.relation)
    if person.user_id is None:
        existing = User.objects.filter(email__iexact=request.email).first()
        if existing is not None:
            person.user = existing
            person.save(update_fields=["user"])
            RoleGrant.objects.get_or_create(
                user=existing, role=Role.RESIDENT, estate_id=None, unit_id=None
            )
            resident_grants_sync(person=person)
        else:
            resident_account_create(
                person=person, email=request.email, by=by, base_url=base_url, firm_name=firm_name
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
