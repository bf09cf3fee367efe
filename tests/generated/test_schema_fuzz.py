"""Schema-driven fuzzing: schemathesis generates requests from the committed OpenAPI document
(frontend/openapi.json) and sends them, in-process through the WSGI application, to firm A's
host as its firm admin and as a resident (token auth). Every answer must be no server error,
carry a status the document lists for that operation, and match the documented schema.

Bounded and deterministic: a fixed seed, derandomized generation, no example database, at most
MAX_EXAMPLES examples per operation and role. Each example runs in its own savepoint on top of
the generated suites' world (see world.py), so one example's writes never reach the next.
The platform console's operations answer on the platform host only; they are left out here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection, transaction
from schemathesis.checks import not_a_server_error
from schemathesis.config import HealthCheck
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .world import World

pytestmark = pytest.mark.django_db

OPENAPI = Path(__file__).resolve().parents[2] / "frontend" / "openapi.json"
SEED = 20261202
MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _app() -> Any:
    """The WSGI application, minus one thing: Django closes the database connection when a
    request starts and ends (`close_old_connections`), which would end the test's transaction.
    Django's own test client leaves that out too."""
    handler = get_wsgi_application()

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


def _load() -> Any:
    # Health checks judge the generator, not the application; on a busy machine `too_slow`
    # would fail a run that found nothing.
    config = schemathesis.Config(seed=SEED, suppress_health_check=[HealthCheck.all])
    loaded = schemathesis.openapi.from_path(OPENAPI, config=config)
    # The loaded schema carries a project config of its own (not `config.projects`' default):
    # the bounds go there, or Hypothesis runs its defaults (100 examples, random, an example
    # database on disk) and every phase (test_the_fuzz_is_bounded_and_deterministic checks).
    project = loaded.config
    project.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none")
    project.phases.update(phases=["examples", "fuzzing"])
    loaded.app = _app()
    return loaded.exclude(path_regex=r"^/api/v1/platform/")


schema = _load()


def _send(case: Any, world: World, role: str) -> None:
    token = world.actors[role].token
    with transaction.atomic():
        try:
            response = case.call(
                base_url=f"http://{world.host}", headers={"Authorization": f"Bearer {token}"}
            )
            case.validate_response(response, checks=CHECKS)
        finally:
            connection.set_schema_to_public()
            transaction.set_rollback(True)


def test_the_fuzz_is_bounded_and_deterministic() -> None:
    """What the docstring promises is what Hypothesis is told, for every operation: at most
    MAX_EXAMPLES examples, derandomized, no example database, only the examples and fuzzing
    phases."""
    project = schema.config
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 100
    for operation in operations:
        found = project.get_hypothesis_settings(operation=operation, phase="fuzzing")
        assert (found.max_examples, found.derandomize, found.database) == (
            MAX_EXAMPLES,
            True,
            None,
        ), operation.label
        phases = project.phases_for(operation=operation)
        assert (phases.examples.enabled, phases.fuzzing.enabled) == (True, True)
        assert (phases.coverage.enabled, phases.stateful.enabled) == (False, False)


@schema.parametrize()
def test_fuzz_as_firm_admin(case: Any, world: World) -> None:
    _send(case, world, "admin")


@schema.parametrize()
def test_fuzz_as_resident(case: Any, world: World) -> None:
    _send(case, world, "resident")
