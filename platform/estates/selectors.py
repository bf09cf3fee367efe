"""Reads about estates, and the ONE place that decides which estates and units a user sees.

Scope comes from the user's active role grants (written by estates.services when staff are
assigned, committee terms start, or residents are linked to units):
- firm admin, and a platform admin acting under support access: every estate;
- manager, staff, committee, auditor: the estates of their grants (a committee member: one);
- resident: their own units, and the estate-wide information of those units' estates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.capabilities import PEOPLE_CONTACT, PEOPLE_ID_NUMBER
from accounts.choices import Role
from accounts.models import RoleGrant, User
from accounts.selectors import active_grants, mask_phone, user_list

from .exceptions import EstateNotFound, PersonNotFound
from .models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    ImportJob,
    JoinRequest,
    Occupancy,
    OwnerRecord,
    Person,
    StaffAssignment,
    Unit,
)
from .phones import normalize_phone

FULL_SCOPE_ROLES = {Role.MANAGER, Role.STAFF, Role.COMMITTEE, Role.AUDITOR}


@dataclass(frozen=True)
class Scope:
    all_estates: bool
    estate_ids: frozenset[int]  # estates seen in full
    unit_ids: frozenset[int]  # own units (residents)
    home_estate_ids: frozenset[int]  # estates of own units: estate-wide published info only

    @property
    def visible_estate_ids(self) -> frozenset[int]:
        return self.estate_ids | self.home_estate_ids

    def sees_estate_in_full(self, estate_id: int) -> bool:
        return self.all_estates or estate_id in self.estate_ids


def mask_id_number(value: str) -> str:
    """3101**********0047: the first and last four characters."""
    return f"{value[:4]}{'*' * max(len(value) - 8, 0)}{value[-4:]}" if len(value) > 8 else "****"


@dataclass(frozen=True)
class PeopleMasking:
    """How much of a person's phone and ID number a reader sees: the ONE rule that the API and
    every export apply (`people.contact` shows full phones, `people.id_number` full ID numbers)."""

    full_contact: bool
    full_id_number: bool

    @classmethod
    def for_capabilities(cls, capabilities: Iterable[str]) -> PeopleMasking:
        caps = frozenset(capabilities)
        return cls(full_contact=PEOPLE_CONTACT in caps, full_id_number=PEOPLE_ID_NUMBER in caps)

    def phone(self, value: str) -> str:
        if not value:
            return ""
        return value if self.full_contact else mask_phone(value)

    def id_number(self, value: str) -> str:
        if not value:
            return ""
        return value if self.full_id_number else mask_id_number(value)


def scope_for(*, user: User, today: date | None = None) -> Scope:
    cached = getattr(user, "_linli_scope", None)
    if cached is not None and today is None:
        return cached
    grants = active_grants(user=user, today=today)
    roles = {g.role for g in grants}
    scope = Scope(
        # support access reads the whole firm, as its admin would (masked: PeopleMasking)
        all_estates=Role.FIRM_ADMIN in roles or Role.SUPPORT in roles,
        estate_ids=frozenset(
            g.estate_id for g in grants if g.role in FULL_SCOPE_ROLES and g.estate_id
        ),
        unit_ids=frozenset(g.unit_id for g in grants if g.role == Role.RESIDENT and g.unit_id),
        home_estate_ids=frozenset(
            g.estate_id for g in grants if g.role == Role.RESIDENT and g.estate_id
        ),
    )
    if today is None:
        user._linli_scope = scope  # type: ignore[attr-defined]
    return scope


def estate_list(*, user: User) -> QuerySet[Estate]:
    scope = scope_for(user=user)
    qs = Estate.objects.annotate(
        building_count=Count("buildings", distinct=True), unit_count=Count("units", distinct=True)
    )
    if not scope.all_estates:
        qs = qs.filter(pk__in=scope.visible_estate_ids)
    return qs.order_by("code")


def estate_get(*, user: User, pk: int, full: bool = False) -> Estate:
    """An estate the user may see; `full` demands full (not resident-only) visibility."""
    scope = scope_for(user=user)
    visible = Estate.objects.all()
    if not scope.all_estates:
        visible = visible.filter(pk__in=scope.visible_estate_ids)
    estate = visible.filter(pk=pk).first()  # no counts: callers that need them use estate_list
    if estate is None or (full and not scope.sees_estate_in_full(estate.pk)):
        raise EstateNotFound()
    return estate


def estates_in_full(*, user: User) -> QuerySet[Estate]:
    scope = scope_for(user=user)
    qs = Estate.objects.all()
    return qs if scope.all_estates else qs.filter(pk__in=scope.estate_ids)


def building_list(*, user: User) -> QuerySet[Building]:
    scope = scope_for(user=user)
    # distinct: the scope filter below joins units too, which would multiply the count
    qs = Building.objects.select_related("estate").annotate(
        unit_count=Count("units", distinct=True)
    )
    if not scope.all_estates:
        qs = qs.filter(Q(estate_id__in=scope.estate_ids) | Q(units__in=scope.unit_ids)).distinct()
    return qs.order_by("estate_id", "name")


def unit_list(*, user: User) -> QuerySet[Unit]:
    scope = scope_for(user=user)
    today = timezone.localdate()
    current_owners = OwnerRecord.objects.filter(
        Q(until__isnull=True) | Q(until__gte=today)
    ).select_related("person")
    qs = Unit.objects.select_related("building", "estate").prefetch_related(
        Prefetch("owner_records", queryset=current_owners)
    )
    if not scope.all_estates:
        qs = qs.filter(Q(estate_id__in=scope.estate_ids) | Q(pk__in=scope.unit_ids))
    return qs.order_by("building__name", "floor", "number")


def common_area_list(*, user: User) -> QuerySet[CommonArea]:
    return CommonArea.objects.filter(estate__in=estate_list(user=user)).select_related("manager")


def _with_links(qs: QuerySet[Person], *, user: User) -> QuerySet[Person]:
    """People with their ownerships and occupancies in the estates the user sees in full, ready
    for unit labels (no query per row). A person seen through one estate shows only the links
    of the estates in the reader's scope, never those of another estate."""
    owners = OwnerRecord.objects.select_related("unit__building", "unit__estate")
    occupancies = Occupancy.objects.select_related("unit__building", "unit__estate")
    scope = scope_for(user=user)
    if not scope.all_estates:
        owners = owners.filter(unit__estate_id__in=scope.estate_ids)
        occupancies = occupancies.filter(unit__estate_id__in=scope.estate_ids)
    return qs.prefetch_related(
        Prefetch("owner_records", queryset=owners), Prefetch("occupancies", queryset=occupancies)
    )


