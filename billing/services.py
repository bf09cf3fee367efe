"""Every billing write. Stripe is the source of truth: handlers fetch the current object from
Stripe (through `gateway`) while holding the firm's account row, so an event that arrives late
can never put back an older state."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from core.clock import now as clock_now
from tenants.models import Firm

from . import gateway
from .choices import ActionKind, CollectionMethod, EventState, SubscriptionStatus
from .exceptions import (
    AlreadySubscribed,
    InvoiceNotOpen,
    NoCustomer,
    PriceUnknown,
)
from .models import BillingAccount, BillingAction, CataloguePrice, Invoice, WebhookEvent
from .policies import LIVE_STATUSES, graduated_amount, quantity_due

logger = logging.getLogger(__name__)

HANDLED = frozenset(
    {
        "checkout.session.completed",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "customer.subscription.trial_will_end",
        "invoice.paid",
        "invoice.payment_failed",
        "invoice.finalized",
    }
)


def _ts(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


# --- the account ------------------------------------------------------------------------------


def account_ensure(*, firm: Firm) -> BillingAccount:
    """The firm's account, created on first use with the local trial (from the firm's start)."""
    account = BillingAccount.objects.filter(firm=firm).first()
    if account is not None:
        return account
    start = firm.created_at or clock_now()
    try:
        with transaction.atomic():
            return BillingAccount.objects.create(
                firm=firm,
                trial_ends_at=start + timedelta(days=settings.BILLING_TRIAL_DAYS),
                grace_days=settings.BILLING_GRACE_DAYS,
                currency=settings.BILLING_CURRENCY,
            )
    except IntegrityError:  # created concurrently
        return BillingAccount.objects.get(firm=firm)


def _locked(account: BillingAccount) -> BillingAccount:
    return BillingAccount.objects.select_for_update().get(pk=account.pk)


def units_count(*, firm: Firm) -> int:
    from estates.models import Unit

    with schema_context(firm.schema_name):
        return Unit.objects.count()


def _customer_ensure(account: BillingAccount) -> str:
    if account.stripe_customer_id:
        return account.stripe_customer_id
    firm = account.firm
    customer = gateway.customer_create(
        firm_id=firm.pk,
        schema=firm.schema_name,
        name=firm.name,
        email=firm.admin_email or firm.contact_email,
    )
    account.stripe_customer_id = customer["id"]
    account.save(update_fields=["stripe_customer_id", "updated_at"])
    return customer["id"]


def _price(lookup_key: str) -> CataloguePrice:
    price = CataloguePrice.objects.filter(lookup_key=lookup_key, active=True).first()
    if price is None:
        raise PriceUnknown(fields={"price": [PriceUnknown.default_detail]})
    return price


# --- checkout and portal: only ever for the firm's own customer --------------------------------


def checkout_start(*, firm: Firm, price_key: str, success_url: str, cancel_url: str) -> str:
    """A Checkout session (mode subscription, quantity = units managed) for this firm's own
    customer; the rest of a local trial carries over as the subscription's trial."""
    with transaction.atomic():  # the customer is kept even if the session call fails
        account = _locked(account_ensure(firm=firm))
        if account.stripe_subscription_id and account.status in LIVE_STATUSES:
            raise AlreadySubscribed()
        price = _price(price_key)
        customer = _customer_ensure(account)
    now = clock_now()
    units = units_count(firm=firm)
    trial_end = None
    # Stripe wants a trial end at least 48 hours ahead
    if account.trial_ends_at and account.trial_ends_at > now + timedelta(hours=49):
        trial_end = int(account.trial_ends_at.timestamp())
    session = gateway.checkout_session_create(
        customer=customer,
        price=price.stripe_price_id,
        quantity=max(units, 1),
        firm_id=firm.pk,
        success_url=success_url,
        cancel_url=cancel_url,
        trial_end=trial_end,
    )
    BillingAccount.objects.filter(pk=account.pk).update(units_counted=units, units_counted_at=now)
    return str(session["url"])


def portal_open(*, firm: Firm, return_url: str) -> str:
    account = account_ensure(firm=firm)
    if not account.stripe_customer_id:
        raise NoCustomer()
    session = gateway.portal_session_create(
        customer=account.stripe_customer_id, return_url=return_url
    )
    return str(session["url"])


