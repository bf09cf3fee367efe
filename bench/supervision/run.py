#!/usr/bin/env python3
# ruff: noqa: E501  (SQL and the result table read better on one line each)
"""How fast are the supervision board and the KPI page with five years of weekly rounds in 50 estates?

    python3 dev.py bench supervision [--estates 50] [--years 5] [--runs 200] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/supervision/run.py

Everything happens in a scratch database (`linli_bench_supervision`: DATABASE_URL with the
database name swapped), created and migrated here and dropped at the end unless --keep. One firm
is onboarded with `tenants.services.firm_onboard`; its estates and one manager per estate come
from the services. Each estate gets one template per service line (the built-in library's
items, version 1) and a weekly schedule per line. The history is generated IN THE DATABASE
(seeded `random()`): every week of --years, each estate holds rounds for five of the seven
service lines (two lines rest, rotating), every item answered (pass 87 %, fail 10 %, n/a 3 %),
so ≈ 585,000 findings at the defaults; every failed item opened a rectification (≈ 58,000) with
a 7-day deadline and its events (opened, the firm's answer, the committee's verification).
Rectifications of the last three weeks are still open or answered; of the older ones 98 % are
verified (most on time) and 2 % were never closed (red on the board).

Measured (ms), each beside a raw-SQL baseline in the same run, alternating so load hits both:
* board (estate): the estate's manager opens the supervision board, GET
  /api/v1/supervision/rectifications/?estate=E&status=open (first page, with its count);
  baseline: the same page and count in SQL;
* board (firm): the firm admin's board over all estates, GET ...?status=open;
* KPIs (quarter / year): GET /api/v1/supervision/kpis/?estate=E&start=..&end=.. for a random
  quarter, and for a random year; baseline: the KPI aggregates in SQL (items, rectifications,
  rounds held, per service line).
Goals: board p95 < 50 ms, KPIs p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_supervision"
SLUG = "bench-supervision"
GOAL_BOARD_MS = 50.0
GOAL_KPI_MS = 100.0
LINES = ["security", "cleaning", "greening", "maintenance", "fire", "parking", "service"]
AREAS = ["1号楼", "2号楼", "地下车库", "中心花园", "南门", "北门"]


def setup_django(url: str, media_root: str, redis_db: int) -> None:
    common.setup_django(
        url, media_root=media_root, redis_db=redis_db, queue="linli-bench-supervision"
    )


def migrate_and_onboard():  # type: ignore[no-untyped-def]
    from tenants.services import FirmInput, firm_onboard

    common.migrate_platform()
    return firm_onboard(
        data=FirmInput(
            name="基准监督物业", slug=SLUG, admin_email=f"admin@{SLUG}.test", admin_name="管理员"
        ),
        provision="now",
    )


def sql(statement: str, params: Any = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def make_templates(estates: list[Any], author_id: int, first_day: date) -> None:
    """One template per estate and service line (library items, version 1) and a weekly
    schedule for it from the first day."""
    from django.utils import timezone

    from supervision.library import library_items
    from supervision.models import Schedule, Template, TemplateItem, TemplateVersion

    now = timezone.now()
    templates = Template.objects.bulk_create(
        [
            Template(
                estate=e, service_line=line, name=line, created_by_id=author_id, created_at=now
            )
            for e in estates
            for line in LINES
        ]
    )
    versions = TemplateVersion.objects.bulk_create(
        [
            TemplateVersion(
                template=t, number=1, name=t.name, created_by_id=author_id, created_at=now
            )
            for t in templates
        ]
    )
    items = []
    for t, v in zip(templates, versions, strict=True):
        for position, item in enumerate(library_items(t.service_line), start=1):
            items.append(
                TemplateItem(
                    version=v,
                    position=position,
                    title=item.title,
                    standard=item.standard,
                    photo_required=item.photo_required,
                    weight=item.weight,
                )
            )
    TemplateItem.objects.bulk_create(items)
    Schedule.objects.bulk_create(
        [
            Schedule(
                estate_id=t.estate_id,
                template=t,
                frequency="weekly",
                areas=AREAS[:3],
                starts_on=first_day,
                created_by_id=author_id,
                created_at=now,
            )
            for t in templates
        ]
    )


def generate(member_id: int, first_day: date, weeks: int, today: date) -> dict[str, float]:
    timings: dict[str, float] = {}
    sql("SELECT setseed(0.2026)")
    t0 = time.perf_counter()
    # rounds: every week, each estate, five of the seven lines (two rest, rotating)
    sql(
        """
        INSERT INTO supervision_round
            (estate_id, version_id, service_line, schedule_id, area, status, key,
             started_by_id, started_at, submitted_at, held_on)
        SELECT t.estate_id, v.id, t.service_line, s.id,
               (%(areas)s::text[])[1 + floor(random() * 6)::int], 'submitted',
               md5(t.id::text || '-' || w::text),
               %(member)s, d + time '09:30' - interval '8 hours',
               d + time '10:15' - interval '8 hours', d::date
          FROM supervision_template t
          JOIN supervision_templateversion v ON v.template_id = t.id
          JOIN supervision_schedule s ON s.template_id = t.id
          JOIN LATERAL generate_series(0, %(weeks)s - 1) w ON true
          JOIN LATERAL (SELECT (%(first)s::date + w * 7)::timestamp AS d) day ON true
          JOIN LATERAL (SELECT array_position(%(lines)s::text[], t.service_line::text) - 1 AS ix) l ON true
         WHERE l.ix <> w %% 7 AND l.ix <> (w + 3) %% 7
        """,
        {
            "areas": AREAS,
            "member": member_id,
            "weeks": weeks,
            "first": first_day,
            "lines": LINES,
        },
    )
    timings["rounds"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sql(
        """
        INSERT INTO supervision_answer
            (round_id, item_id, estate_id, service_line, result, note, area, answered_by_id,
             answered_at, locked, held_on)
        SELECT r.id, i.id, r.estate_id, r.service_line,
               CASE WHEN x < 0.10 THEN 'fail' WHEN x < 0.13 THEN 'na' ELSE 'pass' END,
               CASE WHEN x < 0.10 THEN '未达标' ELSE '' END, r.area, r.started_by_id,
               r.submitted_at, true, r.held_on
          FROM supervision_round r
          JOIN supervision_templateitem i ON i.version_id = r.version_id
          JOIN LATERAL (SELECT random() + 0 * i.id AS x) rnd ON true
        """
    )
    timings["answers"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    recent = today - timedelta(days=21)
    # one rectification per failed item; the estate's manager is the assignee
    sql(
        """
        CREATE TEMP TABLE bench_rect AS
        SELECT a.id AS answer_id, a.round_id, a.estate_id, a.service_line, i.title, a.area,
               a.answered_at AS opened_at, a.held_on AS opened_on,
               a.answered_at + interval '7 days' AS due_at,
               a.answered_at + interval '7 days' * 0.8 AS yellow_at,
               a.held_on >= %(recent)s AS young, random() AS x, random() AS y
          FROM supervision_answer a JOIN supervision_templateitem i ON i.id = a.item_id
         WHERE a.result = 'fail'
        """,
        {"recent": recent},
    )
    sql(
        """
        INSERT INTO supervision_rectification
            (estate_id, round_id, answer_id, service_line, title, area, status, assignee_id,
             opened_by_id, opened_at, opened_on, due_at, yellow_at, verified_at, verified_on_time)
        SELECT b.estate_id, b.round_id, b.answer_id, b.service_line, b.title, b.area,
               CASE WHEN b.young THEN (CASE WHEN b.x < 0.5 THEN 'open' ELSE 'answered' END)
                    WHEN b.x < 0.02 THEN 'open' ELSE 'verified' END,
               m.user_id, %(member)s, b.opened_at, b.opened_on, b.due_at, b.yellow_at,
               CASE WHEN NOT b.young AND b.x >= 0.02
                    THEN b.opened_at + interval '1 day' * (1 + b.y * 8) END,
               CASE WHEN NOT b.young AND b.x >= 0.02 THEN (1 + b.y * 8) <= 7 END
          FROM bench_rect b
          JOIN (SELECT DISTINCT ON (estate_id) estate_id, user_id FROM estates_staffassignment
                 WHERE role = 'manager' ORDER BY estate_id, id) m ON m.estate_id = b.estate_id
        """,
        {"member": member_id},
    )
    timings["rectifications"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sql(
        """
        INSERT INTO supervision_rectificationevent (rectification_id, kind, text, assignee_id, written_by_id, written_at)
        SELECT id, 'opened', '', assignee_id, opened_by_id, opened_at FROM supervision_rectification
        UNION ALL
        SELECT id, 'answer', '已安排整改', NULL, assignee_id,
               COALESCE(verified_at - interval '1 hour', opened_at + interval '1 day')
          FROM supervision_rectification WHERE status IN ('answered', 'verified')
        UNION ALL
        SELECT id, 'verify', '', NULL, opened_by_id, verified_at
          FROM supervision_rectification WHERE status = 'verified'
        """
    )
    timings["events"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sql(
        "VACUUM ANALYZE supervision_round, supervision_answer, supervision_rectification, supervision_rectificationevent"
    )
    timings["vacuum"] = time.perf_counter() - t0
    return timings


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


BOARD_SQL = """
SELECT r.id, r.estate_id, e.name, r.round_id, r.service_line, r.title, r.area, r.status,
       r.assignee_id, u.full_name, r.opened_at, r.due_at, r.yellow_at, r.verified_at, r.verified_on_time
  FROM supervision_rectification r
  JOIN estates_estate e ON e.id = r.estate_id
  LEFT JOIN accounts_user u ON u.id = r.assignee_id
 WHERE r.status = 'open' {where}
 ORDER BY r.due_at, r.id LIMIT 20
