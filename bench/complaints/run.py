#!/usr/bin/env python3
"""How fast are the service desk, the KPI dashboard and intake with 1,000,000 requests?

    python3 dev.py bench complaints [--requests 1000000] [--runs 200] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/complaints/run.py

Everything happens in a scratch database (`linli_bench_complaints`: DATABASE_URL with the
database name swapped), created and migrated here and dropped at the end unless --keep. One firm
is onboarded with `tenants.services.firm_onboard(data=FirmInput(...), provision="now")`; its
people come from the services (a manager of 3 estates, 10 staff, 60 residents of estate E01)
and its bulk data from SQL inside the firm's schema (INSERT ... SELECT generate_series, seeded):

* 50 estates x 20 buildings x 100 units (100,000 units), 3 common areas each;
* 1,000,000 requests over the year before today, interleaved across estates in time order (as
  a live system writes them): 55 % repairs, 35 % complaints, 10 % suggestions; eight
  categories; 90 % about a unit; statuses by age (recent ones open, older ones mostly closed,
  a stale open tail), 10 % without a first response, response and fix times skewed, 80 % of
  closed ones rated (mostly 4-5), 5 % reopened;
* their timeline (2-4 events each) and SLA clocks (3 each, 1 for suggestions), consistent with
  the statuses; then VACUUM ANALYZE, as autovacuum would have done.

Measured with the real middleware/DRF path (Django's test client at the firm's host, logged-in
users), p50/p95 over --runs runs after --warmup runs, each beside a baseline in the same run
(alternating, so background load hits both alike):

* list: GET /api/v1/complaints/?estate=<E01>&status=submitted,accepted&page_size=50 as the
  manager; baseline: the same 50 rows (with the joined names the page shows) + the count, in SQL;
* kpi: GET /api/v1/complaints/kpis/?estate=<E01>&start=&end= for the last full quarter as the
  manager; baseline: `complaints.kpis.estate_kpis(...)` called directly;
* create: POST /api/v1/complaints/ (JSON) as 30 residents in turn (10 each: the daily limit);
  baseline: `complaints.services.request_submit` for 30 other residents.

Then the SQL of one call of each is captured (time per statement) and the heavy statements are
shown with EXPLAIN (ANALYZE, BUFFERS). Goals: list p95 < 30 ms, dashboard p95 < 100 ms.
The whole default run takes 3-5 minutes on 2 cores, about 2 of them generating the data.
Results and findings: bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import REPAIR_DESCRIPTIONS, drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_complaints"
SLUG = "bench-complaints"
GOALS_MS = {"list": 30.0, "kpi": 100.0}
DESCRIPTIONS = REPAIR_DESCRIPTIONS
CATEGORIES = ["repair", "cleaning", "security", "greening", "parking", "noise", "fees", "other"]


# --- database and Django ---------------------------------------------------------------------


def setup_django(url: str, media_root: str, redis_db: int) -> None:
    common.setup_django(
        url, media_root=media_root, redis_db=redis_db, queue="linli-bench-complaints"
    )


def migrate_and_onboard():  # type: ignore[no-untyped-def]
    from tenants.services import FirmInput, firm_onboard

    common.migrate_platform()
    return firm_onboard(
        data=FirmInput(
            name="基准投诉物业", slug=SLUG, admin_email=f"admin@{SLUG}.test", admin_name="管理员"
        ),
        provision="now",
    )


def sql(statement: str, params: dict[str, Any] | None = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


# --- data --------------------------------------------------------------------------------------


def make_people_and_estates(estates: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Estates and people through the services (few rows: realism over speed)."""
    from accounts.services import user_create
    from estates import services as es

    made = [es.estate_create(by=None, name=f"基准小区 {n:02d}", code=f"E{n:02d}", city="杭州")
            for n in range(1, estates + 1)]  # fmt: skip
    manager = user_create(email=f"manager@{SLUG}.test", role="manager", full_name="项目经理")
    for estate in made[:3]:
        es.staff_assign(estate=estate, user=manager, role="manager", by=None)
    staff = []
    for n in range(10):
        user = user_create(email=f"staff{n}@{SLUG}.test", role="staff", full_name=f"维修{n}")
        es.staff_assign(estate=made[n % 3], user=user, role="staff", by=None)
        staff.append(user)
    log(f"  {estates} estates, 1 manager, {len(staff)} staff through the services")
    return {"estates": made, "manager": manager, "staff": staff}