@transaction.atomic
def invoicing_details_set(*, firm: Firm, data: dict[str, str]) -> BillingAccount:
    """The firm's invoicing (开票) details for the fapiao, which is issued outside Stripe."""
    account = _locked(account_ensure(firm=firm))
    fields = [
        "fapiao_title",
        "fapiao_tax_id",
        "fapiao_address",
        "fapiao_phone",
        "fapiao_bank",
        "fapiao_bank_account",
        "fapiao_email",
    ]
    for name in fields:
        if name in data:
            setattr(account, name, data[name].strip())
    account.save(update_fields=[*fields, "updated_at"])
    return account


# --- webhooks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    event: WebhookEvent
    created: bool


def webhook_receive(*, payload: bytes, signature: str | None) -> Received:
    """Check the signature (Stripe's library), store the event once by its id and queue its
    processing after commit. Raises stripe.SignatureVerificationError / ValueError."""
    event = gateway.event_construct(payload=payload, signature=signature)
    data = json.loads(payload)
    obj = (data.get("data") or {}).get("object") or {}
    with transaction.atomic():
        row, created = WebhookEvent.objects.get_or_create(
            event_id=event.id,
            defaults={
                "type": str(event.type)[:100],
                "object_id": str(obj.get("id") or "")[:255],
                "stripe_created": _ts(event.created) or clock_now(),
                "payload": data,
                "state": EventState.RECEIVED if event.type in HANDLED else EventState.IGNORED,
            },
        )
        if created and row.state == EventState.RECEIVED:
            from .tasks import process_event

            pk = row.pk
            transaction.on_commit(lambda: process_event.delay(pk))
    return Received(row, created)


def event_process(*, event_pk: int) -> str:
    """Apply one stored event by fetching the current object from Stripe. Idempotent: a
    processed event is not processed again; a failure leaves it `received` for a retry."""
    with transaction.atomic():
        event = WebhookEvent.objects.select_for_update().filter(pk=event_pk).first()
        if event is None or event.state != EventState.RECEIVED:
            return "skipped"
        event.attempts += 1
        account = _apply(event)
        event.account = account
        event.state = EventState.PROCESSED if account is not None else EventState.IGNORED
        event.processed_at = clock_now()
        event.error = "" if account is not None else "no account for this customer"
        event.save(update_fields=["attempts", "account", "state", "processed_at", "error"])
        return str(event.state)


def _account_for_customer(customer: Any) -> BillingAccount | None:
    """The account of this customer, locked until the event's transaction ends: one firm's
    events are handled one after another, each fetching from Stripe after the one before."""
    customer_id = _customer_id(customer)
    if not customer_id:
        return None
    return BillingAccount.objects.select_for_update().filter(stripe_customer_id=customer_id).first()


def _apply(event: WebhookEvent) -> BillingAccount | None:
    obj = (event.payload.get("data") or {}).get("object") or {}
    kind = event.type
    if kind == "checkout.session.completed":
        session = gateway.checkout_session_retrieve(event.object_id)
        account = _account_for_customer(session.get("customer"))
        subscription = session.get("subscription")
        sub_id = _customer_id(subscription)
        if account is not None and sub_id:
            subscription_refresh(account=account, subscription_id=sub_id)
        return account
    if kind.startswith("customer.subscription."):
        account = _account_for_customer(obj.get("customer"))
        if account is None:
            return None
        subscription_refresh(account=account, subscription_id=event.object_id)
        if kind == "customer.subscription.trial_will_end":
            _tell_firm(account, "trial_will_end")
        return account
    if kind.startswith("invoice."):
        account = _account_for_customer(obj.get("customer"))
        if account is None:
            return None
        invoice = invoice_refresh(account=account, invoice_id=event.object_id)
        sub_id = _invoice_subscription(invoice)
        if sub_id:
            subscription_refresh(account=account, subscription_id=sub_id)
        if kind == "invoice.payment_failed":
            _tell_firm(account, "payment_failed")
        return account
    return None


