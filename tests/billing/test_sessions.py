"""Checkout and Portal sessions: created server-side, for the firm's own customer only."""

from __future__ import annotations

import pytest
from django_tenants.utils import schema_context

from billing.models import BillingAccount
from tenants.models import Firm
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _firm(cast_firm) -> Firm:
    return Firm.objects.get(schema_name=cast_firm.schema)


def test_checkout_is_a_subscription_for_the_firms_own_customer_at_its_unit_count(
    cast, catalogue
) -> None:
    client = login(cast.a.admin)

    response = client.post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})

    assert response.status_code == 200, response.content
    account = BillingAccount.objects.get(firm=_firm(cast.a))
    customer = catalogue.calls_to("POST", "/v1/customers")[0]
    assert customer.params["metadata"] == {"firm_id": str(account.firm_id), "schema": cast.a.schema}
    assert customer.headers["idempotency-key"] == f"linli-customer-{account.firm_id}"
    session = catalogue.calls_to("POST", "/v1/checkout/sessions")[0].params
    price = catalogue.prices
    monthly = next(p for p in price.values() if p["lookup_key"] == "linli_units_monthly")
    assert session["mode"] == "subscription"
    assert session["customer"] == account.stripe_customer_id
    assert session["client_reference_id"] == str(account.firm_id)
    assert session["line_items"] == [{"price": monthly["id"], "quantity": "4"}]  # 2 estates x 2
    assert session["success_url"] == "http://firm-a.localhost/billing?checkout=done"
    assert session["cancel_url"] == "http://firm-a.localhost/billing?checkout=cancelled"
    # the rest of the local 30-day trial carries over
    assert int(session["subscription_data"]["trial_end"]) == int(account.trial_ends_at.timestamp())
    assert response.json()["url"].endswith("/checkout-page/" + next(iter(catalogue.sessions)))


def test_each_firm_gets_its_own_customer_and_never_anothers(cast, catalogue) -> None:
    login(cast.a.admin).post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})
    login(cast.b.admin).post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})

    a = BillingAccount.objects.get(firm=_firm(cast.a))
    b = BillingAccount.objects.get(firm=_firm(cast.b))
    sessions = [c.params["customer"] for c in catalogue.calls_to("POST", "/v1/checkout/sessions")]
    assert a.stripe_customer_id != b.stripe_customer_id
    assert sessions == [a.stripe_customer_id, b.stripe_customer_id]


def test_a_body_naming_another_firms_customer_changes_nothing(cast, catalogue) -> None:
    login(cast.b.admin).post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})
    b = BillingAccount.objects.get(firm=_firm(cast.b))
    catalogue.calls.clear()

    response = login(cast.a.admin).post(
        "/api/v1/billing/portal/", {"customer": b.stripe_customer_id}
    )

    assert response.status_code == 409  # firm A has no customer yet; B's id is ignored
    assert response.json()["code"] == "no_customer"
    assert catalogue.calls_to("POST", "/v1/billing_portal/sessions") == []


def test_the_portal_opens_for_the_firms_own_customer(cast, catalogue) -> None:
    client = login(cast.a.admin)
    client.post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})
    a = BillingAccount.objects.get(firm=_firm(cast.a))

    response = client.post("/api/v1/billing/portal/")

    assert response.status_code == 200
    call = catalogue.calls_to("POST", "/v1/billing_portal/sessions")[0].params
    assert call == {
        "customer": a.stripe_customer_id,
        "return_url": "http://firm-a.localhost/billing",
        "locale": "zh",
    }


@pytest.mark.parametrize("who", ["manager", "staff", "committee", "resident"])
def test_only_the_firm_admin_opens_sessions(cast, catalogue, who) -> None:
    client = login(getattr(cast.a, who))

    for path in ("/api/v1/billing/checkout/", "/api/v1/billing/portal/"):
        assert client.post(path, {"price": "linli_units_monthly"}).status_code == 403
    assert catalogue.calls == []
    assert not BillingAccount.objects.exclude(stripe_customer_id="").exists()


def test_billing_routes_are_not_on_the_platform_host_and_platform_routes_not_on_a_firm_host(
    cast, catalogue
) -> None:
    platform = login(cast.platform_admin)
    assert platform.post("/api/v1/billing/checkout/", {"price": "x"}).status_code == 404
    firm = login(cast.a.admin)
    assert firm.get("/api/v1/platform/billing/accounts/").status_code == 404
    assert firm.post("/api/v1/billing/webhooks/stripe/", {}).status_code == 404


def test_a_second_checkout_is_refused_while_subscribed(cast, catalogue) -> None:
    client = login(cast.a.admin)
    client.post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})
    with schema_context("public"):
        BillingAccount.objects.filter(firm=_firm(cast.a)).update(
            stripe_subscription_id="sub_x", status="active"
        )

    response = client.post("/api/v1/billing/checkout/", {"price": "linli_units_monthly"})

    assert response.status_code == 409
    assert response.json()["code"] == "already_subscribed"
    assert len(catalogue.calls_to("POST", "/v1/checkout/sessions")) == 1


def test_an_unknown_price_is_a_400_naming_the_field(cast, catalogue) -> None:
    response = login(cast.a.admin).post("/api/v1/billing/checkout/", {"price": "gold"})

    assert response.status_code == 400
    assert "price" in response.json()["fields"]
    assert catalogue.calls_to("POST", "/v1/checkout/sessions") == []


def test_without_stripe_configured_checkout_is_a_503(cast, settings) -> None:
    settings.STRIPE_SECRET_KEY = ""
    from billing.models import CataloguePrice

    CataloguePrice.objects.create(
        lookup_key="linli_units_monthly",
        stripe_price_id="price_x",
        stripe_product_id="p",
        interval="month",
        currency="cny",
    )

    response = login(cast.a.admin).post(
        "/api/v1/billing/checkout/", {"price": "linli_units_monthly"}
    )

    assert response.status_code == 503
    assert response.json()["code"] == "billing_unavailable"


def test_the_summary_shows_plan_units_and_invoicing_details(cast, catalogue) -> None:
    client = login(cast.a.admin)
    patch = client.patch(
        "/api/v1/billing/invoicing/",
        {"fapiao_title": "上海A物业有限公司", "fapiao_tax_id": "91310000MA1FL0XX1X"},
    )
    assert patch.status_code == 200, patch.content

    body = client.get("/api/v1/billing/").json()

    assert body["status"] == "none"
    assert body["standing"]["locked"] is False
    assert body["invoicing"]["fapiao_title"] == "上海A物业有限公司"
    assert {p["lookup_key"] for p in body["prices"]} == {
        "linli_units_monthly",
        "linli_units_yearly",
    }


def test_a_bad_tax_id_is_a_400_and_nothing_is_saved(cast, db) -> None:
    client = login(cast.a.admin)

    response = client.patch("/api/v1/billing/invoicing/", {"fapiao_tax_id": "abc"})

    assert response.status_code == 400
    assert "fapiao_tax_id" in response.json()["fields"]
    assert not BillingAccount.objects.exclude(fapiao_tax_id="").exists()
