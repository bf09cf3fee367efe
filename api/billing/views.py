"""Billing: the firm's own subscription on its host; every firm's billing and the Stripe
webhook on the platform host."""

from __future__ import annotations

from typing import Any

import stripe
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import BILLING_MANAGE, PLATFORM_BILLING_MANAGE
from billing import selectors, services
from billing.models import BillingAccount, Invoice

from ..hosts import base_url
from .serializers import (
    ActionSerializer,
    BillingSummarySerializer,
    CheckoutInputSerializer,
    CollectionInputSerializer,
    ExtensionInputSerializer,
    InvoiceSerializer,
    InvoicingDetailsSerializer,
    OutOfBandInputSerializer,
    PlatformAccountSerializer,
    PlatformTotalsSerializer,
    SessionUrlSerializer,
)

UNAVAILABLE = OpenApiResponse(description="Stripe is not configured or not reachable")


def _firm(request: Request) -> Any:
    return request.tenant  # type: ignore[attr-defined]


def summary_data(account: BillingAccount) -> dict[str, Any]:
    standing = selectors.standing_of(account)
    return {
        "status": account.status,
        "standing": {
            "status": standing.status,
            "banner": standing.banner,
            "locked": standing.locked,
            "grace_ends_at": standing.grace_ends_at,
        },
        "plan": account.price_lookup_key,
        "collection_method": account.collection_method,
        "days_until_due": account.days_until_due,
        "trial_ends_at": account.trial_ends_at,
        "current_period_end": account.current_period_end,
        "cancel_at_period_end": account.cancel_at_period_end,
        "has_customer": bool(account.stripe_customer_id),
        "units_counted": account.units_counted,
        "units_counted_at": account.units_counted_at,
        "quantity_sent": account.quantity_sent,
        "quantity_sent_at": account.quantity_sent_at,
        "next_invoice_estimate": selectors.next_invoice_estimate(account),
        "currency": account.currency,
        "prices": selectors.prices(),
        "invoicing": account,
    }


class BillingSummaryView(APIView):
    """The firm's plan, status, units counted and sent, invoicing details and prices."""

    required_capabilities = {"*": BILLING_MANAGE}

    @extend_schema(responses={200: BillingSummarySerializer})
    def get(self, request: Request) -> Response:
        account = services.account_ensure(firm=_firm(request))
        return Response(BillingSummarySerializer(summary_data(account)).data)


class InvoicingDetailsView(APIView):
    required_capabilities = {"*": BILLING_MANAGE}

    @extend_schema(request=InvoicingDetailsSerializer, responses={200: InvoicingDetailsSerializer})
    def patch(self, request: Request) -> Response:
        data = InvoicingDetailsSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        account = services.invoicing_details_set(firm=_firm(request), data=data.validated_data)
        return Response(InvoicingDetailsSerializer(account).data)


class InvoiceListView(generics.ListAPIView[Invoice]):
    serializer_class = InvoiceSerializer
    required_capabilities = {"*": BILLING_MANAGE}

    def get_queryset(self) -> QuerySet[Invoice]:
        if getattr(self, "swagger_fake_view", False):
            return Invoice.objects.none()
        return selectors.invoices_of(services.account_ensure(firm=_firm(self.request)))


class CheckoutView(APIView):
    """A Stripe Checkout session for this firm's own customer (mode subscription, quantity =
    units managed). The answer is the URL to send the browser to."""

    required_capabilities = {"*": BILLING_MANAGE}

    @extend_schema(
        request=CheckoutInputSerializer,
        responses={200: SessionUrlSerializer, 409: OpenApiResponse(), 503: UNAVAILABLE},
    )
    def post(self, request: Request) -> Response:
        data = CheckoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        home = base_url(request)
        url = services.checkout_start(
            firm=_firm(request),
            price_key=data.validated_data["price"],
            success_url=f"{home}/billing?checkout=done",
            cancel_url=f"{home}/billing?checkout=cancelled",
        )
        return Response({"url": url})


