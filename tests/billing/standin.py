"""A local stand-in for the Stripe API: a small threaded HTTP server that the real `stripe`
client talks to (settings.STRIPE_API_BASE). It checks each request's parameters against what
Stripe documents for that call (required ones present, no unknown ones), keeps the objects it
made, and answers with objects built from Stripe's own examples
(../shared/vendor/stripe-openapi/fixtures3.json). Every request is logged for field-by-field
assertions. Webhook payloads are signed the way Stripe signs them (`sign`)."""

from __future__ import annotations

import copy
import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

FIXTURES = (
    Path(__file__).resolve().parents[3] / "shared" / "vendor" / "stripe-openapi" / "fixtures3.json"
)
if not FIXTURES.exists():  # a worktree sits one level deeper than /work/main
    FIXTURES = Path("/work/shared/vendor/stripe-openapi/fixtures3.json")
_EXAMPLES: dict[str, Any] = json.loads(FIXTURES.read_text())["resources"]


def example(kind: str, **overrides: Any) -> dict[str, Any]:
    obj = copy.deepcopy(_EXAMPLES[kind])
    obj.update(overrides)
    return obj


def sign(payload: bytes, secret: str, at: int | None = None) -> str:
    """The Stripe-Signature header: t=<unix time>,v1=HMAC-SHA256(secret, "<t>.<payload>")."""
    at = int(time.time()) if at is None else at
    mac = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


# what each call accepts (top-level names); required ones first
PARAMS: dict[tuple[str, str], tuple[set[str], set[str]]] = {
    ("POST", "customers"): (set(), {"name", "email", "metadata", "preferred_locales"}),
    ("POST", "checkout/sessions"): (
        {"mode", "success_url", "line_items", "customer"},
        {"cancel_url", "client_reference_id", "locale", "metadata", "subscription_data"},
    ),
    ("POST", "billing_portal/sessions"): ({"customer"}, {"return_url", "locale"}),
    ("POST", "subscriptions"): (
        {"customer", "items"},
        {"collection_method", "days_until_due", "metadata"},
    ),
    ("POST", "subscriptions/{id}"): (
        set(),
        {"items", "proration_behavior", "collection_method", "days_until_due"},
    ),
    ("POST", "invoices/{id}/pay"): (set(), {"paid_out_of_band"}),
    ("POST", "products"): ({"name"}, {"id", "unit_label"}),
    ("POST", "products/{id}"): (set(), {"name", "unit_label"}),
    ("POST", "prices"): (
        {"currency", "product"},
        {
            "lookup_key",
            "transfer_lookup_key",
            "nickname",
            "recurring",
            "billing_scheme",
            "tiers_mode",
            "tiers",
        },
    ),
    ("POST", "prices/{id}"): (set(), {"active"}),
}