def _invoice_subscription(invoice: dict[str, Any]) -> str:
    """The invoice's subscription id: `parent.subscription_details.subscription` in current
    API versions, `subscription` in older ones."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    sub = details.get("subscription") or invoice.get("subscription")
    return _customer_id(sub)


def subscription_refresh(*, account: BillingAccount, subscription_id: str) -> BillingAccount:
    """Fetch the subscription from Stripe under the account's row lock and keep its current
    state. Concurrent handlers of one firm run one after another, each fetching later than the
    one before, so what is stored only moves forward."""
    with transaction.atomic():
        account = _locked(account)
        sub = gateway.subscription_retrieve(subscription_id)
        if _customer_id(sub.get("customer")) != account.stripe_customer_id:
            logger.warning("subscription %s is not firm %s's", subscription_id, account.firm_id)
            return account
        status = str(sub["status"])
        if (
            account.stripe_subscription_id
            and account.stripe_subscription_id != sub["id"]
            and account.status in LIVE_STATUSES
            and status not in LIVE_STATUSES
        ):
            return account  # an old subscription's news does not replace the live one
        now = clock_now()
        items = list((sub.get("items") or {}).get("data") or [])
        item = items[0] if items else None
        account.stripe_subscription_id = sub["id"]
        account.stripe_item_id = item["id"] if item is not None else ""
        if item is not None:
            account.quantity_sent = item.get("quantity") or 0
            price = item.get("price") or {}
            account.price_lookup_key = price.get("lookup_key") or account.price_lookup_key
            period_end = item.get("current_period_end") or sub.get("current_period_end")
            account.current_period_end = _ts(period_end)
        if status == SubscriptionStatus.PAST_DUE:
            account.past_due_since = account.past_due_since or now
        else:
            account.past_due_since = None
        if status != account.status and status == SubscriptionStatus.PAST_DUE:
            transaction.on_commit(lambda: _tell_firm(account, "past_due"))
        account.status = status
        account.cancel_at_period_end = bool(sub.get("cancel_at_period_end"))
        account.collection_method = str(sub.get("collection_method") or account.collection_method)
        account.days_until_due = sub.get("days_until_due")
        account.currency = str(sub.get("currency") or account.currency)
        account.monthly_amount = _monthly(account)
        account.synced_at = now
        account.save()
        return account


def _customer_id(value: Any) -> str:
    """The id of a reference that may be expanded (a dict) or not (a string)."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


def _monthly(account: BillingAccount) -> int:
    if account.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE):
        return 0
    price = CataloguePrice.objects.filter(lookup_key=account.price_lookup_key).first()
    if price is None or not account.quantity_sent:
        return 0
    amount = graduated_amount(tiers=price.tiers, quantity=account.quantity_sent)
    return amount // 12 if price.interval == "year" else amount


def invoice_refresh(*, account: BillingAccount, invoice_id: str) -> dict[str, Any]:
    invoice = gateway.invoice_retrieve(invoice_id)
    if _customer_id(invoice.get("customer")) != account.stripe_customer_id:
        return invoice
    lines = (invoice.get("lines") or {}).get("data") or []
    period = (lines[0].get("period") or {}) if lines else {}
    Invoice.objects.update_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "account": account,
            "number": invoice.get("number") or "",
            "status": invoice.get("status") or "",
            "collection_method": invoice.get("collection_method") or "",
            "currency": invoice.get("currency") or account.currency,
            "amount_due": invoice.get("amount_due") or 0,
            "amount_paid": invoice.get("amount_paid") or 0,
            "amount_remaining": invoice.get("amount_remaining") or 0,
            "hosted_invoice_url": invoice.get("hosted_invoice_url") or "",
            "invoice_pdf": invoice.get("invoice_pdf") or "",
            "due_date": _ts(invoice.get("due_date")),
            "period_start": _ts(period.get("start")),
            "period_end": _ts(period.get("end")),
            "stripe_created": _ts(invoice.get("created")),
        },
    )
    return invoice


def _tell_firm(account: BillingAccount, what: str) -> None:
    """An e-mail to the firm's admin address (in Chinese, the firm's language of record)."""
    firm = account.firm
    to = firm.admin_email or firm.contact_email
    if not to:
        return
    with translation.override("zh-hans"):
        subjects = {
            "past_due": _("邻里平台订阅付款失败"),
            "payment_failed": _("邻里平台账单付款失败"),
            "trial_will_end": _("邻里平台试用即将结束"),
        }
        body = _(
            "%(firm)s：请登录邻里平台的“账单”页面处理订阅付款。欠费期间业主服务照常，"
            "管理功能在宽限期后变为只读。"
        ) % {"firm": firm.name}
        send_mail(subjects[what], body, None, [to], fail_silently=True)


# --- quantity ---------------------------------------------------------------------------------