def make_units(buildings: int, floors: int, per_floor: int) -> int:
    sql(
        """INSERT INTO estates_building (estate_id, name, floors)
           SELECT e.id, b::text || '号楼', %(floors)s
             FROM estates_estate e, generate_series(1, %(buildings)s) b""",
        {"buildings": buildings, "floors": floors},
    )
    sql(
        """INSERT INTO estates_unit (estate_id, building_id, number, floor, area, use)
           SELECT b.estate_id, b.id, (f * 100 + p)::text, f,
                  round((60 + random() * 90)::numeric, 2), 'residential'
             FROM estates_building b, generate_series(1, %(floors)s) f,
                  generate_series(1, %(per_floor)s) p
            ORDER BY b.estate_id, b.id, f, p""",
        {"floors": floors, "per_floor": per_floor},
    )
    sql(
        """INSERT INTO estates_commonarea (estate_id, name, description)
           SELECT e.id, a, '' FROM estates_estate e,
                  unnest(ARRAY['北门', '地下车库', '中心花园']) a"""
    )
    return int(sql("SELECT count(*) FROM estates_unit")[0][0])


def make_residents(estate: Any, count: int) -> list[tuple[Any, Any]]:
    """Residents of distinct units of `estate` (a resident grant on their unit each)."""
    from accounts.services import user_create
    from estates.models import Unit

    units = list(Unit.objects.filter(estate=estate).order_by("id")[:count])
    return [
        (
            user_create(
                email=f"resident{n}@{SLUG}.test",
                role="resident",
                full_name=f"住户{n}",
                estate_id=estate.pk,
                unit_id=unit.pk,
            ),
            unit,
        )
        for n, unit in enumerate(units)
    ]


_MAPS = """
DROP TABLE IF EXISTS bench_estate_map, bench_unit_map, bench_area_map;
CREATE TEMP TABLE bench_estate_map AS
    SELECT (row_number() OVER (ORDER BY code))::int - 1 AS e, id AS estate_id FROM estates_estate;
CREATE TEMP TABLE bench_unit_map AS
    SELECT estate_id, (row_number() OVER (PARTITION BY estate_id ORDER BY id))::int - 1 AS k,
           id AS unit_id
      FROM estates_unit;
CREATE TEMP TABLE bench_area_map AS
    SELECT estate_id, (row_number() OVER (PARTITION BY estate_id ORDER BY id))::int - 1 AS k,
           id AS area_id
      FROM estates_commonarea;
ANALYZE bench_estate_map; ANALYZE bench_unit_map; ANALYZE bench_area_map;
"""

