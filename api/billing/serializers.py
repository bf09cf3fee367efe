from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from billing.choices import CollectionMethod, SubscriptionStatus
from billing.models import BillingAccount, BillingAction, CataloguePrice, Invoice


class PriceSerializer(serializers.ModelSerializer[CataloguePrice]):
    class Meta:
        model = CataloguePrice
        fields = ["lookup_key", "interval", "currency", "tiers"]
        read_only_fields = fields


class InvoiceSerializer(serializers.ModelSerializer[Invoice]):
    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "status",
            "collection_method",
            "currency",
            "amount_due",
            "amount_paid",
            "amount_remaining",
            "hosted_invoice_url",
            "invoice_pdf",
            "due_date",
            "period_start",
            "period_end",
            "paid_out_of_band",
            "stripe_created",
        ]
        read_only_fields = fields


class InvoicingDetailsSerializer(serializers.ModelSerializer[BillingAccount]):
    """The firm's invoicing (开票) details, for the fapiao issued outside Stripe."""

    fapiao_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    fapiao_tax_id = serializers.RegexField(
        r"^[0-9A-Z]{15,20}$", required=False, allow_blank=True, max_length=20
    )
    fapiao_address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    fapiao_phone = serializers.RegexField(
        r"^\+?[0-9 -]{5,30}$", required=False, allow_blank=True, max_length=30
    )
    fapiao_bank = serializers.CharField(max_length=100, required=False, allow_blank=True)
    fapiao_bank_account = serializers.RegexField(
        r"^[0-9 ]{6,40}$", required=False, allow_blank=True, max_length=40
    )
    fapiao_email = serializers.EmailField(required=False, allow_blank=True)

    class Meta:
        model = BillingAccount
        fields = [
            "fapiao_title",
            "fapiao_tax_id",
            "fapiao_address",
            "fapiao_phone",
            "fapiao_bank",
            "fapiao_bank_account",
            "fapiao_email",
        ]


class StandingSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices)
    banner = serializers.BooleanField()
    locked = serializers.BooleanField()
    grace_ends_at = serializers.DateTimeField(allow_null=True)


class BillingSummarySerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=SubscriptionStatus.choices)
    standing = StandingSerializer()
    plan = serializers.CharField(allow_blank=True)
    collection_method = serializers.ChoiceField(choices=CollectionMethod.choices)
    days_until_due = serializers.IntegerField(allow_null=True)
    trial_ends_at = serializers.DateTimeField(allow_null=True)
    current_period_end = serializers.DateTimeField(allow_null=True)
    cancel_at_period_end = serializers.BooleanField()
    has_customer = serializers.BooleanField()
    units_counted = serializers.IntegerField()
    units_counted_at = serializers.DateTimeField(allow_null=True)
    quantity_sent = serializers.IntegerField(allow_null=True)
    quantity_sent_at = serializers.DateTimeField(allow_null=True)
    next_invoice_estimate = serializers.IntegerField(allow_null=True)
    currency = serializers.CharField()
    prices = PriceSerializer(many=True)
    invoicing = InvoicingDetailsSerializer()


class CheckoutInputSerializer(serializers.Serializer[Any]):
    price = serializers.SlugField(max_length=100)


class SessionUrlSerializer(serializers.Serializer[Any]):
    url = serializers.URLField()


# --- platform -------------------------------------------------------------------------------


class PlatformAccountSerializer(serializers.ModelSerializer[BillingAccount]):
    firm_name = serializers.CharField(source="firm.name", read_only=True)
    firm_slug = serializers.CharField(source="firm.slug", read_only=True)
    firm_status = serializers.CharField(source="firm.status", read_only=True)
    locked = serializers.SerializerMethodField()
    open_invoices = serializers.SerializerMethodField()

    class Meta:
        model = BillingAccount
        fields = [
            "id",
            "firm_name",
            "firm_slug",
            "firm_status",
            "status",
            "locked",
            "price_lookup_key",
            "collection_method",
            "days_until_due",
            "trial_ends_at",
            "current_period_end",
            "past_due_since",
            "extended_until",
            "units_counted",
            "quantity_sent",
            "quantity_sent_at",
            "monthly_amount",
            "currency",
            "open_invoices",
            "fapiao_title",
            "fapiao_tax_id",
        ]
        read_only_fields = fields

    def get_locked(self, account: BillingAccount) -> bool:
        from billing.selectors import standing_of

        return standing_of(account).locked

    @extend_schema_field(InvoiceSerializer(many=True))
    def get_open_invoices(self, account: BillingAccount) -> list[dict[str, Any]]:
        rows = [i for i in account.invoices.all() if i.status == "open"]
        return list(InvoiceSerializer(rows, many=True).data)


class PlatformTotalsSerializer(serializers.Serializer[Any]):
    monthly_recurring_revenue = serializers.IntegerField()
    trials_ending_soon = serializers.IntegerField()
    past_due = serializers.IntegerField()
    locked = serializers.IntegerField()


class ActionSerializer(serializers.ModelSerializer[BillingAction]):
    class Meta:
        model = BillingAction
        fields = ["id", "kind", "detail", "note", "at"]
        read_only_fields = fields


class CollectionInputSerializer(serializers.Serializer[Any]):
    collection_method = serializers.ChoiceField(choices=CollectionMethod.choices)
    days_until_due = serializers.IntegerField(min_value=1, max_value=365, required=False)
    price = serializers.SlugField(max_length=100, required=False, default="linli_units_monthly")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["collection_method"] == CollectionMethod.SEND_INVOICE and not attrs.get(
            "days_until_due"
        ):
            raise serializers.ValidationError({"days_until_due": [_required()]})
        return attrs


def _required() -> str:
    from django.utils.translation import gettext as _

    return _("发送账单时须填写付款期限（天）。")


class OutOfBandInputSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField(max_length=100)  # the bank transfer's reference
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ExtensionInputSerializer(serializers.Serializer[Any]):
    until = serializers.DateTimeField()
    note = serializers.CharField(max_length=500)
