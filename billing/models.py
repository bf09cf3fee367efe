"""Billing records (public schema): one account per firm mirroring its Stripe customer and
subscription, the invoices, the webhook events as received, the catalogue's prices and what
platform admins did. Stripe is the source of truth; these rows are what was last fetched."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import ActionKind, CollectionMethod, EventState, Interval, SubscriptionStatus


class BillingAccount(models.Model):
    """A firm's billing: its Stripe customer, its one subscription (last state fetched from
    Stripe), the units counted and sent as the quantity, and its invoicing (发票) details."""

    firm = models.OneToOneField("tenants.Firm", on_delete=models.PROTECT, related_name="billing")
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True)
    stripe_item_id = models.CharField(max_length=255, blank=True)
    price_lookup_key = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=20, choices=SubscriptionStatus.choices, default=SubscriptionStatus.NONE
    )
    # the local trial before any subscription (a new firm's 30 days)
    trial_ends_at = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    past_due_since = models.DateTimeField(null=True, blank=True)
    grace_days = models.PositiveSmallIntegerField(default=14)
    # a platform admin's audited extension: not locked before this moment whatever the status
    extended_until = models.DateTimeField(null=True, blank=True)
    collection_method = models.CharField(
        max_length=30,
        choices=CollectionMethod.choices,
        default=CollectionMethod.CHARGE_AUTOMATICALLY,
    )
    days_until_due = models.PositiveSmallIntegerField(null=True, blank=True)
    # the quantity: units counted, what was last sent to Stripe and when
    units_counted = models.PositiveIntegerField(default=0)
    units_counted_at = models.DateTimeField(null=True, blank=True)
    quantity_sent = models.PositiveIntegerField(null=True, blank=True)
    quantity_sent_at = models.DateTimeField(null=True, blank=True)
    monthly_amount = models.BigIntegerField(default=0)  # in the currency's minor unit
    currency = models.CharField(max_length=3, default="cny")
    # when the state was last fetched from Stripe
    synced_at = models.DateTimeField(null=True, blank=True)
    # invoicing (开票) details for the fapiao, issued outside Stripe
    fapiao_title = models.CharField(max_length=200, blank=True)  # 发票抬头
    fapiao_tax_id = models.CharField(max_length=20, blank=True)  # 纳税人识别号
    fapiao_address = models.CharField(max_length=200, blank=True)
    fapiao_phone = models.CharField(max_length=30, blank=True)
    fapiao_bank = models.CharField(max_length=100, blank=True)
    fapiao_bank_account = models.CharField(max_length=40, blank=True)
    fapiao_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["firm_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_customer_id"],
                condition=~models.Q(stripe_customer_id=""),
                name="billing_one_account_per_customer",
            ),
            models.UniqueConstraint(
                fields=["stripe_subscription_id"],
                condition=~models.Q(stripe_subscription_id=""),
                name="billing_one_account_per_subscription",
            ),
        ]

    def __str__(self) -> str:
        return f"billing of firm {self.firm_id} ({self.status})"


class Invoice(models.Model):
    """A Stripe invoice of a firm, as last fetched (not a 发票: fapiao are issued elsewhere)."""

    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="invoices")
    stripe_invoice_id = models.CharField(max_length=255, unique=True)
    number = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, blank=True)
    collection_method = models.CharField(max_length=30, blank=True)
    currency = models.CharField(max_length=3, default="cny")
    amount_due = models.BigIntegerField(default=0)
    amount_paid = models.BigIntegerField(default=0)
    amount_remaining = models.BigIntegerField(default=0)
    hosted_invoice_url = models.URLField(max_length=1000, blank=True)
    invoice_pdf = models.URLField(max_length=1000, blank=True)
    due_date = models.DateTimeField(null=True, blank=True)
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    paid_out_of_band = models.BooleanField(default=False)
    stripe_created = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-stripe_created", "-id"]

    def __str__(self) -> str:
        return self.number or self.stripe_invoice_id


class WebhookEvent(models.Model):
    """A Stripe event as received: stored once by its id (a replay finds it and does nothing);
    processed after the response by `billing.process_event`."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255, blank=True)
    stripe_created = models.DateTimeField()
    payload = models.JSONField()
    state = models.CharField(max_length=20, choices=EventState.choices, default=EventState.RECEIVED)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    account = models.ForeignKey(
        BillingAccount, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["state", "received_at"])]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class CataloguePrice(models.Model):
    """A price of the catalogue as created in Stripe by `billing_sync_catalogue`."""

    lookup_key = models.CharField(max_length=100, unique=True)
    stripe_price_id = models.CharField(max_length=255)
    stripe_product_id = models.CharField(max_length=255)
    interval = models.CharField(max_length=10, choices=Interval.choices)
    currency = models.CharField(max_length=3)
    tiers = models.JSONField(default=list)  # [{"up_to": int|None, "unit_amount": int}]
    active = models.BooleanField(default=True)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["interval", "lookup_key"]

    def __str__(self) -> str:
        return self.lookup_key


class BillingAction(models.Model):
    """What a platform admin did to a firm's billing: the audit trail."""

    account = models.ForeignKey(BillingAccount, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=30, choices=ActionKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    detail = models.JSONField(default=dict)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.account_id}"
