from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

PDF = b"%PDF-1.4\n% contract\n" + b"0" * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
LAST_MONTH_START = date(2026, 10, 1)  # a finished month, whatever day the suite runs after it


@pytest.fixture
def a1(cast, db):
    """Firm A's estate A1 and its people, for service-level tests (inside firm A's schema)."""
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


def posted(
    estate,
    user,
    *,
    amount: str = "1000.00",
    kind: str = "income",
    category: str = "advertising",
    day: date = date(2026, 10, 5),
    **extra,
):
    """A posted line made through the services."""
    from disclosure import services

    line = services.line_draft(
        user=user,
        estate=estate,
        kind=kind,
        category=category,
        occurred_on=day,
        amount=Decimal(amount),
        counterparty=extra.pop("counterparty", "分众传媒"),
        description=extra.pop("description", "电梯广告位 10 月"),
        **extra,
    )
    return services.line_post(user=user, line=line)
