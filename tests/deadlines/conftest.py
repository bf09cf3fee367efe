from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from django_tenants.utils import schema_context


@pytest.fixture
def firm_a(cast) -> Iterator[dict[str, Any]]:
    """Inside firm A's schema: estate A1, a unit, a resident, a staff member."""
    from estates.models import Estate, Unit

    with schema_context(cast.a.schema):
        yield {
            "schema": cast.a.schema,
            "estate": Estate.objects.get(pk=cast.a.estates["A1"]),
            "unit": Unit.objects.get(pk=cast.a.units["A1-1-101"]),
            "resident": cast.a.resident.user,
            "staff": cast.a.staff.user,
        }


def submit(firm: dict[str, Any], *, now: datetime, description: str = "卫生间水管漏水") -> Any:
    from complaints.services import request_submit

    return request_submit(
        estate=firm["estate"],
        kind="repair",
        category="repair",
        description=description,
        channel="app",
        unit=firm["unit"],
        requester=firm["resident"],
        now=now,
    )


def next_due_of(schema: str) -> datetime | None:
    from tenants.models import Firm

    at: datetime | None = Firm.all_objects.get(schema_name=schema).next_due_at
    return at
