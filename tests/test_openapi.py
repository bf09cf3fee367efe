"""The frontend's API types are generated from frontend/openapi.json: it must be current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_committed_openapi_document_matches_the_code(tmp_path) -> None:
    out = tmp_path / "openapi.json"
    call_command(
        "spectacular",
        urlconf="config.urls_openapi",
        format="openapi-json",
        file=str(out),
        validate=True,
        fail_on_warn=True,
    )
    committed = json.loads((ROOT / "frontend" / "openapi.json").read_text())
    assert json.loads(out.read_text()) == committed, (
        "Regenerate: python3 dev.py manage spectacular --urlconf config.urls_openapi "
        "--format openapi-json --file frontend/openapi.json && (cd frontend && npm run gen:api)"
    )


def _document() -> dict:
    return json.loads((ROOT / "frontend" / "openapi.json").read_text())


def _operations(doc: dict):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            yield path, method.upper(), operation


def _error_ref(response: dict) -> str | None:
    return response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")


def test_every_operation_documents_its_errors_in_the_error_shape() -> None:
    doc = _document()
    error = doc["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"code", "detail", "fields"}
    missing = []
    for path, method, operation in _operations(doc):
        wanted = {"400", "403", "404"}
        if method in {"POST", "PUT", "PATCH", "DELETE"}:
            wanted |= {"409", "429"}
        if method in {"POST", "PUT", "PATCH"}:
            wanted.add("413")
        if operation.get("security") and {} not in operation["security"]:
            wanted.add("401")  # only logged-in callers
        responses = operation["responses"]
        for code in sorted(wanted):
            if code not in responses or _error_ref(responses[code]) != "#/components/schemas/Error":
                missing.append(f"{method} {path} {code}")
    assert missing == []


def test_throttled_logins_document_429_and_authenticated_calls_401() -> None:
    doc = _document()
    assert "429" in doc["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert "429" in doc["paths"]["/api/v1/auth/password-reset/"]["post"]["responses"]
    assert "401" in doc["paths"]["/api/v1/auth/me/"]["get"]["responses"]
    assert "401" in doc["paths"]["/api/v1/estates/"]["get"]["responses"]


def test_an_optional_contact_email_is_not_documented_as_an_email_format() -> None:
    firm = _document()["components"]["schemas"]["Firm"]["properties"]
    assert "format" not in firm["contact_email"]
