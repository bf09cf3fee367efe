"""Billing routes on the platform host: Stripe's webhook and every firm's billing."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import PlatformBillingViewSet, PlatformInvoiceViewSet, StripeWebhookView

router = SimpleRouter()
router.register("platform/billing/accounts", PlatformBillingViewSet, basename="platform-billing")
router.register(
    "platform/billing/invoices", PlatformInvoiceViewSet, basename="platform-billing-invoice"
)
urlpatterns = [
    path("billing/webhooks/stripe/", StripeWebhookView.as_view(), name="billing-webhook-stripe"),
    *router.urls,
]
