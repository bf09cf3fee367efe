"""Billing routes on a firm host: the firm's own subscription."""

from __future__ import annotations

from django.urls import path

from .views import (
    BillingSummaryView,
    CheckoutView,
    InvoiceListView,
    InvoicingDetailsView,
    PortalView,
)

urlpatterns = [
    path("billing/", BillingSummaryView.as_view(), name="billing-summary"),
    path("billing/invoices/", InvoiceListView.as_view(), name="billing-invoices"),
    path("billing/invoicing/", InvoicingDetailsView.as_view(), name="billing-invoicing"),
    path("billing/checkout/", CheckoutView.as_view(), name="billing-checkout"),
    path("billing/portal/", PortalView.as_view(), name="billing-portal"),
]
