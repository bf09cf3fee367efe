"""Billing reads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet, Sum

from core.clock import now as clock_now

from .choices import SubscriptionStatus
from .models import BillingAccount, BillingAction, CataloguePrice, Invoice
from .policies import Standing, graduated_amount, standing


def standing_of(account: BillingAccount | None, *, now: datetime | None = None) -> Standing:
    """Where the firm stands. No account yet: a firm that has never opened billing, unlocked."""
    if account is None:
        return Standing(SubscriptionStatus.NONE, False, False, None)
    return standing(
        status=account.status,
        past_due_since=account.past_due_since,
        grace_days=account.grace_days,
        trial_ends_at=account.trial_ends_at,
        extended_until=account.extended_until,
        now=now or clock_now(),
    )


def standing_for_firm(firm_id: int, *, now: datetime | None = None) -> Standing:
    return standing_of(BillingAccount.objects.filter(firm_id=firm_id).first(), now=now)


def prices() -> QuerySet[CataloguePrice]:
    return CataloguePrice.objects.filter(active=True).order_by("interval", "lookup_key")


def next_invoice_estimate(account: BillingAccount) -> int | None:
    """The next invoice at the units counted and the current price (minor unit), or None."""
    price = CataloguePrice.objects.filter(lookup_key=account.price_lookup_key).first()
    if price is None:
        return None
    quantity = max(account.units_counted or account.quantity_sent or 0, 1)
    return graduated_amount(tiers=price.tiers, quantity=quantity)


def invoices_of(account: BillingAccount) -> QuerySet[Invoice]:
    return account.invoices.all()


def accounts_for_platform() -> QuerySet[BillingAccount]:
    return BillingAccount.objects.select_related("firm").order_by("firm__name", "id")


def actions_of(account: BillingAccount) -> QuerySet[BillingAction]:
    return account.actions.all()


@dataclass(frozen=True)
class PlatformTotals:
    monthly_recurring_revenue: int
    trials_ending_soon: int
    past_due: int
    locked: int


def platform_totals(*, now: datetime | None = None) -> PlatformTotals:
    now = now or clock_now()
    accounts = list(BillingAccount.objects.all())
    mrr = BillingAccount.objects.aggregate(total=Sum("monthly_amount"))["total"] or 0
    week = now + timedelta(days=7)
    trials = sum(
        1
        for a in accounts
        if (
            a.status == SubscriptionStatus.NONE
            and a.trial_ends_at
            and now <= a.trial_ends_at <= week
        )
        or (
            a.status == SubscriptionStatus.TRIALING
            and a.current_period_end
            and a.current_period_end <= week
        )
    )
    past_due = sum(1 for a in accounts if a.status == SubscriptionStatus.PAST_DUE)
    locked = sum(1 for a in accounts if standing_of(a, now=now).locked)
    return PlatformTotals(int(mrr), trials, past_due, locked)
