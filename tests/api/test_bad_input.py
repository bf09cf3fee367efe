"""Bad input from outside never reaches the database or a 500: NUL bytes, deep or poisoned
JSON, oversized bodies, unnamed integrity errors. Every refusal has the JSON error shape."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, connection, transaction
from django_tenants.utils import schema_context

from tests.helpers import PASSWORD, client_at, login

pytestmark = pytest.mark.django_db


def _is_error_shape(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"code", "detail", "fields"}
    assert body["code"] == code


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/estates/?search=%00",
        "/api/v1/people/?search=%00",
        "/api/v1/units/?search=%00",
        "/api/v1/users/?search=%00",
        "/api/v1/complaints/?search=%00",
        "/api/v1/join-requests/?status=%00",
        "/api/v1/estates/?search=ok&x%00y=1",
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_400(cast, url: str) -> None:
    response = login(cast.a.admin).get(url)
    _is_error_shape(response, 400, "invalid_character")


def test_a_nul_byte_in_the_path_is_a_400_even_anonymously(cast) -> None:
    response = client_at(cast.a.host).get("/api/v1/join/ab%00cd/")
    _is_error_shape(response, 400, "invalid_character")


def test_a_nul_byte_on_the_platform_host_is_a_400(cast) -> None:
    response = login(cast.platform_admin).get("/api/v1/platform/firms/?search=%00")
    _is_error_shape(response, 400, "invalid_character")


def _post_json(host: str, url: str, raw: str, **extra):
    response = client_at(host).post(url, data=raw, content_type="application/json", **extra)
    connection.set_schema_to_public()
    return response


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ('{"email": "a\\u0000@x.test", "password": "x"}', "email"),
        ('{"email\\u0000": "a@x.test", "password": "x"}', "email\x00"),
        ('{"email": "a@x.test", "password": ["\\u0000"]}', "password.0"),
        ('{"email": "a@x.test", "p": {"q": [1, {"r": "\\u0000"}]}}', "p.q.1.r"),
        ('"\\u0000"', "non_field_errors"),
    ],
)
def test_json_with_an_escaped_nul_is_refused_before_login_reads_it(
    cast, raw: str, field: str
) -> None:
    response = _post_json(cast.a.host, "/api/v1/auth/token/", raw)
    _is_error_shape(response, 400, "invalid_character")
    assert list(response.json()["fields"]) == [field]


def test_an_escaped_backslash_before_u0000_is_plain_text_and_allowed(cast) -> None:
    raw = json.dumps({"email": cast.a.admin.email, "password": "\\u0000"})
    assert "\\\\u0000" in raw
    response = _post_json(cast.a.host, "/api/v1/auth/token/", raw)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
def test_deeply_nested_json_is_a_400_even_unauthenticated(cast, depth: int) -> None:
    raw = '{"email": ' + "[" * depth + "]" * depth + ', "password": "x"}'
    response = _post_json(cast.a.host, "/api/v1/auth/token/", raw)
    _is_error_shape(response, 400, "parse_error")


def test_json_nested_to_the_limit_is_still_parsed(cast) -> None:
    raw = '{"email": ' + "[" * 63 + "]" * 63 + ', "password": "x"}'
    response = _post_json(cast.a.host, "/api/v1/auth/token/", raw)
    _is_error_shape(response, 400, "invalid")
    assert "email" in response.json()["fields"]


def test_a_too_large_json_body_is_a_413_in_the_error_shape(cast) -> None:
    raw = json.dumps({"email": "a@x.test", "password": "x" * (5 * 1024 * 1024)})
    response = _post_json(cast.a.host, "/api/v1/auth/token/", raw)
    _is_error_shape(response, 413, "too_large")


def test_a_too_large_form_body_is_a_413_in_the_error_shape(cast) -> None:
    client = client_at(cast.a.host)
    response = client.post(
        "/api/v1/auth/token/",
        data="email=a%40x.test&password=" + "x" * (5 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    connection.set_schema_to_public()
    _is_error_shape(response, 413, "too_large")


def test_an_unknown_api_path_is_a_json_404(cast) -> None:
    response = client_at(cast.a.host).get("/api/v1/no-such-thing/")
    _is_error_shape(response, 404, "not_found")


# --- integrity errors: only named constraints are conflicts ---------------------------------


def test_an_unnamed_integrity_error_is_a_server_error_not_a_conflict(cast) -> None:
    from api.exceptions import exception_handler

    response = exception_handler(IntegrityError("null value in column"), {})
    assert response is None  # DRF re-raises it: a 500 that is logged and reaches Sentry


def test_a_named_unique_constraint_is_a_409_with_its_code(cast) -> None:
    """The domain names its conflicts: a firm slug taken by a race past the service's own
    check still answers 409 `slug_taken`, never a 500."""
    from api.exceptions import exception_handler
    from tenants.models import Firm

    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        Firm.all_objects.create(slug="firm-a", schema_name="firm_a_again", name="重复")
    response = exception_handler(caught.value, {})
    assert response is not None and response.status_code == 409
    assert response.data["code"] == "slug_taken"


def test_every_named_constraint_exists_in_the_database(cast) -> None:
    from core.exceptions import named_constraints

    # a conditional UniqueConstraint is a unique index in PostgreSQL, not a pg_constraint row;
    # a violation names the index, which is what `conflict_for` matches
    with connection.cursor() as cursor:
        cursor.execute(
            "select conname from pg_constraint"
            " union select indexname from pg_indexes where indexdef like 'CREATE UNIQUE INDEX%%'"
        )
        existing = {row[0] for row in cursor.fetchall()}
    assert set(named_constraints()) - existing == set()


def test_token_login_still_works_after_the_guards(cast) -> None:
    response = _post_json(
        cast.a.host,
        "/api/v1/auth/token/",
        json.dumps({"email": cast.a.admin.email, "password": PASSWORD}),
    )
    assert response.status_code == 200 and response.json()["token"]


# --- query values and headers that used to break the answer ---------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/complaints/?status=%25B%C3%89",
        "/api/v1/complaints/hot-topics/?status=%25s%25d",
    ],
)
def test_a_percent_sign_in_a_refused_filter_value_is_a_400_naming_the_field(cast, url: str) -> None:
    response = login(cast.a.admin).get(url)
    _is_error_shape(response, 400, "invalid")
    assert "status" in response.json()["fields"]


@pytest.mark.parametrize("accept", [">p[", "application/xml", "image/png"])
def test_an_accept_header_naming_nothing_the_api_renders_still_gets_json(cast, accept: str) -> None:
    response = login(cast.a.admin).get("/api/v1/estates/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "results" in response.json()


# --- the database away: a 503 to retry, never a 500 ----------------------------------------


def test_a_database_outage_in_a_view_is_a_503_to_retry_in_the_users_language(
    cast, monkeypatch
) -> None:
    from django.db import OperationalError

    from estates import selectors

    def away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    client = login(cast.a.admin)
    monkeypatch.setattr(selectors, "estate_list", away)
    response = client.get("/api/v1/estates/")
    _is_error_shape(response, 503, "service_unavailable")
    assert response["Retry-After"] == "5"
    assert response.json()["detail"] == "服务暂时不可用，请稍后重试。"
    # A signed-in user's saved language wins over Accept-Language (tests/test_i18n.py).
    with schema_context(cast.a.schema):
        user = cast.a.admin.user
        user.language = "en"
        user.save(update_fields=["language"])
    english = client.get("/api/v1/estates/")
    assert english.status_code == 503
    assert english.json()["detail"].startswith("The service is unavailable")


def test_a_database_outage_at_the_firm_look_up_is_a_503_too(cast, monkeypatch) -> None:
    from django.db import InterfaceError
    from django_tenants.middleware.main import TenantMainMiddleware

    def away(self, request):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(TenantMainMiddleware, "process_request", away)
    response = client_at(cast.a.host).get("/api/v1/estates/")
    _is_error_shape(response, 503, "service_unavailable")
    assert response["Retry-After"] == "5"
    page = client_at(cast.a.host).get("/requests", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 503 and b"Service unavailable" in page.content
