"""Login, tokens, logout, password reset and invitations: per host, never across firms."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import connection
from django_tenants.utils import schema_context

from accounts.models import Invitation, User
from accounts.services import invitation_issue, user_create
from tests.helpers import PASSWORD, PUBLIC_HOST, client_at, login

pytestmark = pytest.mark.django_db


def _login(host: str, email: str, password: str = PASSWORD):
    response = client_at(host).post(
        "/api/v1/auth/login/", {"email": email, "password": password}, format="json"
    )
    connection.set_schema_to_public()
    return response


def test_firm_user_logs_in_at_own_host_and_sees_roles_and_capabilities(cast) -> None:
    client = login(cast.a.admin)
    me = client.get("/api/v1/auth/me/").json()
    assert me["email"] == "admin@firm-a.test"
    assert me["host_kind"] == "firm"
    assert [r["role"] for r in me["roles"]] == ["firm_admin"]
    assert "users.manage" in me["capabilities"]
    assert "platform.firms.manage" not in me["capabilities"]


def test_the_session_names_the_signed_in_user_and_is_null_for_a_visitor_without_a_401(
    cast,
) -> None:
    visitor = client_at(cast.a.host).get("/api/v1/auth/session/")
    assert (visitor.status_code, visitor.json()) == (200, {"user": None})
    me = login(cast.a.resident).get("/api/v1/auth/session/").json()["user"]
    assert me["email"] == cast.a.resident.email
    assert {r["role"] for r in me["roles"]} == {"resident"}
    platform = login(cast.platform_admin).get("/api/v1/auth/session/").json()
    assert platform["user"]["host_kind"] == "public"


def test_a_firm_a_session_or_token_names_nobody_at_firm_b(cast) -> None:
    cookie = login(cast.a.admin).cookies["sessionid"].value
    intruder = client_at(cast.b.host)
    intruder.cookies["sessionid"] = cookie
    assert intruder.get("/api/v1/auth/session/").json() == {"user": None}
    token = (
        client_at(cast.a.host)
        .post(
            "/api/v1/auth/token/",
            {"email": cast.a.admin.email, "password": PASSWORD},
            format="json",
        )
        .json()["token"]
    )
    denied = client_at(cast.b.host).get(
        "/api/v1/auth/session/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert denied.status_code == 401
    assert cast.a.admin.email not in denied.content.decode()


def test_firm_a_user_cannot_log_in_at_firm_b(cast) -> None:
    response = _login(cast.b.host, cast.a.admin.email)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_platform_admin_cannot_log_in_at_a_firm_host(cast) -> None:
    assert _login(cast.a.host, cast.platform_admin.email).status_code == 400


def test_firm_user_cannot_log_in_at_the_platform_host(cast) -> None:
    assert _login(PUBLIC_HOST, cast.a.admin.email).status_code == 400


def test_firm_a_token_is_worthless_at_firm_b_and_the_platform(cast) -> None:
    token = (
        client_at(cast.a.host)
        .post(
            "/api/v1/auth/token/",
            {"email": cast.a.admin.email, "password": PASSWORD},
            format="json",
        )
        .json()["token"]
    )
    ok = client_at(cast.a.host).get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 200
    for host in (cast.b.host, PUBLIC_HOST):
        denied = client_at(host).get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert denied.status_code == 401
        assert cast.a.admin.email not in denied.content.decode()


def test_firm_a_session_cookie_is_worthless_at_firm_b(cast) -> None:
    client_a = login(cast.a.admin)
    cookie = client_a.cookies["sessionid"].value
    intruder = client_at(cast.b.host)
    intruder.cookies["sessionid"] = cookie
    assert intruder.get("/api/v1/auth/me/").status_code == 401
    assert intruder.get("/api/v1/users/").status_code == 401


def test_session_cookie_is_host_only(cast, settings) -> None:
    client = login(cast.a.admin)
    assert settings.SESSION_COOKIE_DOMAIN is None
    assert client.cookies["sessionid"]["domain"] == ""
    assert client.cookies["sessionid"]["httponly"]


def test_token_login_with_bad_input_gives_field_messages(cast) -> None:
    response = client_at(cast.a.host).post("/api/v1/auth/token/", {"email": "nope"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"email", "password"}


def test_malformed_json_is_a_400_not_a_500(cast) -> None:
    response = client_at(cast.a.host).post(
        "/api/v1/auth/login/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_login_is_throttled_after_repeated_failures(cast, settings) -> None:
    codes = [
        _login(cast.a.host, cast.a.staff.email, "wrong-password").status_code for _ in range(12)
    ]
    assert codes[:10] == [400] * 10
    assert codes[-1] == 429
    # another firm's users are not throttled by firm A's failures
    assert _login(cast.b.host, cast.b.manager.email).status_code == 200


def test_with_the_cache_unreachable_login_is_not_throttled_and_still_works(
    cast, settings, caplog
) -> None:
    """A Redis outage must not lock everyone out (api/throttles.py): the throttle lets the
    login through and logs it; tests/ops/test_fault_redis_outage.py stops a real Redis."""
    from tests.helpers import free_port

    closed = f"redis://127.0.0.1:{free_port()}/0"  # bound and released: nothing listens
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"],
                                                      "LOCATION": closed}}  # fmt: skip
    with caplog.at_level("WARNING", logger="linli.throttle"):
        assert _login(cast.a.host, cast.a.staff.email).status_code == 200
        assert _login(cast.a.host, cast.a.staff.email, "wrong-password").status_code == 400
    assert "cache unreachable" in caplog.text


def test_logout_ends_the_session_and_revokes_the_token(cast) -> None:
    client = login(cast.a.manager)
    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/auth/me/").status_code == 401

    api = client_at(cast.a.host)
    token = api.post(
        "/api/v1/auth/token/", {"email": cast.a.manager.email, "password": PASSWORD}, format="json"
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert api.post("/api/v1/auth/logout/", **auth).status_code == 204
    assert api.get("/api/v1/auth/me/", **auth).status_code == 401


def test_me_preferences_can_be_changed_and_bad_values_are_refused(cast) -> None:
    client = login(cast.a.resident)
    assert client.patch("/api/v1/auth/me/", {"language": "en", "elder_mode": True}).json()[
        "elder_mode"
    ]
    bad = client.patch("/api/v1/auth/me/", {"language": "klingon"})
    assert bad.status_code == 400
    assert "language" in bad.json()["fields"]
    with schema_context(cast.a.schema):
        user = User.objects.get(email=cast.a.resident.email)
        assert (user.language, user.elder_mode) == ("en", True)


def test_password_reset_by_email_end_to_end(cast) -> None:
    client = client_at(cast.a.host)
    assert (
        client.post("/api/v1/auth/password-reset/", {"email": cast.a.staff.email}).status_code
        == 204
    )
    assert len(mail.outbox) == 1
    uid, token = re.search(r"/reset-password/([^/]+)/(\S+)", mail.outbox[0].body).groups()
    assert "firm-a.localhost" in mail.outbox[0].body

    weak = client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": uid, "token": token, "password": "123"}
    )
    assert weak.status_code == 400
    assert "password" in weak.json()["fields"]
    bad = client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"uid": uid, "token": "x-y", "password": "N3w-Secret-77"},
    )
    assert bad.json()["code"] == "reset_link_invalid"

    ok = client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"uid": uid, "token": token, "password": "N3w-Secret-77"},
    )
    assert ok.status_code == 204
    assert _login(cast.a.host, cast.a.staff.email, "N3w-Secret-77").status_code == 200
    reused = client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"uid": uid, "token": token, "password": "Other-Secret-77"},
    )
    assert reused.status_code == 400


def test_password_reset_does_not_reveal_who_has_an_account(cast) -> None:
    client = client_at(cast.a.host)
    assert (
        client.post("/api/v1/auth/password-reset/", {"email": "nobody@x.test"}).status_code == 204
    )
    # firm B's user asking at firm A: same answer, no mail
    assert (
        client.post("/api/v1/auth/password-reset/", {"email": cast.b.manager.email}).status_code
        == 204
    )
    assert mail.outbox == []


def _invite(cast, email: str = "new@firm-a.test") -> str:
    with schema_context(cast.a.schema):
        user = user_create(email=email, role="staff", full_name="新人")
        link = invitation_issue(
            user=user, invited_by=None, base_url="http://firm-a.localhost", firm_name="A"
        )
    return link.rsplit("/", 1)[1]


def test_invitation_sets_a_password_and_logs_in(cast) -> None:
    token = _invite(cast)
    client = client_at(cast.a.host)
    info = client.get(f"/api/v1/auth/invitations/{token}/").json()
    assert info["email"] == "new@firm-a.test" and info["role"] == "staff"

    weak = client.post(f"/api/v1/auth/invitations/{token}/accept/", {"password": "short"})
    assert weak.status_code == 400 and "password" in weak.json()["fields"]

    accepted = client.post(
        f"/api/v1/auth/invitations/{token}/accept/",
        {"password": "Welcome-2026!", "full_name": "张三"},
    )
    assert accepted.status_code == 200
    assert client.get("/api/v1/auth/me/").json()["full_name"] == "张三"
    again = client_at(cast.a.host).get(f"/api/v1/auth/invitations/{token}/")
    assert again.status_code == 404


def test_invitation_of_firm_a_is_unknown_at_firm_b(cast) -> None:
    token = _invite(cast, "other@firm-a.test")
    response = client_at(cast.b.host).get(f"/api/v1/auth/invitations/{token}/")
    assert response.status_code == 404
    accept = client_at(cast.b.host).post(
        f"/api/v1/auth/invitations/{token}/accept/", {"password": "Welcome-2026!"}
    )
    assert accept.status_code == 404
    with schema_context(cast.a.schema):
        assert Invitation.objects.get(user__email="other@firm-a.test").accepted_at is None


def _token(cast) -> str:
    response = client_at(cast.a.host).post(
        "/api/v1/auth/token/", {"email": cast.a.staff.email, "password": PASSWORD}, format="json"
    )
    connection.set_schema_to_public()
    return response.json()["token"]


@pytest.mark.parametrize("keyword", ["Bearer", "Token", "bearer", "token"])
def test_a_token_authenticates_with_either_keyword(cast, keyword: str) -> None:
    token = _token(cast)
    response = client_at(cast.a.host).get(
        "/api/v1/auth/me/", HTTP_AUTHORIZATION=f"{keyword} {token}"
    )
    assert response.status_code == 200, response.content
    assert response.json()["email"] == cast.a.staff.email


@pytest.mark.parametrize(
    "header", ["Token not-a-token", "Bearer not-a-token", "Token", "Token a b"]
)
def test_a_bad_token_is_a_401_with_either_keyword(cast, header: str) -> None:
    response = client_at(cast.a.host).get("/api/v1/auth/me/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def _bad_login(host: str, email: str, forwarded_for: str, remote: str = "127.0.0.1"):
    response = client_at(host).post(
        "/api/v1/auth/login/",
        {"email": email, "password": "wrong-password"},
        format="json",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        REMOTE_ADDR=remote,
    )
    connection.set_schema_to_public()
    return response.status_code


def test_a_new_forwarded_for_address_does_not_reset_the_login_throttle(cast) -> None:
    codes = [_bad_login(cast.a.host, cast.a.staff.email, f"10.0.0.{i}") for i in range(10)]
    assert codes == [400] * 10
    assert _bad_login(cast.a.host, cast.a.staff.email, "10.0.0.99") == 429
    assert _bad_login(cast.a.host, cast.a.staff.email, "203.0.113.7, 10.0.0.1") == 429


def test_a_new_forwarded_for_address_does_not_reset_the_password_reset_throttle(cast) -> None:
    def ask(forwarded_for: str) -> int:
        response = client_at(cast.a.host).post(
            "/api/v1/auth/password-reset/",
            {"email": "nobody@x.test"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )
        connection.set_schema_to_public()
        return response.status_code

    assert [ask(f"10.1.0.{i}") for i in range(5)] == [204] * 5
    assert ask("10.1.0.99") == 429


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_client(cast, settings) -> None:
    """With LINLI_TRUSTED_PROXIES=1 the last X-Forwarded-For entry (written by our proxy) is
    the client; what the client wrote before it still counts for nothing."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    email = cast.a.staff.email
    codes = [_bad_login(cast.a.host, email, f"1.2.3.{i}, 198.51.100.1") for i in range(10)]
    assert codes == [400] * 10
    assert _bad_login(cast.a.host, email, "9.9.9.9, 198.51.100.1") == 429
    # another client behind the same proxy has its own budget
    assert _bad_login(cast.a.host, email, "198.51.100.2") == 400