"""

KPI_SQL = [
    """SELECT count(*), count(*) FILTER (WHERE result = 'pass') FROM supervision_answer
        WHERE estate_id = %(e)s AND held_on BETWEEN %(s)s AND %(t)s AND locked AND result <> 'na'""",
    """SELECT service_line, count(*), count(*) FILTER (WHERE result = 'pass') FROM supervision_answer
        WHERE estate_id = %(e)s AND held_on BETWEEN %(s)s AND %(t)s AND locked AND result <> 'na'
        GROUP BY service_line""",
    """SELECT count(*), count(*) FILTER (WHERE status = 'verified'),
              count(*) FILTER (WHERE status = 'verified' AND verified_on_time)
         FROM supervision_rectification WHERE estate_id = %(e)s AND opened_on BETWEEN %(s)s AND %(t)s""",
    """SELECT count(*) FROM supervision_round
        WHERE estate_id = %(e)s AND status = 'submitted' AND held_on BETWEEN %(s)s AND %(t)s""",
    """SELECT frequency, starts_on, ends_on FROM supervision_schedule
        WHERE estate_id = %(e)s AND starts_on <= %(t)s AND (ends_on IS NULL OR ends_on >= %(s)s)""",
]


def run(args: argparse.Namespace, log: Callable[[str], None]) -> None:
    import random

    from django.db import connection
    from django_tenants.utils import schema_context
    from rest_framework.test import APIClient

    from accounts.models import User
    from accounts.services import user_create
    from estates import services as es

    firm = migrate_and_onboard()
    host = firm.domains.get(is_primary=True).domain
    today = date.today()
    weeks = args.years * 52
    first_day = today - timedelta(days=7 * weeks)
    with schema_context(firm.schema_name):
        admin = User.objects.get(email=f"admin@{SLUG}.test")
        estates = []
        managers = []
        for n in range(args.estates):
            estate = es.estate_create(
                by=None, name=f"基准小区{n + 1:02d}", code=f"E{n + 1:02d}", city="杭州"
            )
            manager = user_create(
                email=f"manager{n + 1}@{SLUG}.test", role="manager", full_name=f"项目经理{n + 1}"
            )
            es.staff_assign(estate=estate, user=manager, role="manager", by=None)
            estates.append(estate)
            managers.append(manager)
        make_templates(estates, admin.pk, first_day)
        log(
            f"generating {args.years} years of weekly rounds in {args.estates} estates in the database ..."
        )
        gen = generate(admin.pk, first_day, weeks, today)
        counts = {
            name: sql(f"SELECT count(*) FROM supervision_{name}")[0][0]
            for name in ("round", "answer", "rectification", "rectificationevent")
        }
        open_count = sql("SELECT count(*) FROM supervision_rectification WHERE status = 'open'")[0][
            0
        ]
        log("  " + ", ".join(f"{k} {v:.1f} s" for k, v in gen.items()))
        log("  " + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f" (open {open_count:,})")

        rng = random.Random(42)
        clients = []
        for manager in managers:
            client = APIClient(HTTP_HOST=host)
            client.force_login(manager)
            clients.append(client)
        firm_client = APIClient(HTTP_HOST=host)
        firm_client.force_login(admin)
        picks = list(range(len(estates)))

        def api_board_estate() -> None:
            i = rng.choice(picks)
            got = clients[i].get(
                f"/api/v1/supervision/rectifications/?estate={estates[i].pk}&status=open"
            )
            assert got.status_code == 200, got.content[:300]
            assert got.json()["count"] > 0

        def sql_board_estate() -> None:
            i = rng.choice(picks)
            sql(BOARD_SQL.format(where="AND r.estate_id = %(e)s"), {"e": estates[i].pk})
            sql(
                "SELECT count(*) FROM supervision_rectification WHERE status = 'open' AND estate_id = %s",
                [estates[i].pk],
            )

        def api_board_firm() -> None:
            got = firm_client.get("/api/v1/supervision/rectifications/?status=open")
            assert got.status_code == 200, got.content[:300]
            assert got.json()["count"] == open_count

        def sql_board_firm() -> None:
            sql(BOARD_SQL.format(where=""))
            sql("SELECT count(*) FROM supervision_rectification WHERE status = 'open'")

        def period(days: int) -> tuple[date, date]:
            start = first_day + timedelta(days=rng.randrange(0, max(1, 7 * weeks - days + 1)))
            return start, start + timedelta(days=days - 1)

        def api_kpis(days: int) -> Callable[[], None]:
            def go() -> None:
                i = rng.choice(picks)
                start, end = period(days)
                got = clients[i].get(
                    f"/api/v1/supervision/kpis/?estate={estates[i].pk}&start={start}&end={end}"
                )
                assert got.status_code == 200, got.content[:300]
                assert got.json()["counts"]["items_inspected"] > 0

            return go

        def sql_kpis(days: int) -> Callable[[], None]:
            def go() -> None:
                i = rng.choice(picks)
                start, end = period(days)
                for statement in KPI_SQL:
                    sql(statement, {"e": estates[i].pk, "s": start, "t": end})

            return go

        results: dict[str, tuple[list[float], list[float]]] = {}
        for name, api, base in (
            ("board, one estate (manager)", api_board_estate, sql_board_estate),
            ("board, all estates (firm admin)", api_board_firm, sql_board_firm),
            ("KPIs, one quarter", api_kpis(91), sql_kpis(91)),
            ("KPIs, one year", api_kpis(365), sql_kpis(365)),
        ):
            log(f"measuring {name}: {args.runs} runs after {args.warmup} warm-up")
            results[name] = paired(api, base, args.runs, args.warmup)
            connection.set_schema_to_public()
            connection.set_tenant(firm)
    connection.set_schema_to_public()

    load = os.getloadavg()
    print()
    print(
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) on "
        f"{os.cpu_count()} CPUs: above the CPU count, other work was competing"
    )
    print(
        f"{args.estates} estates, {args.years} years of weekly rounds: {counts['round']:,} rounds, "
        f"{counts['answer']:,} findings, {counts['rectification']:,} rectifications "
        f"({open_count:,} open), {counts['rectificationevent']:,} events"
    )
    print()
    print(
        f"{'through the API (ms)':<36} | {'p50':>8} | {'p95':>8} | {'raw SQL p50':>11} | {'p95':>8} | ratio p95"
    )
    print("-" * 98)
    for name, (api, base) in results.items():
        a50, a95, b50, b95 = pct(api, 0.5), pct(api, 0.95), pct(base, 0.5), pct(base, 0.95)
        print(
            f"{name:<36} | {a50:8.2f} | {a95:8.2f} | {b50:11.2f} | {b95:8.2f} | {a95 / b95:6.1f}x"
        )
    print("data generation: " + ", ".join(f"{k} {v:.1f} s" for k, v in gen.items()))
    board = max(pct(results[n][0], 0.95) for n in results if n.startswith("board"))
    kpis = max(pct(results[n][0], 0.95) for n in results if n.startswith("KPIs"))
    verdict = "met" if board < GOAL_BOARD_MS else "MISSED"
    print(
        f"goal: supervision board p95 < {GOAL_BOARD_MS:.0f} ms (worst of the two boards) -> {verdict} ({board:.1f} ms)"
    )
    verdict = "met" if kpis < GOAL_KPI_MS else "MISSED"
    print(
        f"goal: KPI page p95 < {GOAL_KPI_MS:.0f} ms (worst of quarter and year) -> {verdict} ({kpis:.1f} ms)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--estates", type=int, default=50, help="estates (50)")
    parser.add_argument("--years", type=int, default=5, help="years of weekly rounds (5)")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per measure (200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first (20)")
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

    started = time.perf_counter()
    log(f"database {args.db_name}: create and migrate")
    recreate_database(base, args.db_name)
    try:
        with tempfile.TemporaryDirectory(prefix="linli-bench-supervision-") as media:
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