def _linked_in(estates: QuerySet[Estate]) -> Q:
    return Q(owner_records__unit__estate__in=estates) | Q(occupancies__unit__estate__in=estates)


def people_list(*, user: User) -> QuerySet[Person]:
    """Owners and occupants of units in the estates the user sees in full."""
    qs = Person.objects.filter(_linked_in(estates_in_full(user=user))).distinct()
    return _with_links(qs, user=user).order_by("full_name", "id")


def person_get(*, user: User, pk: int) -> Person:
    """A person the user may see and act on: linked to a unit of an estate in the user's full
    scope, or not linked to any unit yet (just recorded: linking them is the next step, and
    any estate's staff may be the ones to do it). Raises PersonNotFound otherwise."""
    person = people_list(user=user).filter(pk=pk).first()
    if person is None and estates_in_full(user=user).exists():
        unlinked = Person.objects.filter(
            pk=pk, owner_records__isnull=True, occupancies__isnull=True
        )
        person = _with_links(unlinked, user=user).first()
    if person is None:
        raise PersonNotFound()
    return person


def person_candidates(*, user: User, phones: Iterable[str]) -> dict[str, list[Person]]:
    """People in the user's scope by normalized phone: whom a join claim may be the same
    person as. The approver decides; a phone alone never merges two people."""
    wanted = {p for p in (normalize_phone(raw) or raw.strip() for raw in phones) if p}
    found: dict[str, list[Person]] = {}
    if not wanted:
        return found
    for person in people_list(user=user).filter(phone__in=wanted):
        found.setdefault(person.phone, []).append(person)
    return found


