"""billing: the SHARED app for plans, the Stripe customer/subscription mirror, webhook events and
entitlements. Empty until the billing issue: it exists so the layout is in place."""

from __future__ import annotations

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"