def quantity_sync(*, firm: Firm, now: datetime | None = None) -> BillingAccount:
    """Count the firm's units and send the count as the subscription item's quantity when due
    (policies.quantity_due: at most once a day unless it grew by more than 5 %)."""
    now = now or clock_now()
    units = units_count(firm=firm)
    with transaction.atomic():
        account = _locked(account_ensure(firm=firm))
        account.units_counted, account.units_counted_at = units, now
        send = (
            account.stripe_subscription_id
            and account.stripe_item_id
            and account.status in LIVE_STATUSES
            and quantity_due(
                counted=units, sent=account.quantity_sent, sent_at=account.quantity_sent_at, now=now
            )
        )
        if send:
            gateway.subscription_quantity_set(
                subscription_id=account.stripe_subscription_id,
                item_id=account.stripe_item_id,
                quantity=max(units, 1),
                proration=settings.BILLING_PRORATION_BEHAVIOR,
                key=f"linli-qty-{account.stripe_subscription_id}-{units}-{now:%Y%m%d}",
            )
            account.quantity_sent, account.quantity_sent_at = max(units, 1), now
            account.monthly_amount = _monthly(account)
        account.save()
        return account


# --- the platform admin -----------------------------------------------------------------------


@transaction.atomic
def collection_set(
    *,
    account: BillingAccount,
    method: str,
    days_until_due: int | None,
    price_key: str,
    by: Any,
) -> BillingAccount:
    """Choose how a firm pays. With a subscription: update it in Stripe. Without one and
    send_invoice: create the subscription with invoices due after `days_until_due` days."""
    account = _locked(account)
    if account.stripe_subscription_id and account.status in LIVE_STATUSES:
        gateway.subscription_collection_set(
            subscription_id=account.stripe_subscription_id,
            collection_method=method,
            days_until_due=days_until_due,
        )
    elif method == CollectionMethod.SEND_INVOICE:
        price = _price(price_key)
        customer = _customer_ensure(account)
        units = units_count(firm=account.firm)
        sub = gateway.subscription_create_invoiced(
            customer=customer,
            price=price.stripe_price_id,
            quantity=max(units, 1),
            days_until_due=days_until_due or 30,
            firm_id=account.firm_id,
        )
        account.stripe_subscription_id = sub["id"]
        account.save(update_fields=["stripe_subscription_id", "updated_at"])
    account.collection_method = method
    account.days_until_due = days_until_due if method == CollectionMethod.SEND_INVOICE else None
    account.save(update_fields=["collection_method", "days_until_due", "updated_at"])
    BillingAction.objects.create(
        account=account,
        kind=ActionKind.COLLECTION,
        by=by,
        detail={"collection_method": method, "days_until_due": account.days_until_due},
    )
    if account.stripe_subscription_id:
        subscription_refresh(account=account, subscription_id=account.stripe_subscription_id)
    return account


@transaction.atomic
def invoice_paid_out_of_band(*, invoice: Invoice, by: Any, reference: str, note: str) -> Invoice:
    """A bank transfer the platform admin received: the Stripe invoice is marked paid out of
    band, and who recorded it, with the bank reference, is kept."""
    account = _locked(invoice.account)
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != "open":
        raise InvoiceNotOpen()
    gateway.invoice_pay_out_of_band(invoice.stripe_invoice_id)
    invoice_refresh(account=account, invoice_id=invoice.stripe_invoice_id)
    Invoice.objects.filter(pk=invoice.pk).update(paid_out_of_band=True)
    BillingAction.objects.create(
        account=account,
        kind=ActionKind.PAID_OUT_OF_BAND,
        by=by,
        detail={"invoice": invoice.stripe_invoice_id, "reference": reference},
        note=note,
    )
    if account.stripe_subscription_id:
        subscription_refresh(account=account, subscription_id=account.stripe_subscription_id)
    invoice.refresh_from_db()
    return invoice


@transaction.atomic
def extension_grant(
    *, account: BillingAccount, until: datetime, by: Any, note: str
) -> BillingAccount:
    """A platform admin's manual extension or comp: not locked before `until` (audited)."""
    account = _locked(account)
    account.extended_until = until
    account.save(update_fields=["extended_until", "updated_at"])
    BillingAction.objects.create(
        account=account,
        kind=ActionKind.EXTENSION,
        by=by,
        detail={"until": until.isoformat()},
        note=note,
    )
    return account
