"""The access matrix: every route of the firm host × method × role × object variant, from the
hand-written table in access_table.py. Each case asserts the status, that no object its reader
may not see shows up in the answer (markers, see world.py), and for writes that answer with an
error (or that must ignore foreign ids) that not one row of either firm changed."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from rest_framework.test import APIClient

from tests.conftest import client_at

from .access_table import ALL_ROWS
from .conftest import fingerprint
from .matrix import ROLES, Case, Row, cases, fill, walk
from .world import PASSWORD, World

pytestmark = pytest.mark.django_db

CASES = cases(ALL_ROWS)
GROUPS = [(row, role) for row in ALL_ROWS for role in ROLES]
CASES_BY_GROUP: dict[tuple[str, str], list[Case]] = {}
for _case in CASES:
    CASES_BY_GROUP.setdefault((_case.row.name, _case.role), []).append(_case)
RECORD = os.environ.get("LINLI_MATRIX_RECORD", "")
# what each reader may never see: markers of objects outside their scope (see world.py)
FORBIDDEN = {
    "admin": ("FOREIGN",),
    "manager": ("FOREIGN", "OUTSIDE"),
    "staff": ("FOREIGN", "OUTSIDE"),
    "committee": ("FOREIGN", "OUTSIDE"),
    "resident": ("FOREIGN", "OUTSIDE", "NEIGHBOUR"),
    "anon": ("FOREIGN",),
}
CONCRETE = {"{spa}": "requests/1/"}


def test_every_route_has_a_row() -> None:
    """A route the table does not mention fails here the day it is added; so does a row for a
    route that no longer exists."""
    routes = set(walk())
    declared = {row.key for row in ALL_ROWS}
    assert sorted(routes - declared) == [], "routes without a row in access_table.py"
    assert sorted(declared - routes) == [], "rows for routes that do not exist"


@pytest.fixture(scope="module")
def sessions(world: World) -> dict[str, str]:
    """Session cookies of the sample roles, made through the real login endpoint."""
    found = {}
    for role in ("manager", "resident"):
        client = client_at(world.host)
        response = client.post(
            "/api/v1/auth/login/",
            {"email": world.actors[role].email, "password": PASSWORD},
            format="json",
        )
        assert response.status_code == 200, response.content
        found[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    connection.set_schema_to_public()
    return found


@pytest.fixture(scope="module")
def baseline(world: World, sessions: dict[str, str]) -> str:
    return fingerprint([world.schema, world.other_schema])


def _client(world: World, case: Case, sessions: dict[str, str]) -> APIClient:
    client = client_at(world.host)
    if case.credential == "token":
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {world.actors[case.role].token}")
    elif case.credential == "session":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[case.role]
    return client


def _picker(world: World, role: str) -> Any:
    def pick(kind: str, which: str) -> Any:
        if kind == "notification" and which == "in":
            return world.notifications["admin" if role == "anon" else role]
        return world.ids[kind][which]

    return pick


def _url(world: World, row: Row, variant: str, role: str) -> str:
    path = row.template
    for name, value in fill(row.params, row, variant, _picker(world, role)).items():
        path = path.replace("{" + name + "}", str(value))
    for name, value in CONCRETE.items():
        path = path.replace(name, value)
    return path


def _call(world: World, case: Case, sessions: dict[str, str]) -> Any:
    row = case.row
    pick = _picker(world, case.role)
    client = _client(world, case, sessions)
    url = _url(world, row, case.variant, case.role)
    query = fill(row.query, row, case.variant, pick)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    method = getattr(client, row.method.lower())
    if row.body is None:
        return method(url)
    body = fill(row.body, row, case.variant, pick)
    if row.multipart:
        from estates.importing import import_template_xlsx

        body = {
            key: SimpleUploadedFile("import.xlsx", import_template_xlsx())
            if value == "TEMPLATE"
            else value
            for key, value in body.items()
        }
        return method(url, body, format="multipart")
    return method(url, body, format="json")


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _judge(case: Case, world: World, response: Any, baseline: str) -> str:
    text = _text(response)
    if RECORD:
        with open(RECORD, "a") as out:
            line = [case.row.name, case.role, case.credential, case.variant, response.status_code]
            out.write(json.dumps(line) + "\n")
        return ""
    if response.status_code != case.status:
        return f"{response.status_code}, expected {case.status}: {text[:300]}"
    if case.variant not in case.row.discloses:
        leaked = [marker for marker in FORBIDDEN[case.role] if marker in text]
        if leaked:
            return f"leaks {leaked}: {text[:300]}"
    must_not_write = case.row.method != "GET" and (
        response.status_code >= 400 or case.variant in case.row.inert
    )
    if must_not_write and fingerprint([world.schema, world.other_schema]) != baseline:
        return f"{response.status_code} but data changed"
    return ""


def _check(case: Case, world: World, sessions: dict[str, str], baseline: str) -> str:
    """Run one case in its own savepoint; return what is wrong with it ("" when nothing)."""
    with transaction.atomic():
        try:
            return _judge(case, world, _call(world, case, sessions), baseline)
        except Exception as exc:  # a server error escapes the test client
            return f"raised {exc!r}"
        finally:
            connection.set_schema_to_public()
            transaction.set_rollback(True)


@pytest.mark.parametrize(("row", "role"), GROUPS, ids=[f"{r.name} {role}" for r, role in GROUPS])
def test_access(row: Row, role: str, world: World, sessions: dict[str, str], baseline: str) -> None:
    problems = []
    for case in CASES_BY_GROUP[(row.name, role)]:
        problem = _check(case, world, sessions, baseline)
        if problem:
            problems.append(f"{case.id}: {problem}")
    assert not problems, "\n".join(problems)
