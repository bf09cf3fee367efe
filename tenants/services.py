"""Firm onboarding, provisioning and suspension.

Onboarding is three short transactions so its progress is visible and a failure leaves
nothing half-made:

1. `firm_onboard` writes the Firm row as `pending` (unique slug: a concurrent duplicate is a
   409, a retry of a failed slug reuses the row).
2. `firm_provision` creates the schema (by cloning the kept-migrated template, or by running
   migrations), the domain and the first firm admin with an invitation, and marks the firm
   `ready` — all in ONE transaction. PostgreSQL DDL is transactional, so an error anywhere
   rolls the schema back too.
3. On failure the firm is marked `failed` with the reason; a retry with the same slug runs
   provisioning again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tenants.utils import schema_context, schema_exists

from accounts.choices import Role
from accounts.services import invitation_issue, user_create
from core.db import current_schema, use_public_schema

from .choices import FirmStatus, ProvisioningStatus
from .exceptions import FirmNotFound, InvalidFirm, ProvisioningFailed, SlugTaken
from .models import Domain, Firm
from .policies import firm_host, firm_url, schema_name_for, slug_problem

logger = logging.getLogger(__name__)
FAILED_MESSAGE = "开通失败，已回滚，可重试。 Provisioning failed and was rolled back:"


@dataclass(frozen=True)
class FirmInput:
    name: str
    slug: str
    admin_email: str
    admin_name: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def url_for_firm(firm: Firm) -> str:
    return firm_url(
        firm.slug,
        base_domain=settings.BASE_DOMAIN,
        scheme=settings.SITE_SCHEME,
        port=settings.SITE_PORT,
    )


def _validate(data: FirmInput) -> None:
    fields: dict[str, list[str]] = {}
    if problem := slug_problem(data.slug):
        fields["slug"] = [problem]
    if not data.name.strip():
        fields["name"] = ["请填写公司名称。 The firm's name is required."]
    if "@" not in data.admin_email:
        fields["admin_email"] = ["请填写有效的邮箱。 Enter a valid e-mail address."]
    if fields:
        raise InvalidFirm(fields=fields)


def firm_onboard(*, data: FirmInput, provision: str = "now") -> Firm:
    """Register a firm and provision it.

    provision: "now" runs provisioning in this process (CLI); "task" queues the Celery task
    after commit (API); "none" only writes the pending row (tests).
    Raises InvalidFirm (400), SlugTaken (409), ProvisioningFailed (when provision="now").
    """
    _validate(data)
    if current_schema() != "public":
        raise InvalidFirm("Firms are onboarded from the platform (public) site only.")
    with transaction.atomic():
        existing = Firm.all_objects.select_for_update().filter(slug=data.slug).first()
        if existing is not None and existing.provisioning_status != ProvisioningStatus.FAILED:
            raise SlugTaken(fields={"slug": [SlugTaken.default_detail]})
        firm = existing or Firm(slug=data.slug, schema_name=schema_name_for(data.slug))
        firm.name = data.name.strip()
        firm.admin_email = data.admin_email.strip().lower()
        firm.admin_name = data.admin_name.strip()
        firm.contact_name = data.contact_name.strip()
        firm.contact_email = data.contact_email.strip()
        firm.contact_phone = data.contact_phone.strip()
        firm.provisioning_status = ProvisioningStatus.PENDING
        firm.provisioning_error = ""
        try:
            with transaction.atomic():
                firm.save()
        except IntegrityError as exc:  # a concurrent onboarding won the race
            raise SlugTaken(fields={"slug": [SlugTaken.default_detail]}) from exc
        if provision == "task":
            from .tasks import provision_firm

            firm_id = firm.pk
            transaction.on_commit(lambda: provision_firm.delay(firm_id))
    if provision == "now":
        firm = firm_provision(firm_id=firm.pk)
        if firm.provisioning_status == ProvisioningStatus.FAILED:
            raise ProvisioningFailed(firm.provisioning_error)
    return firm


def _create_schema_and_admin(firm: Firm) -> None:
    """Inside the caller's transaction: schema, domain, first admin with invitation."""
    if schema_exists(firm.schema_name):
        # Only a schema left by something outside Linli can be here (ours roll back).
        raise ProvisioningFailed(f"Schema {firm.schema_name} already exists.")
    firm.create_schema(check_if_exists=False, sync_schema=True, verbosity=0)
    Domain.objects.create(
        domain=firm_host(firm.slug, settings.BASE_DOMAIN), tenant=firm, is_primary=True
    )
    with schema_context(firm.schema_name):
        admin = user_create(email=firm.admin_email, full_name=firm.admin_name, role=Role.FIRM_ADMIN)
        invitation_issue(
            user=admin, invited_by=None, base_url=url_for_firm(firm), firm_name=firm.name
        )


def firm_provision(*, firm_id: int) -> Firm:
    """Create the firm's schema and first admin. Idempotent: a ready firm is returned as is.
    Never raises for provisioning errors: the firm comes back `failed` with the reason."""
    try:
        with transaction.atomic():
            firm = Firm.all_objects.select_for_update().get(pk=firm_id)
            if firm.provisioning_status == ProvisioningStatus.READY:
                return firm
            _create_schema_and_admin(firm)
            firm.provisioning_status = ProvisioningStatus.READY
            firm.provisioned_at = timezone.now()
            firm.provisioning_error = ""
            firm.save(update_fields=["provisioning_status", "provisioned_at", "provisioning_error"])
    except Firm.DoesNotExist as exc:
        raise FirmNotFound() from exc
    except Exception as exc:
        use_public_schema()
        logger.exception("Provisioning firm %s failed", firm_id)
        reason = exc.detail if isinstance(exc, ProvisioningFailed) else type(exc).__name__
        Firm.all_objects.filter(pk=firm_id).update(
            provisioning_status=ProvisioningStatus.FAILED,
            provisioning_error=f"{FAILED_MESSAGE} {reason}",
        )
        return Firm.all_objects.get(pk=firm_id)
    finally:
        use_public_schema()
    return firm


@transaction.atomic
def firm_set_status(*, firm: Firm, status: str) -> Firm:
    if firm.schema_name == "public":
        raise InvalidFirm("The platform itself cannot be suspended.")
    firm.status = status
    firm.save(update_fields=["status", "updated_at"])
    return firm


def public_tenant_ensure() -> Firm:
    """The public schema's own Firm row and the BASE_DOMAIN domain (platform console)."""
    with schema_context("public"), transaction.atomic():
        firm, _ = Firm.all_objects.get_or_create(
            schema_name="public",
            defaults={
                "name": "Linli 平台",
                "slug": "public",
                "provisioning_status": ProvisioningStatus.READY,
                "status": FirmStatus.ACTIVE,
            },
        )
        Domain.objects.get_or_create(
            domain=settings.BASE_DOMAIN, defaults={"tenant": firm, "is_primary": True}
        )
        return firm
