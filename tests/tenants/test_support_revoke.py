"""Revoking support access keeps who granted it (issue #14 §5): the revoker is recorded beside
the granter, never over them, and the audit log names both; grants revoked before that was kept
are split by the migration (the revoker moves to `revoked_by`, the granter is restored from the
pre-approval that gave it, else left unknown)."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import RoleGrant, User
from tenants.models import Firm, SupportGrant
from tenants.support import support_approve, support_preapprove, support_request, support_revoke
from tests.helpers import PASSWORD, Person, login

pytestmark = pytest.mark.django_db

FIRM = "/api/v1/support/grants/"
LOG = "/api/v1/audit/events/"


def _second_admin(cast) -> Person:
    email = "admin2@firm-a.test"
    with schema_context(cast.a.schema):
        user = User.objects.create_user(email, PASSWORD, full_name="第二管理员")
        RoleGrant.objects.create(user=user, role="firm_admin")
    return Person(email=email, role="firm_admin", host=cast.a.host, schema=cast.a.schema)


def _asked(cast, hours: int = 4) -> SupportGrant:
    with schema_context("public"):
        firm = Firm.objects.get(schema_name=cast.a.schema)
        root = User.objects.get(email=cast.platform_admin.email)
        return support_request(firm=firm, by=root, reason="核对导入数据", hours=hours)


def test_a_revoke_by_another_admin_keeps_who_granted_it(cast) -> None:
    grant = _asked(cast)
    other = _second_admin(cast)
    granter = cast.a.admin.user
    assert login(cast.a.admin).post(f"{FIRM}{grant.pk}/approve/").status_code == 200
    response = login(other).post(f"{FIRM}{grant.pk}/revoke/")
    assert response.status_code == 200, response.content

    grant.refresh_from_db()
    revoker = other.user
    assert (grant.decided_by_id, grant.decided_by_name) == (granter.pk, granter.email)
    assert (grant.revoked_by_id, grant.revoked_by_name) == (revoker.pk, "第二管理员")
    assert grant.status == "revoked" and grant.revoked_at is not None


def test_the_audit_log_names_the_granter_and_the_revoker(cast) -> None:
    grant = _asked(cast)
    other = _second_admin(cast)
    granter, revoker = cast.a.admin.user, other.user
    firm = grant.firm
    support_approve(firm=firm, grant_id=grant.pk, by=granter)
    support_revoke(firm=firm, grant_id=grant.pk, by=revoker)

    entries = login(cast.a.admin).get(LOG, {"kind": "support_access"}).json()["results"]
    mine = {e["action"]: e for e in entries if e["object_id"] == grant.pk}
    assert set(mine) == {"requested", "granted", "revoked"}
    assert (mine["granted"]["actor_id"], mine["granted"]["actor_name"]) == (
        granter.pk,
        granter.email,
    )
    assert (mine["revoked"]["actor_id"], mine["revoked"]["actor_name"]) == (
        revoker.pk,
        "第二管理员",
    )
    # each of them, as an actor filter, finds their own moment only
    by_revoker = login(cast.a.admin).get(LOG, {"kind": "support_access", "actor": revoker.pk})
    assert [e["action"] for e in by_revoker.json()["results"]] == ["revoked"]


def _split() -> None:
    module = importlib.import_module("tenants.migrations.0007_support_grant_revoked_by")
    module.split_revoker_from_granter(apps, None)


def test_the_migration_moves_an_old_revoker_out_of_decided_by(cast) -> None:
    """Rows revoked before `revoked_by` existed: the revoker sits in `decided_by`."""
    grant = _asked(cast)
    now = timezone.now()
    SupportGrant.objects.filter(pk=grant.pk).update(
        status="revoked",
        decided_at=now - timedelta(hours=1),
        expires_at=now + timedelta(hours=3),
        revoked_at=now,
        decided_by_id=77,
        decided_by_name="撤销人",
    )
    _split()
    grant.refresh_from_db()
    assert (grant.revoked_by_id, grant.revoked_by_name) == (77, "撤销人")
    assert (grant.decided_by_id, grant.decided_by_name) == (None, "")  # unknown, not the revoker


def test_the_migration_restores_the_granter_from_the_preapproval(cast) -> None:
    granter = cast.a.admin.user
    with schema_context("public"):
        firm = Firm.objects.get(schema_name=cast.a.schema)
    support_preapprove(firm=firm, by=granter, max_hours=8, days=7)
    grant = _asked(cast)
    assert grant.status == "active" and grant.preapproval_id is not None
    SupportGrant.objects.filter(pk=grant.pk).update(
        status="revoked", revoked_at=timezone.now(), decided_by_id=77, decided_by_name="撤销人"
    )
    _split()
    grant.refresh_from_db()
    assert (grant.revoked_by_id, grant.revoked_by_name) == (77, "撤销人")
    assert (grant.decided_by_id, grant.decided_by_name) == (granter.pk, granter.email)


def test_the_migration_leaves_grants_that_were_not_revoked(cast) -> None:
    grant = _asked(cast)
    support_approve(firm=grant.firm, grant_id=grant.pk, by=cast.a.admin.user)
    _split()
    grant.refresh_from_db()
    assert grant.decided_by_id == cast.a.admin.user.pk and grant.revoked_by_id is None
