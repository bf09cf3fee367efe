"""Matching the file's content with the estate's rows, and writing the difference.

`load_existing` reads everything the match needs in a handful of queries (never one per row);
`plan_import` decides, for every building, unit, person, owner record and occupancy, whether it
is created, updated or unchanged, without writing; `apply_plan` writes the plan with
bulk_create / bulk_update in batches. The preview runs the first two, the import all three.

Matching: buildings by (estate, name); units by (building, number); persons by phone number,
else by name among the people already linked to the unit. Blank optional cells keep the
stored value. A person also linked to another estate's units is linked, never renamed. Nothing
is ever deleted: rows the file leaves out stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, Q
from django.utils import timezone

from ..choices import OccupancyKind, UnitUse
from ..models import Building, Estate, Occupancy, OwnerRecord, Person, Unit
from ..phones import normalize_phone
from .rules import HUNDRED
from .validation import FileData, PersonKey, UnitKey

BATCH = 1000
ENTITIES = ("buildings", "units", "people", "owner_records", "occupancies")


@dataclass
class Existing:
    """The estate's rows as plain values, keyed the way the file matches them."""

    buildings: dict[str, Building]
    units: dict[tuple[int, str], tuple[int, int, Decimal, str]]  # -> id, floor, area, use
    owners: dict[tuple[int, int], tuple[int, Decimal]]  # (unit, person) -> id, share
    occupancies: dict[tuple[int, int], tuple[int, str]]  # (unit, person) -> id, kind
    persons: dict[int, tuple[str, str, str]]  # id -> full_name, phone, id_number
    by_phone: dict[str, int]  # normalized phone -> person id
    unit_names: dict[int, dict[str, int]]  # unit id -> {full name: person id}
    with_account: set[int]  # people with a login: their links carry role grants
    # people linked to units of other estates: an estate's import links them, never renames
    # them or changes their ID number (an estate-scoped manager would be editing another
    # estate's people; their details are edited on the people page, where scope is checked)
    elsewhere: set[int] = field(default_factory=set)


def _clean_name(name: str) -> str:
    return " ".join(name.split())


def load_existing(*, estate: Estate) -> Existing:
    buildings = {b.name: b for b in Building.objects.filter(estate=estate)}
    units = {
        (building_id, number): (pk, floor, area, use)
        for pk, building_id, number, floor, area, use in Unit.objects.filter(
            estate=estate
        ).values_list("id", "building_id", "number", "floor", "area", "use")
    }
    owner_rows = OwnerRecord.objects.filter(unit__estate=estate)
    occupancy_rows = Occupancy.objects.filter(unit__estate=estate)
    owners = {
        (unit_id, person_id): (pk, share)
        for pk, unit_id, person_id, share in owner_rows.values_list(
            "id", "unit_id", "person_id", "share"
        )
    }
    occupancies = {
        (unit_id, person_id): (pk, kind)
        for pk, unit_id, person_id, kind in occupancy_rows.values_list(
            "id", "unit_id", "person_id", "kind"
        )
    }
    # Phones match across the whole firm (one person may own units in several estates);
    # names only within a unit, so only the estate's linked people are needed for those.
    people = Person.objects.filter(
        ~Q(phone="")
        | Q(id__in=owner_rows.values("person_id"))
        | Q(id__in=occupancy_rows.values("person_id"))
    ).order_by("id")
    persons: dict[int, tuple[str, str, str]] = {}
    by_phone: dict[str, int] = {}
    with_account: set[int] = set()
    for pk, full_name, phone, id_number, user_id in people.values_list(
        "id", "full_name", "phone", "id_number", "user_id"
    ):
        persons[pk] = (full_name, phone, id_number)
        if user_id is not None:
            with_account.add(pk)
        if phone and (normalized := normalize_phone(phone)):
            by_phone.setdefault(normalized, pk)
    unit_names: dict[int, dict[str, int]] = {}
    for unit_id, person_id in (*owners, *occupancies):
        name = _clean_name(persons[person_id][0])
        unit_names.setdefault(unit_id, {}).setdefault(name, person_id)
    elsewhere = {
        *OwnerRecord.objects.exclude(unit__estate=estate).values_list("person_id", flat=True),
        *Occupancy.objects.exclude(unit__estate=estate).values_list("person_id", flat=True),
    }
    return Existing(
        buildings,
        units,
        owners,
        occupancies,
        persons,
        by_phone,
        unit_names,
        with_account,
        elsewhere,
    )


@dataclass
class Plan:
    """What an import would do: (model, objects, fields to update or None to create) steps."""

    steps: list[tuple[type[Model], list[Any], list[str] | None]] = field(default_factory=list)
    summary: dict[str, dict[str, int]] = field(
        default_factory=lambda: {
            name: {"created": 0, "updated": 0, "unchanged": 0} for name in ENTITIES
        }
    )
    # Existing people with a login who get a new link: their resident grants need syncing.
    grants_for: set[int] = field(default_factory=set)

    @property
    def writes(self) -> int:
        return sum(len(objects) for _, objects, _ in self.steps)

    def add(
        self,
        entity: str,
        model: type[Model],
        created: list[Any],
        updated: list[Any],
        fields: list[str],
        unchanged: int,
    ) -> None:
        self.steps += [(model, created, None), (model, updated, fields)]
        counts = self.summary[entity]
        counts["created"] += len(created)
        counts["updated"] += len(updated)
        counts["unchanged"] += unchanged


