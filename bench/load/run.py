#!/usr/bin/env python3
"""200 concurrent residents and staff against gunicorn for 60 s (issue #14 §6).

    python3 dev.py bench load [--users 200] [--staff-share 0.2] [--seconds 60] [--keep]

A scratch database (`<name>_bench_load`, created, dropped unless --keep) with one firm onboarded
through `firm_onboard`, one estate, and through the services 160 residents (each the owner of a
unit of their own) and 40 staff of the estate, each with an API token. gunicorn runs exactly as
the image's `web` role (`infra/docker-entrypoint.sh web`, infra/gunicorn.conf.py: 2 x cores + 1
gthread workers of 4 threads), with test settings (DEBUG off, whitenoise as in production).

The load generator is the standard library's asyncio with aiohttp (already a dependency; Locust
is not installed here), in one process on the same 2 cores as the server: each user is a loop
that waits 0.5-1.5 s (seeded) between requests and picks, by weight:

- resident: their own requests (`GET /api/v1/complaints/`), `GET /api/v1/auth/me/`, a new repair
  request (`POST /api/v1/complaints/`, at most 8 each: the daily limit is 10), the static page;
- staff: the desk (`GET /api/v1/complaints/?estate=&status=submitted,accepted`), their tasks
  (`GET /api/v1/complaints/my-tasks/`), one request's detail, the static page.

Before the timed run every user asks for `auth/me` and their list once (untimed), so every
worker is warm. The static page (a file whitenoise serves from memory: no database, no firm) is
the baseline, measured in the same run under the same load. After the run every request a
resident got a 201 for is looked up in the firm's schema: lost = accepted but not in the
database; the number of rows must equal the number of 201s (nothing doubled). Errors = any
status >= 400, a timeout or a broken connection. Exits 1 unless errors and lost are both 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import REPAIR_DESCRIPTIONS, drop_database, recreate_database, scratch_urls  # noqa: E402

SLUG = "load"
HOST = f"{SLUG}.localhost"
MAX_POSTS_PER_RESIDENT = 8  # complaints' daily limit is 10
CATEGORIES = ["repair", "cleaning", "security", "greening", "parking", "noise", "other"]
STATIC = "/static/rest_framework/css/default.css"  # whitenoise, present without a frontend build


def log(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- data ---------------------------------------------------------------------------------------


@dataclass
class Person:
    token: str
    role: str
    unit: int | None = None


def make_firm(residents: int, staff: int) -> tuple[int, list[Person]]:
    from decimal import Decimal

    from django_tenants.utils import schema_context
    from rest_framework.authtoken.models import Token

    from accounts.services import user_create
    from estates import services as es
    from tenants.services import FirmInput, firm_onboard

    firm = firm_onboard(
        data=FirmInput(name="压测物业", slug=SLUG, admin_email=f"admin@{SLUG}.test"),
        provision="now",
    )
    people: list[Person] = []
    with schema_context(firm.schema_name):
        estate = es.estate_create(by=None, name="压测小区", code="L01", city="杭州")
        units = []
        per_building = 40
        for b in range(1, residents // per_building + 2):
            building = es.building_create(estate=estate, name=f"{b}号楼", floors=20)
            for n in range(per_building):
                units.append(
                    es.unit_create(
                        building=building,
                        number=f"{n // 2 + 1}0{n % 2 + 1}",
                        floor=n // 2 + 1,
                        area=Decimal("89.50"),
                    )
                )
        for n in range(residents):
            user = user_create(
                email=f"resident{n}@{SLUG}.test",
                role="resident",
                full_name=f"住户{n}",
                estate_id=estate.pk,
                unit_id=units[n].pk,
            )
            people.append(Person(Token.objects.create(user=user).key, "resident", units[n].pk))
        for n in range(staff):
            user = user_create(email=f"staff{n}@{SLUG}.test", role="staff", full_name=f"维修{n}")
            es.staff_assign(estate=estate, user=user, role="staff", by=None)
            people.append(Person(Token.objects.create(user=user).key, "staff"))
        estate_id = estate.pk
    return estate_id, people


def stored_requests(ids: list[int]) -> tuple[int, int]:
    """(rows of the firm's requests, how many of `ids` are among them)."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from tenants.policies import schema_name_for

    with schema_context(schema_name_for(SLUG)), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM complaints_servicerequest")
        (total,) = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM complaints_servicerequest WHERE id = ANY(%s)", [ids])
        (found,) = cursor.fetchone()
    return int(total), int(found)


# --- load ---------------------------------------------------------------------------------------


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    accepted: list[int] = field(default_factory=list)
    posts_unanswered: int = 0


async def user_loop(
    session: Any, base: str, person: Person, estate: int, n: int, until: float, res: Results
) -> None:
    import aiohttp

    rng = random.Random(1000 + n)
    headers = {"Host": HOST, "Authorization": f"Bearer {person.token}"}
    posts = 0
    await asyncio.sleep(rng.uniform(0, 1.5))  # users arrive within the first think time
    while time.monotonic() < until:
        if person.role == "resident":
            choices = ["my requests", "me", "static"]
            weights = [4, 2, 1]
            if posts < MAX_POSTS_PER_RESIDENT:
                choices.append("submit")
                weights.append(1)
        else:
            choices = ["desk", "my tasks", "detail", "static"]
            weights = [4, 2, 2, 1]
        name = rng.choices(choices, weights)[0]
        method, path, body = "GET", "", None
        if name == "my requests":
            path = "/api/v1/complaints/"
        elif name == "me":
            path = "/api/v1/auth/me/"
        elif name == "static":
            path = STATIC
        elif name == "submit":
            method, path = "POST", "/api/v1/complaints/"
            body = {
                "estate": estate,
                "kind": "repair",
                "category": rng.choice(CATEGORIES),
                "unit": person.unit,
                "description": rng.choice(REPAIR_DESCRIPTIONS),
                "channel": "app",
            }
            posts += 1
        elif name == "desk":
            path = f"/api/v1/complaints/?estate={estate}&status=submitted,accepted"
        elif name == "my tasks":
            path = "/api/v1/complaints/my-tasks/"
        else:  # detail: the newest request of the estate (the desk's first row)
            path = f"/api/v1/complaints/?estate={estate}&page_size=1"
        t0 = time.perf_counter()
        try:
            async with session.request(method, base + path, json=body, headers=headers) as resp:
                payload = await resp.read()
                status = resp.status
            if name == "detail" and status == 200:
                rows = json.loads(payload)["results"]
                if rows:
                    path = f"/api/v1/complaints/{rows[0]['id']}/"
                    t0 = time.perf_counter()
                    async with session.get(base + path, headers=headers) as resp:
                        payload = await resp.read()
                        status = resp.status
            elapsed = time.perf_counter() - t0
            if status >= 400:
                res.errors[name].append(f"{status} {payload[:200]!r}")
            else:
                res.times[name].append(elapsed)
                if name == "submit":
                    res.accepted.append(int(json.loads(payload)["id"]))
        except (TimeoutError, aiohttp.ClientError) as exc:
            res.errors[name].append(f"{type(exc).__name__}: {exc}")
            if name == "submit":
                res.posts_unanswered += 1
        await asyncio.sleep(rng.uniform(0.5, 1.5))


async def run_load(
    base: str, people: list[Person], estate: int, seconds: float
) -> tuple[Results, float]:
    import aiohttp

    res = Results()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        # warm-up, untimed: every user once (imports, connections, caches of every worker)
        async def warm(person: Person) -> None:
            headers = {"Host": HOST, "Authorization": f"Bearer {person.token}"}
            for path in ("/api/v1/auth/me/", "/api/v1/complaints/"):
                async with session.get(base + path, headers=headers) as resp:
                    await resp.read()

        await asyncio.gather(*(warm(person) for person in people))
        t0 = time.monotonic()
        until = t0 + seconds
        await asyncio.gather(
            *(
                user_loop(session, base, person, estate, n, until, res)
                for n, person in enumerate(people)
            )
        )
        wall = time.monotonic() - t0
    return res, wall


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(res: Results, wall: float, total: int, found: int, users: int) -> int:
    names = ["my requests", "me", "submit", "desk", "my tasks", "detail", "static"]
    print(
        f"\n{'endpoint':<28} | {'requests':>8} | {'req/s':>6} | {'p50 ms':>7} | {'p95 ms':>7} "
        f"| {'p99 ms':>7} | {'errors':>6}"
    )
    print("-" * 88)
    labels = {
        "my requests": "GET complaints (resident)",
        "me": "GET auth/me",
        "submit": "POST complaints",
        "desk": "GET complaints desk (staff)",
        "my tasks": "GET my-tasks (staff)",
        "detail": "GET complaint detail",
        "static": "static file (baseline)",
    }
    all_times: list[float] = []
    errors = 0
    for name in names:
        times = res.times.get(name, [])
        errs = len(res.errors.get(name, []))
        errors += errs
        if name != "static":
            all_times += times
        if not times:
            print(
                f"{labels[name]:<28} | {0:>8} | {'-':>6} | {'-':>7} | {'-':>7} | {'-':>7} "
                f"| {errs:>6}"
            )
            continue
        print(
            f"{labels[name]:<28} | {len(times):>8} | {len(times) / wall:>6.1f} "
            f"| {pct(times, 0.5):>7.1f} | {pct(times, 0.95):>7.1f} | {pct(times, 0.99):>7.1f} "
            f"| {errs:>6}"
        )
    answered = sum(len(t) for t in res.times.values())
    print(
        f"{'all API':<28} | {len(all_times):>8} | {len(all_times) / wall:>6.1f} "
        f"| {pct(all_times, 0.5):>7.1f} | {pct(all_times, 0.95):>7.1f} "
        f"| {pct(all_times, 0.99):>7.1f} |"
    )
    print(
        f"\n{users} users, {wall:.1f} s, {answered} answered ({answered / wall:.1f}/s), "
        f"{errors} errors; load average {os.getloadavg()[0]:.1f}"
    )
    for name, messages in res.errors.items():
        for message in messages[:3]:
            print(f"  error {name}: {message}")
    lost = len(res.accepted) - found + res.posts_unanswered
    print(
        f"accepted new requests (201): {len(res.accepted)}; in the database: {found} of them, "
        f"{total} rows in all; unanswered POSTs: {res.posts_unanswered}"
    )
    ok_errors = errors == 0
    ok_lost = lost == 0 and total == len(res.accepted)
    print(f"goal: 0 errors -> {'met' if ok_errors else 'MISSED'} ({errors})")
    print(
        f"goal: 0 lost requests (every 201 in the database, nothing doubled) -> "
        f"{'met' if ok_lost else 'MISSED'} (lost {lost}, rows {total} for {len(res.accepted)} 201s)"
    )
    return 0 if ok_errors and ok_lost else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="concurrent users (200)")
    parser.add_argument("--staff-share", type=float, default=0.2, help="share of staff (0.2)")
    parser.add_argument("--seconds", type=float, default=60, help="duration (60)")
    parser.add_argument("--db-name", default="", help="database to use (<name>_bench_load)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    base_name = os.environ.get("DATABASE_URL", "postgresql:///linli").rsplit("/", 1)[-1]
    db_name = args.db_name or f"{base_name}_bench_load"
    base_url, db_url = scratch_urls(db_name)
    redis_base = os.environ.get("LINLI_BENCH_REDIS_DB_BASE", "40")
    os.environ["LINLI_TEST_REDIS_DB_BASE"] = redis_base
    os.environ["LINLI_LOG_LEVEL"] = "WARNING"
    recreate_database(base_url, db_name)
    common.setup_django(db_url, settings_module="config.settings.test")
    server = None
    try:
        t0 = time.monotonic()
        log(f"database {db_name}: migrate, one firm, {args.users} people with tokens")
        common.migrate_platform()
        staff = round(args.users * args.staff_share)
        estate, people = make_firm(args.users - staff, staff)
        from django.db import connections

        connections.close_all()
        log(f"  ready in {time.monotonic() - t0:.0f} s")
        port = free_port()
        env = dict(
            os.environ,
            DATABASE_URL=db_url,
            DJANGO_SETTINGS_MODULE="config.settings.test",
            LINLI_TEST_REDIS_DB_BASE=redis_base,
            BASE_DOMAIN="localhost",
            PORT=str(port),
            HOST="127.0.0.1",
            WEB_ACCESS_LOG="/dev/null",
            LINLI_LOG_LEVEL="WARNING",
            PYTHONPATH=f"{ROOT}:{ROOT / 'platform'}",
            PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        )
        env.pop("WEB_CONCURRENCY", None)  # the image's default: 2 x cores + 1
        server_log = Path(f"/tmp/{db_name}-gunicorn.log")
        with server_log.open("wb") as out:
            server = subprocess.Popen(
                ["sh", "infra/docker-entrypoint.sh", "web"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited: {server_log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not answer /healthz within 60 s") from None
                time.sleep(0.2)
        workers = int(
            subprocess.run(
                ["pgrep", "-c", "-P", str(server.pid)], capture_output=True, text=True
            ).stdout.strip()
            or 0
        )
        log(
            f"gunicorn: {workers} processes under pid {server.pid} (sh -> gunicorn), "
            f"{os.cpu_count()} cores; {len(people) - staff} residents + {staff} staff "
            f"for {args.seconds:.0f} s ..."
        )
        res, wall = asyncio.run(run_load(f"http://127.0.0.1:{port}", people, estate, args.seconds))
        total, found = stored_requests(res.accepted)
        return report(res, wall, total, found, len(people))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)
        if not args.keep:
            drop_database(base_url, db_name)
        import redis
        from django.conf import settings
        from django.core.cache import cache

        cache.clear()  # the bench's own Redis databases (LINLI_BENCH_REDIS_DB_BASE)
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()  # tasks no worker ran


if __name__ == "__main__":
    sys.exit(main())