# Layered: g draws the random numbers, s the statuses (by age), t the times, then the row.
_REQUESTS = """
INSERT INTO complaints_servicerequest (
    estate_id, number, kind, category, urgency, unit_id, common_area_id, is_public, description,
    channel, requester_id, requester_person_id, contact_name, contact_phone, entered_by_id,
    status, resume_to, assignee_id, group_id, first_response_at, resolved_at, closed_at,
    deferred_until, defer_reason, reject_reason, reopen_count, rating, rating_tags,
    rating_comment, rated_at, colour, created_at, updated_at)
WITH g AS (
    SELECT i, mod(i, %(estates)s) AS e,
           %(t0)s::timestamptz + ((i + random()) / %(n)s) * interval '365 days' AS created_at,
           random() AS u_kind, random() AS u_cat, random() AS u_status, random() AS u_resp,
           random() AS u_fix, random() AS u_rate, random() AS u_reopen, random() AS u_place,
           random() AS u_null, floor(random() * %(units)s)::int AS unit_k
      FROM generate_series(0, %(n)s - 1) AS i
), s AS (
    SELECT g.*,
           CASE WHEN u_kind < 0.55 THEN 'repair' WHEN u_kind < 0.90 THEN 'complaint'
                ELSE 'suggestion' END AS kind,
           CASE WHEN u_cat < 0.35 THEN 'repair' WHEN u_cat < 0.47 THEN 'cleaning'
                WHEN u_cat < 0.55 THEN 'security' WHEN u_cat < 0.62 THEN 'greening'
                WHEN u_cat < 0.72 THEN 'parking' WHEN u_cat < 0.84 THEN 'noise'
                WHEN u_cat < 0.92 THEN 'fees' ELSE 'other' END AS category,
           u_place < 0.90 AS on_unit,
           CASE
             WHEN %(now)s::timestamptz - created_at < interval '3 days' THEN
               CASE WHEN u_status < 0.30 THEN 'submitted' WHEN u_status < 0.60 THEN 'accepted'
                    WHEN u_status < 0.85 THEN 'in_progress' WHEN u_status < 0.90 THEN 'deferred'
                    ELSE 'resolved' END
             WHEN %(now)s::timestamptz - created_at < interval '30 days' THEN
               CASE WHEN u_status < 0.02 THEN 'submitted' WHEN u_status < 0.07 THEN 'accepted'
                    WHEN u_status < 0.12 THEN 'in_progress' WHEN u_status < 0.15 THEN 'deferred'
                    WHEN u_status < 0.16 THEN 'reopened' WHEN u_status < 0.36 THEN 'resolved'
                    WHEN u_status < 0.95 THEN 'closed' ELSE 'rejected' END
             ELSE
               CASE WHEN u_status < 0.003 THEN 'submitted' WHEN u_status < 0.01 THEN 'accepted'
                    WHEN u_status < 0.02 THEN 'in_progress' WHEN u_status < 0.03 THEN 'deferred'
                    WHEN u_status < 0.06 THEN 'resolved' WHEN u_status < 0.95 THEN 'closed'
                    ELSE 'rejected' END
           END AS status,
           (0.1 + 48 * u_resp ^ 3) * interval '1 hour' AS response_time,
           (1 + 120 * u_fix ^ 2) * interval '1 hour' AS fix_time
      FROM g
), t AS (
    SELECT s.*,
           CASE WHEN status = 'submitted' OR u_null < 0.09 THEN NULL
                ELSE least(created_at + response_time, %(now)s) END AS first_response_at,
           CASE WHEN status IN ('resolved', 'closed')
                THEN least(created_at + response_time + fix_time, %(now)s) END AS resolved_at
      FROM s
)
SELECT em.estate_id, 'GEN-' || lpad(t.i::text, 7, '0'), t.kind, t.category,
       CASE WHEN t.u_place > 0.97 THEN 'emergency' ELSE 'normal' END,
       CASE WHEN t.on_unit THEN um.unit_id END, CASE WHEN NOT t.on_unit THEN am.area_id END,
       NOT t.on_unit,
       (%(descriptions)s::text[])[1 + mod(t.i, %(n_descriptions)s)] || '（' || t.i || '）',
       CASE WHEN mod(t.i, 20) < 10 THEN 'app' WHEN mod(t.i, 20) < 14 THEN 'wechat'
            WHEN mod(t.i, 20) < 17 THEN 'phone' WHEN mod(t.i, 20) < 19 THEN 'web'
            ELSE 'front_desk' END,
       NULL, NULL, '', '', NULL,
       t.status, '',
       CASE WHEN t.status <> 'submitted' THEN (%(staff)s::bigint[])[1 + mod(t.i, %(n_staff)s)] END,
       NULL, t.first_response_at, t.resolved_at,
       CASE WHEN t.status = 'closed'
            THEN least(t.resolved_at + t.u_rate * interval '3 days', %(now)s)
            WHEN t.status = 'rejected' THEN least(t.created_at + t.response_time, %(now)s) END,
       CASE WHEN t.status = 'deferred' THEN (t.created_at + interval '7 days')::date END,
       CASE WHEN t.status = 'deferred' THEN '等业主在家' ELSE '' END,
       CASE WHEN t.status = 'rejected' THEN '不属于物业服务范围' ELSE '' END,
       CASE WHEN t.status = 'reopened' THEN 1 + (t.u_reopen < 0.2)::int
            WHEN t.status IN ('resolved', 'closed') THEN
                 CASE WHEN t.u_reopen < 0.01 THEN 2 WHEN t.u_reopen < 0.05 THEN 1 ELSE 0 END
            ELSE 0 END,
       CASE WHEN t.status = 'closed' AND t.u_rate < 0.8 THEN
                 CASE WHEN t.u_rate < 0.44 THEN 5 WHEN t.u_rate < 0.64 THEN 4
                      WHEN t.u_rate < 0.72 THEN 3 WHEN t.u_rate < 0.768 THEN 2 ELSE 1 END END,
       '[]'::jsonb, '',
       CASE WHEN t.status = 'closed' AND t.u_rate < 0.8
            THEN least(t.resolved_at + t.u_rate * interval '3 days', %(now)s) END,
       CASE WHEN t.status IN ('submitted', 'accepted', 'in_progress', 'reopened')
                 AND %(now)s::timestamptz - t.created_at > interval '3 days' THEN 'red'
            WHEN t.status IN ('submitted', 'accepted', 'in_progress', 'reopened')
                 AND %(now)s::timestamptz - t.created_at > interval '19 hours' THEN 'yellow'
            ELSE 'green' END,
       t.created_at,
       coalesce(t.resolved_at, t.first_response_at, t.created_at)
  FROM t
  JOIN bench_estate_map em ON em.e = t.e
  LEFT JOIN bench_unit_map um ON um.estate_id = em.estate_id AND um.k = t.unit_k
  LEFT JOIN bench_area_map am ON am.estate_id = em.estate_id AND am.k = mod(t.i, 3)
 ORDER BY t.i
"""

