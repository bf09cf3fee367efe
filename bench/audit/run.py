#!/usr/bin/env python3
"""How fast is the firm's audit log with 200,000 events?

    python3 dev.py bench audit [--events 200000] [--runs 40] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/audit/run.py

In a scratch database (`linli_bench_audit`, dropped at the end unless --keep) one firm is
onboarded; ten estates, five staff and one real change of every audited kind are made through
the services inside an audit context (so every event table holds a row exactly as the triggers
write it). Each of those rows is then copied IN THE DATABASE into --events events over the last
365 days (deterministic: no randomness), spread over the kinds roughly as a firm's log is
(units and people most, dispatch rules least), over the ten estates, five actors and 5,000
objects per kind, then VACUUM ANALYZE.

Measured, as the firm's admin through the API in process (GET /api/v1/audit/events/, the first
page of 20 with its count: what the audit page asks), p50 / p95 / max in ms over --runs after
--warmup, for each filter the page offers: none, one estate, one actor, one kind, a 30-day
window, an estate and a window together, and page 50 of the whole log; baseline in the same run:
the same two statements the API sends (count and page), compiled from `audit.selectors.heads`
(`Log.count_statement`, `Log.rows`) and run raw on the cursor. With --without-indexes the audit
indexes (audit migration 0003) are dropped and every filter measured again, then put back.

Goal (issue #14 §5): list p95 <= 200 ms with every filter.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_audit"
SLUG = "bench-audit"
GOAL_P95_MS = 200.0
ESTATES = 10
ACTORS = 5
OBJECTS = 5000
DAYS = 365
LOG = "/api/v1/audit/events/"
# share of the events per kind (sums to 100)
WEIGHTS = {
    "unit": 30,
    "person": 20,
    "building": 8,
    "role_grant": 10,
    "user": 8,
    "estate": 5,
    "staff_assignment": 7,
    "sla_policy": 4,
    "dispatch_group": 3,
    "dispatch_group_member": 3,
    "dispatch_rule": 2,
}


def sql(statement: str, params: Any = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_firm() -> Any:
    from tenants.services import FirmInput, firm_onboard

    common.migrate_platform()
    return firm_onboard(
        data=FirmInput(
            name="基准审计物业", slug=SLUG, admin_email=f"admin@{SLUG}.test", admin_name="管理员"
        ),
        provision="now",
    )


def one_change_of_each_kind(admin: Any) -> tuple[list[int], list[int]]:
    """Estates, staff and one event of every audited kind, written by the triggers inside the
    admin's audit context. Returns (estate ids, actor ids)."""
    import pghistory

    from accounts.services import user_create
    from audit.context import actor_metadata
    from complaints.services import config as complaints_config
    from estates import services as es
    from estates.models import Person

    with pghistory.context(source="api", request_id="bench", **actor_metadata(admin)):
        estates = [
            es.estate_create(by=None, name=f"基准小区{i:02d}", code=f"E{i:02d}", city="杭州")
            for i in range(ESTATES)
        ]
        building = es.building_create(estate=estates[0], name="1号楼", floors=18)
        es.unit_create(building=building, number="101", floor=1, area=Decimal("88.00"))
        staff = []
        for i in range(ACTORS - 1):
            user = user_create(
                email=f"staff{i}@{SLUG}.test", role="staff", full_name=f"员工{i}", created_by=admin
            )
            es.staff_assign(estate=estates[0], user=user, role="staff", by=None)
            staff.append(user)
        Person.objects.create(full_name="业主", phone="13800000000", id_number="330101199001011234")
        complaints_config.sla_policy_create(
            by=None,
            estate=estates[0],
            response_hours=Decimal(1),
            plan_hours=Decimal(8),
            resolution_hours=Decimal(48),
        )
        group = complaints_config.group_create(
            estate_id=estates[0].pk, name="维修组", member_ids=[staff[0].pk]
        )
        complaints_config.rule_set(estate_id=estates[0].pk, category="repair", group=group)
    return [e.pk for e in estates], [admin.pk, *(u.pk for u in staff)]


