"""Writes about the portfolio: estates, buildings, units and common areas."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.models import User

from ..exceptions import CodeTaken, InUse, NameTaken, NotAssignable
from ..models import Building, CommitteeMembership, CommonArea, Estate, StaffAssignment, Unit
from ..settings import EstateSettings
from ._common import UNSET, Unset, new_join_code, save_unique


def _has_filings(estate: Estate) -> bool:
    # committee builds on estates, so it is looked up by name rather than imported
    filing = apps.get_model("committee", "Filing")
    return bool(filing.objects.filter(estate_id=estate.pk).exists())


def _delete(record: models.Model, detail: str) -> None:
    """Delete, or InUse when other records still point at it (a request about a common area,
    a ledger line of an estate): Django's PROTECT/RESTRICT refusal is a 409, never a 500."""
    try:
        record.delete()
    except (models.ProtectedError, models.RestrictedError) as exc:
        raise InUse(detail) from exc


@transaction.atomic
def estate_create(
    *,
    by: User | None,
    name: str,
    code: str,
    address: str = "",
    city: str = "",
    district: str = "",
    total_floor_area: Decimal = Decimal("0"),
    household_count: int = 0,
    handover_date: date | None = None,
    contract_start: date | None = None,
    contract_end: date | None = None,
    settings: Mapping[str, object] | None = None,
) -> Estate:
    """A new estate with its join code. `settings` overrides some defaults (checked: raises
    SettingsInvalid); the rest keep the defaults of `EstateSettings`."""
    estate = Estate(
        name=name,
        code=code,
        address=address,
        city=city,
        district=district,
        total_floor_area=total_floor_area,
        household_count=household_count,
        handover_date=handover_date,
        contract_start=contract_start,
        contract_end=contract_end,
        settings=EstateSettings.parse(settings or {}).as_json(),
        join_code=new_join_code(),
    )
    save_unique(estate, CodeTaken, "code")
    return estate


@transaction.atomic
def estate_update(
    *,
    estate: Estate,
    name: str | Unset = UNSET,
    code: str | Unset = UNSET,
    address: str | Unset = UNSET,
    city: str | Unset = UNSET,
    district: str | Unset = UNSET,
    total_floor_area: Decimal | Unset = UNSET,
    household_count: int | Unset = UNSET,
    handover_date: date | Unset | None = UNSET,
    contract_start: date | Unset | None = UNSET,
    contract_end: date | Unset | None = UNSET,
    settings: Mapping[str, object] | Unset = UNSET,
) -> Estate:
    """Change what is given. `settings` is a partial update on top of the estate's current
    settings (`{"escalation": {"yellow_at": 0.7}}` keeps `plan_days`)."""
    given: dict[str, object] = {
        "name": name,
        "code": code,
        "address": address,
        "city": city,
        "district": district,
        "total_floor_area": total_floor_area,
        "household_count": household_count,
        "handover_date": handover_date,
        "contract_start": contract_start,
        "contract_end": contract_end,
    }
    for key, value in given.items():
        if value is not UNSET:
            setattr(estate, key, value)
    if not isinstance(settings, Unset):
        current = EstateSettings.from_estate(estate)
        estate.settings = EstateSettings.parse(settings, base=current).as_json()
    save_unique(estate, CodeTaken, "code")
    return estate


@transaction.atomic
def estate_delete(*, estate: Estate) -> None:
    if estate.units.exists():
        raise InUse(_("小区内还有房屋，不能删除。"))
    if CommitteeMembership.objects.filter(estate=estate).exists() or _has_filings(estate):
        # the committee's seats and filings are the owners' records, not the firm's to erase
        raise InUse(_("小区已有业委会记录，不能删除。"))
    _delete(estate, _("小区还有关联记录，不能删除。"))


@transaction.atomic
def estate_rotate_join_code(*, estate: Estate) -> Estate:
    """A new join QR code; printed notices with the old one stop working."""
    estate.join_code = new_join_code()
    estate.save(update_fields=["join_code", "updated_at"])
    return estate


@transaction.atomic
def building_create(*, estate: Estate, name: str, floors: int = 0) -> Building:
    building = Building(estate=estate, name=name.strip(), floors=floors)
    save_unique(building, NameTaken, "name")
    return building


@transaction.atomic
def building_update(
    *, building: Building, name: str | None = None, floors: int | None = None
) -> Building:
    if name is not None:
        building.name = name.strip()
    if floors is not None:
        building.floors = floors
    save_unique(building, NameTaken, "name")
    return building


@transaction.atomic
def building_delete(*, building: Building) -> None:
    if building.units.exists():
        raise InUse(_("楼栋内还有房屋。"))
    _delete(building, _("楼栋还有关联记录，不能删除。"))


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
    save_unique(unit, NameTaken, "number")
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    number: str | None = None,
    area: Decimal | None = None,
    floor: int | None = None,
    use: str | None = None,
) -> Unit:
    """Change what is given (None: unchanged)."""
    if number is not None:
        unit.number = number.strip()
    if area is not None:
        unit.area = area
    if floor is not None:
        unit.floor = floor
    if use is not None:
        unit.use = use
    save_unique(unit, NameTaken, "number")
    return unit


@transaction.atomic
def unit_delete(*, unit: Unit) -> None:
    if unit.owner_records.exists() or unit.occupancies.exists():
        raise InUse(_("房屋还有业主或住户。"))
    _delete(unit, _("房屋还有关联记录（如报事），不能删除。"))


@transaction.atomic
def common_area_create(
    *, estate: Estate, name: str, description: str = "", manager_id: int | None = None
) -> CommonArea:
    area = CommonArea(
        estate=estate,
        name=name.strip(),
        description=description,
        manager_id=_area_manager(estate.pk, manager_id),
    )
    save_unique(area, NameTaken, "name")
    return area


@transaction.atomic
def common_area_update(
    *,
    area: CommonArea,
    name: str | None = None,
    description: str | None = None,
    manager_id: int | Unset | None = UNSET,
) -> CommonArea:
    """`manager_id=None` clears the responsible manager; leaving it out keeps it."""
    if name is not None:
        area.name = name.strip()
    if description is not None:
        area.description = description
    if not isinstance(manager_id, Unset):
        area.manager_id = _area_manager(area.estate_id, manager_id)
    save_unique(area, NameTaken, "name")
    return area


def _area_manager(estate_id: int, manager_id: int | None) -> int | None:
    """Only a manager assigned to this estate may answer for one of its areas."""
    if manager_id is None:
        return None
    if not StaffAssignment.objects.filter(
        estate_id=estate_id, user_id=manager_id, user__is_active=True, role=Role.MANAGER
    ).exists():
        raise NotAssignable(fields={"manager": [_("只能指定本小区的项目经理。")]})
    return manager_id


@transaction.atomic
def common_area_delete(*, area: CommonArea) -> None:
    _delete(area, _("公共区域还有关联记录（如报事），不能删除。"))
