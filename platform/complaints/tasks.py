"""Thin Celery tasks. The beat schedule runs `sweep_all_firms` every minute: it fans out one
tenant-aware task per active firm (tenant-schemas-celery carries the schema)."""

from __future__ import annotations

from celery import shared_task
from django_tenants.utils import schema_context

from . import services
from .hot_topics import refresh_hot_topics_all_firms, refresh_hot_topics_firm  # noqa: F401


@shared_task(name="complaints.sweep_firm", acks_late=True)
def sweep_firm() -> dict[str, int]:
    counts = services.sweep()
    counts["auto_closed"] = services.auto_close_sweep()
    return counts


@shared_task(name="complaints.sweep_all_firms")
def sweep_all_firms() -> int:
    from tenants.choices import FirmStatus
    from tenants.models import Firm

    sent = 0
    for schema in (
        Firm.objects.exclude(schema_name="public")
        .filter(status=FirmStatus.ACTIVE)
        .values_list("schema_name", flat=True)
    ):
        with schema_context(schema):
            sweep_firm.delay()
        sent += 1
    return sent