_EVENTS = """
INSERT INTO complaints_requestevent
    (request_id, at, actor_id, action, from_status, to_status, channel, note, data)
SELECT r.id, v.at, v.actor, v.action, v.from_status, v.to_status, v.channel, '', '{}'::jsonb
  FROM complaints_servicerequest r
 CROSS JOIN LATERAL (VALUES
    (r.created_at, NULL::bigint, 'submit', '', 'submitted', r.channel),
    (coalesce(r.first_response_at, r.created_at), r.assignee_id,
     CASE WHEN r.first_response_at IS NULL THEN 'dispatch'
          WHEN r.status = 'rejected' THEN 'reject' ELSE 'accept' END,
     CASE WHEN r.first_response_at IS NULL THEN '' ELSE 'submitted' END,
     CASE WHEN r.first_response_at IS NULL THEN ''
          WHEN r.status = 'rejected' THEN 'rejected' ELSE 'accepted' END,
     CASE WHEN r.first_response_at IS NULL THEN 'system' ELSE 'web' END),
    (r.resolved_at, r.assignee_id, 'resolve', 'in_progress', 'resolved', 'web'),
    (r.rated_at, NULL::bigint, 'rate', 'resolved', 'closed', 'app')
 ) AS v(at, actor, action, from_status, to_status, channel)
 WHERE v.at IS NOT NULL
"""

