"""Thin Celery tasks: fetch, call a service."""

from __future__ import annotations

from celery import shared_task

from .provisioning import firm_provision


@shared_task(name="tenants.provision_firm", acks_late=True)
def provision_firm(firm_id: int) -> str:
    return str(firm_provision(firm_id=firm_id).provisioning_status)
