"""Every call Linli makes to Stripe, and nothing else talks to Stripe.

The plain `stripe` library (16.x) through one `StripeClient`: the secret key and, when set,
`STRIPE_API_BASE` (tests point it at a local stand-in server) come from settings. Any Stripe
or network error becomes `BillingUnavailable` (503); the webhook tasks retry on it. Writes
that could be sent twice carry an idempotency key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings

from .exceptions import BillingUnavailable

logger = logging.getLogger(__name__)


def configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


@lru_cache(maxsize=4)
def _client(key: str, base: str) -> stripe.StripeClient:
    addresses: dict[str, str] = {"api": base} if base else {}
    return stripe.StripeClient(
        key,
        base_addresses=addresses,  # type: ignore[arg-type]
        max_network_retries=2,
        http_client=stripe.RequestsClient(timeout=20),
    )


def client() -> stripe.StripeClient:
    if not configured():
        raise BillingUnavailable()
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


Obj = dict[str, Any]


def _call(what: str, fn: Callable[[], Any]) -> Any:
    """Run one Stripe call; answer plain dicts (a list's `data` as a list of dicts)."""
    try:
        result = fn()
        if isinstance(result, stripe.ListObject):
            return [item.to_dict() for item in result.data]
        return result.to_dict()
    except stripe.StripeError as exc:
        logger.warning("stripe %s failed: %s", what, exc)
        raise BillingUnavailable() from exc


def _opts(key: str | None) -> Any:
    return {"idempotency_key": key} if key else None


# --- webhooks ---------------------------------------------------------------------------------


def event_construct(*, payload: bytes, signature: str | None) -> stripe.Event:
    """Stripe's own signature check (`Stripe-Signature: t=..,v1=..`, HMAC-SHA256, 5 min
    tolerance). Raises stripe.SignatureVerificationError or ValueError."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise stripe.SignatureVerificationError("no endpoint secret configured", signature)
    return stripe.Webhook.construct_event(payload, signature or "", settings.STRIPE_WEBHOOK_SECRET)


# --- customers, sessions ----------------------------------------------------------------------


def customer_create(*, firm_id: int, schema: str, name: str, email: str) -> Obj:
    params: dict[str, Any] = {
        "name": name,
        "metadata": {"firm_id": str(firm_id), "schema": schema},
        "preferred_locales": ["zh"],
    }
    if email:
        params["email"] = email
    return _call(
        "customer create",
        lambda: client().v1.customers.create(params, _opts(f"linli-customer-{firm_id}")),  # type: ignore[arg-type]
    )


def checkout_session_create(
    *,
    customer: str,
    price: str,
    quantity: int,
    firm_id: int,
    success_url: str,
    cancel_url: str,
    trial_end: int | None,
) -> Obj:
    subscription_data: dict[str, Any] = {"metadata": {"firm_id": str(firm_id)}}
    if trial_end is not None:
        subscription_data["trial_end"] = trial_end
    params: dict[str, Any] = {
        "mode": "subscription",
        "customer": customer,
        "client_reference_id": str(firm_id),
        "line_items": [{"price": price, "quantity": quantity}],
        "success_url": success_url,
        "cancel_url": cancel_url,
        "locale": "zh",
        "metadata": {"firm_id": str(firm_id)},
        "subscription_data": subscription_data,
    }
    return _call("checkout session", lambda: client().v1.checkout.sessions.create(params))  # type: ignore[arg-type]


def checkout_session_retrieve(session_id: str) -> Obj:
    return _call("checkout retrieve", lambda: client().v1.checkout.sessions.retrieve(session_id))


def portal_session_create(*, customer: str, return_url: str) -> Obj:
    params = {"customer": customer, "return_url": return_url, "locale": "zh"}
    return _call("portal session", lambda: client().v1.billing_portal.sessions.create(params))  # type: ignore[arg-type]


# --- subscriptions ----------------------------------------------------------------------------


def subscription_retrieve(subscription_id: str) -> Obj:
    return _call(
        "subscription retrieve", lambda: client().v1.subscriptions.retrieve(subscription_id)
    )


def subscription_create_invoiced(
    *, customer: str, price: str, quantity: int, days_until_due: int, firm_id: int
) -> Obj:
    """A subscription paid by bank transfer against invoices (collection_method send_invoice)."""
    params: dict[str, Any] = {
        "customer": customer,
        "items": [{"price": price, "quantity": quantity}],
        "collection_method": "send_invoice",
        "days_until_due": days_until_due,
        "metadata": {"firm_id": str(firm_id)},
    }
    return _call(
        "subscription create",
        lambda: client().v1.subscriptions.create(
            params,  # type: ignore[arg-type]
            _opts(f"linli-invoiced-{firm_id}-{price}"),
        ),
    )


def subscription_quantity_set(
    *, subscription_id: str, item_id: str, quantity: int, proration: str, key: str
) -> Obj:
    params: dict[str, Any] = {
        "items": [{"id": item_id, "quantity": quantity}],
        "proration_behavior": proration,
    }
    return _call(
        "quantity update",
        lambda: client().v1.subscriptions.update(subscription_id, params, _opts(key)),  # type: ignore[arg-type]
    )


def subscription_collection_set(
    *, subscription_id: str, collection_method: str, days_until_due: int | None
) -> Obj:
    params: dict[str, Any] = {"collection_method": collection_method}
    if collection_method == "send_invoice":
        params["days_until_due"] = days_until_due
    return _call(
        "collection update",
        lambda: client().v1.subscriptions.update(subscription_id, params),  # type: ignore[arg-type]
    )


# --- invoices ---------------------------------------------------------------------------------


def invoice_retrieve(invoice_id: str) -> Obj:
    return _call("invoice retrieve", lambda: client().v1.invoices.retrieve(invoice_id))


def invoice_pay_out_of_band(invoice_id: str) -> Obj:
    return _call(
        "invoice pay",
        lambda: client().v1.invoices.pay(
            invoice_id, {"paid_out_of_band": True}, _opts(f"linli-oob-{invoice_id}")
        ),
    )


def invoices_list(*, customer: str, limit: int = 24) -> list[Obj]:
    return list(
        _call(
            "invoice list",
            lambda: client().v1.invoices.list({"customer": customer, "limit": limit}),
        )
    )


# --- the catalogue ----------------------------------------------------------------------------


def product_retrieve(product_id: str) -> Obj | None:
    try:
        return client().v1.products.retrieve(product_id).to_dict()
    except stripe.InvalidRequestError as exc:
        if exc.http_status == 404:
            return None
        raise BillingUnavailable() from exc
    except stripe.StripeError as exc:
        raise BillingUnavailable() from exc


def product_create(*, product_id: str, name: str, unit_label: str) -> Obj:
    params = {"id": product_id, "name": name, "unit_label": unit_label}
    return _call("product create", lambda: client().v1.products.create(params))  # type: ignore[arg-type]


def product_update(*, product_id: str, name: str, unit_label: str) -> Obj:
    params = {"name": name, "unit_label": unit_label}
    return _call("product update", lambda: client().v1.products.update(product_id, params))  # type: ignore[arg-type]


def prices_by_lookup_key(lookup_keys: list[str]) -> list[Obj]:
    params: dict[str, Any] = {"lookup_keys": lookup_keys, "limit": 100, "expand": ["data.tiers"]}
    return list(_call("price list", lambda: client().v1.prices.list(params)))  # type: ignore[arg-type]


def price_create(
    *,
    product_id: str,
    lookup_key: str,
    nickname: str,
    currency: str,
    interval: str,
    tiers: list[dict[str, Any]],
) -> Obj:
    params: dict[str, Any] = {
        "product": product_id,
        "lookup_key": lookup_key,
        "transfer_lookup_key": True,  # a changed price takes the key over from the old one
        "nickname": nickname,
        "currency": currency,
        "recurring": {"interval": interval, "usage_type": "licensed"},
        "billing_scheme": "tiered",
        "tiers_mode": "graduated",
        "tiers": [
            {
                "up_to": t["up_to"] if t["up_to"] is not None else "inf",
                "unit_amount": t["unit_amount"],
            }
            for t in tiers
        ],
    }
    return _call("price create", lambda: client().v1.prices.create(params))  # type: ignore[arg-type]


def price_deactivate(price_id: str) -> Obj:
    return _call("price update", lambda: client().v1.prices.update(price_id, {"active": False}))
