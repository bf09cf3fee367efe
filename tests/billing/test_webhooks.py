"""The Stripe webhook: Stripe's own signature check, each event stored once by id, processed
after the response by fetching the current object, so late and repeated events are harmless."""

from __future__ import annotations

import json
import random

import pytest

from billing.models import BillingAccount, WebhookEvent
from billing.services import account_ensure
from billing.tasks import process_event
from tenants.models import Firm
from tests.helpers import client_at

from .conftest import signed
from .standin import sign

pytestmark = pytest.mark.django_db
URL = "/api/v1/billing/webhooks/stripe/"


def _post(payload: bytes, signature: str | None, host: str = "localhost"):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client_at(host).post(URL, data=payload, content_type="application/json", **headers)


def _subscribed_account(
    standin, firm: Firm, *, status: str = "active"
) -> tuple[BillingAccount, dict]:
    account = account_ensure(firm=firm)
    customer = f"cus_firm{firm.pk}"
    standin.customers[customer] = {"id": customer}
    account.stripe_customer_id = customer
    account.save()
    sub = standin.subscription_make(customer=customer, price="price_m", quantity=4, status=status)
    return account, sub


def _process_all() -> None:
    for pk in (
        WebhookEvent.objects.filter(state="received").order_by("?").values_list("pk", flat=True)
    ):
        process_event.apply(args=[pk])


@pytest.fixture
def firm_a(cast) -> Firm:
    return Firm.objects.get(schema_name=cast.a.schema)


def test_a_forged_signature_is_a_400_and_nothing_is_stored(stripe_standin, firm_a) -> None:
    _, sub = _subscribed_account(stripe_standin, firm_a)
    payload, _sig = signed(stripe_standin.event("customer.subscription.updated", sub))

    forged = _post(payload, sign(payload, "whsec_someone_else"))
    missing = _post(payload, None)
    garbage = _post(payload, "t=1,v1=deadbeef")

    assert [forged.status_code, missing.status_code, garbage.status_code] == [400, 400, 400]
    assert forged.json()["code"] == "invalid_signature"
    assert WebhookEvent.objects.count() == 0


def test_a_payload_changed_after_signing_is_refused(stripe_standin, firm_a) -> None:
    _, sub = _subscribed_account(stripe_standin, firm_a)
    payload, signature = signed(stripe_standin.event("customer.subscription.updated", sub))
    tampered = payload.replace(b'"active"', b'"canceled"')

    assert _post(tampered, signature).status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_an_old_signature_timestamp_is_refused(stripe_standin, firm_a) -> None:
    _, sub = _subscribed_account(stripe_standin, firm_a)
    payload = json.dumps(stripe_standin.event("customer.subscription.updated", sub)).encode()

    response = _post(payload, sign(payload, "whsec_linli_test_secret", at=1_000_000_000))

    assert response.status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_the_webhook_is_only_on_the_platform_host(stripe_standin, cast) -> None:
    payload, signature = signed(stripe_standin.event("invoice.paid", {"id": "in_x"}))

    assert _post(payload, signature, host=cast.a.host).status_code == 404
    assert WebhookEvent.objects.count() == 0


def test_checkout_completed_makes_the_firm_active(stripe_standin, cast, catalogue, firm_a) -> None:
    from tests.helpers import login

    login(cast.a.admin).post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})
    session_id = next(iter(stripe_standin.sessions))
    session = stripe_standin.checkout_complete(session_id, status="trialing")
    clean = {k: v for k, v in session.items() if not k.startswith("_")}
    payload, signature = signed(stripe_standin.event("checkout.session.completed", clean))

    response = _post(payload, signature)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    _process_all()

    account = BillingAccount.objects.get(firm=firm_a)
    assert account.status == "trialing"
    assert account.stripe_subscription_id == session["subscription"]
    assert account.quantity_sent == 4
    assert account.price_lookup_key == "linli_units_monthly"
    # the handler fetched the session and the subscription from Stripe
    assert stripe_standin.calls_to("GET", f"/v1/checkout/sessions/{session_id}")
    assert stripe_standin.calls_to("GET", f"/v1/subscriptions/{session['subscription']}")


def test_a_replay_answers_200_and_has_no_second_effect(stripe_standin, firm_a) -> None:
    _, sub = _subscribed_account(stripe_standin, firm_a)
    payload, signature = signed(stripe_standin.event("customer.subscription.updated", sub))

    first = _post(payload, signature)
    _process_all()
    fetches = len(stripe_standin.calls_to("GET", "/v1/subscriptions/"))
    again = _post(payload, signature)
    _process_all()
    process_event.apply(args=[WebhookEvent.objects.get().pk])  # even a re-sent task

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["duplicate"] is True
    assert WebhookEvent.objects.count() == 1
    assert WebhookEvent.objects.get().attempts == 1
    assert len(stripe_standin.calls_to("GET", "/v1/subscriptions/")) == fetches


