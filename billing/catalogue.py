"""The catalogue (billing/catalogue.json) and its idempotent sync to Stripe.

One product, one price per interval with graduated tiers per unit. Stripe prices cannot change:
a price whose tiers, currency or interval differ from the file is replaced by a new one that
takes over its lookup key (`transfer_lookup_key`), and the old one is deactivated. Running the
sync twice changes nothing the second time."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from . import gateway
from .models import CataloguePrice

CATALOGUE = Path(__file__).with_name("catalogue.json")


def load(path: Path = CATALOGUE) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _tiers_of(price: Any) -> list[dict[str, int | None]]:
    return [
        {"up_to": t.get("up_to"), "unit_amount": t.get("unit_amount")}
        for t in (price.get("tiers") or [])
    ]


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    product: str = ""


def catalogue_sync(
    *, catalogue: dict[str, Any] | None = None, currency: str | None = None
) -> SyncReport:
    catalogue = catalogue or load()
    currency = (currency or settings.BILLING_CURRENCY).lower()
    report = SyncReport()
    spec = catalogue["product"]
    product = gateway.product_retrieve(spec["id"])
    if product is None:
        gateway.product_create(
            product_id=spec["id"], name=spec["name"], unit_label=spec["unit_label"]
        )
        report.product = "created"
    elif product.get("name") != spec["name"] or product.get("unit_label") != spec["unit_label"]:
        gateway.product_update(
            product_id=spec["id"], name=spec["name"], unit_label=spec["unit_label"]
        )
        report.product = "updated"
    else:
        report.product = "unchanged"
    wanted = {p["lookup_key"]: p for p in catalogue["prices"]}
    existing = {p.get("lookup_key"): p for p in gateway.prices_by_lookup_key(sorted(wanted))}
    for key, spec_price in wanted.items():
        tiers = [
            {"up_to": t["up_to"], "unit_amount": t["unit_amount"]} for t in spec_price["tiers"]
        ]
        current = existing.get(key)
        same = (
            current is not None
            and current.get("active")
            and current.get("currency") == currency
            and (current.get("recurring") or {}).get("interval") == spec_price["interval"]
            and current.get("product") == spec["id"]
            and _tiers_of(current) == tiers
        )
        if same:
            price: dict[str, Any] = current  # type: ignore[assignment]
            report.unchanged.append(key)
        else:
            price = gateway.price_create(
                product_id=spec["id"],
                lookup_key=key,
                nickname=spec_price["nickname"],
                currency=currency,
                interval=spec_price["interval"],
                tiers=tiers,
            )
            if current is not None:
                gateway.price_deactivate(current["id"])
                report.replaced.append(key)
            else:
                report.created.append(key)
        with transaction.atomic():
            CataloguePrice.objects.update_or_create(
                lookup_key=key,
                defaults={
                    "stripe_price_id": price["id"],
                    "stripe_product_id": spec["id"],
                    "interval": spec_price["interval"],
                    "currency": currency,
                    "tiers": tiers,
                    "active": True,
                },
            )
    CataloguePrice.objects.exclude(lookup_key__in=list(wanted)).update(active=False)
    return report
