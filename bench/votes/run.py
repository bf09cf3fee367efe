"""Owners' votes at the size of a large estate: 10,000 units, 8,000 owners of record.

    python3 dev.py bench votes [--units 10000] [--owners 8000] [--tally 200] [--ballots 2000]

Everything happens in a scratch database (`linli_bench_votes`, dropped at the end unless
--keep). One firm is onboarded; its estate gets the units and owners in bulk (owner i holds
unit i; the units nobody owns count as the developer, one more head), a confirmed committee
member runs the vote through the services (announced 20 days ago, opened now: the electorate
is frozen then, and timed).

Measured through the API (DRF's test client in process: the whole view, serializers and
queries, no network):
- the live tally: an owner casts, then GET /votes/<id>/ (the tally with quorum and the
  per-building turnout) -- `--tally` times, p50/p95 of the GET after each ballot;
- the baseline in the same run: GET /auth/me/ (a trivial authenticated call), as many times;
- concurrency: `--ballots` other owners cast at once from `--clients` threads (each its own
  client and database connection), against the clock; then the database is counted: one
  counted ballot per owner, none lost (every 201 is a row) and none doubled.

The last lines are `goal: <what> -> met|MISSED (<figure> <unit>)`.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_votes"
SLUG = "bench-votes"
GOAL_TALLY_P95_MS = 500.0
GOAL_BALLOTS_S = 60.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def populate(estate: Any, units: int, owners: int, log: Callable[[str], None]) -> list[int]:
    """Buildings of 500 units, owners 1..N each holding one unit, each with an account and a
    resident grant on their unit. Returns the owners' user ids in unit order."""
    from accounts.models import RoleGrant, User
    from estates.models import Building, OwnerRecord, Person, Unit

    t0 = time.perf_counter()
    per = 500
    buildings = Building.objects.bulk_create(
        [
            Building(estate=estate, name=f"{b + 1}", floors=25)
            for b in range((units + per - 1) // per)
        ]
    )
    rows = []
    for i in range(units):
        b = buildings[i // per]
        floor = (i % per) // 20 + 1
        area = Decimal(60 + (i * 37) % 90) + Decimal(i % 100) / 100
        rows.append(
            Unit(
                building=b, estate=estate, number=f"{floor}{i % 20 + 1:02d}", floor=floor, area=area
            )
        )
    made = Unit.objects.bulk_create(rows, batch_size=2000)
    users = User.objects.bulk_create(
        [
            User(email=f"owner{i}@{SLUG}.test", full_name=f"业主{i}", password="!")
            for i in range(owners)
        ],
        batch_size=2000,
    )
    people = Person.objects.bulk_create(
        [Person(full_name=f"业主{i}", user=users[i]) for i in range(owners)], batch_size=2000
    )
    OwnerRecord.objects.bulk_create(
        [OwnerRecord(unit=made[i], person=people[i]) for i in range(owners)], batch_size=2000
    )
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user=users[i], role="resident", estate_id=estate.pk, unit_id=made[i].pk)
            for i in range(owners)
        ],
        batch_size=2000,
    )
    log(f"  {units:,} units, {owners:,} owners with accounts in {time.perf_counter() - t0:.1f} s")
    return [u.pk for u in users]


