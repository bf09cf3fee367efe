"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from .provisioning import firm_provision


@shared_task(name="tenants.provision_firm", acks_late=True)
def provision_firm(firm_id: int) -> str:
    return str(firm_provision(firm_id=firm_id).provisioning_status)


@shared_task(name="tenants.offboarding_write", acks_late=True)
def offboarding_write(offboarding_id: int) -> str:
    """Sent through the outbox by the console's offboarding start (tenants.offboarding)."""
    from .offboarding import offboarding_write as write

    return str(write(offboarding_id=offboarding_id))
