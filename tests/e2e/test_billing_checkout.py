"""The Checkout round trip in a browser: a firm admin whose trial is ending subscribes on the
billing page, pays on a stand-in for Stripe's Checkout page, the stand-in sends the signed
webhook to the platform host as Stripe would, the real Celery worker processes it (fetching
the session and the subscription from the stand-in) and the billing page shows the firm
active. The real `stripe` client talks to the stand-in (tests/billing/standin.py) in the web
process and in the worker."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.billing.standin import Standin, serve
from tests.helpers import free_port

pytestmark = pytest.mark.e2e  # commits data: runs with the other live tests, last

SECRET_KEY = "sk_test_linli_e2e"
WEBHOOK_SECRET = "whsec_linli_e2e"
# The worker process is started once per session, from this environment: the stand-in's port
# is chosen now, at collection, before any test starts the worker.
STANDIN_PORT = free_port()
os.environ.setdefault("STRIPE_SECRET_KEY", SECRET_KEY)
os.environ.setdefault("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
os.environ.setdefault("STRIPE_API_BASE", f"http://127.0.0.1:{STANDIN_PORT}")


@pytest.fixture
def standin(settings, e2e_server):  # type: ignore[no-untyped-def]
    from billing import gateway

    stub = Standin()
    server = serve(stub, port=STANDIN_PORT)
    stub.webhook_url = f"{e2e_server.platform_url}/api/v1/billing/webhooks/stripe/"
    stub.webhook_secret = os.environ["STRIPE_WEBHOOK_SECRET"]
    settings.STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]
    settings.STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]
    settings.STRIPE_API_BASE = os.environ["STRIPE_API_BASE"]
    gateway._client.cache_clear()
    yield stub
    server.shutdown()
    server.server_close()
    gateway._client.cache_clear()


def test_a_firm_admin_on_a_trial_subscribes_through_checkout_and_sees_active(
    db, cast, celery_worker, e2e_server, frontend_built, new_context, standin
) -> None:
    from billing.catalogue import catalogue_sync
    from billing.models import BillingAccount, CataloguePrice, Invoice, WebhookEvent
    from billing.services import account_ensure
    from tenants.models import Firm

    from .test_complaints_loop import log_in

    firm = Firm.objects.get(schema_name=cast.a.schema)
    catalogue_sync()
    account = account_ensure(firm=firm)
    # on a trial that ends tomorrow: Checkout starts the paid subscription at once
    BillingAccount.objects.filter(pk=account.pk).update(
        trial_ends_at=timezone.now() + timedelta(days=1)
    )
    try:
        page = new_context().new_page()
        base = e2e_server.firm_url(cast.a.slug)
        log_in(page, base, cast.a.admin.email, cast.a.admin.password)
        page.goto(f"{base}/billing")
        expect(page.get_by_test_id("billing-status")).to_have_attribute("data-status", "none")

        page.get_by_test_id("billing-subscribe-month").click()
        page.wait_for_url(f"http://127.0.0.1:{STANDIN_PORT}/checkout-page/**")
        session = standin.calls_to("POST", "/v1/checkout/sessions")[0].params
        assert session["mode"] == "subscription"
        assert session["line_items"][0]["quantity"] == "4"
        assert "trial_end" not in session["subscription_data"]
        page.get_by_test_id("standin-pay").click()

        page.wait_for_url(f"{base}/billing?checkout=done")
        expect(page.get_by_test_id("billing-checkout-done")).to_be_visible()
        expect(page.get_by_test_id("billing-status")).to_have_attribute(
            "data-status", "active", timeout=30_000
        )
        expect(page.get_by_test_id("billing-portal")).to_be_visible()
        deadline = time.monotonic() + 5
        while not WebhookEvent.objects.filter(state="processed").exists():
            assert time.monotonic() < deadline
            time.sleep(0.1)
        account.refresh_from_db()
        assert account.stripe_subscription_id in standin.subscriptions
    finally:
        WebhookEvent.objects.all().delete()
        Invoice.objects.all().delete()
        BillingAccount.objects.all().delete()
        CataloguePrice.objects.all().delete()
