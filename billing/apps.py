"""billing: the SHARED app (public schema) for the Stripe subscription of every firm: the
catalogue and its sync, accounts mirroring each firm's customer and subscription, invoices,
webhook events stored once by id, the quantity sync, the lapse standing the API gate reads and
the platform admin's audited actions. Every Stripe call goes through billing.gateway."""

from __future__ import annotations

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"