_CLOCKS = """
INSERT INTO complaints_slaclock (request_id, kind, budget_seconds, started_at, paused_at,
                                 paused_seconds, stopped_at, due_at, yellow_at)
SELECT x.request_id, x.kind, x.budget, x.started_at,
       CASE WHEN x.stopped_at IS NULL AND x.deferred THEN x.started_at + interval '2 hours' END,
       0, x.stopped_at, x.started_at + x.budget * interval '1 second',
       CASE WHEN x.stopped_at IS NULL AND NOT x.deferred
            THEN x.started_at + 0.8 * x.budget * interval '1 second' END
  FROM (
    SELECT r.id AS request_id, v.kind, v.budget, r.created_at AS started_at, v.stopped_at,
           r.status = 'deferred' AS deferred
      FROM complaints_servicerequest r
     CROSS JOIN LATERAL (VALUES
        ('response', 86400, r.first_response_at),
        ('plan', 259200,
         CASE WHEN r.status = 'in_progress'
                   THEN least(coalesce(r.first_response_at, r.created_at) + interval '2 hours',
                              %(now)s)
              WHEN r.status IN ('resolved', 'closed') THEN r.resolved_at
              WHEN r.status = 'rejected' THEN r.closed_at END),
        ('resolution', CASE WHEN r.urgency = 'emergency' THEN 28800 ELSE 259200 END,
         CASE WHEN r.status IN ('resolved', 'closed') THEN r.resolved_at
              WHEN r.status = 'rejected' THEN r.closed_at END)
     ) AS v(kind, budget, stopped_at)
     WHERE r.kind <> 'suggestion' OR v.kind = 'response'
  ) x
"""


