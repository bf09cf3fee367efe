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
