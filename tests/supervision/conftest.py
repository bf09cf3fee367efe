from __future__ import annotations

from typing import Any

import pytest
from django_tenants.utils import schema_context

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


@pytest.fixture
def a1(cast, db):
    """Firm A's estate A1 and its people, inside firm A's schema. The cast's committee member
    is the confirmed chair of A1 (seated by a confirmed filing)."""
    from estates.models import Estate

    with schema_context(cast.a.schema):
        yield {
            "estate": Estate.objects.get(pk=cast.a.estates["A1"]),
            "other_estate": Estate.objects.get(pk=cast.a.estates["A2"]),
            "resident": cast.a.resident.user,
            "staff": cast.a.staff.user,
            "manager": cast.a.manager.user,
            "admin": cast.a.admin.user,
            "committee": cast.a.committee.user,
        }


def small_template(a1: dict[str, Any], *, photo_on: int | None = None):
    """A three-item cleaning template of A1's committee."""
    from supervision.services import ItemInput, template_create

    items = [
        ItemInput("楼道卫生", "无垃圾", photo_required=photo_on == 1, weight=2),
        ItemInput("楼道杂物", "无堆放", photo_required=photo_on == 2),
        ItemInput("垃圾清运", "无满溢", photo_required=photo_on == 3),
    ]
    return template_create(
        user=a1["committee"], estate=a1["estate"], service_line="cleaning", name="保洁", items=items
    )


def photo(name: str = "p.jpg"):
    from supervision.uploads import Upload

    return Upload(name=name, content_type="image/jpeg", data=JPEG)


def submitted_round(
    a1: dict[str, Any], results: tuple[str, ...] = ("pass", "fail", "fail"), now=None
):
    """A round of the small template answered with `results` and submitted."""
    from supervision.services import answer_record, round_start, round_submit

    template = small_template(a1)
    member = a1["committee"]
    round_, _ = round_start(
        user=member,
        estate=a1["estate"],
        template_id=template.pk,
        key=f"round-{template.pk:06d}",
        now=now,
    )
    items = list(round_.version.items.order_by("position"))
    for item, result in zip(items, results, strict=True):
        answer_record(
            user=member,
            round=round_,
            item_id=item.pk,
            result=result,
            key=f"answer-{round_.pk:04d}-{item.pk:04d}",
            note=f"{item.title} 记录",
            area="3号楼",
            now=now,
        )
    return round_submit(user=member, round=round_, now=now)