def multiply(total: int, estates: list[int], actors: list[int], schema: str) -> dict[str, int]:
    """Each kind's one real event row copied into its share of `total` events (SQL only)."""
    from audit.selectors import KINDS

    counts: dict[str, int] = {}
    for key, weight in WEIGHTS.items():
        n = total * weight // 100
        model = KINDS[key].model()
        table = model._meta.db_table
        columns = [
            row[0]
            for row in sql(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_schema = %s AND table_name = %s AND column_name <> 'pgh_id'"
                " ORDER BY ordinal_position",
                [schema, table],
            )
        ]
        overrides = {
            # spread evenly over the last 365 days, newest first: deterministic
            "pgh_created_at": (
                f"now() - ((g::bigint * {DAYS * 86400} / %(n)s) * interval '1 second')"
            ),
            "pgh_label": "(ARRAY['update','update','update','insert','delete'])[1 + g %% 5]",
            "pgh_obj_id": f"1 + g %% {OBJECTS}",
            "pgh_context": (
                "jsonb_build_object('source', 'api', 'request_id', 'bench-' || g,"
                " 'user', (%(actors)s::bigint[])[1 + g %% %(a)s],"
                " 'roles', jsonb_build_array('firm_admin'), 'user_schema', %(schema)s::text)"
            ),
        }
        if "estate_id" in columns:
            overrides["estate_id"] = "(%(estates)s::bigint[])[1 + (g / 7) %% %(e)s]"
        select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
        sql(
            f"INSERT INTO {table} ({', '.join(columns)})"
            f" SELECT {select} FROM (SELECT * FROM {table} ORDER BY pgh_id LIMIT 1) t,"
            " generate_series(1, %(n)s) g",
            {
                "n": n,
                "actors": actors,
                "a": len(actors),
                "estates": estates,
                "e": len(estates),
                "schema": schema,
            },
        )
        sql(f"ANALYZE {table}")
        counts[key] = n
    return counts


AUDIT_INDEXES_SQL = """
SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'i' AND n.nspname = %s AND c.relname LIKE 'audit\\_ix\\_%%'
"""


