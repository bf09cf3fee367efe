"""Demo requests for `manage.py seed_demo`: every state of the loop, three months of history
for the KPIs, and a breached request that shows red on the committee's board. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from estates.models import Estate

from . import services
from .models import ServiceRequest

HISTORY = [
    ("repair", "repair", "3号楼电梯按钮失灵"),
    ("complaint", "cleaning", "垃圾桶满了没人清运"),
    ("repair", "repair", "地下车库照明灯不亮"),
    ("complaint", "noise", "夜间装修噪音扰民"),
    ("repair", "repair", "单元门禁刷卡无反应"),
    ("complaint", "greening", "绿化带杂草丛生"),
    ("repair", "repair", "楼顶水箱漏水"),
    ("complaint", "security", "陌生人尾随进入单元"),
    ("complaint", "parking", "消防通道被车辆占用"),
    ("repair", "repair", "楼道窗户玻璃破损"),
    ("suggestion", "other", "建议增加儿童游乐设施"),
    ("complaint", "cleaning", "楼道有小广告"),
]


def demo_requests_ensure(*, estate: Estate, people: dict[str, User]) -> int:
    if ServiceRequest.objects.filter(estate=estate).exists():
        return 0
    now = timezone.now()
    staff, resident = people["staff"], people["resident"]
    home = estate.units.get(building__name="1", number="101")
    neighbour = estate.units.get(building__name="1", number="102")
    gate = estate.common_areas.get(name="北门")
    made = 0
    for i, (kind, category, text) in enumerate(HISTORY * 3):
        at = now - timedelta(days=90 - i * 2, hours=i % 7)
        unit = estate.units.order_by("id")[i * 3 % 40]
        r = services.request_submit(
            estate=estate,
            kind=kind,
            category=category,
            description=f"{text}（{unit}）",
            channel=["phone", "app", "front_desk", "wechat"][i % 4],
            unit=unit,
            entered_by=staff,
            now=at,
        )
        services.request_accept(request=r, actor=staff, now=at + timedelta(hours=2 + i % 30))
        if i % 9 == 8:
            continue  # a few stay open
        services.request_resolve(
            request=r, actor=staff, note="已处理", now=at + timedelta(hours=20 + i * 3 % 90)
        )
        services.auto_close_sweep(now=at + timedelta(days=8))
        made += 1
    # the resident's own requests, in several states
    leaking = services.request_submit(
        estate=estate,
        kind="repair",
        category="repair",
        unit=home,
        channel="app",
        description="卫生间水管漏水，楼下天花板渗水",
        requester=resident,
        now=now - timedelta(days=2),
    )
    services.request_accept(request=leaking, actor=staff, now=now - timedelta(days=2, hours=-3))
    services.request_start(
        request=leaking, actor=staff, note="已约好周六上门", now=now - timedelta(days=1)
    )
    noise = services.request_submit(
        estate=estate,
        kind="complaint",
        category="noise",
        unit=home,
        channel="app",
        description="楼上周末早上七点就开始装修",
        requester=resident,
        now=now - timedelta(days=6),
    )
    services.request_accept(request=noise, actor=staff, now=now - timedelta(days=6, hours=-1))
    services.request_resolve(
        request=noise,
        actor=staff,
        note="已与装修户沟通，改为九点后施工",
        now=now - timedelta(days=5),
    )
    services.request_rate(request=noise, actor=resident, rating=4, now=now - timedelta(days=4))
    # staff recorded a phone call for the neighbour 30 hours ago and nobody answered: red
    services.request_submit(
        estate=estate,
        kind="repair",
        category="repair",
        unit=neighbour,
        channel="phone",
        description="孙奶奶来电：厨房水龙头关不紧，一直滴水",
        entered_by=staff,
        contact_name="孙奶奶",
        contact_phone="13611112222",
        now=now - timedelta(hours=30),
    )
    # the north gate barrier, 20 hours ago: yellow
    services.request_submit(
        estate=estate,
        kind="repair",
        category="parking",
        common_area=gate,
        channel="wechat",
        description="北门道闸抬杆很慢，早高峰排队",
        entered_by=staff,
        now=now - timedelta(hours=20),
    )
    rejected = services.request_submit(
        estate=estate,
        kind="complaint",
        category="fees",
        unit=home,
        channel="app",
        description="要求减免本年度物业费",
        requester=resident,
        now=now - timedelta(days=10),
    )
    services.request_reject(
        request=rejected,
        actor=people["manager"],
        reason="物业费标准经业主大会决议，不能单户减免；已转业委会。",
        now=now - timedelta(days=9),
    )
    services.sweep(now=now)
    return made + 5
