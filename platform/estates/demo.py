"""Demo portfolio for `manage.py seed_demo`: two real-looking estates with buildings, units,
owners, occupants, common areas, staff assignments and a committee. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from estates import services
from estates.models import Estate, Person, Unit

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = [
    "建国",
    "秀英",
    "志强",
    "丽华",
    "海燕",
    "伟",
    "芳",
    "敏",
    "静",
    "磊",
    "洋",
    "艳",
    "勇",
    "军",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
    "玉兰",
    "文",
    "华",
    "红",
    "鹏",
]
ESTATES: list[dict[str, Any]] = [
    {
        "code": "YG01",
        "name": "阳光花园",
        "city": "上海",
        "district": "浦东新区",
        "address": "浦东新区张杨路 1888 弄",
        "buildings": 4,
        "floors": 12,
        "per_floor": 4,
        "handover": date(2012, 6, 30),
    },
    {
        "code": "CH02",
        "name": "翠湖苑",
        "city": "杭州",
        "district": "西湖区",
        "address": "西湖区文三路 520 号",
        "buildings": 3,
        "floors": 8,
        "per_floor": 2,
        "handover": date(2018, 9, 1),
    },
]
COMMON_AREAS = ["北门", "南门", "B1 地下车库", "中心花园", "垃圾分类站", "1 号楼电梯厅"]


def _name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]


def demo_portfolio_ensure(*, people: dict[str, User]) -> list[Estate]:
    """people: role key (manager, staff, committee, resident) -> demo user."""
    today = timezone.localdate()
    estates = []
    for e_index, spec in enumerate(ESTATES):
        estate = Estate.objects.filter(code=spec["code"]).first()
        if estate is None:
            units_total = spec["buildings"] * spec["floors"] * spec["per_floor"]
            estate = services.estate_create(
                by=None,
                name=spec["name"],
                code=spec["code"],
                city=spec["city"],
                district=spec["district"],
                address=spec["address"],
                handover_date=spec["handover"],
                household_count=units_total,
                total_floor_area=Decimal(units_total * 96),
                contract_start=date(today.year - 1, 1, 1),
                contract_end=date(today.year + 2, 12, 31),
            )
            for area in COMMON_AREAS:
                services.common_area_create(estate=estate, name=area)
            serial = e_index * 1000
            for b in range(1, spec["buildings"] + 1):
                building = services.building_create(
                    estate=estate, name=str(b), floors=spec["floors"]
                )
                for floor in range(1, spec["floors"] + 1):
                    for door in range(1, spec["per_floor"] + 1):
                        unit = services.unit_create(
                            building=building,
                            number=f"{floor}{door:02d}",
                            floor=floor,
                            area=Decimal("89.50") if door % 2 else Decimal("126.30"),
                        )
                        serial += 1
                        if serial % 10 == 0:  # some units are still unsold or unknown
                            continue
                        owner = services.person_create(
                            full_name=_name(serial),
                            phone=f"139{serial:08d}",
                            id_number=f"3101011970{serial % 12 + 1:02d}01{serial % 10000:04d}",
                        )
                        services.owner_link(unit=unit, person=owner, since=spec["handover"])
                        if serial % 7 == 0:
                            tenant = services.person_create(
                                full_name=_name(serial + 13), phone=f"137{serial:08d}"
                            )
                            services.occupancy_link(unit=unit, person=tenant, kind="tenant")
        estates.append(estate)

    first, second = estates[0], estates[1]
    for estate in estates:
        services.staff_assign(estate=estate, user=people["manager"], role="manager", by=None)
    services.staff_assign(estate=first, user=people["staff"], role="staff", by=None)
    if not first.committee.filter(user=people["committee"]).exists():
        # the committee is seated by a filing the platform confirmed, like any other
        from committee.demo import seed_confirmed_filing

        seed_confirmed_filing(
            estate=first,
            members=[(people["committee"].email, people["committee"].full_name, "chair")],
            number="浦房业备字〔2026〕第0158号",
            term_start=today - timedelta(days=200),
            term_end=today + timedelta(days=895),
        )
    resident = people["resident"]
    person = Person.objects.filter(user=resident).first()
    if person is None:
        person = services.person_create(
            full_name=resident.full_name, phone="13800138000", email=resident.email
        )
        person.user = resident
        person.save(update_fields=["user"])
        home = Unit.objects.get(estate=first, building__name="1", number="101")
        for previous in home.owner_records.filter(until__isnull=True):  # bought from them
            services.owner_unlink(record=previous, on=date(2019, 4, 30))
        services.owner_link(unit=home, person=person, since=date(2019, 5, 1))
    del second
    return estates
