"""Provisioning a registered firm: its schema, domain and first admin, in one transaction.

Its own module so that both `services.firm_onboard` (provision now, or queue the task) and
`tasks.provision_firm` (the queued run) import it: services -> tasks -> provisioning, no cycle.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from accounts.choices import Role
from accounts.services import invitation_issue, user_create
from core.db import use_public_schema

from .choices import ProvisioningStatus
from .exceptions import FirmNotFound, ProvisioningFailed
from .models import Domain, Firm
from .policies import firm_host, firm_url

logger = logging.getLogger(__name__)
# An operator's diagnostic kept on the row (like a log line), not a message for end users: the
# console shows its own translated label for the failed status.
FAILED_MESSAGE = "Provisioning failed and was rolled back:"


def url_for_firm(firm: Firm) -> str:
    return firm_url(
        firm.slug,
        base_domain=settings.BASE_DOMAIN,
        scheme=settings.SITE_SCHEME,
        port=settings.SITE_PORT,
    )


def _create_schema_and_admin(firm: Firm) -> None:
    """Inside the caller's transaction: schema, domain, first admin with invitation."""
    if schema_exists(firm.schema_name):
        # Only a schema left by something outside Linli can be here (ours roll back).
        message = _("数据库 schema %(schema)s 已存在。") % {"schema": firm.schema_name}
        raise ProvisioningFailed(message)
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