def unflatten(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (a[b][0][c]=v) back into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node: Any = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            nxt = parts[i + 1] if not last else None
            if isinstance(node, list):
                idx = int(part)
                while len(node) <= idx:
                    node.append({} if not (nxt or "").isdigit() else [])
                if last:
                    node[idx] = value
                else:
                    if not isinstance(node[idx], (dict, list)) or (
                        isinstance(node[idx], dict) and not node[idx] and (nxt or "").isdigit()
                    ):
                        node[idx] = [] if (nxt or "").isdigit() else {}
                    node = node[idx]
            else:
                if last:
                    if part in node and isinstance(node[part], list):
                        node[part].append(value)
                    else:
                        node[part] = value
                else:
                    node = node.setdefault(part, [] if (nxt or "").isdigit() else {})
    return root


@dataclass
class Call:
    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Standin:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    prices: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    ids: Any = field(default_factory=lambda: itertools.count(1))
    fail_next: int = 0  # answer this many requests with a 500
    # where the Checkout page's "pay" sends the signed checkout.session.completed (browser tests)
    webhook_url: str = ""
    webhook_secret: str = ""

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_standin{next(self.ids):06d}"

    def reset(self) -> None:
        with self.lock:
            for store in (
                self.calls,
                self.customers,
                self.sessions,
                self.subscriptions,
                self.invoices,
                self.products,
                self.prices,
            ):
                store.clear()
            self.fail_next = 0

    def calls_to(self, method: str, prefix: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.path.startswith(prefix)]

    # --- what Stripe would do on its side --------------------------------------------------

    def subscription_make(
        self, *, customer: str, price: str, quantity: int, status: str = "active", **extra: Any
    ) -> dict[str, Any]:
        with self.lock:
            sub_id = self.new_id("sub")
            price_obj = self.prices.get(price) or example("price", id=price)
            item = example(
                "subscription_item",
                id=self.new_id("si"),
                subscription=sub_id,
                quantity=quantity,
                price=price_obj,
                current_period_end=int(time.time()) + 30 * 86400,
            )
            sub = example(
                "subscription",
                id=sub_id,
                customer=customer,
                status=status,
                currency="cny",
                collection_method="charge_automatically",
                days_until_due=None,
                cancel_at_period_end=False,
                metadata={},
            )
            sub["items"] = {
                "object": "list",
                "data": [item],
                "has_more": False,
                "url": "/v1/subscription_items",
            }
            sub.update(extra)
            self.subscriptions[sub_id] = sub
            return sub

    def checkout_complete(self, session_id: str, *, status: str = "active") -> dict[str, Any]:
        """The customer paid on the Checkout page: a subscription exists, the session is
        complete. Returns the session."""
        with self.lock:
            session = self.sessions[session_id]
            line = session["_line_items"][0]
            sub = self.subscription_make(
                customer=session["customer"],
                price=line["price"],
                quantity=int(line["quantity"]),
                status=status,
            )
            session.update(status="complete", payment_status="paid", subscription=sub["id"])
            return session

    def invoice_make(
        self, *, subscription: str, status: str = "open", amount: int = 10000
    ) -> dict[str, Any]:
        with self.lock:
            sub = self.subscriptions[subscription]
            inv = example(
                "invoice",
                id=self.new_id("in"),
                customer=sub["customer"],
                status=status,
                amount_due=amount,
                amount_paid=amount if status == "paid" else 0,
                amount_remaining=0 if status == "paid" else amount,
                currency="cny",
                collection_method=sub["collection_method"],
                number=f"LINLI-{len(self.invoices) + 1:04d}",
                hosted_invoice_url="https://invoice.stripe.com/i/standin",
                invoice_pdf="https://pay.stripe.com/invoice/standin/pdf",
                due_date=int(time.time()) + 30 * 86400,
            )
            inv["parent"] = {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {"subscription": subscription, "metadata": {}},
            }
            inv["lines"] = {
                "object": "list",
                "data": [],
                "has_more": False,
                "url": "/v1/invoices/x/lines",
            }
            self.invoices[inv["id"]] = inv
            return inv

    def event(
        self, kind: str, obj: dict[str, Any], *, created: int | None = None
    ) -> dict[str, Any]:
        return example(
            "event",
            id=self.new_id("evt"),
            type=kind,
            created=created if created is not None else int(time.time()),
            data={"object": copy.deepcopy(obj)},
            livemode=False,
            api_version="2026-10-28.endive",
        )

    # --- the HTTP side ---------------------------------------------------------------------

    def handle(
        self, method: str, path: str, params: dict[str, Any], headers: dict[str, str]
    ) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls.append(Call(method, path, params, headers))
            if self.fail_next > 0:
                self.fail_next -= 1
                return 500, {"error": {"type": "api_error", "message": "stand-in failure"}}
            if not headers.get("authorization", "").startswith("Bearer sk_test_"):
                return 401, {"error": {"type": "invalid_request_error", "message": "no key"}}
            route = re.sub(r"^/v1/", "", path)
            template = re.sub(r"/(cus|cs|sub|in|prod|price|linli)[A-Za-z0-9_]*", "/{id}", route)
            spec = PARAMS.get((method, template))
            if spec is not None:
                required, optional = spec
                missing = required - params.keys()
                unknown = params.keys() - required - optional - {"expand"}
                if missing or unknown:
                    return 400, {
                        "error": {
                            "type": "invalid_request_error",
                            "message": f"missing {sorted(missing)} unknown {sorted(unknown)}",
                        }
                    }
            return self.route(method, route, params)

    def route(self, method: str, route: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        parts = route.split("/")
        not_found = (
            404,
            {
                "error": {
                    "type": "invalid_request_error",
                    "code": "resource_missing",
                    "message": "No such object",
                }
            },
        )
        if route == "customers" and method == "POST":
            cus = example(
                "customer",
                id=self.new_id("cus"),
                name=params.get("name"),
                email=params.get("email"),
                metadata=params.get("metadata", {}),
            )
            self.customers[cus["id"]] = cus
            return 200, cus
        if route == "checkout/sessions" and method == "POST":
            if params["customer"] not in self.customers:
                return not_found
            sid = self.new_id("cs")
            s = example(
                "checkout.session",
                id=sid,
                customer=params["customer"],
                mode="subscription",
                status="open",
                payment_status="unpaid",
                subscription=None,
                client_reference_id=params.get("client_reference_id"),
                success_url=params["success_url"],
                cancel_url=params.get("cancel_url"),
                url=f"{self.url}/checkout-page/{sid}",
                metadata=params.get("metadata", {}),
            )
            s["_line_items"] = params["line_items"]
            self.sessions[sid] = s
            return 200, {k: v for k, v in s.items() if not k.startswith("_")}
        if parts[:2] == ["checkout", "sessions"] and len(parts) == 3 and method == "GET":
            s = self.sessions.get(parts[2])
            return (200, {k: v for k, v in s.items() if not k.startswith("_")}) if s else not_found
        if route == "billing_portal/sessions" and method == "POST":
            if params["customer"] not in self.customers:
                return not_found
            ps = example(
                "billing_portal.session",
                id=self.new_id("bps"),
                customer=params["customer"],
                return_url=params.get("return_url"),
                url=f"{self.url}/portal-page/{params['customer']}",
            )
            return 200, ps
        if route == "subscriptions" and method == "POST":
            if params["customer"] not in self.customers:
                return not_found
            item = params["items"][0]
            sub = self.subscription_make(
                customer=params["customer"],
                price=item["price"],
                quantity=int(item.get("quantity", 1)),
                collection_method=params.get("collection_method", "charge_automatically"),
                days_until_due=int(params["days_until_due"])
                if params.get("days_until_due")
                else None,
            )
            return 200, sub
        if parts[0] == "subscriptions" and len(parts) == 2:
            sub = self.subscriptions.get(parts[1])
            if sub is None:
                return not_found
            if method == "POST":
                for change in params.get("items", []):
                    for item in sub["items"]["data"]:
                        if item["id"] == change.get("id"):
                            item["quantity"] = int(change["quantity"])
                if "collection_method" in params:
                    sub["collection_method"] = params["collection_method"]
                    sub["days_until_due"] = (
                        int(params["days_until_due"]) if params.get("days_until_due") else None
                    )
            return 200, sub
        if parts[0] == "invoices" and len(parts) == 3 and parts[2] == "pay" and method == "POST":
            inv = self.invoices.get(parts[1])
            if inv is None:
                return not_found
            if inv["status"] != "open":
                return 400, {
                    "error": {"type": "invalid_request_error", "message": "Invoice is already paid"}
                }
            inv.update(status="paid", amount_paid=inv["amount_due"], amount_remaining=0)
            inv["paid_out_of_band"] = params.get("paid_out_of_band") == "true"
            return 200, inv
        if parts[0] == "invoices" and len(parts) == 2 and method == "GET":
            inv = self.invoices.get(parts[1])
            return (200, inv) if inv else not_found
        if route == "products" and method == "POST":
            prod = example(
                "product",
                id=params.get("id") or self.new_id("prod"),
                name=params["name"],
                unit_label=params.get("unit_label"),
                active=True,
            )
            self.products[prod["id"]] = prod
            return 200, prod
        if parts[0] == "products" and len(parts) == 2:
            prod = self.products.get(parts[1])
            if prod is None:
                return not_found
            if method == "POST":
                prod.update({k: params[k] for k in ("name", "unit_label") if k in params})
            return 200, prod
        if route == "prices" and method == "GET":
            keys = params.get("lookup_keys") or []
            keys = keys if isinstance(keys, list) else [keys]
            data = [p for p in self.prices.values() if p.get("lookup_key") in keys and p["active"]]
            return 200, {"object": "list", "data": data, "has_more": False, "url": "/v1/prices"}
        if route == "prices" and method == "POST":
            if params.get("transfer_lookup_key") == "true":
                for other in self.prices.values():
                    if other.get("lookup_key") == params.get("lookup_key"):
                        other["lookup_key"] = None
            tiers = [
                {
                    "up_to": None if t["up_to"] == "inf" else int(t["up_to"]),
                    "unit_amount": int(t["unit_amount"]),
                    "flat_amount": None,
                    "flat_amount_decimal": None,
                    "unit_amount_decimal": t["unit_amount"],
                }
                for t in params.get("tiers", [])
            ]
            price = example(
                "price",
                id=self.new_id("price"),
                product=params["product"],
                currency=params["currency"],
                lookup_key=params.get("lookup_key"),
                nickname=params.get("nickname"),
                active=True,
                billing_scheme=params.get("billing_scheme", "per_unit"),
                tiers_mode=params.get("tiers_mode"),
                tiers=tiers,
                unit_amount=None,
                recurring={
                    "interval": params["recurring"]["interval"],
                    "interval_count": 1,
                    "usage_type": "licensed",
                    "meter": None,
                    "trial_period_days": None,
                },
            )
            self.prices[price["id"]] = price
            return 200, price
        if parts[0] == "prices" and len(parts) == 2 and method == "POST":
            price = self.prices.get(parts[1])
            if price is None:
                return not_found
            price["active"] = params.get("active") != "false"
            return 200, price
        return not_found


CHECKOUT_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>Stripe Checkout (stand-in)</title></head><body>
<h1 data-testid="standin-checkout">Stripe Checkout (stand-in)</h1>
<p>{customer} · {quantity} × {price}</p>
<form method="post" action="/checkout-page/{sid}/pay">
<button type="submit" data-testid="standin-pay">订阅 / Subscribe</button></form>
</body></html>"""


def checkout_pay(standin: Standin, session_id: str) -> str:
    """What Stripe does when the customer pays on the Checkout page: the subscription exists,
    the signed `checkout.session.completed` goes to the endpoint, the browser goes back to the
    success URL (returned)."""
    import urllib.request

    session = standin.checkout_complete(session_id, status="active")
    clean = {k: v for k, v in session.items() if not k.startswith("_")}
    payload = json.dumps(standin.event("checkout.session.completed", clean)).encode()
    request = urllib.request.Request(
        standin.webhook_url,
        data=payload,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": sign(payload, standin.webhook_secret),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=20) as answer:
        assert answer.status == 200
    return str(session["success_url"])


def serve(standin: Standin, port: int = 0) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _page(self, method: str, path: str) -> bool:
            parts = path.strip("/").split("/")
            if parts[0] != "checkout-page" or len(parts) < 2:
                return False
            session = standin.sessions.get(parts[1])
            if session is None:
                self.send_response(404)
                self.end_headers()
                return True
            if method == "POST" and parts[-1] == "pay":
                self.send_response(303)
                self.send_header("Location", checkout_pay(standin, parts[1]))
                self.end_headers()
                return True
            line = session["_line_items"][0]
            html = CHECKOUT_PAGE.format(
                customer=session["customer"],
                quantity=line["quantity"],
                price=line["price"],
                sid=parts[1],
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)
            return True

        def _go(self, method: str) -> None:
            url = urlparse(self.path)
            if self._page(method, url.path):
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            pairs = parse_qsl(body if method == "POST" else url.query, keep_blank_values=True)
            params = unflatten(pairs)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, obj = standin.handle(method, url.path, params, headers)
            data = json.dumps(obj).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", "req_standin")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            self._go("GET")

        def do_POST(self) -> None:
            self._go("POST")

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    standin.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
