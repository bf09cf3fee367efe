#!/usr/bin/env python3
"""One beat tick of the deadlines sweep with 1,000 firms of which 10 have something due.

    python3 dev.py bench sweep [--firms 1000] [--due 10] [--rounds 5] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/sweep/run.py

Scratch database `linli_bench_sweep` (DATABASE_URL with the database name swapped), created,
migrated and dropped at the end unless --keep. Firms:

* `--due` (10) real firms onboarded with `firm_onboard(..., provision="now")`, each with
  `--requests` (20) requests through `complaints.services.request_submit`, of which
  `--crossing` (4) were submitted 20 h ago: their response clock (24 h) is past its yellow
  point, so each of these firms has 4 yellow escalations (and notifications) to send;
* `--idle-real` (2) real firms with the same requests, all fresh: nothing due;
* the rest (988) are LIGHTWEIGHT firm rows: public `tenants_firm` rows (ready, active, a next due
  moment 1-48 h ahead or none, seeded) WITHOUT a schema. They only take part in the fan-out
  decision; creating 1,000 schemas would take 20-60 minutes.

One sweep = the beat tick (`deadlines.sweep_due_firms`: the query, one `.delay()` per firm sent
to a queue of the bench's own, Redis db --redis-db) + the per-firm tasks' work, run here in
process in each firm's schema. Measured both ways in the same run, alternating, state reset
before each (crossings, escalations, notifications, colours, next due moments):

* new: fan-out only to firms whose `Firm.next_due_at <= now` -> 10 tasks; each runs
  `deadlines.services.firm_sweep()` (every registered kind and timer + the next-due recount);
* today: one task per active firm (the loop complaints/tasks.py had) -> 1,000 tasks; the 10 due
  firms run today's body (`complaints.services.sweep()` + `auto_close_sweep()`), and today's
  idle-firm task is timed on the real idle firms (the same body, nothing due), round-robin,
  once per lightweight firm: the work those 988 tasks would do if their schemas existed.

Prints per round and the median: tasks sent, fan-out seconds, task-work seconds, total; the
ratio today/new; and `goal: ... -> met|MISSED (...)` (the new tick sends only the firms with
something due: tasks == --due).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import (  # noqa: E402
    REPAIR_DESCRIPTIONS,
    drop_database,
    recreate_database,
    scratch_urls,
)

DB_NAME = "linli_bench_sweep"
QUEUE = "linli-bench-sweep"
DESCRIPTIONS = REPAIR_DESCRIPTIONS


def setup_django(url: str, media_root: str, redis_db: int) -> str:
    broker = common.setup_django(url, media_root=media_root, redis_db=redis_db, queue=QUEUE)
    assert broker is not None
    from config.celery import app  # noqa: F401  (the tenant-aware Celery app sends the tasks)

    return broker


def queue_length(broker: str) -> int:
    import redis

    return int(redis.Redis.from_url(broker).llen(QUEUE))


def queue_purge(broker: str) -> None:
    import redis

    redis.Redis.from_url(broker).delete(QUEUE)


def make_real_firm(n: int, *, crossing: int, requests: int) -> str:
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from accounts.models import User
    from accounts.services import user_create
    from complaints.services import request_submit
    from estates import services as es
    from tenants.services import FirmInput, firm_onboard

    slug = f"bench-sweep-{n:02d}"
    firm = firm_onboard(
        data=FirmInput(name=f"基准物业{n:02d}", slug=slug, admin_email=f"admin@{slug}.test"),
        provision="now",
    )
    with schema_context(firm.schema_name):
        admin = User.objects.get(email=f"admin@{slug}.test")
        estate = es.estate_create(by=None, name=f"基准小区{n:02d}", code=f"S{n:02d}", city="杭州")
        manager = user_create(email=f"manager@{slug}.test", role="manager", full_name="经理")
        es.staff_assign(estate=estate, user=manager, role="manager", by=None)
        building = es.building_create(estate=estate, name="1号楼", floors=10)
        now = timezone.now()
        for k in range(requests):
            unit = es.unit_create(building=building, number=f"{k + 101}", area=90)
            request_submit(
                estate=estate,
                kind="repair",
                category="repair",
                description=DESCRIPTIONS[k % len(DESCRIPTIONS)],
                channel="phone",
                unit=unit,
                contact_name="王阿姨",
                entered_by=admin,
                now=now - timedelta(hours=20) if k < crossing else now,
            )
    connection.set_schema_to_public()
    return str(firm.schema_name)


def make_light_firms(count: int, seed: int) -> None:
    """Firm rows without a schema: enough for the fan-out decision, never swept."""
    from django.utils import timezone

    from tenants.models import Firm

    rng = random.Random(seed)
    now = timezone.now()
    rows = []
    for n in range(count):
        slug = f"light-{n:05d}"
        ahead = rng.choice([None, *range(1, 49)])  # nothing running, or due 1-48 h from now
        rows.append(
            Firm(
                name=f"轻量物业{n:05d}",
                slug=slug,
                schema_name=f"firm_light_{n:05d}",
                provisioning_status="ready",
                status="active",
                next_due_at=None if ahead is None else now + timedelta(hours=ahead),
            )
        )
    Firm.all_objects.bulk_create(rows, batch_size=1000)


def reset(due: list[str], idle: list[str]) -> None:
    """Every due firm back to 'escalations not sent yet' and due now; idle firms recounted."""
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from complaints.models import ServiceRequest
    from deadlines.services import firm_due_refresh
    from tenants.fanout import next_due_set

    for schema in due:
        with schema_context(schema):
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM deadlines_crossing")
                cursor.execute("DELETE FROM complaints_escalation")
                cursor.execute("DELETE FROM notifications_notification")
            ServiceRequest.objects.update(colour="green")
            next_due_set(at=timezone.now() - timedelta(seconds=1))
    for schema in idle:
        with schema_context(schema):
            firm_due_refresh()
    connection.set_schema_to_public()


def tick_new(broker: str) -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from deadlines.services import firm_sweep
    from deadlines.tasks import sweep_firm
    from tenants.fanout import active_firm_schemas, for_each_active_firm

    queue_purge(broker)
    started = time.perf_counter()
    sent = for_each_active_firm(sweep_firm, due_by=timezone.now())
    fanout = time.perf_counter() - started
    queued = queue_length(broker)
    schemas = list(active_firm_schemas(due_by=timezone.now()))
    escalations = 0
    started = time.perf_counter()
    for schema in schemas:  # the work of the tasks just sent
        with schema_context(schema):
            counts = firm_sweep()
        escalations += counts.get("complaints.request.yellow", 0)
    work = time.perf_counter() - started
    connection.set_schema_to_public()
    queue_purge(broker)
    return {"sent": sent, "queued": queued, "fanout": fanout, "work": work, "esc": escalations}


def today_body() -> int:
    """What complaints.tasks.sweep_firm did per firm before the engine."""
    from complaints.services import auto_close_sweep, sweep

    counts = sweep()
    auto_close_sweep()
    return counts["yellow"]


def tick_today(broker: str, due: list[str], idle: list[str], light: int) -> dict[str, Any]:
    from django.db import connection
    from django_tenants.utils import schema_context

    from deadlines.tasks import sweep_firm
    from tenants.fanout import for_each_active_firm

    queue_purge(broker)
    started = time.perf_counter()
    sent = for_each_active_firm(sweep_firm)  # one task per active firm, due or not
    fanout = time.perf_counter() - started
    queued = queue_length(broker)
    escalations = 0
    started = time.perf_counter()
    for schema in due + idle:
        with schema_context(schema):
            escalations += today_body()
    for n in range(light):  # the lightweight firms' tasks, timed on a real idle schema
        with schema_context(idle[n % len(idle)]):
            today_body()
    work = time.perf_counter() - started
    connection.set_schema_to_public()
    queue_purge(broker)
    return {"sent": sent, "queued": queued, "fanout": fanout, "work": work, "esc": escalations}


def run(args: argparse.Namespace, broker: str, log: Callable[[str], None]) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    connection.set_schema_to_public()
    t = time.perf_counter()
    due = [
        make_real_firm(n, crossing=args.crossing, requests=args.requests) for n in range(args.due)
    ]
    idle = [
        make_real_firm(args.due + n, crossing=0, requests=args.requests)
        for n in range(args.idle_real)
    ]
    light = args.firms - args.due - args.idle_real
    make_light_firms(light, args.seed)
    log(
        f"firms: {args.due} real with {args.crossing} of {args.requests} requests past the yellow"
        f" point, {args.idle_real} real idle, {light} lightweight rows"
        f" ({time.perf_counter() - t:.0f} s)"
    )
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tenants_firm")

    header = "round | way   | tasks | queued | escalations | fan-out s | work s | total s"
    log("\n" + header)
    log("-" * len(header))
    results: dict[str, list[dict[str, Any]]] = {"new": [], "today": []}
    for r in range(1, args.rounds + 1):
        order = ["new", "today"] if r % 2 else ["today", "new"]
        for way in order:
            reset(due, idle)
            res = tick_new(broker) if way == "new" else tick_today(broker, due, idle, light)
            res["total"] = res["fanout"] + res["work"]
            results[way].append(res)
            log(
                f"{r:5d} | {way:5s} | {res['sent']:5d} | {res['queued']:6d} | {res['esc']:11d} |"
                f" {res['fanout']:9.3f} | {res['work']:6.2f} | {res['total']:7.2f}"
            )

    def med(way: str, key: str) -> float:
        return statistics.median(x[key] for x in results[way])

    log(f"\nmedian of {args.rounds} rounds:")
    for way in ("new", "today"):
        log(
            f"  {way:5s}: {int(med(way, 'sent')):5d} tasks,"
            f" fan-out {med(way, 'fanout') * 1000:8.1f} ms,"
            f" work {med(way, 'work'):6.2f} s, total {med(way, 'total'):6.2f} s"
        )
    ratio_total = med("today", "total") / med("new", "total")
    ratio_tasks = med("today", "sent") / med("new", "sent")
    log(f"today/new: {ratio_tasks:.0f}x the tasks, {ratio_total:.1f}x the time per tick")
    tasks_new = int(med("new", "sent"))
    met = tasks_new == args.due and all(
        x["esc"] == args.due * args.crossing for x in results["new"]
    )
    log(
        f"goal: one tick sends a task only to the {args.due} firms with something due, and their"
        f" escalations all go out -> {'met' if met else 'MISSED'} ({tasks_new} tasks)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--firms", type=int, default=1000, help="active firms in all (1000)")
    parser.add_argument("--due", type=int, default=10, help="real firms with something due (10)")
    parser.add_argument("--idle-real", type=int, default=2, help="real firms, nothing due (2)")
    parser.add_argument("--requests", type=int, default=20, help="requests per real firm (20)")
    parser.add_argument("--crossing", type=int, default=4, help="of them past yellow (4)")
    parser.add_argument("--rounds", type=int, default=5, help="ticks measured each way (5)")
    parser.add_argument("--seed", type=int, default=7, help="seed for the lightweight firms (7)")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("LINLI_BENCH_REDIS_DB", "0")),
        help="Redis database for the bench's queue; LINLI_BENCH_REDIS_DB or 0",
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"scratch database ({DB_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    if args.idle_real < 1:
        raise SystemExit("--idle-real must be at least 1 (today's idle task is timed on it)")

    base, url = scratch_urls(args.db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    log(f"database {args.db_name}: create and migrate")
    recreate_database(base, args.db_name)
    broker = ""
    try:
        with tempfile.TemporaryDirectory(prefix="linli-bench-sweep-") as media:
            broker = setup_django(url, media, args.redis_db)
            run(args, broker, log)
    finally:
        if broker:
            queue_purge(broker)
        if args.keep:
            log(f"\nkept database {args.db_name}")
        else:
            drop_database(base, args.db_name)
            log(f"\ndropped database {args.db_name}")
    log(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