def plan_import(*, estate: Estate, data: FileData, existing: Existing) -> Plan:
    plan = Plan()
    buildings = dict(existing.buildings)
    created: list[Any] = []
    updated: list[Any] = []
    unchanged = 0
    for name, given in data.buildings.items():
        building = buildings.get(name)
        if building is None:
            building = Building(estate=estate, name=name, floors=given.floors or 0)
            buildings[name] = building
            created.append(building)
        elif given.floors is not None and given.floors != building.floors:
            building.floors = given.floors
            updated.append(building)
        else:
            unchanged += 1
    plan.add("buildings", Building, created, updated, ["floors"], unchanged)

    units: dict[UnitKey, Unit] = {}
    created, updated, unchanged = [], [], 0
    for key, given_unit in data.units.items():
        building = buildings.get(given_unit.building)
        if building is None:  # its Buildings row has an error: the preview reports that
            continue
        found = existing.units.get((building.pk, given_unit.number)) if building.pk else None
        if found is None:
            unit = Unit(
                estate=estate,
                building=building,
                number=given_unit.number,
                floor=given_unit.floor if given_unit.floor is not None else 0,
                area=given_unit.area,
                use=given_unit.use or UnitUse.RESIDENTIAL,
            )
            created.append(unit)
        else:
            pk, floor, area, use = found
            values = (
                given_unit.floor if given_unit.floor is not None else floor,
                given_unit.area,
                given_unit.use or use,
            )
            unit = Unit(
                id=pk,
                estate_id=estate.pk,
                building_id=building.pk,
                number=given_unit.number,
                floor=values[0],
                area=values[1],
                use=values[2],
            )
            if values != (floor, area, use):
                updated.append(unit)
            else:
                unchanged += 1
        units[key] = unit
    plan.add("units", Unit, created, updated, ["floor", "area", "use"], unchanged)

    people = _plan_people(plan, data, existing, units)

    created, updated, unchanged = [], [], 0
    for key, given_unit in data.units.items():
        home = units.get(key)
        if home is None:
            continue
        for person_key, owner in given_unit.owners.items():
            person = people[person_key]
            share = owner.share if owner.share is not None else HUNDRED
            link = existing.owners.get((home.pk, person.pk)) if home.pk and person.pk else None
            if link is None:
                created.append(OwnerRecord(unit=home, person=person, share=share))
                if person.pk in existing.with_account:
                    plan.grants_for.add(person.pk)
            elif link[1] != share:
                updated.append(OwnerRecord(id=link[0], share=share))
            else:
                unchanged += 1
    plan.add("owner_records", OwnerRecord, created, updated, ["share"], unchanged)

    created, updated, unchanged = [], [], 0
    for key, given_unit in data.units.items():
        home = units.get(key)
        if home is None:
            continue
        for person_key, occupant in given_unit.occupants.items():
            person = people[person_key]
            kind = occupant.kind or OccupancyKind.OCCUPANT
            stay = existing.occupancies.get((home.pk, person.pk)) if home.pk and person.pk else None
            if stay is None:
                created.append(Occupancy(unit=home, person=person, kind=kind))
                if person.pk in existing.with_account:
                    plan.grants_for.add(person.pk)
            elif stay[1] != kind:
                updated.append(Occupancy(id=stay[0], kind=kind))
            else:
                unchanged += 1
    plan.add("occupancies", Occupancy, created, updated, ["kind"], unchanged)
    return plan


def _plan_people(
    plan: Plan, data: FileData, existing: Existing, units: dict[UnitKey, Unit]
) -> dict[PersonKey, Person]:
    matched: dict[PersonKey, int] = {}
    claimed: set[int] = set()
    for key, person in data.persons.items():  # phone first: it is the stronger match
        pk = existing.by_phone.get(person.phone) if person.phone else None
        if pk is not None and pk not in claimed:
            matched[key] = pk
            claimed.add(pk)
    for key, person in data.persons.items():
        if key in matched:
            continue
        for unit_key in person.units:
            unit_pk = units[unit_key].pk if unit_key in units else None
            pk = existing.unit_names.get(unit_pk, {}).get(person.name) if unit_pk else None
            if pk is not None and pk not in claimed:
                matched[key] = pk
                claimed.add(pk)
                break

    now = timezone.now()
    people: dict[PersonKey, Person] = {}
    created: list[Person] = []
    updated: list[Person] = []
    unchanged = 0
    for key, given in data.persons.items():
        pk = matched.get(key)
        if pk is None:
            people[key] = Person(full_name=given.name, phone=given.phone, id_number=given.id_number)
            created.append(people[key])
            continue
        stored = existing.persons[pk]
        name, phone, id_number = stored
        if pk in existing.elsewhere:  # linked to this estate's unit, details left as they are
            people[key] = Person(id=pk, full_name=name, phone=phone, id_number=id_number)
            unchanged += 1
            continue
        if _clean_name(name) != given.name:
            name = given.name
        if given.phone and normalize_phone(phone) != given.phone:
            phone = given.phone
        id_number = given.id_number or id_number
        people[key] = Person(
            id=pk, full_name=name, phone=phone, id_number=id_number, updated_at=now
        )
        if (name, phone, id_number) != stored:
            updated.append(people[key])
        else:
            unchanged += 1
    fields = ["full_name", "phone", "id_number", "updated_at"]
    plan.add("people", Person, created, updated, fields, unchanged)
    return people


def apply_plan(*, plan: Plan, on_progress: Callable[[int, int], None] | None = None) -> None:
    """Write the plan. The caller holds the transaction: a failure here leaves nothing."""
    total = plan.writes
    done = 0
    for model, objects, fields in plan.steps:
        manager = model._default_manager
        for start in range(0, len(objects), BATCH):
            batch = objects[start : start + BATCH]
            if fields is None:
                manager.bulk_create(batch)
            else:
                manager.bulk_update(batch, fields)
            done += len(batch)
            if on_progress is not None:
                on_progress(done, total)
