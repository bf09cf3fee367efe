"""The catalogue command creates the product and the tiered prices in Stripe from the file,
and a second run changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from billing.models import CataloguePrice

pytestmark = pytest.mark.django_db


def test_the_first_sync_creates_the_product_and_graduated_prices(stripe_standin) -> None:
    out = StringIO()
    call_command("billing_sync_catalogue", stdout=out)

    assert "product: created" in out.getvalue()
    product = stripe_standin.calls_to("POST", "/v1/products")[0].params
    assert product == {
        "id": "linli_managed_units",
        "name": "邻里 Linli 物业管理平台（按在管房屋计费）",
        "unit_label": "套房屋",
    }
    prices = [c.params for c in stripe_standin.calls_to("POST", "/v1/prices")]
    monthly = next(p for p in prices if p["lookup_key"] == "linli_units_monthly")
    assert monthly["currency"] == "cny"
    assert monthly["product"] == "linli_managed_units"
    assert monthly["recurring"] == {"interval": "month", "usage_type": "licensed"}
    assert monthly["billing_scheme"] == "tiered"
    assert monthly["tiers_mode"] == "graduated"
    assert monthly["transfer_lookup_key"] == "true"
    assert monthly["tiers"] == [
        {"up_to": "2000", "unit_amount": "100"},
        {"up_to": "10000", "unit_amount": "80"},
        {"up_to": "inf", "unit_amount": "60"},
    ]
    assert set(CataloguePrice.objects.values_list("lookup_key", flat=True)) == {
        "linli_units_monthly",
        "linli_units_yearly",
    }


def test_a_second_sync_sends_no_write(stripe_standin) -> None:
    call_command("billing_sync_catalogue", stdout=StringIO())
    stripe_standin.calls.clear()
    out = StringIO()

    call_command("billing_sync_catalogue", stdout=out)

    assert [c for c in stripe_standin.calls if c.method == "POST"] == []
    assert "price linli_units_monthly: unchanged" in out.getvalue()


def test_changed_tiers_replace_the_price_and_move_its_lookup_key(stripe_standin) -> None:
    from billing.catalogue import catalogue_sync, load

    catalogue_sync()
    old = CataloguePrice.objects.get(lookup_key="linli_units_monthly").stripe_price_id
    changed = load()
    changed["prices"][0]["tiers"][0]["unit_amount"] = 120

    report = catalogue_sync(catalogue=changed)

    assert report.replaced == ["linli_units_monthly"]
    new = CataloguePrice.objects.get(lookup_key="linli_units_monthly")
    assert new.stripe_price_id != old
    assert new.tiers[0] == {"up_to": 2000, "unit_amount": 120}
    assert stripe_standin.prices[old]["active"] is False
