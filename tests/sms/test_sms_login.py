"""Residents sign in with their phone and an SMS code: per firm, once, briefly, and without
telling anyone which numbers have accounts."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from accounts.models import User
from accounts.services import user_create
from sms import services
from sms.backends import ConsoleBackend
from tests.helpers import PUBLIC_HOST, client_at

pytestmark = pytest.mark.django_db

PHONE = "13800138000"


@pytest.fixture(autouse=True)
def _no_messages():
    ConsoleBackend.sent = []


@pytest.fixture
def resident_a(cast):
    with schema_context(cast.a.schema):
        return user_create(
            email="sms-resident@firm-a.test", role="resident", full_name="短信住户", phone=PHONE
        )


def _ask(host: str, phone: str = PHONE, **extra):
    response = client_at(host).post("/api/v1/auth/sms/code/", {"phone": phone}, **extra)
    connection.set_schema_to_public()
    return response


def _sign_in(host: str, code: str, phone: str = PHONE, client=None, **extra):
    client = client or client_at(host)
    response = client.post("/api/v1/auth/sms/login/", {"phone": phone, "code": code}, **extra)
    connection.set_schema_to_public()
    return response


def _last_code() -> str:
    return ConsoleBackend.sent[-1][2]["code"]


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_a_resident_signs_in_with_the_code_sent_to_their_phone(cast, resident_a, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="sms"):
        asked = _ask(cast.a.host, "+86 138-0013-8000")
    assert asked.status_code == 204 and asked.content == b""
    code = _last_code()
    assert ConsoleBackend.sent[-1][:2] == (PHONE, "login_code")
    assert code in caplog.text  # the console backend: the code is in the log
    client = client_at(cast.a.host)
    response = _sign_in(cast.a.host, code, client=client)
    assert response.status_code == 200
    assert response.json()["email"] == "sms-resident@firm-a.test"
    assert client.get("/api/v1/auth/me/").json()["email"] == "sms-resident@firm-a.test"


def test_a_code_works_only_once(cast, resident_a) -> None:
    _ask(cast.a.host)
    code = _last_code()
    assert _sign_in(cast.a.host, code).status_code == 200
    again = _sign_in(cast.a.host, code)
    assert again.status_code == 400
    assert again.json()["code"] == "sms_code_invalid"


def test_a_code_expires_after_five_minutes(cast, resident_a, monkeypatch) -> None:
    start = services.clock()
    monkeypatch.setattr(services, "clock", lambda: start)
    _ask(cast.a.host)
    code = _last_code()
    monkeypatch.setattr(services, "clock", lambda: start + 5 * 60 + 1)
    response = _sign_in(cast.a.host, code)
    assert response.status_code == 400
    assert response.json()["code"] == "sms_code_invalid"


def test_five_wrong_codes_lock_the_code_even_for_the_right_one(cast, resident_a) -> None:
    _ask(cast.a.host)
    code = _last_code()
    codes = [
        _sign_in(cast.a.host, _wrong(code), REMOTE_ADDR=f"10.9.0.{i}").status_code for i in range(5)
    ]
    assert codes == [400] * 5
    assert _sign_in(cast.a.host, code, REMOTE_ADDR="10.9.0.99").status_code == 400


def test_four_wrong_codes_still_leave_the_right_one_usable(cast, resident_a) -> None:
    _ask(cast.a.host)
    code = _last_code()
    for _ in range(4):
        assert _sign_in(cast.a.host, _wrong(code)).status_code == 400
    assert _sign_in(cast.a.host, code).status_code == 200


def test_no_enumeration_the_answer_is_the_same_with_or_without_an_account(cast, resident_a) -> None:
    known = _ask(cast.a.host, PHONE, REMOTE_ADDR="10.8.0.1")
    unknown = _ask(cast.a.host, "13700009999", REMOTE_ADDR="10.8.0.2")
    assert (known.status_code, known.content, known.get("Content-Type")) == (
        unknown.status_code,
        unknown.content,
        unknown.get("Content-Type"),
    )
    assert [m[0] for m in ConsoleBackend.sent] == [PHONE]  # nothing went to the unknown number
    # a number shared by several people of the firm (the cast's) gets nothing either
    assert _ask(cast.a.host, "13912345678").status_code == 204
    assert [m[0] for m in ConsoleBackend.sent] == [PHONE]


def test_the_same_phone_in_another_firm_never_signs_into_this_one(cast, resident_a) -> None:
    with schema_context(cast.b.schema):
        user_create(
            email="sms-resident@firm-b.test", role="resident", full_name="乙住户", phone=PHONE
        )
    _ask(cast.b.host)
    code_b = _last_code()
    assert _sign_in(cast.a.host, code_b).status_code == 400
    assert _sign_in(PUBLIC_HOST, code_b).status_code == 400
    signed = _sign_in(cast.b.host, code_b)
    assert signed.status_code == 200
    assert signed.json()["email"] == "sms-resident@firm-b.test"


def test_the_platform_host_never_sends_a_code(cast, resident_a) -> None:
    assert _ask(PUBLIC_HOST).status_code == 204
    assert ConsoleBackend.sent == []


def test_an_inactive_user_gets_no_code(cast, resident_a) -> None:
    with schema_context(cast.a.schema):
        User.objects.filter(pk=resident_a.pk).update(is_active=False)
    assert _ask(cast.a.host).status_code == 204
    assert ConsoleBackend.sent == []


def test_asking_again_within_a_minute_sends_nothing_new(cast, resident_a) -> None:
    _ask(cast.a.host)
    _ask(cast.a.host)
    assert len(ConsoleBackend.sent) == 1


def test_codes_per_phone_are_rate_limited_whatever_the_address(cast, resident_a) -> None:
    codes = [_ask(cast.a.host, REMOTE_ADDR=f"10.7.0.{i}").status_code for i in range(5)]
    assert codes == [204] * 5
    assert _ask(cast.a.host, REMOTE_ADDR="10.7.0.99").status_code == 429
    # an unknown number has the same budget: the limit tells nothing either
    codes = [
        _ask(cast.a.host, "13700001234", REMOTE_ADDR=f"10.6.0.{i}").status_code for i in range(6)
    ]
    assert codes == [204] * 5 + [429]


def test_codes_per_address_are_rate_limited_and_forwarded_for_does_not_bypass(cast) -> None:
    def ask(i: int, forwarded: str) -> int:
        return _ask(cast.a.host, f"137000{i:05d}", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [ask(i, f"10.5.0.{i}") for i in range(20)] == [204] * 20
    assert ask(21, "10.5.0.99") == 429
    assert ask(22, "203.0.113.7, 10.5.0.1") == 429


def test_sign_in_attempts_are_throttled_per_address_and_phone(cast, resident_a) -> None:
    codes = [
        _sign_in(cast.a.host, "000000", HTTP_X_FORWARDED_FOR=f"10.4.0.{i}").status_code
        for i in range(10)
    ]
    assert codes == [400] * 10
    assert _sign_in(cast.a.host, "000000", HTTP_X_FORWARDED_FOR="10.4.0.99").status_code == 429


def test_bad_input_gets_field_messages(cast) -> None:
    asked = _ask(cast.a.host, "12345")
    assert asked.status_code == 400 and "phone" in asked.json()["fields"]
    signed = _sign_in(cast.a.host, "12ab", phone="abc")
    assert signed.status_code == 400
    assert set(signed.json()["fields"]) == {"phone", "code"}
