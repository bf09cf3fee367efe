"""Every list or report that takes an object id in its query string (estate, building, assignee,
actor) answers a number that cannot be an id with 400 naming the parameter: beyond bigint (the
schema fuzz's find), a fraction, zero, letters. Never a 500 or a database error; one shared
`api.common.IdFilter` (or the same bounds) behind all of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import login

ID_PARAMETERS = {"estate", "building", "assignee", "actor"}
pytestmark = pytest.mark.django_db

NOT_IDS = ["13218640255656623777775616", "1.5", "0", "abc"]


def _sample(schema: dict[str, Any]) -> str:
    """A valid value for another parameter the route requires (a report's dates)."""
    if "enum" in schema:
        return str(schema["enum"][0])
    return {"date": "2026-01-01"}.get(schema.get("format", ""), "1")


def _routes() -> list[tuple[str, str, dict[str, str]]]:
    document = json.loads((Path(__file__).parents[2] / "frontend" / "openapi.json").read_text())
    found = []
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if get is None or "{" in path:
            continue
        query = [p for p in get.get("parameters", []) if p.get("in") == "query"]
        for parameter in query:
            if parameter["name"] in ID_PARAMETERS:
                others = {
                    p["name"]: _sample(p.get("schema", {}))
                    for p in query
                    if p.get("required") and p["name"] != parameter["name"]
                }
                found.append((path, parameter["name"], others))
    return found


ROUTES = _routes()


def test_the_routes_are_found() -> None:
    named = {(path, name) for path, name, _ in ROUTES}
    assert {("/api/v1/complaints/", "estate"), ("/api/v1/units/", "building")} <= named
    assert len(named) >= 30


@pytest.mark.parametrize(("path", "name", "others"), ROUTES)
def test_a_number_that_is_no_id_is_refused_naming_the_parameter(
    cast, path: str, name: str, others: dict[str, str]
) -> None:
    """A list answers 400 naming the parameter; a report on one estate that must exist may
    answer 404 (no such estate), as for any id the user does not see."""
    admin = login(cast.a.admin)
    for value in NOT_IDS:
        response = admin.get(path, {**others, name: value})
        assert response.status_code in (400, 404), (path, name, value, response.status_code)
        if response.status_code == 400:
            assert name in response.json().get("fields", {}), (path, name, value, response.json())
