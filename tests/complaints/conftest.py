from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


@pytest.fixture
def a1(cast):
    """Firm A's estate A1 and its people, for service-level tests (inside firm A's schema)."""
    from estates.models import Estate, Unit

    with schema_context(cast.a.schema):
        yield {
            "estate": Estate.objects.get(pk=cast.a.estates["A1"]),
            "unit": Unit.objects.get(pk=cast.a.units["A1-1-101"]),
            "other_unit": Unit.objects.get(pk=cast.a.units["A1-1-102"]),
            "resident": cast.a.resident.user,
            "staff": cast.a.staff.user,
            "manager": cast.a.manager.user,
            "admin": cast.a.admin.user,
            "committee": cast.a.committee.user,
        }
