"""Onboarding: validation, collisions, all-or-nothing, retry, the CLI."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context, schema_exists

from accounts.models import Invitation, RoleGrant, User
from tenants import provisioning, services
from tenants.exceptions import InvalidFirm, ProvisioningFailed, SlugTaken
from tenants.models import Domain, Firm
from tenants.services import FirmInput, firm_onboard

pytestmark = pytest.mark.django_db


def _input(slug: str = "acme-wy", **extra: str) -> FirmInput:
    return FirmInput(
        name="万家物业", slug=slug, admin_email="boss@acme.test", admin_name="老板", **extra
    )


def _table_set(schema: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "select table_name, column_name from information_schema.columns where table_schema=%s",
            [schema],
        )
        return set(cursor.fetchall())


def test_onboarding_creates_schema_domain_and_invited_admin(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        firm = firm_onboard(data=_input(), provision="now")

    assert firm.provisioning_status == "ready"
    assert schema_exists("firm_acme_wy")
    assert Domain.objects.get(tenant=firm).domain == "acme-wy.localhost"
    with schema_context(firm.schema_name):
        admin = User.objects.get(email="boss@acme.test")
        assert not admin.has_usable_password()
        assert RoleGrant.objects.get(user=admin).role == "firm_admin"
        assert Invitation.objects.filter(user=admin, accepted_at__isnull=True).count() == 1
    assert len(mail.outbox) == 1
    assert "http://acme-wy.localhost:8000/invite/" in mail.outbox[0].body


def test_cloned_schema_matches_a_migrated_one(settings) -> None:
    from tenants.management.commands.migrate import template_ensure

    template_ensure(settings.TENANT_BASE_SCHEMA)
    assert schema_exists(settings.TENANT_BASE_SCHEMA)
    settings.TENANT_CREATION_FAKES_MIGRATIONS = True
    cloned = firm_onboard(data=_input("cloned"), provision="now")
    settings.TENANT_CREATION_FAKES_MIGRATIONS = False
    migrated = firm_onboard(data=_input("migrated"), provision="now")
    assert _table_set(cloned.schema_name) == _table_set(migrated.schema_name)
    assert len(_table_set(cloned.schema_name)) > 20


@pytest.mark.parametrize("slug", ["www", "api", "admin", "public", "static"])
def test_reserved_slugs_are_refused_and_nothing_is_written(slug: str) -> None:
    before = Firm.all_objects.count()
    with pytest.raises(InvalidFirm) as exc:
        firm_onboard(data=_input(slug), provision="now")
    assert "slug" in exc.value.fields
    assert Firm.all_objects.count() == before


def test_a_taken_slug_is_a_conflict(cast) -> None:
    with pytest.raises(SlugTaken) as exc:
        firm_onboard(data=_input("firm-a"), provision="now")
    assert exc.value.status == 409
    assert Firm.all_objects.filter(slug="firm-a").count() == 1


def test_failure_leaves_no_schema_no_domain_and_a_visible_reason(
    monkeypatch, django_capture_on_commit_callbacks
) -> None:
    def explode(**kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(provisioning, "invitation_issue", explode)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ProvisioningFailed):
        firm_onboard(data=_input("half-made"), provision="now")

    firm = Firm.all_objects.get(slug="half-made")
    assert firm.provisioning_status == "failed"
    assert "rolled back" in firm.provisioning_error
    assert not schema_exists("firm_half_made")
    assert not Domain.objects.filter(domain="half-made.localhost").exists()
    assert not Firm.objects.filter(slug="half-made").exists()  # hidden from tenant iteration
    assert mail.outbox == []


def test_retry_after_failure_with_the_same_slug_succeeds(monkeypatch) -> None:
    real = provisioning.invitation_issue
    monkeypatch.setattr(
        provisioning, "invitation_issue", lambda **kw: (_ for _ in ()).throw(OSError())
    )
    with pytest.raises(ProvisioningFailed):
        firm_onboard(data=_input("retry-me"), provision="now")
    monkeypatch.setattr(provisioning, "invitation_issue", real)

    firm = firm_onboard(data=_input("retry-me"), provision="now")

    assert firm.provisioning_status == "ready"
    assert Firm.all_objects.filter(slug="retry-me").count() == 1
    assert schema_exists("firm_retry_me")


def test_provisioning_a_ready_firm_again_changes_nothing(cast) -> None:
    firm = Firm.objects.get(slug="firm-a")
    again = services.firm_provision(firm_id=firm.pk)
    assert again.provisioning_status == "ready"
    assert Domain.objects.filter(tenant=firm).count() == 1


def test_pending_onboarding_is_recorded_before_provisioning() -> None:
    firm = firm_onboard(data=_input("later"), provision="none")
    assert firm.provisioning_status == "pending"
    assert not schema_exists("firm_later")
    assert not Domain.objects.filter(tenant=firm).exists()


def test_create_firm_command_onboards_a_firm(capsys) -> None:
    call_command("create_firm", name="示例物业", slug="cli-firm", admin_email="cli@firm.test")
    assert "is ready at http://cli-firm.localhost:8000/" in capsys.readouterr().out
    assert Firm.objects.filter(slug="cli-firm").exists()


def test_create_firm_command_explains_a_bad_slug() -> None:
    with pytest.raises(CommandError, match="slug"):
        call_command("create_firm", name="x", slug="Bad_Slug", admin_email="a@b.test")
    assert not Firm.all_objects.filter(name="x").exists()


def test_create_platform_admin_command_needs_no_prompt(capsys) -> None:
    call_command("create_platform_admin", email="ops@linli.test", password="Str0ng-Pass-99")
    assert "Created platform admin ops@linli.test" in capsys.readouterr().out
    call_command("create_platform_admin", email="ops@linli.test", password="An0ther-Pass-99")
    assert User.objects.get(email="ops@linli.test").check_password("An0ther-Pass-99")
