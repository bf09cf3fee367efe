#!/usr/bin/env python3
"""How the Stripe webhook holds up: 10,000 signed events for 500 firms, duplicated and reordered.

    python3 dev.py bench billing [--firms 500] [--events 10000] [--duplicates 0.2] [--workers 2]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/billing/run.py

Everything happens in a scratch database (`linli_bench_billing`), created and migrated here and
dropped at the end unless --keep. --firms firm rows (public schema only: billing needs no firm
schema) each get a billing account, a customer and a subscription on the Stripe stand-in
(tests/billing/standin.py, a local HTTP server the real `stripe` client talks to). Each firm's
subscription goes through a seeded random walk of statuses; every step is an event
(customer.subscription.updated/created, invoice.paid/payment_failed with its invoice) and the
stand-in ends in each firm's final state. --events deliveries in all, of which --duplicates are
replays of earlier events, shuffled (seed 12), each signed beforehand as Stripe signs them.

Measured:
* the endpoint: every delivery POSTed to /api/v1/billing/webhooks/stripe/ on the platform host
  through the whole WSGI stack (middleware, signature check, store once by id), serially:
  throughput (events/s) and p50/p95 of the response (ms);
* baseline: the signature check alone (`stripe.Webhook.construct_event` on the same payloads),
  and the endpoint's cost as a multiple of it;
* time to final: from the first delivery until every firm's stored state equals the stand-in's
  (the processing task, which fetches the current object from the stand-in under the firm's
  row lock, runs on --workers threads fed as the deliveries are stored, as Celery would).
Goals: endpoint p95 < 50 ms; every firm final, and right, within 30 s of the last delivery.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_billing"
SECRET = "whsec_bench_billing"
GOAL_P95_MS = 50.0
GOAL_LAG_S = 30.0
STATUSES = ["trialing", "active", "active", "past_due", "unpaid", "active", "canceled"]


def setup_django(url: str, redis_db: int) -> None:
    common.setup_django(url, redis_db=redis_db, queue="linli-bench-billing")
    import logging

    logging.getLogger("stripe").setLevel(logging.WARNING)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build(args: argparse.Namespace, standin: Any) -> tuple[list[tuple[bytes, str]], dict[int, str]]:
    """The firms, their accounts and subscriptions, and the signed deliveries."""
    from billing.models import BillingAccount
    from tenants.models import Firm
    from tests.billing.standin import sign

    rng = random.Random(12)
    firms = Firm.all_objects.bulk_create(
        [
            Firm(name=f"基准物业{i}", slug=f"bench-billing-{i}", schema_name=f"bench_billing_{i}")
            for i in range(args.firms)
        ]
    )
    unique = round(args.events * (1 - args.duplicates))
    per_firm = max(1, unique // len(firms))
    events: list[dict[str, Any]] = []
    final: dict[int, str] = {}
    accounts = []
    for firm in firms:
        customer = f"cus_bench{firm.pk}"
        standin.customers[customer] = {"id": customer}
        sub = standin.subscription_make(customer=customer, price="price_m", quantity=100)
        accounts.append(
            BillingAccount(
                firm=firm,
                stripe_customer_id=customer,
                stripe_subscription_id=sub["id"],
                status="none",
            )
        )
        for step in range(per_firm):
            sub["status"] = rng.choice(STATUSES)
            if step % 4 == 3:
                invoice = standin.invoice_make(subscription=sub["id"])
                kind = "invoice.paid" if sub["status"] == "active" else "invoice.payment_failed"
                events.append(standin.event(kind, invoice, created=1_700_000_000 + step))
            else:
                kind = "customer.subscription.updated"
                events.append(standin.event(kind, sub, created=1_700_000_000 + step))
        final[firm.pk] = sub["status"]
    BillingAccount.objects.bulk_create(accounts)
    deliveries = events + [rng.choice(events) for _ in range(args.events - len(events))]
    rng.shuffle(deliveries)
    signed = []
    for event in deliveries:
        payload = json.dumps(event).encode()
        signed.append((payload, sign(payload, SECRET)))
    return signed, final


def run(args: argparse.Namespace, log: Any) -> None:
    import stripe
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client

    from billing import gateway, tasks
    from billing.models import BillingAccount, WebhookEvent
    from billing.services import event_process
    from tests.billing.standin import Standin, serve

    call_command("migrate", interactive=False, verbosity=0)
    connection.set_schema_to_public()
    standin = Standin()
    server = serve(standin)
    settings.STRIPE_SECRET_KEY = "sk_test_bench"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.STRIPE_API_BASE = standin.url
    gateway._client.cache_clear()
    log(f"{args.firms} firms, {args.events} deliveries ({args.duplicates:.0%} duplicates)")
    deliveries, final = build(args, standin)

    # baseline: the signature check alone, on the same payloads
    started = time.perf_counter()
    for payload, signature in deliveries:
        stripe.Webhook.construct_event(payload, signature, SECRET)
    baseline_s = time.perf_counter() - started

    # the processing "workers": threads fed as each delivery's transaction commits
    work: queue.Queue[int | None] = queue.Queue()
    tasks.process_event.delay = work.put  # type: ignore[method-assign]
    failures: list[str] = []

    def worker() -> None:
        while (pk := work.get()) is not None:
            for _attempt in range(5):
                try:
                    event_process(event_pk=pk)
                    break
                except Exception as exc:  # a retry, as the Celery task would
                    failures.append(repr(exc))
                    time.sleep(0.05)
        connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(args.workers)]
    client = Client(HTTP_HOST="localhost")
    times: list[float] = []
    started = time.perf_counter()
    for t in threads:
        t.start()
    for payload, signature in deliveries:
        t0 = time.perf_counter()
        response = client.post(
            "/api/v1/billing/webhooks/stripe/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.content
    delivered_s = time.perf_counter() - started
    for _ in threads:
        work.put(None)
    for t in threads:
        t.join()
    final_s = time.perf_counter() - started
    lag_s = final_s - delivered_s

    stored = WebhookEvent.objects.count()
    wrong = [a.firm_id for a in BillingAccount.objects.all() if a.status != final[a.firm_id]]
    server.shutdown()
    throughput = len(deliveries) / delivered_s
    base_rate = len(deliveries) / baseline_s
    p50, p95 = percentile(times, 50), percentile(times, 95)
    log("")
    log("what                               | figure")
    log("-----------------------------------------------------")
    log(f"deliveries / unique events stored   | {len(deliveries)} / {stored}")
    log(f"endpoint throughput (serial)        | {throughput:,.0f} events/s")
    log(f"endpoint response p50 / p95         | {p50:.2f} / {p95:.2f} ms")
    each = 1000 / base_rate
    log(f"baseline: signature check alone     | {base_rate:,.0f} events/s ({each:.3f} ms each)")
    log(f"endpoint cost / signature check     | {base_rate / throughput:.1f}x")
    log(f"time until every firm is final      | {final_s:.1f} s ({args.workers} workers)")
    log(f"  of which after the last delivery  | {lag_s:.1f} s")
    log(f"processing retries (lock or network)| {len(failures)}")
    log(f"firms in the wrong state            | {len(wrong)} of {args.firms}")
    verdict = "met" if p95 < GOAL_P95_MS else "MISSED"
    log(f"goal: endpoint p95 < {GOAL_P95_MS:.0f} ms -> {verdict} ({p95:.1f} ms)")
    ok = not wrong and lag_s < GOAL_LAG_S
    log(
        f"goal: every firm final and right within {GOAL_LAG_S:.0f} s of the last delivery -> "
        f"{'met' if ok else 'MISSED'} ({lag_s:.1f} s, {len(wrong)} wrong)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--firms", type=int, default=500, help="firms (500)")
    parser.add_argument("--events", type=int, default=10_000, help="deliveries (10000)")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of replays (0.2)")
    parser.add_argument("--workers", type=int, default=2, help="processing threads (2)")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("LINLI_BENCH_REDIS_DB", "0")),
        help="Redis database for the cache; LINLI_BENCH_REDIS_DB or 0",
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"scratch database ({DB_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    base, url = scratch_urls(args.db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    log(f"database {args.db_name}: create and migrate")
    recreate_database(base, args.db_name)
    try:
        setup_django(url, args.redis_db)
        run(args, log)
    finally:
        if not args.keep:
            drop_database(base, args.db_name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
