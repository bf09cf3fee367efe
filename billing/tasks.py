"""Thin Celery tasks: fetch, call a service. They run in the public schema."""

from __future__ import annotations

import logging

from celery import shared_task
from django_tenants.utils import schema_context

from tenants.models import Firm

from .exceptions import BillingUnavailable
from .services import event_process, quantity_sync

logger = logging.getLogger(__name__)


@shared_task(
    name="billing.process_event",
    acks_late=True,
    bind=True,
    max_retries=8,
    default_retry_delay=30,
)
def process_event(self, event_pk: int) -> str:  # type: ignore[no-untyped-def]
    """Apply a stored Stripe event (sent after the webhook's transaction committed)."""
    with schema_context("public"):
        try:
            return event_process(event_pk=event_pk)
        except BillingUnavailable as exc:
            raise self.retry(exc=exc) from exc


@shared_task(name="billing.sync_quantity", acks_late=True)
def sync_quantity(firm_id: int) -> str:
    with schema_context("public"):
        firm = Firm.objects.filter(pk=firm_id).first()
        if firm is None:
            return "missing"
        try:
            return str(quantity_sync(firm=firm).quantity_sent)
        except BillingUnavailable:
            logger.warning("quantity sync of firm %s: Stripe unavailable", firm_id)
            return "unavailable"


@shared_task(name="billing.sync_quantities_all_firms")
def sync_quantities_all_firms() -> int:
    """Nightly: every firm's unit count (quantity_sync sends it when due)."""
    with schema_context("public"):
        ids = list(Firm.objects.values_list("pk", flat=True))
    for firm_id in ids:
        sync_quantity.delay(firm_id)
    return len(ids)


@shared_task(name="billing.sync_quantity_after_import")
def quantity_sync_after_import(schema_name: str) -> str:
    with schema_context("public"):
        firm = Firm.objects.filter(schema_name=schema_name).first()
    return sync_quantity(firm.pk) if firm is not None else "missing"
