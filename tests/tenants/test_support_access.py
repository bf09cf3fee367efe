"""Support access (domain.md): a platform admin asks a firm with a reason and a bounded
duration; only that firm's admins see the request and grant, decline or revoke it; the record
is never deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import ProgrammingError, transaction
from django.utils import timezone

from tenants.models import Firm, SupportGrant
from tenants.support import support_active
from tests.helpers import login

pytestmark = pytest.mark.django_db

PLATFORM = "/api/v1/platform/support-grants/"
FIRM = "/api/v1/support/grants/"


def firm(slug: str) -> Firm:
    return Firm.objects.get(slug=slug)


def ask(cast, slug: str = "firm-a", hours: int = 4) -> dict:
    response = login(cast.platform_admin).post(
        PLATFORM, {"firm": firm(slug).pk, "reason": "协助导入小区数据", "hours": hours}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_platform_admin_asks_with_a_reason_and_the_firm_admin_sees_it_pending(cast) -> None:
    asked = ask(cast)
    assert asked["status"] == "pending" and asked["running"] is False
    listed = login(cast.a.admin).get(FIRM).json()["results"]
    assert [(g["id"], g["reason"], g["requested_by_email"]) for g in listed] == [
        (asked["id"], "协助导入小区数据", "root@linli.test")
    ]


def test_duration_is_bounded_and_a_reason_is_required(cast) -> None:
    client = login(cast.platform_admin)
    for payload, field in [
        ({"firm": firm("firm-a").pk, "reason": "x", "hours": 73}, "hours"),
        ({"firm": firm("firm-a").pk, "reason": "x", "hours": 0}, "hours"),
        ({"firm": firm("firm-a").pk, "reason": "  ", "hours": 4}, "reason"),
    ]:
        response = client.post(PLATFORM, payload)
        assert response.status_code == 400 and field in response.json()["fields"]
    assert client.post(PLATFORM, {"firm": 10**9, "reason": "x", "hours": 4}).status_code == 404
    assert SupportGrant.objects.count() == 0


def test_one_pending_request_per_firm(cast) -> None:
    ask(cast)
    response = login(cast.platform_admin).post(
        PLATFORM, {"firm": firm("firm-a").pk, "reason": "again", "hours": 2}
    )
    assert response.status_code == 409 and response.json()["code"] == "support_pending_exists"
    assert SupportGrant.objects.count() == 1


def test_firm_admin_grants_for_the_requested_hours_and_then_revokes(cast) -> None:
    asked = ask(cast, hours=6)
    admin = login(cast.a.admin)
    before = timezone.now()
    granted = admin.post(f"{FIRM}{asked['id']}/approve/").json()
    assert granted["status"] == "active" and granted["running"] is True
    expires = SupportGrant.objects.get(pk=asked["id"]).expires_at
    assert before + timedelta(hours=6) <= expires <= timezone.now() + timedelta(hours=6)
    root = cast.platform_admin.user
    assert support_active(firm=firm("firm-a"), user_id=root.pk) is not None

    revoked = admin.post(f"{FIRM}{asked['id']}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert support_active(firm=firm("firm-a"), user_id=root.pk) is None
    again = admin.post(f"{FIRM}{asked['id']}/revoke/")
    assert again.status_code == 409 and again.json()["code"] == "support_not_active"
    # the platform console sees the firm's answer
    seen = login(cast.platform_admin).get(f"{PLATFORM}{asked['id']}/").json()
    assert seen["status"] == "revoked" and seen["decided_by_name"]


def test_an_expired_grant_is_not_running_and_cannot_be_revoked(cast) -> None:
    asked = ask(cast, hours=1)
    admin = login(cast.a.admin)
    admin.post(f"{FIRM}{asked['id']}/approve/")
    SupportGrant.objects.filter(pk=asked["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    root = cast.platform_admin.user
    assert support_active(firm=firm("firm-a"), user_id=root.pk) is None
    response = admin.post(f"{FIRM}{asked['id']}/revoke/")
    assert response.status_code == 409
    assert SupportGrant.objects.get(pk=asked["id"]).status == "active"
    assert admin.get(FIRM).json()["results"][0]["running"] is False


def test_a_declined_request_cannot_be_granted_afterwards(cast) -> None:
    asked = ask(cast)
    admin = login(cast.a.admin)
    assert admin.post(f"{FIRM}{asked['id']}/decline/").json()["status"] == "declined"
    response = admin.post(f"{FIRM}{asked['id']}/approve/")
    assert response.status_code == 409 and response.json()["code"] == "support_not_pending"
    assert SupportGrant.objects.get(pk=asked["id"]).expires_at is None


@pytest.mark.parametrize("role", ["manager", "staff", "committee", "resident"])
def test_only_the_firm_admin_decides(cast, role: str) -> None:
    asked = ask(cast)
    client = login(getattr(cast.a, role))
    assert client.get(FIRM).status_code == 403
    for verb in ("approve", "decline", "revoke"):
        assert client.post(f"{FIRM}{asked['id']}/{verb}/").status_code == 403
    assert SupportGrant.objects.get(pk=asked["id"]).status == "pending"


def test_the_other_firm_neither_sees_nor_decides_it(cast) -> None:
    asked = ask(cast, "firm-a")
    other = login(cast.b.admin)
    assert other.get(FIRM).json()["results"] == []
    for verb in ("approve", "decline"):
        response = other.post(f"{FIRM}{asked['id']}/{verb}/")
        assert response.status_code == 404
    assert SupportGrant.objects.get(pk=asked["id"]).status == "pending"


def test_firm_users_cannot_ask_on_the_platform_host(cast) -> None:
    from tests.helpers import PUBLIC_HOST, client_at

    client = client_at(PUBLIC_HOST)
    response = client.post(PLATFORM, {"firm": firm("firm-a").pk, "reason": "x", "hours": 1})
    assert response.status_code in (401, 403)
    assert SupportGrant.objects.count() == 0


def test_the_record_cannot_be_deleted(cast) -> None:
    asked = ask(cast)
    with pytest.raises(ProgrammingError), transaction.atomic():
        SupportGrant.objects.filter(pk=asked["id"]).delete()
    assert SupportGrant.objects.filter(pk=asked["id"]).exists()
