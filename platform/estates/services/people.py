"""Writes about people: recording them, linking them to units (owners, occupants), and their
logins. Links keep the person's resident `accounts.RoleGrant`s in step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.choices import InvitationChannel, Role
from accounts.models import RoleGrant, User
from accounts.services import invitation_issue, user_create

from ..choices import OccupancyKind
from ..exceptions import NotAssignable, PersonOutsideScope, ShareExceeded
from ..models import Occupancy, OwnerRecord, Person, Unit
from ..phones import normalize_phone
from ..selectors import scope_for


@transaction.atomic
def person_create(
    *, full_name: str, phone: str = "", email: str = "", id_number: str = "", by: User | None = None
) -> Person:
    return Person.objects.create(
        full_name=full_name.strip(),
        phone=normalize_phone(phone) or phone.strip(),
        email=email.strip().lower(),
        id_number=id_number.strip(),
    )


@transaction.atomic
def person_update(
    *,
    person: Person,
    full_name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    id_number: str | None = None,
) -> Person:
    """Change what is given (None: unchanged; "" clears an optional value)."""
    if full_name is not None:
        person.full_name = full_name.strip()
    if phone is not None:
        person.phone = normalize_phone(phone) or phone.strip()
    if email is not None:
        person.email = email.strip().lower()
    if id_number is not None:
        person.id_number = id_number.strip()
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
        message = gettext("其他业主已占 %(others)s%%，份额合计不能超过 100%%。") % {
            "others": others
        }
        raise ShareExceeded(fields={"share": [message]})
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


def person_within_scope(by: User | None, person: Person) -> None:
    """The account is granted every unit the person owns or occupies (resident_grants_sync): an
    estate-scoped worker may open it only when all those units are in estates they work on,
    or they would hand out (and, assisted, hold) a resident's access to another estate."""
    if by is None:
        return
    scope = scope_for(user=by)
    # from the tables, not person.owner_records: the caller's person may carry links
    # prefetched through the caller's scope (estates.selectors.person_get)
    estates = {
        *OwnerRecord.objects.filter(person_id=person.pk).values_list("unit__estate_id", flat=True),
        *Occupancy.objects.filter(person_id=person.pk).values_list("unit__estate_id", flat=True),
    }
    if any(not scope.sees_estate_in_full(estate_id) for estate_id in estates):
        raise PersonOutsideScope()


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
        raise NotAssignable(gettext("此人已有账号。"))
    person_within_scope(by, person)
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
