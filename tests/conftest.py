"""The fixed cast and shared fixtures.

Firm A (`firm-a.localhost`): firm admin, manager, staff, committee member of estate A1,
resident of unit A1-1-101. Firm B (`firm-b.localhost`): manager, resident. One platform admin
on the public host. The cast is created once per session and committed; each test runs in a
transaction that is rolled back, so tests may change anything.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Cast#Pass-2026"
PUBLIC_HOST = "localhost"

# Placeholder scope ids until the estates work gives estates and units real rows.
ESTATE_A1 = 1
UNIT_A1_1_101 = 101


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


def _make_firm(slug: str, people: list[tuple[str, str, dict[str, int]]]) -> FirmCast:
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
        for key, role, scope in people:
            email = f"{key}@{slug}.test"
            user = User.objects.filter(email=email).first() or user_create(
                email=email, role=role, full_name=key, phone="13912345678", **scope
            )
            password_set(user=user, password=PASSWORD)
            cast.people[key] = Person(
                email=email, role=role, host=cast.host, schema=firm.schema_name
            )
    return cast


@pytest.fixture(scope="session")
def cast(django_db_setup, django_db_blocker) -> Cast:
    from accounts.services import platform_admin_ensure

    with django_db_blocker.unblock():
        a = _make_firm(
            "firm-a",
            [
                ("admin", "firm_admin", {}),
                ("manager", "manager", {"estate_id": ESTATE_A1}),
                ("staff", "staff", {"estate_id": ESTATE_A1}),
                ("committee", "committee", {"estate_id": ESTATE_A1}),
                ("resident", "resident", {"estate_id": ESTATE_A1, "unit_id": UNIT_A1_1_101}),
            ],
        )
        b = _make_firm(
            "firm-b",
            [
                ("admin", "firm_admin", {}),
                ("manager", "manager", {"estate_id": 1}),
                ("resident", "resident", {"estate_id": 1, "unit_id": 1}),
            ],
        )
        with schema_context("public"):
            platform_admin_ensure(email="root@linli.test", password=PASSWORD, full_name="Root")
        connection.set_schema_to_public()
    admin = Person(
        email="root@linli.test", role="platform_admin", host=PUBLIC_HOST, schema="public"
    )
    return Cast(a=a, b=b, platform_admin=admin)


@pytest.fixture(autouse=True)
def _public_schema_and_clean_cache() -> Iterator[None]:
    """Requests leave the connection on the firm's schema: start and end every test on public.
    The test cache (its own Redis database) starts empty so throttles never leak."""
    from django.core.cache import cache

    connection.set_schema_to_public()
    cache.clear()
    yield
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


@pytest.fixture
def as_person(db, cast):
    return login


# --- real services: a Celery worker process against the test database -------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_database_url() -> str:
    url = urlparse(os.environ.get("DATABASE_URL", settings.DATABASE_URL))
    return urlunparse(url._replace(path="/" + settings.DATABASES["default"]["NAME"]))


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    mail_dir: Path
    site_port: int
    log: Path


@pytest.fixture(scope="session")
def live_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def celery_worker(cast, live_port, tmp_path_factory) -> Iterator[Worker]:
    """A real `celery worker` process on the test database and the test broker."""
    mail_dir = tmp_path_factory.mktemp("mail")
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": test_database_url(),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "LINLI_SITE_PORT": str(live_port),
        "LINLI_CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    from core.tasks import ping

    deadline = time.monotonic() + 60
    while True:
        try:
            ping.apply_async(expires=5).get(timeout=5)
            break
        except Exception:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("Celery worker did not start:\n" + log.read_text()) from None
    try:
        yield Worker(process=process, mail_dir=mail_dir, site_port=live_port, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