class PortalView(APIView):
    """A Billing Portal session for this firm's own customer (cards, invoices, cancelling)."""

    required_capabilities = {"*": BILLING_MANAGE}

    @extend_schema(
        request=None,
        responses={200: SessionUrlSerializer, 409: OpenApiResponse(), 503: UNAVAILABLE},
    )
    def post(self, request: Request) -> Response:
        url = services.portal_open(firm=_firm(request), return_url=f"{base_url(request)}/billing")
        return Response({"url": url})


# --- the platform host ---------------------------------------------------------------------


class StripeWebhookView(APIView):
    """Stripe's events. The signature is checked with Stripe's library against the endpoint
    secret (bad or missing: 400, nothing stored); each event is stored once by its id (a replay
    answers 200 and does nothing more) and processed after the response by a task."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        request={"application/json": {"type": "object"}},
        responses={200: OpenApiResponse(description="stored (or already stored)"), 400: None},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        signature = request.META.get("HTTP_STRIPE_SIGNATURE")
        try:
            received = services.webhook_receive(payload=request.body, signature=signature)
        except (stripe.SignatureVerificationError, ValueError):
            return Response(
                {"code": "invalid_signature", "detail": _("签名无效。"), "fields": {}},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response({"received": True, "duplicate": not received.created})


class PlatformBillingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[BillingAccount]):
    """Every firm's billing for the platform admin, and the audited actions on it."""

    serializer_class = PlatformAccountSerializer
    required_capabilities = {"*": PLATFORM_BILLING_MANAGE}
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[BillingAccount]:
        return selectors.accounts_for_platform().prefetch_related(
            Prefetch("invoices", queryset=Invoice.objects.order_by("-stripe_created", "-id"))
        )

    @extend_schema(responses={200: PlatformTotalsSerializer})
    @action(detail=False, methods=["get"])
    def totals(self, request: Request) -> Response:
        totals = selectors.platform_totals()
        return Response(PlatformTotalsSerializer(totals).data)

    @extend_schema(responses={200: ActionSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def actions(self, request: Request, pk: str) -> Response:
        rows = selectors.actions_of(self.get_object())[:100]
        return Response(ActionSerializer(rows, many=True).data)

    @extend_schema(
        request=CollectionInputSerializer,
        responses={200: PlatformAccountSerializer, 503: UNAVAILABLE},
    )
    @action(detail=True, methods=["post"])
    def collection(self, request: Request, pk: str) -> Response:
        data = CollectionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = services.collection_set(
            account=self.get_object(),
            method=data.validated_data["collection_method"],
            days_until_due=data.validated_data.get("days_until_due"),
            price_key=data.validated_data["price"],
            by=request.user,
        )
        return Response(PlatformAccountSerializer(account).data)

    @extend_schema(request=ExtensionInputSerializer, responses={200: PlatformAccountSerializer})
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk: str) -> Response:
        data = ExtensionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = services.extension_grant(
            account=self.get_object(),
            until=data.validated_data["until"],
            note=data.validated_data["note"],
            by=request.user,
        )
        return Response(PlatformAccountSerializer(account).data)


class PlatformInvoiceViewSet(viewsets.GenericViewSet[Invoice]):
    """Record a bank transfer received against an open invoice (paid out of band)."""

    serializer_class = InvoiceSerializer
    required_capabilities = {"*": PLATFORM_BILLING_MANAGE}
    lookup_value_regex = r"\d+"
    queryset = Invoice.objects.all()

    @extend_schema(
        request=OutOfBandInputSerializer,
        responses={200: InvoiceSerializer, 409: OpenApiResponse(), 503: UNAVAILABLE},
    )
    @action(detail=True, methods=["post"], url_path="paid-out-of-band")
    def paid_out_of_band(self, request: Request, pk: str) -> Response:
        data = OutOfBandInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invoice = services.invoice_paid_out_of_band(
            invoice=self.get_object(),
            by=request.user,
            reference=data.validated_data["reference"],
            note=data.validated_data["note"],
        )
        return Response(InvoiceSerializer(invoice).data)