def firm_users(*, user: User) -> QuerySet[User]:
    """The firm's users a user may list. A firm admin: everyone. An estate-scoped reader (an
    estate manager): the people with a role in their estates (staff, committee, residents of
    its units) and the firm's admins they answer to; never another estate's people."""
    qs = user_list()
    scope = scope_for(user=user)
    if scope.all_estates:
        return qs
    in_scope = RoleGrant.objects.filter(
        Q(estate_id__in=scope.estate_ids) | Q(role=Role.FIRM_ADMIN)
    ).values("user_id")
    return qs.filter(pk__in=in_scope)


def staff_assignment_list(*, user: User) -> QuerySet[StaffAssignment]:
    return StaffAssignment.objects.select_related("user", "estate").filter(
        estate__in=estates_in_full(user=user)
    )


def committee_list(*, user: User) -> QuerySet[CommitteeMembership]:
    return CommitteeMembership.objects.select_related("user", "estate", "filing").filter(
        estate__in=estate_list(user=user)
    )


def join_request_list(*, user: User) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.select_related("unit__building", "estate").filter(
        estate__in=estates_in_full(user=user)
    )


def import_job_list(*, user: User) -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("estate").filter(estate__in=estates_in_full(user=user))


def my_home(*, user: User) -> list[Unit]:
    """The user's own units with their estate, current owners and occupants."""
    scope = scope_for(user=user)
    return list(
        Unit.objects.filter(pk__in=scope.unit_ids)
        .select_related("building", "estate")
        .prefetch_related("owner_records__person", "occupancies__person")
        .order_by("estate__code", "building__name", "number")
    )


def estate_by_join_code(*, join_code: str) -> Estate | None:
    return Estate.objects.filter(join_code=join_code).first()


def join_choices(*, estate: Estate) -> list[dict[str, object]]:
    """What the join page offers: buildings and their unit numbers, in floor order. No people."""
    units = Prefetch(
        "units",
        queryset=Unit.objects.order_by("floor", "number").only("id", "number", "building_id"),
    )
    return [
        {
            "id": b.pk,
            "name": b.name,
            "units": [{"id": u.pk, "number": u.number} for u in b.units.all()],
        }
        for b in estate.buildings.prefetch_related(units).order_by("name")
    ]


def personal_data(*, user: User) -> dict[str, object]:
    """Everything Linli holds about the user in this firm, for their own download."""
    person = Person.objects.filter(user=user).first()
    grants = list(user.role_grants.values("role", "estate_id", "unit_id", "starts_on", "ends_on"))
    data: dict[str, object] = {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "language": user.language,
            "elder_mode": user.elder_mode,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [{k: (str(v) if v is not None else None) for k, v in g.items()} for g in grants],
        "person": None,
        "owned_units": [],
        "occupied_units": [],
        "join_requests": list(
            JoinRequest.objects.filter(email__iexact=user.email).values(
                "unit__number", "unit__building__name", "relation", "status", "created_at"
            )
        ),
    }
    if person is not None:
        data["person"] = {
            "full_name": person.full_name,
            "phone": person.phone,
            "email": person.email,
            "id_number": person.id_number,
        }
        data["owned_units"] = [
            {"unit": str(o.unit.label), "share": str(o.share), "since": str(o.since or "")}
            for o in person.owner_records.select_related("unit__building", "unit__estate")
        ]
        data["occupied_units"] = [
            {"unit": str(o.unit.label), "kind": o.kind, "since": str(o.since or "")}
            for o in person.occupancies.select_related("unit__building", "unit__estate")
        ]
    return data
