"""The fixed cast and shared fixtures (helpers that are not fixtures: tests/helpers.py).

Firm A (`firm-a.localhost`): firm admin, manager, staff, committee member of estate A1,
resident of unit A1-1-101. Firm B (`firm-b.localhost`): manager, resident. One platform admin
on the public host. The cast is created once per session and committed; each test runs in a
transaction that is rolled back, so tests may change anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

# Re-exported: tests written before tests/helpers.py import these from here.
from tests.helpers import (  # noqa: F401
    PASSWORD,
    PUBLIC_HOST,
    ROOT,
    Cast,
    FirmCast,
    Person,
    Worker,
    client_at,
    free_port,
    login,
    make_firm,
    make_portfolio,
    worker_database_url,
)


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogues that changed (dev.py does it too; this covers a
    bare `pytest`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("linli_devtool_catalogues", ROOT / "dev.py")
    assert spec and spec.loader
    devtool = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = devtool
    spec.loader.exec_module(devtool)
    problems = devtool.compile_catalogues(ROOT)
    if problems:
        raise pytest.UsageError("translation catalogues do not compile:\n" + "\n".join(problems))


@pytest.fixture(scope="session")
def cast(django_db_setup, django_db_blocker) -> Cast:
    from accounts.services import platform_admin_ensure

    if not connection.settings_dict["NAME"].startswith("test_"):
        pytest.fail(
            "the cast needs the test database: request `db` or mark the test django_db",
            pytrace=False,
        )
    with django_db_blocker.unblock():
        a = make_firm(
            "firm-a",
            [
                ("admin", "firm_admin"),
                ("manager", "manager"),
                ("staff", "staff"),
                ("committee", "committee"),
                ("resident", "resident"),
            ],
        )
        make_portfolio(a, ["A1", "A2"])
        b = make_firm(
            "firm-b", [("admin", "firm_admin"), ("manager", "manager"), ("resident", "resident")]
        )
        make_portfolio(b, ["B1"])
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
    from django.utils import translation

    connection.set_schema_to_public()
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)  # a request in English must not leak
    yield
    connection.set_schema_to_public()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def as_person(db, cast):
    return login


# --- real services: a Celery worker process against the test database -------------------------


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
        "DATABASE_URL": worker_database_url(),
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
