"""Row-by-row checks and the file's clean content. Pure: no ORM, the caller passes the estate's
code and the names of the buildings it already has.

Several rows may describe one unit (one row per owner or occupant, the unit columns repeated):
they merge into one `UnitIn`. Persons are keyed by phone number, or by name within the unit
when the file gives no phone, so the same person on two rows is one person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import rules
from .messages import (
    DUPLICATE_BUILDING,
    DUPLICATE_OCCUPANT,
    DUPLICATE_OWNER,
    DUPLICATE_UNIT,
    NO_SHARE_LEFT,
    PHONE_IDS,
    PHONE_NAMES,
    SHARES_OVER,
    UNKNOWN_BUILDING,
    in_row,
    with_value,
    wrong_estate,
)
from .reading import RawRow

PersonKey = tuple[str, ...]
UnitKey = tuple[str, str]


@dataclass(slots=True)
class RowError:
    sheet: str
    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "field": self.field, "message": self.message}


@dataclass(slots=True)
class BuildingIn:
    name: str
    floors: int | None
    row: int


@dataclass(slots=True)
class PersonIn:
    key: PersonKey
    name: str
    phone: str
    id_number: str
    row: int
    units: list[UnitKey] = field(default_factory=list)


@dataclass(slots=True)
class OwnerIn:
    share: Decimal | None
    row: int


@dataclass(slots=True)
class OccupantIn:
    kind: str | None
    row: int


@dataclass(slots=True)
class UnitIn:
    building: str
    number: str
    floor: int | None
    area: Decimal
    use: str | None
    row: int
    sheet: str
    owners: dict[PersonKey, OwnerIn] = field(default_factory=dict)
    occupants: dict[PersonKey, OccupantIn] = field(default_factory=dict)
    names: dict[str, PersonKey] = field(default_factory=dict)  # the unit's people by name


@dataclass
class FileData:
    buildings: dict[str, BuildingIn]
    units: dict[UnitKey, UnitIn]
    persons: dict[PersonKey, PersonIn]
    rows: int
    errors: list[RowError]


class Checker:
    """Feed it the Buildings rows, then the Units rows; `finish()` gives the FileData."""

    def __init__(self, *, estate_code: str, existing_buildings: set[str]) -> None:
        self.estate_code = estate_code
        self.known_buildings = set(existing_buildings)
        self.buildings: dict[str, BuildingIn] = {}
        self.units: dict[UnitKey, UnitIn] = {}
        self.persons: dict[PersonKey, PersonIn] = {}
        self.errors: list[RowError] = []
        self.rows = 0
        self.sheets: dict[str, int] = {}  # sheet title -> reading order, to sort the errors

    # --- helpers ---------------------------------------------------------------------------

    def _cell(
        self,
        raw: RawRow,
        key: str,
        parse: Callable[[Any], Any],
        problems: list[RowError],
        *,
        required: bool = False,
    ) -> Any:
        value = raw.values.get(key)
        if rules.is_blank(value):
            if required:
                problems.append(RowError(raw.sheet, raw.row, key, str(rules.REQUIRED)))
            return None
        try:
            return parse(value)
        except rules.CellError as exc:
            shown = str(value).strip()[:40]
            problems.append(RowError(raw.sheet, raw.row, key, with_value(exc.message, shown)))
            return None

    def _estate_code(self, raw: RawRow, problems: list[RowError]) -> None:
        code = self._cell(raw, "estate_code", lambda v: rules.text(v, max_length=20), problems)
        if code and code != self.estate_code:
            problems.append(
                RowError(
                    raw.sheet,
                    raw.row,
                    "estate_code",
                    wrong_estate(code, self.estate_code),
                )
            )

    # --- Buildings sheet -------------------------------------------------------------------

    def building_row(self, raw: RawRow) -> None:
        self.rows += 1
        self.sheets.setdefault(raw.sheet, len(self.sheets))
        problems: list[RowError] = []
        self._estate_code(raw, problems)
        name = self._cell(
            raw, "building", lambda v: rules.text(v, max_length=30), problems, required=True
        )
        floors = self._cell(raw, "floors", rules.floors, problems)
        if name:
            self.known_buildings.add(name)  # known even when the row is wrong: no echo errors
            first = self.buildings.get(name)
            if first and floors is not None and first.floors not in (None, floors):
                problems.append(
                    RowError(
                        raw.sheet, raw.row, "floors", f"{DUPLICATE_BUILDING}{in_row(first.row)}"
                    )
                )
        if problems:
            self.errors.extend(problems)
            return
        first = self.buildings.get(name)
        if first is None:
            self.buildings[name] = BuildingIn(name, floors, raw.row)
        elif first.floors is None:
            first.floors = floors

    # --- Units sheet -----------------------------------------------------------------------

    def unit_row(self, raw: RawRow) -> None:
        self.rows += 1
        self.sheets.setdefault(raw.sheet, len(self.sheets))
        problems: list[RowError] = []

        def text(n: int) -> Callable[[Any], str]:
            return lambda v: rules.text(v, max_length=n)

        self._estate_code(raw, problems)
        building = self._cell(raw, "building", text(30), problems, required=True)
        number = self._cell(raw, "unit", text(20), problems, required=True)
        floor = self._cell(raw, "floor", rules.floor, problems)
        area = self._cell(raw, "area", rules.area, problems, required=True)
        use = self._cell(raw, "use", rules.use, problems)
        owner = self._person(raw, "owner", problems)
        owner_share = self._cell(raw, "owner_share", rules.share, problems)
        occupant = self._person(raw, "occupant", problems)
        kind = self._cell(raw, "occupant_kind", rules.occupant_kind, problems)
        if owner is None and owner_share is not None:
            problems.append(RowError(raw.sheet, raw.row, "owner_name", str(rules.REQUIRED)))
        if occupant is None and kind is not None:
            problems.append(RowError(raw.sheet, raw.row, "occupant_name", str(rules.REQUIRED)))
        if building and building not in self.known_buildings:
            problems.append(
                RowError(raw.sheet, raw.row, "building", with_value(UNKNOWN_BUILDING, building))
            )
        if problems:
            self.errors.extend(problems)
            return

        key = (building, number)
        unit = self.units.get(key)
        if unit is None:
            unit = UnitIn(building, number, floor, area, use, raw.row, raw.sheet)
            self.units[key] = unit
        elif not self._merge_unit(unit, raw, floor=floor, area=area, use=use):
            return
        if owner is not None:
            self._add_owner(unit, raw, owner, owner_share)
        if occupant is not None:
            self._add_occupant(unit, raw, occupant, kind)

    def _person(
        self, raw: RawRow, prefix: str, problems: list[RowError]
    ) -> tuple[str, str, str, str] | None:
        """(name, phone, id_number, name field) of the row's owner or occupant, if any."""
        name_field = f"{prefix}_name"
        fields = [name_field, f"{prefix}_phone"] + (
            ["owner_id_number"] if prefix == "owner" else []
        )
        if all(rules.is_blank(raw.values.get(f)) for f in fields):
            return None
        name = self._cell(
            raw, name_field, lambda v: rules.text(v, max_length=100), problems, required=True
        )
        phone = self._cell(raw, f"{prefix}_phone", rules.phone, problems) or ""
        id_number = ""
        if prefix == "owner":
            id_number = self._cell(raw, "owner_id_number", rules.id_number, problems) or ""
        if not name:
            return None
        return name, phone, id_number, name_field

    def _merge_unit(
        self, unit: UnitIn, raw: RawRow, *, floor: int | None, area: Decimal, use: str | None
    ) -> bool:
        """A further row of the same unit must repeat its data; blanks take the first row's."""
        clash = next(
            (
                name
                for name, mine, theirs in (
                    ("area", unit.area, area),
                    ("floor", unit.floor, floor),
                    ("use", unit.use, use),
                )
                if mine is not None and theirs is not None and mine != theirs
            ),
            None,
        )
        if clash:
            self.errors.append(
                RowError(
                    raw.sheet,
                    raw.row,
                    clash,
                    with_value(DUPLICATE_UNIT, f"{unit.building}-{unit.number}") + in_row(unit.row),
                )
            )
            return False
        unit.floor = unit.floor if unit.floor is not None else floor
        unit.use = unit.use or use
        return True

    def _person_key(
        self, unit: UnitIn, raw: RawRow, person: tuple[str, str, str, str]
    ) -> PersonKey | None:
        name, phone, id_number, name_field = person
        if not phone:
            key = unit.names.get(name) or ("name", unit.building, unit.number, name)
            unit.names.setdefault(name, key)
            known = self.persons.get(key)
            if known is None:
                self.persons[key] = PersonIn(key, name, "", id_number, raw.row, [])
            elif id_number and not known.id_number:
                known.id_number = id_number
            return key
        key = ("phone", phone)
        known = self.persons.get(key)
        if known is not None and known.name != name:
            self.errors.append(
                RowError(raw.sheet, raw.row, name_field, f"{PHONE_NAMES}{in_row(known.row)}")
            )
            return None
        if known is not None and id_number and known.id_number not in ("", id_number):
            self.errors.append(
                RowError(raw.sheet, raw.row, "owner_id_number", f"{PHONE_IDS}{in_row(known.row)}")
            )
            return None
        if known is None:
            known = self.persons[key] = PersonIn(key, name, phone, id_number, raw.row, [])
        elif id_number:
            known.id_number = id_number
        previous = unit.names.get(name)
        if previous is not None and previous[0] == "name":
            self._absorb(unit, raw, previous, key)
        unit.names[name] = key
        return key

    def _absorb(self, unit: UnitIn, raw: RawRow, old: PersonKey, new: PersonKey) -> None:
        """A name first seen without a phone, then with one, on the same unit: one person."""
        former = self.persons.pop(old)
        target = self.persons[new]
        target.id_number = target.id_number or former.id_number
        if old in unit.owners:
            self._add_owner_entry(unit, raw, new, unit.owners.pop(old).share)
        if old in unit.occupants:
            self._add_occupant_entry(unit, raw, new, unit.occupants.pop(old).kind)

    def _link(self, unit: UnitIn, key: PersonKey) -> None:
        units = self.persons[key].units
        unit_key = (unit.building, unit.number)
        if unit_key not in units:
            units.append(unit_key)

    def _add_owner(
        self, unit: UnitIn, raw: RawRow, person: tuple[str, str, str, str], share: Any
    ) -> None:
        key = self._person_key(unit, raw, person)
        if key is not None:
            self._add_owner_entry(unit, raw, key, share)

    def _add_owner_entry(
        self, unit: UnitIn, raw: RawRow, key: PersonKey, share: Decimal | None
    ) -> None:
        self._link(unit, key)
        entry = unit.owners.get(key)
        if entry is None:
            unit.owners[key] = OwnerIn(share, raw.row)
        elif share is not None and entry.share not in (None, share):
            self.errors.append(
                RowError(raw.sheet, raw.row, "owner_share", f"{DUPLICATE_OWNER}{in_row(entry.row)}")
            )
        elif entry.share is None:
            entry.share = share

    def _add_occupant(
        self, unit: UnitIn, raw: RawRow, person: tuple[str, str, str, str], kind: Any
    ) -> None:
        key = self._person_key(unit, raw, person)
        if key is not None:
            self._add_occupant_entry(unit, raw, key, kind)

    def _add_occupant_entry(
        self, unit: UnitIn, raw: RawRow, key: PersonKey, kind: str | None
    ) -> None:
        self._link(unit, key)
        entry = unit.occupants.get(key)
        if entry is None:
            unit.occupants[key] = OccupantIn(kind, raw.row)
        elif kind is not None and entry.kind not in (None, kind):
            self.errors.append(
                RowError(
                    raw.sheet, raw.row, "occupant_kind", f"{DUPLICATE_OCCUPANT}{in_row(entry.row)}"
                )
            )
        elif entry.kind is None:
            entry.kind = kind

    # --- the whole file --------------------------------------------------------------------

    def _settle_shares(self, unit: UnitIn) -> None:
        given = [o for o in unit.owners.values() if o.share is not None]
        blank = [o for o in unit.owners.values() if o.share is None]
        total = sum((o.share for o in given if o.share is not None), Decimal(0))
        if total > rules.HUNDRED:
            last = max(given, key=lambda o: o.row)
            self.errors.append(RowError(unit.sheet, last.row, "owner_share", str(SHARES_OVER)))
            return
        if not blank:
            return
        remaining = rules.HUNDRED - total
        each = rules.split_share(remaining, len(blank))
        if each <= 0:
            first = min(blank, key=lambda o: o.row)
            self.errors.append(RowError(unit.sheet, first.row, "owner_share", str(NO_SHARE_LEFT)))
            return
        for owner in blank:
            owner.share = each

    def finish(self) -> FileData:
        for unit in self.units.values():
            self._settle_shares(unit)
        self.errors.sort(key=lambda e: (self.sheets.get(e.sheet, 0), e.row))
        return FileData(self.buildings, self.units, self.persons, self.rows, self.errors)
