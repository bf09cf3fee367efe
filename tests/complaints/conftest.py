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


@pytest.fixture
def neighbour(cast):
    """A second resident of A1, owning unit A1-1-102 (the cast's resident owns 101)."""
    from accounts.models import User
    from accounts.services import password_set, user_create
    from estates import services as estates
    from estates.models import Unit
    from tests.helpers import PASSWORD, Person

    email = "neighbour102@firm-a.test"
    with schema_context(cast.a.schema):
        user = User.objects.filter(email=email).first() or user_create(
            email=email, role="resident", full_name="邻居", phone=""
        )
        password_set(user=user, password=PASSWORD)
        person = estates.person_create(full_name="邻居", phone="")
        person.user = user
        person.save(update_fields=["user"])
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]), person=person)
    return Person(email=email, role="resident", host=cast.a.host, schema=cast.a.schema)
