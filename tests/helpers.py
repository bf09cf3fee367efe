"""What tests share that is not a fixture: the cast's types and how it is built, clients at a
host, logins, the test database's URL for worker processes. Fixtures live in conftest.py."""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Cast#Pass-2026"
PUBLIC_HOST = "localhost"


@dataclass
class Person:
    email: str
    role: str
    host: str
    schema: str
    password: str = PASSWORD

    @property
    def user(self):  # the User row, read in the person's schema
        from accounts.models import User

        with schema_context(self.schema):
            return User.objects.get(email=self.email)


@dataclass
class FirmCast:
    slug: str
    schema: str
    host: str
    people: dict[str, Person] = field(default_factory=dict)
    estates: dict[str, int] = field(default_factory=dict)  # code -> id
    units: dict[str, int] = field(default_factory=dict)  # "A1-1-101" -> id

    def __getattr__(self, name: str) -> Person:
        try:
            return self.__dict__["people"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@dataclass
class Cast:
    a: FirmCast
    b: FirmCast
    platform_admin: Person


def make_firm(slug: str, people: list[tuple[str, str]]) -> FirmCast:
    from accounts.models import User
    from accounts.services import password_set, user_create
    from tenants.models import Firm
    from tenants.services import FirmInput, firm_onboard

    firm = Firm.objects.filter(slug=slug).first() or firm_onboard(
        data=FirmInput(
            name=f"Firm {slug.upper()} 物业", slug=slug, admin_email=f"admin@{slug}.test"
        ),
        provision="now",
    )
    cast = FirmCast(slug=slug, schema=firm.schema_name, host=f"{slug}.{settings.BASE_DOMAIN}")
    with schema_context(firm.schema_name):
        for key, role in people:
            email = f"{key}@{slug}.test"
            user = User.objects.filter(email=email).first() or user_create(
                email=email, role=role, full_name=key, phone="13912345678"
            )
            password_set(user=user, password=PASSWORD)
            cast.people[key] = Person(
                email=email, role=role, host=cast.host, schema=firm.schema_name
            )
    return cast


def make_portfolio(cast: FirmCast, codes: list[str]) -> None:
    """Estates with building 1 and units 101/102 each. The cast's manager and staff work on the
    first estate, its committee member sits on it (a current term) and its resident owns
    unit <first>-1-101."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from estates import services as estates
    from estates.models import Estate

    today = timezone.localdate()
    with schema_context(cast.schema):
        for code in codes:
            estate = Estate.objects.filter(code=code).first() or estates.estate_create(
                by=None, name=f"{code} 花园", code=code, city="上海", district="浦东新区"
            )
            cast.estates[code] = estate.pk
            building = estate.buildings.filter(name="1").first() or estates.building_create(
                estate=estate, name="1", floors=18
            )
            for number in ("101", "102"):
                unit = building.units.filter(number=number).first() or estates.unit_create(
                    building=building, number=number, floor=1, area=Decimal("89.50")
                )
                cast.units[f"{code}-1-{number}"] = unit.pk
        first = Estate.objects.get(code=codes[0])
        for key in ("manager", "staff"):
            if key in cast.people:
                estates.staff_assign(estate=first, user=cast.people[key].user, role=key, by=None)
        if "committee" in cast.people and not first.committee.exists():
            # seated by a filing the platform confirmed: a supervisor of the first estate, and
            # its chair (who files the next roster and records resignations)
            from committee.demo import seed_confirmed_filing

            seed_confirmed_filing(
                estate=first,
                members=[(cast.people["committee"].email, "committee", "chair")],
                number=f"{codes[0]}-备-001",
                term_start=today - timedelta(days=30),
                term_end=today + timedelta(days=700),
            )
        resident = cast.people["resident"].user
        from estates.models import Person, Unit

        person = Person.objects.filter(user=resident).first()
        if person is None:
            person = estates.person_create(
                full_name="住户 resident", phone="13700001111", id_number="310101199001011234"
            )
            person.user = resident
            person.save(update_fields=["user"])
        unit = Unit.objects.get(pk=cast.units[f"{codes[0]}-1-101"])
        estates.owner_link(unit=unit, person=person)
    connection.set_schema_to_public()


def client_at(host: str) -> APIClient:
    return APIClient(HTTP_HOST=host)


def login(person: Person, host: str | None = None) -> APIClient:
    """A client logged in through the real login endpoint (session cookie)."""
    client = client_at(host or person.host)
    response = client.post(
        "/api/v1/auth/login/", {"email": person.email, "password": person.password}, format="json"
    )
    assert response.status_code == 200, response.content
    connection.set_schema_to_public()
    return client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worker_database_url() -> str:
    """The test database (test_<name>) for processes started by the tests."""
    url = urlparse(os.environ.get("DATABASE_URL", settings.DATABASE_URL))
    return urlunparse(url._replace(path="/" + settings.DATABASES["default"]["NAME"]))


@dataclass
class Worker:
    """A real Celery worker process started by the `celery_worker` fixture."""

    process: subprocess.Popen[bytes]
    mail_dir: Path
    site_port: int
    log: Path
