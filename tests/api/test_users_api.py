"""Firm users: the role matrix, invitations, deactivation. Denied means nothing changed."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from accounts.models import User
from tests.conftest import PASSWORD, client_at, login

pytestmark = pytest.mark.django_db

CAN_LIST = {"admin": True, "manager": True, "staff": False, "committee": False, "resident": False}
CAN_INVITE = {
    "admin": True,
    "manager": False,
    "staff": False,
    "committee": False,
    "resident": False,
}


def _user_count(schema: str) -> int:
    with schema_context(schema):
        return User.objects.count()


@pytest.mark.parametrize("who", sorted(CAN_LIST))
def test_who_may_list_users(cast, who: str) -> None:
    response = login(getattr(cast.a, who)).get("/api/v1/users/")
    assert response.status_code == (200 if CAN_LIST[who] else 403)
    if CAN_LIST[who]:
        emails = {u["email"] for u in response.json()["results"]}
        assert cast.a.admin.email in emails
        assert not any(e.endswith("@firm-b.test") for e in emails)


@pytest.mark.parametrize("who", sorted(CAN_INVITE))
def test_who_may_invite(cast, who: str, django_capture_on_commit_callbacks) -> None:
    before = _user_count(cast.a.schema)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(getattr(cast.a, who)).post(
            "/api/v1/users/",
            {"email": "Invitee@Firm-A.test", "full_name": "新员工", "role": "staff"},
        )
    if CAN_INVITE[who]:
        assert response.status_code == 201
        assert response.json()["invitation_pending"] is True
        assert _user_count(cast.a.schema) == before + 1
        assert "http://firm-a.localhost/invite/" in mail.outbox[0].body
    else:
        assert response.status_code == 403
        assert _user_count(cast.a.schema) == before
        assert mail.outbox == []


def test_firm_b_people_and_anonymous_cannot_touch_firm_a_users(cast) -> None:
    before = _user_count(cast.a.schema)
    anonymous = client_at(cast.a.host)
    assert anonymous.get("/api/v1/users/").status_code == 401
    assert (
        anonymous.post("/api/v1/users/", {"email": "x@y.test", "role": "staff"}).status_code == 401
    )
    b_admin = login(cast.b.admin)  # logged in at B; its cookie is for firm-b.localhost only
    b_admin.defaults["HTTP_HOST"] = cast.a.host
    assert b_admin.get("/api/v1/users/").status_code == 401
    assert _user_count(cast.a.schema) == before


def test_users_are_not_reachable_on_the_platform_host(cast) -> None:
    client = login(cast.platform_admin)
    assert client.get("/api/v1/users/").status_code == 404


def test_invite_validates_fields_and_roles(cast) -> None:
    client = login(cast.a.admin)
    before = _user_count(cast.a.schema)
    bad = client.post("/api/v1/users/", {"email": "not-an-email", "role": "king"})
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) >= {"email", "role"}
    platform = client.post("/api/v1/users/", {"email": "p@x.test", "role": "platform_admin"})
    assert platform.status_code == 400
    taken = client.post("/api/v1/users/", {"email": cast.a.staff.email.upper(), "role": "staff"})
    assert taken.status_code == 409 and taken.json()["code"] == "email_taken"
    assert _user_count(cast.a.schema) == before


def test_phone_numbers_are_masked(cast) -> None:
    users = login(cast.a.admin).get("/api/v1/users/").json()["results"]
    assert {u["phone"] for u in users if u["phone"]} == {"139****5678"}


def test_deactivated_user_is_locked_out_and_can_be_reactivated(cast) -> None:
    admin = login(cast.a.admin)
    staff_client = login(cast.a.staff)
    staff_id = cast.a.staff.user.id
    assert admin.post(f"/api/v1/users/{staff_id}/deactivate/").json()["is_active"] is False
    assert staff_client.get("/api/v1/auth/me/").status_code == 401
    relogin = client_at(cast.a.host).post(
        "/api/v1/auth/login/", {"email": cast.a.staff.email, "password": PASSWORD}
    )
    assert relogin.status_code == 400
    assert admin.post(f"/api/v1/users/{staff_id}/reactivate/").json()["is_active"] is True
    login(cast.a.staff)


def test_admin_cannot_deactivate_self(cast) -> None:
    admin = login(cast.a.admin)
    response = admin.post(f"/api/v1/users/{cast.a.admin.user.id}/deactivate/")
    assert response.status_code == 409
    assert cast.a.admin.user.is_active


def test_a_user_id_only_ever_resolves_inside_the_callers_firm(cast) -> None:
    admin = login(cast.a.admin)
    for person in (cast.b.manager, cast.b.resident):
        # ids repeat across schemas: the id names A's own user with that id (or nobody), never
        # B's person
        with schema_context(cast.a.schema):
            namesake = User.objects.filter(id=person.user.id).first()
        response = admin.get(f"/api/v1/users/{person.user.id}/")
        if namesake is None:
            assert response.status_code == 404
        else:
            assert response.status_code == 200
            assert response.json()["email"] == namesake.email
        assert person.email not in response.content.decode()
    assert admin.get("/api/v1/users/987654/").status_code == 404


def test_resend_invitation_revokes_the_old_link(cast, django_capture_on_commit_callbacks) -> None:
    admin = login(cast.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = admin.post(
            "/api/v1/users/", {"email": "twice@firm-a.test", "role": "resident"}
        ).json()
        admin.post(f"/api/v1/users/{created['id']}/resend-invitation/")
    first, second = (m.body.split("/invite/")[1].split()[0] for m in mail.outbox)
    client = client_at(cast.a.host)
    assert client.get(f"/api/v1/auth/invitations/{first}/").status_code == 404
    assert client.get(f"/api/v1/auth/invitations/{second}/").status_code == 200


# --- e-mails speak the recipient's language, one language per message -----------------------

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
FIRM_A = "Firm FIRM-A 物业"  # the firm's own name, in whatever script it was written
URL = re.compile(r"https?://\S+")


def _message_text(message: mail.EmailMessage, *names: str) -> str:
    """Subject and body without the link and the names, which keep their own script."""
    text = f"{message.subject}\n{message.body}"
    assert URL.search(text), text
    text = URL.sub("", text)
    for name in (FIRM_A, *names):
        text = text.replace(name, "")
    return text


def _chinese_only(text: str) -> None:
    assert CJK.search(text), text
    assert not LATIN_WORD.search(text), text


def _english_only(text: str) -> None:
    assert LATIN_WORD.search(text), text
    assert not CJK.search(text), text


def _set_language(schema: str, email: str, language: str) -> None:
    with schema_context(schema):
        User.objects.filter(email=email).update(language=language)


def test_an_invitation_is_chinese_only_by_default_whatever_the_sender_speaks(
    cast, django_capture_on_commit_callbacks
) -> None:
    _set_language(cast.a.schema, cast.a.admin.email, "en")
    admin = login(cast.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = admin.post(
            "/api/v1/users/",
            {"email": "lin@firm-a.test", "full_name": "林晓", "role": "staff"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert created.status_code == 201
    (message,) = mail.outbox
    assert message.subject == "邀请您加入 Firm FIRM-A 物业（邻里）"
    assert message.body.startswith("林晓：\n")
    assert "7 天内有效" in message.body
    _chinese_only(_message_text(message, "林晓"))


def test_an_invitation_to_a_user_who_chose_english_is_english_only(
    cast, django_capture_on_commit_callbacks
) -> None:
    admin = login(cast.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = admin.post(
            "/api/v1/users/", {"email": "ann@firm-a.test", "full_name": "Ann Lee", "role": "staff"}
        )
    _set_language(cast.a.schema, "ann@firm-a.test", "en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        resent = admin.post(f"/api/v1/users/{created.json()['id']}/resend-invitation/")
    assert resent.status_code == 200
    (message,) = mail.outbox
    assert message.subject == "Invitation to Firm FIRM-A 物业 on Linli"
    assert message.body.startswith("Hello Ann Lee,\n")
    assert "(valid for 7 days)" in message.body
    _english_only(_message_text(message, "Ann Lee"))


def test_a_password_reset_mail_is_in_the_users_language_only(cast) -> None:
    client = client_at(cast.a.host)
    client.post("/api/v1/auth/password-reset/", {"email": cast.a.staff.email})
    _set_language(cast.a.schema, cast.a.manager.email, "en")
    client.post(
        "/api/v1/auth/password-reset/", {"email": cast.a.manager.email}, HTTP_ACCEPT_LANGUAGE="zh"
    )
    chinese, english = mail.outbox
    assert "24 小时内有效" in chinese.body
    _chinese_only(_message_text(chinese))
    assert english.subject == "Reset your password — Firm FIRM-A 物业"
    assert "(valid for 24 hours)" in english.body
    _english_only(_message_text(english))
