"""Support access across every route of the firm host (#14 §5): a platform admin acting in firm
A under a running grant calls each row of the access table (its in-scope variant). Every read
shows no resident's or user's full phone or ID number (API answers and xlsx exports alike) and
nothing of firm B; every write outside onboarding (api.permissions.SUPPORT_WRITE_ROUTES) is
refused with 403 and changes not one row of either firm."""

from __future__ import annotations

import io
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.urls import resolve

from api.permissions import SUPPORT_WRITE_ROUTES, HasCapability
from tenants.models import Firm
from tenants.support import support_approve, support_request, support_ticket_issue
from tests.conftest import client_at

from .access_table import ALL_ROWS
from .conftest import fingerprint
from .matrix import Case, Row
from .test_access_matrix import _call
from .world import World

pytestmark = pytest.mark.django_db

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(scope="module")
def acting(world: World, cast, django_db_blocker) -> dict[str, str]:
    """A support session at firm A under a grant that runs (made inside the world's
    transaction, so it goes with it)."""
    with django_db_blocker.unblock():
        firm = Firm.objects.get(schema_name=world.schema)
        root = cast.platform_admin.user
        grant = support_request(firm=firm, by=root, reason="sweep", hours=2)
        decider = SimpleNamespace(pk=1, full_name="sweep admin", email="")
        support_approve(firm=firm, grant_id=grant.pk, by=decider)
        grant.refresh_from_db()
        client = client_at(world.host)
        response = client.post(
            "/api/v1/support/enter/",
            {"ticket": support_ticket_issue(grant=grant, by=root)},
            format="json",
        )
        connection.set_schema_to_public()
        assert response.status_code == 200, response.content
        return {"session": client.cookies[settings.SESSION_COOKIE_NAME].value}


@pytest.fixture(scope="module")
def secrets_of_people(world: World, django_db_blocker) -> list[str]:
    """Every full phone number and ID number stored in either firm's schema."""
    found: set[str] = set()
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE table_schema = ANY(%s) AND data_type LIKE 'character%%'
              AND (column_name LIKE '%%phone' OR column_name = 'id_number')
            """,
            [[world.schema, world.other_schema]],
        )
        for schema, table, column in cursor.fetchall():
            cursor.execute(f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}"')
            found |= {v for (v,) in cursor.fetchall() if v and len(v) >= 7}
    assert found, "the world has people with phones"
    return sorted(found)


def _guarded(path: str) -> bool:
    """Whether the route answers through HasCapability (not a login, a public QR page)."""
    view = resolve(path).func
    classes = getattr(getattr(view, "cls", None), "permission_classes", [])
    return HasCapability in classes


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if body[:2] == b"PK":  # an xlsx: its sheets and shared strings
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return " ".join(
                book.read(name).decode("utf-8", "replace")
                for name in book.namelist()
                if name.endswith(".xml")
            )
    return body.decode("utf-8", "replace")


def _run(row: Row, world: World, acting: dict[str, str]) -> Any:
    case = Case(row=row, role="admin", credential="session", variant="in", status=0)
    return _call(world, case, {"admin": acting["session"]})


@pytest.mark.parametrize("row", ALL_ROWS, ids=[r.name for r in ALL_ROWS])
def test_support_reads_masked_and_writes_only_onboarding(
    row: Row, world: World, acting: dict[str, str], secrets_of_people: list[str]
) -> None:
    from .test_access_matrix import _url

    path = _url(world, row, "in", "admin").split("?")[0]
    refused = (
        row.method in UNSAFE
        and _guarded(path)
        and resolve(path).url_name not in SUPPORT_WRITE_ROUTES
    )
    before = fingerprint([world.schema, world.other_schema]) if refused else ""
    with transaction.atomic():
        try:
            response = _run(row, world, acting)
            text = _text(response)
            after = fingerprint([world.schema, world.other_schema]) if refused else ""
        finally:
            connection.set_schema_to_public()
            transaction.set_rollback(True)
    assert response.status_code < 500, text[:300]
    leaked = [secret for secret in secrets_of_people if secret in text]
    assert not leaked, f"full personal data in the answer: {leaked}"
    assert "FOREIGN" not in text
    if refused:
        assert response.status_code == 403, text[:300]
        assert after == before, "refused but data changed"


def test_every_support_write_route_exists() -> None:
    """A renamed route must not silently close (or keep open) an onboarding write."""
    from django.urls import get_resolver

    names = {k for k in get_resolver("config.urls_tenant").reverse_dict if isinstance(k, str)}
    assert sorted(SUPPORT_WRITE_ROUTES - names) == []