def measure(
    name: str, fn: Callable[[], Any], runs: int, warmup: int
) -> tuple[str, float, float, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return name, pct(samples, 0.5), pct(samples, 0.95), max(samples)


def run(args: argparse.Namespace, log: Callable[[str], None]) -> list[str]:
    from django.db import connection
    from django_tenants.utils import schema_context
    from rest_framework.test import APIClient

    from accounts.models import User
    from audit import selectors

    t0 = time.perf_counter()
    if args.reuse:  # the firm of an earlier --keep run, migrated to this code
        from django.core.management import call_command

        from tenants.models import Firm

        call_command("migrate", interactive=False, verbosity=0)
        firm = Firm.objects.get(slug=SLUG)
    else:
        firm = make_firm()
    host = firm.domains.get(is_primary=True).domain
    log(f"  migrated and onboarded in {time.perf_counter() - t0:.0f} s")
    lines: list[str] = []
    with schema_context(firm.schema_name):
        admin = User.objects.get(email=f"admin@{SLUG}.test")
        from estates.models import Estate

        if not Estate.objects.exists():
            one_change_of_each_kind(admin)
        estates = list(Estate.objects.order_by("pk").values_list("pk", flat=True))
        actors = list(User.objects.order_by("pk").values_list("pk", flat=True)[:ACTORS])
        from audit.selectors import KINDS

        have = sum(KINDS[k].model().objects.count() for k in WEIGHTS)
        t0 = time.perf_counter()
        if have < args.events:
            log(f"making {args.events:,} events in the database ...")
            counts = multiply(args.events, estates, actors, firm.schema_name)
            sql("VACUUM ANALYZE")
        else:
            log("reusing the events")
        counts = {k: KINDS[k].model().objects.count() for k in WEIGHTS}
        total = sum(counts.values())
        size = sql(
            "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'r' AND c.relname LIKE '%%event'",
            [firm.schema_name],
        )[0][0]
        log(f"  {total:,} events in {time.perf_counter() - t0:.0f} s; event tables {size}")
        indexes = sql(AUDIT_INDEXES_SQL, [firm.schema_name])
        log(f"  audit indexes: {len(indexes)}")

        client = APIClient(HTTP_HOST=host)
        client.force_login(admin)
        today = date.today()
        window = {"since": (today - timedelta(days=120)).isoformat()}
        window["until"] = (today - timedelta(days=90)).isoformat()
        filters: list[tuple[str, dict[str, Any]]] = [
            ("no filter", {}),
            ("estate", {"estate": estates[3]}),
            ("actor", {"actor": actors[2]}),
            ("kind=unit", {"kind": "unit"}),
            ("kind=dispatch_group_member", {"kind": "dispatch_group_member"}),
            ("30-day window", window),
            ("estate + window", {"estate": estates[3], **window}),
            ("page 50", {"page": 50}),
        ]
        reader = selectors.reader_for(user=admin)
        assert reader is not None

        def api(params: dict[str, Any]) -> Callable[[], Any]:
            def call() -> None:
                response = client.get(LOG, params)
                assert response.status_code == 200, response.content[:300]
                connection.set_schema_to_public()
                connection.set_tenant(firm)

            return call

        def raw(params: dict[str, Any]) -> Callable[[], Any]:
            from api.audit.filters import AuditLogFilter

            form = AuditLogFilter(data={k: str(v) for k, v in params.items() if k != "page"})
            assert form.is_valid(), form.errors
            log_rows = selectors.heads(reader=reader, firm=firm, f=form.log_filter())
            page = int(params.get("page", 1))
            rows_sql, rows_params = log_rows.rows(
                (page - 1) * 20, page * 20
            ).query.sql_with_params()
            counted, counted_params = log_rows.count_statement()

            def call() -> None:
                with connection.cursor() as cursor:
                    cursor.execute(counted, counted_params)
                    cursor.fetchall()
                    cursor.execute(rows_sql, rows_params)
                    cursor.fetchall()

            return call

        def measure_all(label: str) -> list[tuple[str, float, float, float]]:
            results = []
            for name, params in filters:
                a = measure(name, api(params), args.runs, args.warmup)
                b = measure(name, raw(params), args.runs, args.warmup)
                results.append((name, a[1], a[2], a[3]))
                lines.append(
                    f"{label:<16} {name:<27} {a[1]:8.1f} {a[2]:8.1f} {a[3]:8.1f} |"
                    f" {b[1]:8.1f} {b[2]:8.1f}"
                )
                log("  " + lines[-1])
            return results

        header = (
            f"{'indexes':<16} {'filter':<27} {'api p50':>8} {'p95':>8} {'max':>8} |"
            f" {'sql p50':>8} {'p95':>8}"
        )
        log(header)
        with_ix = measure_all(f"audit ({len(indexes)})")
        if args.without_indexes and indexes:
            for name, _ in indexes:
                sql(f'DROP INDEX "{name}"')
            sql("ANALYZE")
            measure_all("none")
            for _, definition in indexes:
                sql(definition)
            sql("ANALYZE")
    worst = max(with_ix, key=lambda r: r[2])
    summary = [
        f"{total:,} events ({', '.join(f'{k} {v:,}' for k, v in counts.items())});"
        f" {ESTATES} estates, {ACTORS} actors; {os.cpu_count()} CPUs; runs {args.runs}",
        header,
        *lines,
        "",
        f"goal: audit log list p95 <= {GOAL_P95_MS:.0f} ms with every filter"
        f" -> {'met' if worst[2] <= GOAL_P95_MS else 'MISSED'} ({worst[2]:.1f} ms, {worst[0]})",
    ]
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000, help="events (200000)")
    parser.add_argument("--runs", type=int, default=40, help="timed requests per filter (40)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first (5)")
    parser.add_argument(
        "--without-indexes",
        action="store_true",
        help="also measure with the audit indexes dropped (then put back)",
    )
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("LINLI_BENCH_REDIS_DB", "0")),
        help="Redis database for the cache; LINLI_BENCH_REDIS_DB or 0",
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"scratch database ({DB_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument(
        "--reuse", action="store_true", help="use the database of an earlier --keep run (kept)"
    )
    args = parser.parse_args(argv)
    args.keep = args.keep or args.reuse
    base, url = scratch_urls(args.db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    if not args.reuse:
        log(f"database {args.db_name}: create and migrate")
        recreate_database(base, args.db_name)
    try:
        common.setup_django(url, redis_db=args.redis_db, queue="linli-bench-audit")
        summary = run(args, log)
        print()
        for line in summary:
            print(line)
    finally:
        if args.keep:
            log(f"\nkept database {args.db_name}")
        else:
            drop_database(base, args.db_name)
            log(f"\ndropped database {args.db_name}")
    log(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
