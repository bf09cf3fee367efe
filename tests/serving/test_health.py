"""The probes answer on any host, before firm routing, and never name a firm."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings

from config import health
from tests.helpers import PUBLIC_HOST, client_at, free_port

pytestmark = pytest.mark.django_db

HOSTS = ["unknown.example.org", PUBLIC_HOST]


def _hosts(cast) -> list[str]:
    return [*HOSTS, cast.a.host]


def _says_nothing_of_firms(body: bytes, cast) -> None:
    for firm in (cast.a, cast.b):
        assert firm.slug.encode() not in body
        assert firm.schema.encode() not in body


def test_healthz_answers_ok_on_every_host_without_naming_a_firm(cast):
    for host in _hosts(cast):
        response = client_at(host).get("/healthz")
        assert response.status_code == 200, host
        assert response.json() == {"status": "ok"}
        _says_nothing_of_firms(response.content, cast)


def test_readyz_reports_each_dependency_ok_on_every_host(cast):
    for host in _hosts(cast):
        response = client_at(host).get("/readyz")
        assert response.status_code == 200, host
        assert response.json() == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "broker": "ok", "migrations": "ok"},
        }
        _says_nothing_of_firms(response.content, cast)


def test_readyz_is_unavailable_and_names_the_broker_when_it_does_not_answer(cast):
    port = free_port()  # nothing listens there
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0"):
        response = client_at(cast.a.host).get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "broker": "error",
        "migrations": "ok",
    }
    assert str(port).encode() not in response.content  # no error text leaks


def test_readyz_is_unavailable_while_the_public_schema_has_an_unapplied_migration(
    cast, monkeypatch
):
    monkeypatch.setattr(health, "_migrated", False)
    connection.set_schema_to_public()
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute(
            "DELETE FROM django_migrations WHERE id = "
            "(SELECT max(id) FROM django_migrations WHERE app = 'tenants')"
        )
    response = client_at(PUBLIC_HOST).get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "error"
