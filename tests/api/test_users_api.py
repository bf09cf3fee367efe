"""Firm users: the role matrix, invitations, deactivation. Denied means nothing changed."""

from __future__ import annotations

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
    assert anonymous.get("/api/v1/users/").status_code in (401, 403)
    assert anonymous.post("/api/v1/users/", {"email": "x@y.test", "role": "staff"}).status_code in (
        401,
        403,
    )
    b_admin = login(cast.b.admin)  # logged in at B; its cookie is for firm-b.localhost only
    b_admin.defaults["HTTP_HOST"] = cast.a.host
    assert b_admin.get("/api/v1/users/").status_code in (401, 403)
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
    assert staff_client.get("/api/v1/auth/me/").status_code in (401, 403)
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
        response = admin.get(f"/api/v1/users/{person.user.id}/")
        # ids repeat across schemas; whatever the id names at A, it is never B's person
        assert response.status_code in (200, 404)
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