def run(args: argparse.Namespace, log: Callable[[str], None]) -> list[str]:
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context
    from rest_framework.test import APIClient

    from accounts.models import User
    from accounts.services import user_create
    from committee.demo import seed_confirmed_filing
    from estates import services as es
    from tenants.services import FirmInput, firm_onboard
    from votes import services
    from votes.models import Ballot, Elector

    common.migrate_platform()
    firm = firm_onboard(
        data=FirmInput(name="基准表决物业", slug=SLUG, admin_email=f"admin@{SLUG}.test"),
        provision="now",
    )
    host = firm.domains.get(is_primary=True).domain
    schema = firm.schema_name
    with schema_context(schema):
        estate = es.estate_create(by=None, name="基准小区", code="V01", city="杭州")
        owner_ids = populate(estate, args.units, args.owners, log)
        chair = user_create(email=f"chair@{SLUG}.test", role="committee", full_name="主任")
        today = timezone.localdate()
        seed_confirmed_filing(
            estate=estate,
            members=[(chair.email, "主任", "chair")],
            number="V01-备-001",
            term_start=today - timedelta(days=30),
            term_end=today + timedelta(days=700),
        )
        now = timezone.now()
        vote = services.vote_create(
            user=chair,
            estate=estate,
            data=services.VoteInput(
                title="是否使用维修资金更换电梯",
                options=["同意", "反对", "弃权"],
                matter="fund_use",
                opens_at=now - timedelta(days=4),
                closes_at=now + timedelta(days=3),
            ),
            now=now - timedelta(days=20),
        )
        services.vote_announce(user=chair, vote=vote, now=now - timedelta(days=20))
        t0 = time.perf_counter()
        services.vote_open(user=chair, vote=vote, now=now)
        open_s = time.perf_counter() - t0
        heads = Elector.objects.filter(vote=vote).count()
        log(f"  vote opened: electorate of {heads:,} heads frozen in {open_s:.1f} s")

        # One request handler for every client, as one server process has one: a test client's
        # own handler loads the middleware on its first request (WhiteNoise scans the static
        # files then), which no server does per request.
        handler = APIClient(HTTP_HOST=host).handler

        def client_for(user_id: int) -> APIClient:
            c = APIClient(HTTP_HOST=host)
            c.handler = handler
            c.force_login(User.objects.get(pk=user_id))
            return c

        # --- the live tally after each ballot, and the baseline ------------------------------
        tally_ms: list[float] = []
        base_ms: list[float] = []
        reader = client_for(owner_ids[-1])
        for i in range(args.tally):
            voter = client_for(owner_ids[i])
            cast = voter.post(f"/api/v1/votes/{vote.pk}/cast/", {"choice": i % 3}, format="json")
            assert cast.status_code == 201, cast.content[:200]
            t = time.perf_counter()
            seen = reader.get(f"/api/v1/votes/{vote.pk}/")
            tally_ms.append((time.perf_counter() - t) * 1000)
            assert seen.status_code == 200 and seen.json()["tally"]["voted_heads"] == i + 1
            t = time.perf_counter()
            me = reader.get("/api/v1/auth/me/")
            base_ms.append((time.perf_counter() - t) * 1000)
            assert me.status_code == 200
        quorum = seen.json()["tally"]["quorum"]
        log(
            f"  live tally (GET /votes/<id>/ after each of {args.tally} ballots): "
            f"p50 {pct(tally_ms, 0.5):.0f} ms, p95 {pct(tally_ms, 0.95):.0f} ms "
            f"(quorum {quorum})"
        )
        log(
            f"  baseline GET /auth/me/: p50 {pct(base_ms, 0.5):.0f} ms, "
            f"p95 {pct(base_ms, 0.95):.0f} ms"
        )

        # --- concurrent ballots ---------------------------------------------------------------
        todo = owner_ids[args.tally : args.tally + args.ballots]
        clients = [client_for(uid) for uid in todo]
        ok: list[int] = []
        failed: list[str] = []
        cast_ms: list[float] = []
        lock = threading.Lock()
        chunks = [list(range(k, len(todo), args.clients)) for k in range(args.clients)]

        def worker(indices: list[int]) -> None:
            from django.db import connection as conn

            conn.set_schema(schema)  # type: ignore[attr-defined]
            try:
                for j in indices:
                    t = time.perf_counter()
                    r = clients[j].post(
                        f"/api/v1/votes/{vote.pk}/cast/", {"choice": j % 3}, format="json"
                    )
                    with lock:
                        cast_ms.append((time.perf_counter() - t) * 1000)
                        if r.status_code == 201:
                            ok.append(todo[j])
                        else:
                            failed.append(f"{r.status_code} {r.content[:80]!r}")
            finally:
                conn.close()

        threads = [threading.Thread(target=worker, args=(c,)) for c in chunks]
        t0 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
        connection.set_schema(schema)  # type: ignore[attr-defined]
        rows = Ballot.objects.filter(vote=vote, cast_by_id__in=todo).count()
        electors = (
            Ballot.objects.filter(vote=vote, cast_by_id__in=todo)
            .values("elector_id")
            .distinct()
            .count()
        )
        lost = len(ok) - rows
        doubled = rows - electors
        log(
            f"  {len(todo):,} ballots from {args.clients} concurrent clients in {wall:.1f} s "
            f"({len(todo) / wall:.0f}/s; cast p50 {pct(cast_ms, 0.5):.0f} ms, "
            f"p95 {pct(cast_ms, 0.95):.0f} ms): {len(ok):,} accepted, {len(failed)} refused, "
            f"{rows:,} rows, {lost} lost, {doubled} doubled"
        )
        for line in failed[:5]:
            log(f"    refused: {line}")
    p95 = pct(tally_ms, 0.95)
    whole = len(ok) == len(todo) and lost == 0 and doubled == 0
    return [
        f"goal: live tally p95 through the API at {heads:,} heads <= {GOAL_TALLY_P95_MS:.0f} ms "
        f"-> {'met' if p95 <= GOAL_TALLY_P95_MS else 'MISSED'} ({p95:.0f} ms)",
        f"goal: {len(todo):,} concurrent ballots within {GOAL_BALLOTS_S:.0f} s, none lost or "
        f"doubled -> {'met' if whole and wall <= GOAL_BALLOTS_S else 'MISSED'} ({wall:.1f} s)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=10000, help="units in the estate (10000)")
    parser.add_argument("--owners", type=int, default=8000, help="owners of record (8000)")
    parser.add_argument("--tally", type=int, default=200, help="ballots each followed by a tally")
    parser.add_argument("--ballots", type=int, default=2000, help="concurrent ballots (2000)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("LINLI_BENCH_REDIS_DB", "0")),
        help="Redis database for the cache; LINLI_BENCH_REDIS_DB or 0",
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"scratch database ({DB_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    if args.tally + args.ballots > args.owners:
        parser.error("--tally + --ballots must not exceed --owners")

    base, url = scratch_urls(args.db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    log(f"database {args.db_name}: create and migrate")
    recreate_database(base, args.db_name)
    goals: list[str] = []
    try:
        common.setup_django(url, redis_db=args.redis_db, queue="linli-bench-votes")
        goals = run(args, log)
    finally:
        if args.keep:
            log(f"\nkept database {args.db_name}")
        else:
            from django.db import connections

            connections.close_all()
            drop_database(base, args.db_name)
            log(f"\ndropped database {args.db_name}")
    log(f"total {time.perf_counter() - started:.0f} s")
    for line in goals:
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
