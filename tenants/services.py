"""Firm onboarding, provisioning and suspension.

Onboarding is three short transactions so its progress is visible and a failure leaves
nothing half-made:

1. `firm_onboard` writes the Firm row as `pending` (unique slug: a concurrent duplicate is a
   409, a retry of a failed slug reuses the row).
2. `firm_provision` (`provisioning.py`, which the `provision_firm` task also calls) creates
   the schema (by cloning the kept-migrated template, or by running migrations), the domain and
   the first firm admin with an invitation, and marks the firm `ready` — all in ONE
   transaction. PostgreSQL DDL is transactional, so an error anywhere rolls the schema back too.
3. On failure the firm is marked `failed` with the reason; a retry with the same slug runs
   provisioning again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from core.db import current_schema
from outbox.services import outbox_send

from .choices import FirmStatus, ProvisioningStatus
from .exceptions import FirmOffboarding, InvalidFirm, ProvisioningFailed, SlugTaken
from .models import Domain, Firm, Offboarding
from .policies import schema_name_for, slug_problem
from .provisioning import firm_provision as firm_provision
from .provisioning import url_for_firm as url_for_firm
from .tasks import provision_firm

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FirmInput:
    name: str
    slug: str
    admin_email: str
    admin_name: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def _validate(data: FirmInput) -> None:
    fields: dict[str, list[str]] = {}
    if problem := slug_problem(data.slug):
        fields["slug"] = [problem]
    if not data.name.strip():
        fields["name"] = [_("请填写公司名称。")]
    if "@" not in data.admin_email:
        fields["admin_email"] = [_("请填写有效的邮箱。")]
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
        raise InvalidFirm(_("只能在平台站点开通物业公司。"))
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
        if provision == "task":  # an outbox row: sent after commit, kept if the broker is down
            outbox_send(task=provision_firm.name, args=[firm.pk])
    if provision == "now":
        firm = firm_provision(firm_id=firm.pk)
        if firm.provisioning_status == ProvisioningStatus.FAILED:
            raise ProvisioningFailed(firm.provisioning_error)
    return firm


@transaction.atomic
def firm_set_status(*, firm: Firm, status: str) -> Firm:
    if firm.schema_name == "public":
        raise InvalidFirm(_("不能暂停平台本身。"))
    if firm.status == FirmStatus.DELETED or Offboarding.objects.filter(firm=firm).exists():
        raise FirmOffboarding()
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
