"""The platform admin's billing: every firm, collection by invoice, bank transfers received
(paid out of band in Stripe) and extensions, each audited."""

from __future__ import annotations

import pytest

from billing.models import BillingAccount, BillingAction, Invoice
from billing.services import account_ensure
from tenants.models import Firm
from tests.helpers import login

pytestmark = pytest.mark.django_db
BASE = "/api/v1/platform/billing"


def _account(cast, standin, *, subscribed: bool) -> BillingAccount:
    account = account_ensure(firm=Firm.objects.get(schema_name=cast.a.schema))
    standin.customers["cus_a"] = {"id": "cus_a"}
    account.stripe_customer_id = "cus_a"
    if subscribed:
        sub = standin.subscription_make(customer="cus_a", price="price_m", quantity=4)
        account.stripe_subscription_id = sub["id"]
        account.status = "active"
    account.save()
    return account


def test_the_platform_lists_every_firms_billing_and_totals(cast, catalogue) -> None:
    account_ensure(firm=Firm.objects.get(schema_name=cast.a.schema))
    account_ensure(firm=Firm.objects.get(schema_name=cast.b.schema))
    client = login(cast.platform_admin)

    rows = client.get(f"{BASE}/accounts/").json()["results"]
    totals = client.get(f"{BASE}/accounts/totals/").json()

    assert {r["firm_slug"] for r in rows} >= {"firm-a", "firm-b"}
    assert set(totals) == {"monthly_recurring_revenue", "trials_ending_soon", "past_due", "locked"}


def test_firm_users_cannot_reach_the_platform_billing(cast, catalogue) -> None:
    assert login(cast.a.admin).get(f"{BASE}/accounts/").status_code == 404  # not on a firm host


def test_send_invoice_for_a_firm_without_a_subscription_creates_one_paid_by_invoice(
    cast, catalogue
) -> None:
    account = _account(cast, catalogue, subscribed=False)
    monthly = next(p for p in catalogue.prices.values() if p["lookup_key"] == "linli_units_monthly")

    response = login(cast.platform_admin).post(
        f"{BASE}/accounts/{account.pk}/collection/",
        {"collection_method": "send_invoice", "days_until_due": 45},
        format="json",
    )

    assert response.status_code == 200, response.content
    call = catalogue.calls_to("POST", "/v1/subscriptions")[0].params
    assert call == {
        "customer": "cus_a",
        "items": [{"price": monthly["id"], "quantity": "4"}],
        "collection_method": "send_invoice",
        "days_until_due": "45",
        "metadata": {"firm_id": str(account.firm_id)},
    }
    account.refresh_from_db()
    assert account.collection_method == "send_invoice"
    assert account.days_until_due == 45
    assert account.status == "active"
    action = BillingAction.objects.get(account=account)
    assert action.kind == "collection" and action.by_id is not None


def test_switching_an_existing_subscription_to_invoices_updates_it(cast, catalogue) -> None:
    account = _account(cast, catalogue, subscribed=True)

    login(cast.platform_admin).post(
        f"{BASE}/accounts/{account.pk}/collection/",
        {"collection_method": "send_invoice", "days_until_due": 30},
        format="json",
    )

    call = catalogue.calls_to("POST", f"/v1/subscriptions/{account.stripe_subscription_id}")[0]
    assert call.params == {"collection_method": "send_invoice", "days_until_due": "30"}


def test_send_invoice_needs_the_days_until_due(cast, catalogue) -> None:
    account = _account(cast, catalogue, subscribed=True)

    response = login(cast.platform_admin).post(
        f"{BASE}/accounts/{account.pk}/collection/",
        {"collection_method": "send_invoice"},
        format="json",
    )

    assert response.status_code == 400
    assert "days_until_due" in response.json()["fields"]
    assert catalogue.calls == []
    assert not BillingAction.objects.exists()


def test_a_bank_transfer_marks_the_stripe_invoice_paid_out_of_band(cast, catalogue) -> None:
    from billing.services import invoice_refresh

    account = _account(cast, catalogue, subscribed=True)
    stripe_invoice = catalogue.invoice_make(subscription=account.stripe_subscription_id)
    invoice_refresh(account=account, invoice_id=stripe_invoice["id"])
    row = Invoice.objects.get()

    response = login(cast.platform_admin).post(
        f"{BASE}/invoices/{row.pk}/paid-out-of-band/",
        {"reference": "ICBC-20261202-001", "note": "工行转账"},
        format="json",
    )

    assert response.status_code == 200, response.content
    pay = catalogue.calls_to("POST", f"/v1/invoices/{stripe_invoice['id']}/pay")[0]
    assert pay.params == {"paid_out_of_band": "true"}
    row.refresh_from_db()
    assert row.status == "paid" and row.paid_out_of_band is True
    action = BillingAction.objects.get(kind="paid_out_of_band")
    assert action.detail["reference"] == "ICBC-20261202-001"


def test_a_paid_invoice_cannot_be_paid_again(cast, catalogue) -> None:
    from billing.services import invoice_refresh

    account = _account(cast, catalogue, subscribed=True)
    stripe_invoice = catalogue.invoice_make(
        subscription=account.stripe_subscription_id, status="paid"
    )
    invoice_refresh(account=account, invoice_id=stripe_invoice["id"])

    response = login(cast.platform_admin).post(
        f"{BASE}/invoices/{Invoice.objects.get().pk}/paid-out-of-band/",
        {"reference": "x"},
        format="json",
    )

    assert response.status_code == 409
    assert catalogue.calls_to("POST", "/v1/invoices/") == []
    assert not BillingAction.objects.exists()


def test_an_extension_is_audited(cast, catalogue) -> None:
    account = _account(cast, catalogue, subscribed=False)

    response = login(cast.platform_admin).post(
        f"{BASE}/accounts/{account.pk}/extend/",
        {"until": "2027-01-31T00:00:00+08:00", "note": "疫情期间减免"},
        format="json",
    )

    assert response.status_code == 200
    account.refresh_from_db()
    assert account.extended_until.isoformat().startswith("2027-01-30T16:00")
    assert BillingAction.objects.get().note == "疫情期间减免"
    actions = login(cast.platform_admin).get(f"{BASE}/accounts/{account.pk}/actions/").json()
    assert [a["kind"] for a in actions] == ["extension"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/accounts/"),
        ("get", "/accounts/totals/"),
        ("post", "/accounts/1/collection/"),
        ("post", "/accounts/1/extend/"),
        ("post", "/invoices/1/paid-out-of-band/"),
    ],
)
def test_anonymous_callers_get_nothing_from_the_platform_billing(cast, db, method, path) -> None:
    from tests.helpers import client_at

    response = getattr(client_at("localhost"), method)(f"{BASE}{path}", {}, format="json")

    assert response.status_code in (401, 403)
    assert not BillingAction.objects.exists()
