"""Reads about estates, and the ONE place that decides which estates and units a user sees.

Scope comes from the user's active role grants (written by estates.services when staff are
assigned, committee terms start, or residents are linked to units):
- firm admin: every estate;
- manager, staff, committee, auditor: the estates of their grants (a committee member: one);
- resident: their own units, and the estate-wide information of those units' estates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants

from .exceptions import EstateNotFound
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


def scope_for(*, user: User, today: date | None = None) -> Scope:
    cached = getattr(user, "_linli_scope", None)
    if cached is not None and today is None:
        return cached
    grants = active_grants(user=user, today=today)
    roles = {g.role for g in grants}
    scope = Scope(
        all_estates=Role.FIRM_ADMIN in roles,
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


def estate_list(*, user: User, search: str = "") -> QuerySet[Estate]:
    scope = scope_for(user=user)
    qs = Estate.objects.annotate(
        building_count=Count("buildings", distinct=True), unit_count=Count("units", distinct=True)
    )
    if not scope.all_estates:
        qs = qs.filter(pk__in=scope.visible_estate_ids)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
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


def building_list(*, user: User, estate_id: int | None = None) -> QuerySet[Building]:
    scope = scope_for(user=user)
    # distinct: the scope filter below joins units too, which would multiply the count
    qs = Building.objects.select_related("estate").annotate(
        unit_count=Count("units", distinct=True)
    )
    if not scope.all_estates:
        qs = qs.filter(Q(estate_id__in=scope.estate_ids) | Q(units__in=scope.unit_ids)).distinct()
    if estate_id is not None:
        qs = qs.filter(estate_id=estate_id)
    return qs.order_by("estate_id", "name")


def unit_list(
    *,
    user: User,
    estate_id: int | None = None,
    building_id: int | None = None,
    search: str = "",
) -> QuerySet[Unit]:
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
    if estate_id is not None:
        qs = qs.filter(estate_id=estate_id)
    if building_id is not None:
        qs = qs.filter(building_id=building_id)
    if search:
        qs = qs.filter(
            Q(number__icontains=search)
            | Q(building__name__icontains=search)
            | Q(owner_records__person__full_name__icontains=search)
        ).distinct()
    return qs.order_by("building__name", "floor", "number")


def common_area_list(*, user: User, estate_id: int | None = None) -> QuerySet[CommonArea]:
    qs = CommonArea.objects.filter(estate__in=estate_list(user=user))
    return qs.filter(estate_id=estate_id) if estate_id is not None else qs


def _with_links(qs: QuerySet[Person]) -> QuerySet[Person]:
    """People with their ownerships and occupancies, ready for unit labels (no query per row)."""
    return qs.prefetch_related(
        Prefetch(
            "owner_records",
            queryset=OwnerRecord.objects.select_related("unit__building", "unit__estate"),
        ),
        Prefetch(
            "occupancies",
            queryset=Occupancy.objects.select_related("unit__building", "unit__estate"),
        ),
    )


def person_with_links(*, pk: int) -> Person:
    return _with_links(Person.objects.all()).get(pk=pk)


def people_list(*, user: User, estate_id: int | None = None, search: str = "") -> QuerySet[Person]:
    """Owners and occupants of units in the estates the user sees in full."""
    estates = estates_in_full(user=user)
    if estate_id is not None:
        estates = estates.filter(pk=estate_id)
    qs = Person.objects.filter(
        Q(owner_records__unit__estate__in=estates) | Q(occupancies__unit__estate__in=estates)
    ).distinct()
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(phone__contains=search))
    return _with_links(qs).order_by("full_name", "id")


def staff_assignment_list(*, user: User, estate_id: int | None = None) -> QuerySet[StaffAssignment]:
    qs = StaffAssignment.objects.select_related("user", "estate").filter(
        estate__in=estates_in_full(user=user)
    )
    return qs.filter(estate_id=estate_id) if estate_id is not None else qs


def committee_list(*, user: User, estate_id: int | None = None) -> QuerySet[CommitteeMembership]:
    qs = CommitteeMembership.objects.select_related("user", "estate").filter(
        estate__in=estate_list(user=user)
    )
    return qs.filter(estate_id=estate_id) if estate_id is not None else qs


def join_request_list(
    *, user: User, estate_id: int | None = None, status: str = ""
) -> QuerySet[JoinRequest]:
    qs = JoinRequest.objects.select_related("unit__building", "estate").filter(
        estate__in=estates_in_full(user=user)
    )
    if estate_id is not None:
        qs = qs.filter(estate_id=estate_id)
    return qs.filter(status=status) if status else qs


def import_job_list(*, user: User, estate_id: int | None = None) -> QuerySet[ImportJob]:
    qs = ImportJob.objects.select_related("estate").filter(estate__in=estates_in_full(user=user))
    return qs.filter(estate_id=estate_id) if estate_id is not None else qs


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
