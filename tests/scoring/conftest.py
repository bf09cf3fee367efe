from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from tests.helpers import PASSWORD, Person

PERIOD_START = date(2026, 7, 1)  # a finished quarter, whatever day the suite runs after it
RATINGS = {
    "overall": 4,
    "cleaning": 3,
    "security": 5,
    "greening": 4,
    "repairs": 2,
    "service": 4,
}


@dataclass
class Household:
    person: Person
    unit: int


def household(
    firm, estate_code: str, number: str, *, key: str, voice: str = "owner", building: str = "1"
) -> Household:
    """A unit of the estate (created if new) with an account linked as owner or occupant."""
    from accounts.models import User
    from accounts.services import password_set, user_create
    from estates import services as estates
    from estates.models import Building, Estate

    with schema_context(firm.schema):
        estate = Estate.objects.get(code=estate_code)
        b = Building.objects.filter(estate=estate, name=building).first() or (
            estates.building_create(estate=estate, name=building, floors=9)
        )
        unit = b.units.filter(number=number).first() or estates.unit_create(
            building=b, number=number, floor=1, area=Decimal("80.00")
        )
        email = f"{key}@{firm.slug}.test"
        user = User.objects.filter(email=email).first() or user_create(
            email=email, role="resident", full_name=key, phone=""
        )
        password_set(user=user, password=PASSWORD)
        person = estates.person_create(full_name=key, phone="")
        person.user = user
        person.save(update_fields=["user"])
        if voice == "owner":
            estates.owner_link(unit=unit, person=person)
        else:
            estates.occupancy_link(unit=unit, person=person, kind="occupant")
    return Household(
        person=Person(email=email, role="resident", host=firm.host, schema=firm.schema),
        unit=unit.pk,
    )


def open_survey(cast, *, estate: str = "A1", start: date = PERIOD_START) -> int:
    """A survey drafted by the firm and opened by the committee, through the services."""
    from estates.models import Estate
    from scoring import services

    with schema_context(cast.a.schema):
        survey = services.survey_draft(
            user=cast.a.manager.user,
            estate=Estate.objects.get(code=estate),
            period_start=start,
        )
        services.survey_open(user=cast.a.committee.user, survey=survey)
        return survey.pk


@pytest.fixture
def survey_id(cast, db) -> int:
    return open_survey(cast)