def test_an_older_update_arriving_late_does_not_overwrite_the_newer_state(
    stripe_standin, firm_a
) -> None:
    account, sub = _subscribed_account(stripe_standin, firm_a, status="past_due")
    old = stripe_standin.event("customer.subscription.updated", sub, created=1_700_000_000)
    sub["status"] = "active"  # paid since: Stripe's current state
    new = stripe_standin.event("customer.subscription.updated", sub, created=1_700_000_100)

    for event in (new, old):  # the older one arrives last
        _post(*signed(event))
        _process_all()

    account.refresh_from_db()
    assert account.status == "active"
    assert account.past_due_since is None


def test_an_event_for_an_unknown_customer_is_stored_and_ignored(stripe_standin, firm_a) -> None:
    sub = stripe_standin.subscription_make(customer="cus_stranger", price="p", quantity=1)
    _post(*signed(stripe_standin.event("customer.subscription.updated", sub)))
    _process_all()

    event = WebhookEvent.objects.get()
    assert event.state == "ignored"
    assert not BillingAccount.objects.filter(stripe_subscription_id=sub["id"]).exists()


def test_a_subscription_of_another_customer_never_lands_on_this_firm(
    stripe_standin, cast, firm_a
) -> None:
    account, _ = _subscribed_account(stripe_standin, firm_a)
    other = stripe_standin.subscription_make(customer="cus_other", price="p", quantity=9)
    event = stripe_standin.event("customer.subscription.updated", other)
    event["data"]["object"]["customer"] = account.stripe_customer_id  # a lying payload

    _post(*signed(event))
    _process_all()

    account.refresh_from_db()
    assert account.stripe_subscription_id == ""


def test_payment_failed_records_the_invoice_and_mails_the_firm(
    stripe_standin, firm_a, mailoutbox
) -> None:
    account, sub = _subscribed_account(stripe_standin, firm_a)
    sub["status"] = "past_due"
    invoice = stripe_standin.invoice_make(subscription=sub["id"])
    _post(*signed(stripe_standin.event("invoice.payment_failed", invoice)))
    _process_all()

    account.refresh_from_db()
    assert account.status == "past_due"
    assert account.past_due_since is not None
    row = account.invoices.get()
    assert (row.status, row.amount_due, row.number) == ("open", 10000, invoice["number"])
    assert row.invoice_pdf == invoice["invoice_pdf"]
    assert firm_a.admin_email in {to for m in mailoutbox for to in m.to}


def test_a_failing_stripe_leaves_the_event_for_a_retry(stripe_standin, firm_a) -> None:
    from billing.exceptions import BillingUnavailable
    from billing.services import event_process

    _account, sub = _subscribed_account(stripe_standin, firm_a)
    _post(*signed(stripe_standin.event("customer.subscription.updated", sub)))
    event = WebhookEvent.objects.get()
    stripe_standin.fail_next = 10

    with pytest.raises(BillingUnavailable):
        event_process(event_pk=event.pk)

    event.refresh_from_db()
    assert event.state == "received"
    stripe_standin.fail_next = 0
    assert event_process(event_pk=event.pk) == "processed"


def test_a_thousand_events_with_duplicates_in_any_order_end_in_the_right_state(
    stripe_standin, db
) -> None:
    """1,000 deliveries (20 % duplicates) of the events of 40 firms, shuffled: every firm ends
    in Stripe's final state."""
    rng = random.Random(12)
    firms = [
        Firm.all_objects.create(name=f"F{i}", slug=f"bulk-{i}", schema_name=f"bulk_{i}")
        for i in range(40)
    ]
    events: list[dict] = []
    subs = {}
    for firm in firms:
        _, sub = _subscribed_account(stripe_standin, firm, status="trialing")
        subs[firm.pk] = sub
        for step in range(19):
            sub["status"] = rng.choice(["trialing", "active", "past_due", "unpaid", "active"])
            kind = rng.choice(["customer.subscription.updated", "customer.subscription.created"])
            events.append(stripe_standin.event(kind, sub, created=1_700_000_000 + step))
        sub["status"] = rng.choice(["active", "past_due", "canceled"])  # where it ends
        events.append(stripe_standin.event("customer.subscription.updated", sub))
    assert len(events) == 800
    deliveries = events + rng.sample(events, 200)
    rng.shuffle(deliveries)
    assert len(deliveries) == 1000

    for event in deliveries:
        assert _post(*signed(event)).status_code == 200
    pks = list(WebhookEvent.objects.filter(state="received").values_list("pk", flat=True))
    rng.shuffle(pks)
    for pk in pks:
        process_event.apply(args=[pk])

    assert WebhookEvent.objects.count() == len({e["id"] for e in deliveries})
    for firm in firms:
        account = BillingAccount.objects.get(firm=firm)
        assert account.status == subs[firm.pk]["status"], firm.slug
