"""The subscription's quantity follows the units managed: after an import and nightly, at most
once a day unless the count grew by more than 5 %."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from billing.models import BillingAccount
from billing.policies import quantity_due
from billing.services import account_ensure, quantity_sync
from tenants.models import Firm

pytestmark = pytest.mark.django_db


def _subscribed(cast, standin, *, quantity: int = 4) -> tuple[Firm, BillingAccount, dict]:
    firm = Firm.objects.get(schema_name=cast.a.schema)
    account = account_ensure(firm=firm)
    standin.customers["cus_a"] = {"id": "cus_a"}
    sub = standin.subscription_make(customer="cus_a", price="price_m", quantity=quantity)
    BillingAccount.objects.filter(pk=account.pk).update(
        stripe_customer_id="cus_a",
        stripe_subscription_id=sub["id"],
        stripe_item_id=sub["items"]["data"][0]["id"],
        status="active",
        quantity_sent=quantity,
        quantity_sent_at=timezone.now() - timedelta(hours=2),
    )
    return firm, BillingAccount.objects.get(pk=account.pk), sub


def _add_units(cast, count: int) -> None:
    from estates import services
    from estates.models import Building

    with schema_context(cast.a.schema):
        building = Building.objects.filter(estate_id=cast.a.estates["A2"]).get()
        for i in range(count):
            services.unit_create(
                building=building, number=f"9{i:02d}", floor=9, area=Decimal("50.00")
            )


@pytest.mark.parametrize(
    ("counted", "sent", "hours_ago", "due"),
    [
        (100, None, None, True),  # never sent
        (100, 100, 30, False),  # unchanged
        (101, 100, 2, False),  # +1 %, sent 2 h ago: wait for the day
        (101, 100, 25, True),  # +1 %, a day has passed
        (106, 100, 2, True),  # +6 %: at once
        (105, 100, 2, False),  # exactly +5 % is not more than 5 %
        (90, 100, 2, False),  # fewer: once a day
    ],
)
def test_when_the_count_is_sent(counted, sent, hours_ago, due) -> None:
    now = timezone.now()
    sent_at = now - timedelta(hours=hours_ago) if hours_ago is not None else None
    assert quantity_due(counted=counted, sent=sent, sent_at=sent_at, now=now) is due


def test_a_big_import_is_sent_at_once_with_the_configured_proration(
    cast, stripe_standin, settings
) -> None:
    settings.BILLING_PRORATION_BEHAVIOR = "always_invoice"
    firm, account, sub = _subscribed(cast, stripe_standin)
    _add_units(cast, 3)  # 4 -> 7 units

    quantity_sync(firm=firm)

    call = stripe_standin.calls_to("POST", f"/v1/subscriptions/{sub['id']}")[0]
    assert call.params == {
        "items": [{"id": account.stripe_item_id, "quantity": "7"}],
        "proration_behavior": "always_invoice",
    }
    assert call.headers["idempotency-key"].startswith(f"linli-qty-{sub['id']}-7-")
    account.refresh_from_db()
    assert (account.units_counted, account.quantity_sent) == (7, 7)
    assert stripe_standin.subscriptions[sub["id"]]["items"]["data"][0]["quantity"] == 7


def test_a_small_change_waits_for_the_day(cast, stripe_standin) -> None:
    firm, account, _sub = _subscribed(cast, stripe_standin, quantity=100)
    BillingAccount.objects.filter(pk=account.pk).update(quantity_sent=4)
    _add_units(cast, 0)

    quantity_sync(firm=firm)

    assert stripe_standin.calls_to("POST", "/v1/subscriptions/") == []
    account.refresh_from_db()
    assert account.units_counted == 4 and account.units_counted_at is not None


def test_without_a_subscription_the_count_is_kept_but_nothing_is_sent(cast, stripe_standin) -> None:
    firm = Firm.objects.get(schema_name=cast.a.schema)

    account = quantity_sync(firm=firm)

    assert account.units_counted == 4
    assert stripe_standin.calls == []


def test_a_finished_import_queues_the_sync_for_its_firm(cast, stripe_standin, monkeypatch) -> None:
    """The Celery signal after `estates.run_import` sends the sync for the import's schema."""
    from billing import apps, tasks

    sent: list[str] = []
    monkeypatch.setattr(tasks.quantity_sync_after_import, "delay", sent.append)

    class Request:
        headers = {"_schema_name": cast.a.schema}

    class ImportTask:
        name = "estates.run_import"
        request = Request()

    apps._after_import(sender=ImportTask(), result="done")
    apps._after_import(sender=ImportTask(), result="failed")

    assert sent == [cast.a.schema]
    _firm, account, _sub = _subscribed(cast, stripe_standin)
    _add_units(cast, 2)
    tasks.quantity_sync_after_import(cast.a.schema)
    account.refresh_from_db()
    assert account.quantity_sent == 6


def test_the_summary_shows_the_count_and_when_it_was_sent(cast, stripe_standin) -> None:
    from tests.helpers import login

    firm, _account, _sub = _subscribed(cast, stripe_standin)
    _add_units(cast, 3)
    quantity_sync(firm=firm)

    body = login(cast.a.admin).get("/api/v1/billing/").json()

    assert body["units_counted"] == 7
    assert body["quantity_sent"] == 7
    assert body["quantity_sent_at"] is not None