def generate(
    n: int, units_per_estate: int, staff_ids: list[int], log: Callable[[str], None]
) -> dict[str, float]:
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    params = {
        "n": n,
        "estates": int(sql("SELECT count(*) FROM estates_estate")[0][0]),
        "units": units_per_estate,
        "t0": now - timedelta(days=365),
        "now": now,
        "descriptions": DESCRIPTIONS,
        "n_descriptions": len(DESCRIPTIONS),
        "staff": staff_ids,
        "n_staff": len(staff_ids),
    }
    seconds: dict[str, float] = {}

    def step(label: str, statement: str) -> None:
        t0 = time.perf_counter()
        done = sql(statement, params)
        seconds[label] = time.perf_counter() - t0
        log(f"  {label:<24} {done:>10,} rows  {seconds[label]:6.1f} s")

    sql("SELECT setseed(0.42)")
    sql("SET synchronous_commit = off")
    sql("SET work_mem = '256MB'")
    sql("SET maintenance_work_mem = '512MB'")
    sql(_MAPS)
    step("requests", _REQUESTS)
    step("events", _EVENTS)
    step("clocks", _CLOCKS)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for table in (
            "complaints_servicerequest",
            "complaints_requestevent",
            "complaints_slaclock",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("ANALYZE")
    seconds["vacuum analyze"] = time.perf_counter() - t0
    log(f"  {'vacuum analyze':<24} {'':>10}       {seconds['vacuum analyze']:6.1f} s")
    sql("RESET work_mem")
    sql("RESET maintenance_work_mem")
    sql("RESET synchronous_commit")
    sql("DROP TABLE bench_estate_map, bench_unit_map, bench_area_map")
    return seconds


# --- measuring -----------------------------------------------------------------------------------


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def paired(
    first: Callable[[], Any], second: Callable[[], Any], runs: int, warmup: int
) -> tuple[list[float], list[float]]:
    """Alternate the two, so background load hits both alike; milliseconds."""
    for _ in range(warmup):
        first()
        second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        for fn, out in ((first, a), (second, b)):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
    return a, b


@contextmanager
def captured() -> Iterator[list[dict[str, Any]]]:
    """Every statement run inside, with its parameters and its time (ms, this side of the
    socket: what the request waits for)."""
    from django.db import connection

    queries: list[dict[str, Any]] = []

    def wrapper(execute: Any, statement: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            ms = (time.perf_counter() - t0) * 1000
            if not statement.startswith("SET "):
                queries.append({"sql": statement, "params": params, "ms": ms})

    with connection.execute_wrapper(wrapper):
        yield queries


def explain(statement: str, params: Any) -> str:
    rows = sql("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
    return "\n".join("    " + r[0] for r in rows)


def show_queries(title: str, queries: list[dict[str, Any]], log: Callable[[str], None]) -> None:
    total = sum(q["ms"] for q in queries)
    log(f"\n{title}: {len(queries)} statements, {total:.1f} ms waiting for the database")
    for q in queries:
        text = " ".join(q["sql"].split())
        log(f"  {q['ms']:7.2f} ms  {text[:110]}{'…' if len(text) > 110 else ''}")


_LIST_BASELINE_ROWS = """
SELECT r.*, e.code, b.name, u.number, a.name, s.full_name, s.email
  FROM complaints_servicerequest r
  JOIN estates_estate e ON e.id = r.estate_id
  LEFT JOIN estates_unit u ON u.id = r.unit_id
  LEFT JOIN estates_building b ON b.id = u.building_id
  LEFT JOIN estates_commonarea a ON a.id = r.common_area_id
  LEFT JOIN accounts_user s ON s.id = r.assignee_id
 WHERE r.estate_id = %(estate)s AND r.status = ANY(%(statuses)s)
 ORDER BY r.created_at DESC, r.id DESC
 LIMIT 50
"""
_LIST_BASELINE_COUNT = """
SELECT count(*) FROM complaints_servicerequest r
 WHERE r.estate_id = %(estate)s AND r.status = ANY(%(statuses)s)
"""


def last_full_quarter(today: date) -> tuple[date, date]:
    from complaints.kpis import quarter_bounds

    first, _ = quarter_bounds(today)
    return quarter_bounds(first - timedelta(days=1))


def run(args: argparse.Namespace, log: Callable[[str], None]) -> None:
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context
    from rest_framework.test import APIClient

    from complaints import services
    from complaints.kpis import estate_kpis

    t_setup = time.perf_counter()
    firm = migrate_and_onboard()
    host = firm.domains.get(is_primary=True).domain
    log(f"firm {firm.schema_name} at {host} ready in {time.perf_counter() - t_setup:.1f} s")

    with schema_context(firm.schema_name):
        log("people and estates (services), portfolio and requests (SQL):")
        t0 = time.perf_counter()
        cast = make_people_and_estates(args.estates, log)
        units = make_units(20, 20, args.units_per_estate // 400)
        estate = cast["estates"][0]
        residents = make_residents(estate, 2 * args.residents)
        log(f"  {units:,} units, {len(residents)} residents  {time.perf_counter() - t0:6.1f} s")
        gen = generate(args.requests, args.units_per_estate, [u.pk for u in cast["staff"]], log)
        counts = sql(
            """SELECT (SELECT count(*) FROM complaints_servicerequest),
                      (SELECT count(*) FROM complaints_requestevent),
                      (SELECT count(*) FROM complaints_slaclock),
                      (SELECT count(*) FROM complaints_servicerequest
                        WHERE estate_id = %(e)s AND status IN ('submitted', 'accepted')),
                      pg_size_pretty(pg_total_relation_size('complaints_servicerequest')),
                      pg_size_pretty(pg_database_size(current_database()))""",
            {"e": estate.pk},
        )[0]
        log(
            f"  -> {counts[0]:,} requests, {counts[1]:,} events, {counts[2]:,} clocks; "
            f"E01 has {counts[3]:,} submitted/accepted; requests table {counts[4]}, "
            f"database {counts[5]}; generation {sum(gen.values()):.0f} s"
        )

        manager = APIClient(HTTP_HOST=host)
        manager.force_login(cast["manager"])
        clients = []
        for user, _ in residents[: args.residents]:
            client = APIClient(HTTP_HOST=host)
            client.force_login(user)
            clients.append(client)

        # --- the service-desk list page
        list_url = f"/api/v1/complaints/?estate={estate.pk}&status=submitted,accepted&page_size=50"
        params = {"estate": estate.pk, "statuses": ["submitted", "accepted"]}

        def api_list() -> Any:
            response = manager.get(list_url)
            assert response.status_code == 200, response.content[:300]
            return response

        def sql_list() -> Any:
            rows = sql(_LIST_BASELINE_ROWS, params)
            return rows, sql(_LIST_BASELINE_COUNT, params)[0][0]

        body = api_list().json()
        rows, count = sql_list()
        assert [r["id"] for r in body["results"]] == [row[0] for row in rows[:50]]
        assert body["count"] == count, (body["count"], count)
        log(f"\nmeasuring the list page ({count:,} matching rows, 50 shown), {args.runs} runs")
        list_api, list_sql = paired(api_list, sql_list, args.runs, args.warmup)

        # --- the KPI dashboard
        start, end = last_full_quarter(timezone.localdate())
        kpi_url = f"/api/v1/complaints/kpis/?estate={estate.pk}&start={start}&end={end}"

        def api_kpi() -> Any:
            response = manager.get(kpi_url)
            assert response.status_code == 200, response.content[:300]
            return response

        def direct_kpi() -> Any:
            return estate_kpis(estate_id=estate.pk, start=start, end=end)

        figures = api_kpi().json()
        log(
            f"measuring the KPI dashboard ({start} .. {end}: {figures['total']:,} requests), "
            f"{args.runs} runs"
        )
        kpi_api, kpi_direct = paired(api_kpi, direct_kpi, args.runs, args.warmup)

        # --- intake
        api_n = base_n = 0

        def api_create() -> Any:
            nonlocal api_n
            _, unit = residents[api_n % args.residents]
            client = clients[api_n % args.residents]
            response = client.post(
                "/api/v1/complaints/",
                {
                    "estate": estate.pk,
                    "kind": "repair",
                    "category": CATEGORIES[api_n % len(CATEGORIES)],
                    "unit": unit.pk,
                    "description": DESCRIPTIONS[(api_n // args.residents) % len(DESCRIPTIONS)],
                    "channel": "app",
                },
                format="json",
            )
            assert response.status_code == 201, response.content[:300]
            api_n += 1

        def service_create() -> Any:
            nonlocal base_n
            resident, unit = residents[args.residents + base_n % args.residents]
            services.request_submit(
                estate=estate,
                kind="repair",
                category=CATEGORIES[base_n % len(CATEGORIES)],
                unit=unit,
                description=DESCRIPTIONS[(base_n // args.residents) % len(DESCRIPTIONS)],
                channel="app",
                requester=resident,
            )
            base_n += 1

        log(
            f"measuring {args.creates} creates through the API and {args.creates} through "
            "the service"
        )
        create_api, create_service = paired(api_create, service_create, args.creates, 0)

        # --- where the time goes
        log("\n--- statements of one call each (EXPLAIN ANALYZE of the heavy ones below) ---")
        with captured() as list_queries:
            api_list()
        show_queries("list page", list_queries, log)
        with captured() as kpi_queries:
            api_kpi()
        show_queries("KPI dashboard", kpi_queries, log)
        user, unit = make_extra_resident(estate)
        extra = APIClient(HTTP_HOST=host)
        extra.force_login(user)
        with captured() as create_queries:
            response = extra.post(
                "/api/v1/complaints/",
                {"estate": estate.pk, "kind": "repair", "category": "repair",
                 "unit": unit.pk, "description": "楼道声控灯坏了", "channel": "app"},
                format="json",
            )  # fmt: skip
            assert response.status_code == 201, response.content[:300]
        show_queries("create (POST)", create_queries, log)

        if not args.no_explain:
            heavy = [q for q in list_queries if "complaints_servicerequest" in q["sql"]]
            heavy += [q for q in kpi_queries if "FROM complaints_" in q["sql"]]
            heavy += [q for q in kpi_queries + create_queries if '"estates_estate"' in q["sql"]][:1]
            for q in heavy:
                text = " ".join(q["sql"].split())
                log(f"\nEXPLAIN (ANALYZE, BUFFERS) {text[:300]}{'…' if len(text) > 300 else ''}")
                log(explain(q["sql"], q["params"]))
        connection.set_schema_to_public()

    def line(name: str, api: list[float], base: list[float], base_name: str) -> str:
        a50, a95, b50, b95 = pct(api, 0.5), pct(api, 0.95), pct(base, 0.5), pct(base, 0.95)
        return (
            f"{name:<22} | {a50:8.2f} | {a95:8.2f} | {base_name:<28} | {b50:8.2f} | {b95:8.2f} |"
            f" {a50 / b50:6.1f}x | {a95 / b95:6.1f}x"
        )

    load = os.getloadavg()
    print()
    print(
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) on "
        f"{os.cpu_count()} CPUs: above the CPU count, other work was competing and the p95s show it"
    )
    print(
        f"{counts[0]:,} requests in {args.estates} estates, {counts[1]:,} events, "
        f"{counts[2]:,} clocks; {os.cpu_count()} CPUs; {args.runs} runs after {args.warmup} "
        f"warm-up, times in ms"
    )
    print()
    header = (
        f"{'through the API':<22} | {'p50':>8} | {'p95':>8} | {'baseline':<28} | {'p50':>8} |"
        f" {'p95':>8} | {'p50 x':>7} | {'p95 x':>7}"
    )
    print(header)
    print("-" * len(header))
    print(line("list page (50 rows)", list_api, list_sql, "SQL: 50 rows + count"))
    print(line("KPI dashboard", kpi_api, kpi_direct, "estate_kpis() direct"))
    print(line("create (POST, JSON)", create_api, create_service, "services.request_submit"))
    print()
    print(
        f"creates per second: API {1000 * len(create_api) / sum(create_api):.0f}/s, "
        f"service {1000 * len(create_service) / sum(create_service):.0f}/s (one process, serial)"
    )
    for key, series in (("list", list_api), ("kpi", kpi_api)):
        p95 = pct(series, 0.95)
        verdict = "met" if p95 < GOALS_MS[key] else "MISSED"
        print(f"goal: {key} p95 < {GOALS_MS[key]:.0f} ms -> {verdict} ({p95:.1f} ms)")
    print(
        "data generation: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in gen.items())
        + f" (total {sum(gen.values()):.0f} s)"
    )


def make_extra_resident(estate: Any) -> tuple[Any, Any]:
    """A fresh resident (below the daily limit) for the captured create."""
    from accounts.services import user_create
    from estates.models import Unit

    unit = Unit.objects.filter(estate=estate).order_by("-id").first()
    user = user_create(
        email=f"extra@{SLUG}.test", role="resident", estate_id=estate.pk, unit_id=unit.pk
    )
    return user, unit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1_000_000, help="requests (1000000)")
    parser.add_argument("--estates", type=int, default=50, help="estates (50)")
    parser.add_argument(
        "--units-per-estate", type=int, default=2000, help="units per estate, a multiple of 400"
    )
    parser.add_argument("--runs", type=int, default=200, help="timed runs per figure (200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs first (20)")
    parser.add_argument("--creates", type=int, default=300, help="creates each way (300)")
    parser.add_argument("--no-explain", action="store_true", help="skip EXPLAIN ANALYZE")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=int(os.environ.get("LINLI_BENCH_REDIS_DB", "0")),
        help="Redis database for the cache (nothing is queued); LINLI_BENCH_REDIS_DB or 0",
    )
    parser.add_argument("--db-name", default=DB_NAME, help=f"scratch database ({DB_NAME})")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)
    args.residents = max(1, math.ceil(args.creates / 10))  # 10 a day each: the default limit

    base, url = scratch_urls(args.db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    log(f"database {args.db_name}: create and migrate")
    recreate_database(base, args.db_name)
    try:
        with tempfile.TemporaryDirectory(prefix="linli-bench-complaints-") as media:
            setup_django(url, media, args.redis_db)
            run(args, log)
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
