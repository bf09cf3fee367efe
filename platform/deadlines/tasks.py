"""Thin Celery tasks. Beat runs `sweep_due_firms` every minute: one tenant-aware `sweep_firm`
per active firm whose next due moment has come (tenant-schemas-celery carries the schema), and
`sweep_all_firms` once a day as a safety net (one idle sweep per firm and day)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from tenants.fanout import for_each_active_firm

from .services import firm_sweep


@shared_task(name="deadlines.sweep_firm", acks_late=True)
def sweep_firm() -> dict[str, int]:
    return firm_sweep()


@shared_task(name="deadlines.sweep_due_firms")
def sweep_due_firms() -> int:
    return for_each_active_firm(sweep_firm, due_by=timezone.now())


@shared_task(name="deadlines.sweep_all_firms")
def sweep_all_firms() -> int:
    return for_each_active_firm(sweep_firm)
