"""billing: the SHARED app (public schema) for the Stripe subscription of every firm: the
catalogue and its sync, accounts mirroring each firm's customer and subscription, invoices,
webhook events stored once by id, the quantity sync, the lapse standing the API gate reads and
the platform admin's audited actions. Every Stripe call goes through billing.gateway."""

from __future__ import annotations

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from celery.signals import task_success

        task_success.connect(_after_import, dispatch_uid="billing_quantity_after_import")


IMPORT_TASK = "estates.run_import"  # estates.importing.services.RUN_IMPORT


def _after_import(sender: object = None, result: object = None, **_: object) -> None:
    """After a finished import, queue the firm's quantity sync (a count that grew by more than
    5 % is sent at once; billing.policies.quantity_due). Units added one by one are counted by
    the nightly sync, which is as often as the once-a-day rule sends them anyway."""
    if getattr(sender, "name", None) != IMPORT_TASK or result != "done":
        return
    from tenant_schemas_celery.app import get_schema_name_from_task

    from .tasks import quantity_sync_after_import

    schema = get_schema_name_from_task(sender, {})
    if schema and schema != "public":
        quantity_sync_after_import.delay(schema)
