#!/usr/bin/env python3
# ruff: noqa: E501  (SQL and the result table read better on one line each)
"""How fast is the disclosure ledger with 1,000,000 lines over ten years in one estate?

    python3 dev.py bench disclosure [--lines 1000000] [--runs 200] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/disclosure/run.py

Everything happens in a scratch database (`linli_bench_disclosure`: DATABASE_URL with the
database name swapped), created and migrated here and dropped at the end unless --keep. One firm
is onboarded with `tenants.services.firm_onboard`; its estate, manager and a resident come from
the services. The ledger is generated IN THE DATABASE (seeded `random()`): --lines posted lines
over the ten years before this month, in date order (income 80 %: seven categories; expenses
20 %: six), and their hash chain computed in SQL by a running aggregate over the canonical
serialisation (chain.py's format written in SQL). The server-side verification below recomputes
the same chain in Python, so the bench also checks that the two implementations agree byte for
byte. Then one monthly statement per month (120), each submitted through the service (head and
figures frozen), marked published and witnessed in the public schema.

Measured (times in ms unless said), each beside a raw-SQL baseline in the same run:
* open: a resident opens a random published monthly statement on the phone through the API
  (GET /api/v1/statements/{id}/ + GET .../lines/, the first page), p50/p95 over --runs;
  baseline: the statement row and the same first page of lines in SQL;
* verify (server): POST /api/v1/statements/{last}/verify/?full=true over the whole chain
  (seconds); baseline: the chain recomputed inside PostgreSQL by the SQL aggregate; and the
  default verify (the resident's button) from the last witnessed checkpoint: the previous
  published statement's head, so only the lines since are recomputed;
* verify (offline): GET .../chain/ to a file, then `python3 tools/verify_ledger.py` as a
  subprocess (seconds); baseline: SHA-256 of the whole file in one go (hashlib);
* posting: --posts lines drafted and posted through the service and through the API, serially
  (lines per second); baseline: single-row INSERTs of posted rows in SQL.
Goals: open p95 < 50 ms; verification < 10 s each (server, offline).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
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

DB_NAME = "linli_bench_disclosure"
SLUG = "bench-disclosure"
GOAL_OPEN_MS = 50.0
GOAL_VERIFY_S = 10.0
INCOME = ["advertising", "parking", "venue", "antenna", "charging", "parcel_locker", "other_income"]
EXPENSE = ["repairs", "committee", "cleaning", "staff", "maintenance_fund", "other_expense"]
PARTIES = ["分众传媒", "城市停车管理有限公司", "中国移动", "星星充电", "丰巢科技", "保洁服务公司"]
TEXTS = [
    "电梯广告位月租",
    "地面车位临停收入",
    "基站场地租金",
    "充电桩分成",
    "快递柜场地费",
    "公共区域维修",
]


def setup_django(url: str, media_root: str, redis_db: int) -> None:
    common.setup_django(
        url, media_root=media_root, redis_db=redis_db, queue="linli-bench-disclosure"
    )


def migrate_and_onboard():  # type: ignore[no-untyped-def]
    from tenants.services import FirmInput, firm_onboard

    common.migrate_platform()
    return firm_onboard(
        data=FirmInput(
            name="基准公示物业", slug=SLUG, admin_email=f"admin@{SLUG}.test", admin_name="管理员"
        ),
        provision="now",
    )


def sql(statement: str, params: Any = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


# chain.py's canonical serialisation and link, in SQL (keys in order, no whitespace, to_json
# for strings: the bench's texts need no escapes beyond JSON's, where PostgreSQL and Python
# agree). A running aggregate over seq gives every head in one statement.
CHAIN_SQL = r"""
CREATE OR REPLACE FUNCTION bench_chain_step(head text, canonical text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT encode(sha256(convert_to(head || canonical, 'UTF8')), 'hex') $$;
DROP AGGREGATE IF EXISTS bench_chain(text);
CREATE AGGREGATE bench_chain(text) (
    SFUNC = bench_chain_step, STYPE = text, INITCOND = '0000000000000000000000000000000000000000000000000000000000000000'
);
CREATE OR REPLACE FUNCTION bench_canonical(l disclosure_ledgerline) RETURNS text
    LANGUAGE sql STABLE
    AS $$ SELECT '{"amount":"' || l.amount::text || '","attachments":[],"category":'
                 || to_json(l.category)::text || ',"counterparty":' || to_json(l.counterparty)::text
                 || ',"date":"' || to_char(l.occurred_on, 'YYYY-MM-DD') || '","decision":null,"description":'
                 || to_json(l.description)::text || ',"estate":' || l.estate_id::text
                 || ',"kind":' || to_json(l.kind)::text || ',"reverses":null,"seq":' || l.seq::text || '}' $$;
"""


def generate(
    estate_id: int, user_id: int, lines: int, first_day: date, days: int
) -> dict[str, float]:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sql("SELECT setseed(0.4242)")
    sql(
        """
        CREATE TEMP TABLE bench_lines AS
        SELECT n AS seq,
               %(first)s::date + ((n - 1)::bigint * %(days)s / %(lines)s)::int AS occurred_on,
               random() AS r1, random() AS r2, random() AS r3
          FROM generate_series(1, %(lines)s) n
        """,
        {"first": first_day, "days": days, "lines": lines},
    )
    sql(
        """
        INSERT INTO disclosure_ledgerline
            (estate_id, status, kind, category, occurred_on, amount, counterparty, description,
             seq, line_hash, created_by_id, created_at, updated_at, posted_by_id, posted_at)
        SELECT %(estate)s, 'posted',
               CASE WHEN r1 < 0.8 THEN 'income' ELSE 'expense' END,
               CASE WHEN r1 < 0.8 THEN (%(income)s::text[])[1 + floor(r2 * 7)::int]
                    ELSE (%(expense)s::text[])[1 + floor(r2 * 6)::int] END,
               occurred_on,
               round((50 + r3 * r3 * 20000)::numeric, 2),
               (%(parties)s::text[])[1 + floor(r3 * 6)::int],
               (%(texts)s::text[])[1 + floor(r2 * 6)::int],
               seq, '', %(user)s, now(), now(), %(user)s, now()
          FROM bench_lines ORDER BY seq
        """,
        {
            "estate": estate_id,
            "user": user_id,
            "income": INCOME,
            "expense": EXPENSE,
            "parties": PARTIES,
            "texts": TEXTS,
        },
    )
    timings["lines"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sql(CHAIN_SQL)
    # posted rows are protected: the bench, in its own scratch database, writes the hashes with
    # the triggers off (what a migration of historical data would do, once)
    sql("SET session_replication_role = replica")
    sql(
        """
        CREATE TEMP TABLE bench_heads AS
        SELECT l.id, bench_chain(bench_canonical(l)) OVER (ORDER BY l.seq) AS head
          FROM disclosure_ledgerline l WHERE l.estate_id = %(estate)s
        """,
        {"estate": estate_id},
    )
    sql(
        "UPDATE disclosure_ledgerline l SET line_hash = h.head FROM bench_heads h WHERE h.id = l.id"
    )
    sql("SET session_replication_role = origin")
    last = sql(
        "SELECT seq, line_hash FROM disclosure_ledgerline WHERE estate_id = %s ORDER BY seq DESC LIMIT 1",
        [estate_id],
    )[0]
    sql(
        "INSERT INTO disclosure_ledgerchain (estate_id, seq, head) VALUES (%s, %s, %s)",
        [estate_id, last[0], last[1]],
    )
    timings["chain"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sql("VACUUM ANALYZE disclosure_ledgerline")
    timings["vacuum"] = time.perf_counter() - t0
    return timings


def make_statements(estate: Any, manager: Any, first_month: date, months: int) -> list[int]:
    """One monthly statement per month, submitted through the service (head and figures frozen),
    then published and witnessed (the committee's sign-off is not what is measured here)."""
    from django.db import connection
    from django.utils import timezone

    from disclosure import services
    from disclosure.models import Statement
    from witness.services import head_witness

    ids = []
    month = first_month
    for _ in range(months):
        statement = services.statement_draft(
            user=manager, estate=estate, kind="monthly", period_start=month
        )
        statement = services.statement_submit(user=manager, statement=statement)
        now = timezone.now()
        Statement.objects.filter(pk=statement.pk).update(
            status="published", signed_off_at=now, published_at=now
        )
        head_witness(
            schema_name=connection.schema_name,
            estate_id=estate.pk,
            statement_id=statement.pk,
            head_seq=statement.head_seq or 0,
            head=statement.head_hash,
            published_at=now,
        )
        ids.append(statement.pk)
        month = (month + timedelta(days=32)).replace(day=1)
    return ids


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


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def run(args: argparse.Namespace, log: Callable[[str], None]) -> None:
    import random

    from django.db import connection
    from django_tenants.utils import schema_context
    from rest_framework.test import APIClient

    from accounts.services import user_create
    from disclosure import services
    from estates import services as es
    from estates.models import Unit

    firm = migrate_and_onboard()
    host = firm.domains.get(is_primary=True).domain
    today = date.today()
    this_month = today.replace(day=1)
    first_month = date(this_month.year - args.years, this_month.month, 1)
    days = (this_month - first_month).days
    months = args.years * 12
    with schema_context(firm.schema_name):
        estate = es.estate_create(by=None, name="基准小区", code="E01", city="杭州")
        building = es.building_create(estate=estate, name="1号楼", floors=18)
        unit = es.unit_create(building=building, number="101", floor=1, area=Decimal("88.00"))
        manager = user_create(email=f"manager@{SLUG}.test", role="manager", full_name="项目经理")
        es.staff_assign(estate=estate, user=manager, role="manager", by=None)
        resident = user_create(
            email=f"resident@{SLUG}.test",
            role="resident",
            full_name="住户",
            estate_id=estate.pk,
            unit_id=Unit.objects.get(pk=unit.pk).pk,
        )
        log(f"generating {args.lines:,} lines over {args.years} years in the database ...")
        gen = generate(estate.pk, manager.pk, args.lines, first_month, days)
        log("  " + ", ".join(f"{k} {v:.1f} s" for k, v in gen.items()))
        t0 = time.perf_counter()
        statement_ids = make_statements(estate, manager, first_month, months)
        log(
            f"  {len(statement_ids)} monthly statements submitted and published in {time.perf_counter() - t0:.1f} s"
        )
        size = sql("SELECT pg_size_pretty(pg_total_relation_size('disclosure_ledgerline'))")[0][0]
        log(f"  ledger table with indexes: {size}")

        reader = APIClient(HTTP_HOST=host)
        reader.force_login(resident)
        keeper = APIClient(HTTP_HOST=host)
        keeper.force_login(manager)
        rng = random.Random(42)

        # --- a resident opens a published monthly statement
        def api_open() -> None:
            sid = rng.choice(statement_ids)
            detail = reader.get(f"/api/v1/statements/{sid}/")
            assert detail.status_code == 200, detail.content[:200]
            page = reader.get(f"/api/v1/statements/{sid}/lines/")
            assert page.status_code == 200, page.content[:200]

        def sql_open() -> None:
            sid = rng.choice(statement_ids)
            row = sql(
                "SELECT estate_id, period_start, period_end, base_seq, head_seq, head_hash, summary"
                " FROM disclosure_statement WHERE id = %s",
                [sid],
            )[0]
            sql(
                """SELECT id, seq, kind, category, occurred_on, amount, counterparty, description,
                          line_hash FROM disclosure_ledgerline
                    WHERE estate_id = %(e)s AND status = 'posted'
                      AND ((occurred_on BETWEEN %(start)s AND %(end)s AND seq <= %(head)s)
                           OR (occurred_on < %(start)s AND seq > %(base)s AND seq <= %(head)s))
                    ORDER BY seq + 0 LIMIT 20""",
                {"e": row[0], "start": row[1], "end": row[2], "base": row[3], "head": row[4]},
            )
            sql(
                """SELECT count(*) FROM disclosure_ledgerline
                    WHERE estate_id = %(e)s AND status = 'posted'
                      AND ((occurred_on BETWEEN %(start)s AND %(end)s AND seq <= %(head)s)
                           OR (occurred_on < %(start)s AND seq > %(base)s AND seq <= %(head)s))""",
                {"e": row[0], "start": row[1], "end": row[2], "base": row[3], "head": row[4]},
            )

        log(f"measuring open: {args.runs} runs after {args.warmup} warm-up, alternating with SQL")
        open_api, open_sql = paired(api_open, sql_open, args.runs, args.warmup)
        connection.set_schema_to_public()

        # --- verification of the whole chain
        last = statement_ids[-1]
        log(
            f"verifying the whole chain ({args.lines:,} lines) server-side, {args.verify_runs} runs"
        )
        verify_api: list[float] = []
        verify_quick: list[float] = []
        quick_checked = 0
        verify_sql: list[float] = []
        for _ in range(args.verify_runs):
            seconds, answer = timed(
                lambda: reader.post(f"/api/v1/statements/{last}/verify/?full=true")
            )
            body = answer.json()
            assert answer.status_code == 200 and body["ok"], body
            assert body["checked"] == args.lines
            verify_api.append(seconds)
            # what the verify button does: from the last witnessed checkpoint (the previous
            # month's published head) to this statement's head
            seconds, answer = timed(lambda: reader.post(f"/api/v1/statements/{last}/verify/"))
            quick = answer.json()
            assert answer.status_code == 200 and quick["ok"], quick
            assert quick["recomputed_head"] == body["recomputed_head"]
            verify_quick.append(seconds)
            quick_checked = quick["checked"]
            with schema_context(firm.schema_name):
                seconds, head = timed(
                    lambda: sql(
                        "SELECT bench_chain(bench_canonical(l) ORDER BY l.seq)"
                        " FROM disclosure_ledgerline l WHERE l.estate_id = %s",
                        [estate.pk],
                    )[0][0]
                )
            assert head == body["recomputed_head"], "the SQL and Python chains disagree"
            verify_sql.append(seconds)
        connection.set_schema_to_public()

        log("exporting the chain and verifying it offline (subprocess, standard library only)")
        with tempfile.TemporaryDirectory(prefix="linli-bench-ledger-") as folder:
            path = Path(folder) / "export.jsonl"

            def export() -> None:
                response = reader.get(f"/api/v1/statements/{last}/chain/")
                assert response.status_code == 200
                with path.open("wb") as out:
                    for chunk in response.streaming_content:
                        out.write(chunk)

            export_s, _ = timed(export)
            connection.set_schema_to_public()
            megabytes = path.stat().st_size / 1e6
            offline: list[float] = []
            raw_hash: list[float] = []
            for _ in range(args.verify_runs):
                seconds, result = timed(
                    lambda: subprocess.run(
                        [sys.executable, str(ROOT / "tools" / "verify_ledger.py"), str(path)],
                        capture_output=True,
                        text=True,
                        check=False,
                    )
                )
                assert result.returncode == 0, result.stdout[-500:] + result.stderr[-500:]
                offline.append(seconds)

                def hash_file() -> None:
                    import hashlib

                    hashlib.sha256(path.read_bytes()).hexdigest()

                seconds, _ = timed(hash_file)
                raw_hash.append(seconds)

        # --- posting throughput
        log(f"posting {args.posts} lines through the service, the API and plain SQL")
        with schema_context(firm.schema_name):
            day = today - timedelta(days=1)

            def service_post() -> None:
                line = services.line_draft(
                    user=manager,
                    estate=estate,
                    kind="income",
                    category="parking",
                    occurred_on=day,
                    amount=Decimal("88.00"),
                    counterparty="城市停车管理有限公司",
                    description="临停收入",
                )
                services.line_post(user=manager, line=line)

            service_s, _ = timed(lambda: [service_post() for _ in range(args.posts)])
            next_seq = [10**9]

            def sql_post() -> None:
                next_seq[0] += 1
                sql(
                    """INSERT INTO disclosure_ledgerline
                        (estate_id, status, kind, category, occurred_on, amount, counterparty,
                         description, seq, line_hash, created_by_id, created_at, updated_at,
                         posted_by_id, posted_at)
                       VALUES (%s, 'posted', 'income', 'parking', %s, 88.00, '城市停车管理有限公司',
                               '临停收入', %s, '', %s, now(), now(), %s, now())""",
                    [estate.pk, day, next_seq[0], manager.pk, manager.pk],
                )

            sql_s, _ = timed(lambda: [sql_post() for _ in range(args.posts)])
            # the SQL rows are not part of any chain: take them out again (triggers off, bench only)
            sql("SET session_replication_role = replica")
            sql("DELETE FROM disclosure_ledgerline WHERE seq > 1000000000")
            sql("SET session_replication_role = origin")
        connection.set_schema_to_public()

        def api_post() -> None:
            made = keeper.post(
                "/api/v1/disclosure/lines/",
                {"estate": estate.pk, "kind": "income", "category": "parking",
                 "occurred_on": day.isoformat(), "amount": "88.00",
                 "counterparty": "城市停车管理有限公司", "description": "临停收入"},
                format="json",
            )  # fmt: skip
            assert made.status_code == 201, made.content[:200]
            done = keeper.post(f"/api/v1/disclosure/lines/{made.json()['id']}/post/")
            assert done.status_code == 200, done.content[:200]

        api_s, _ = timed(lambda: [api_post() for _ in range(args.posts)])
        connection.set_schema_to_public()

    load = os.getloadavg()
    print()
    print(
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) on "
        f"{os.cpu_count()} CPUs: above the CPU count, other work was competing"
    )
    print(
        f"{args.lines:,} posted lines over {args.years} years in one estate, "
        f"{len(statement_ids)} published monthly statements"
    )
    print()
    a50, a95, b50, b95 = (
        pct(open_api, 0.5),
        pct(open_api, 0.95),
        pct(open_sql, 0.5),
        pct(open_sql, 0.95),
    )
    print(
        f"{'measure':<44} | {'figure':>12} | {'raw-SQL / raw baseline':<36} | {'figure':>10} | ratio"
    )
    print("-" * 120)
    print(
        f"{'open statement (detail + lines p.1) p50 ms':<44} | {a50:12.2f} | "
        f"{'SQL: statement + 20 lines + count':<36} | {b50:10.2f} | {a50 / b50:5.1f}x"
    )
    print(
        f"{'open statement (detail + lines p.1) p95 ms':<44} | {a95:12.2f} | "
        f"{'':<36} | {b95:10.2f} | {a95 / b95:5.1f}x"
    )
    va, vs = max(verify_api), max(verify_sql)
    print(
        f"{'verify whole chain, server (API) s, worst':<44} | {va:12.2f} | "
        f"{'chain recomputed in SQL':<36} | {vs:10.2f} | {va / vs:5.1f}x"
    )
    vq = max(verify_quick)
    print(
        f"{'verify latest statement from checkpoint s':<44} | {vq:12.3f} | "
        f"{f'{quick_checked:,} lines since the last witnessed head':<36} |"
    )
    if quick_checked >= args.lines:
        print(
            "  (every statement here is submitted after all lines are generated, so all share one"
            " head and no earlier witnessed head lies below it: the checkpoint walk is the full"
            " walk in this data; with monthly submissions it covers one month's lines)"
        )
    vo, vh = max(offline), max(raw_hash)
    print(
        f"{'verify offline (tools/verify_ledger.py) s':<44} | {vo:12.2f} | "
        f"{'SHA-256 of the export file':<36} | {vh:10.2f} | {vo / vh:5.1f}x"
    )
    print(f"{'export download (GET .../chain/) s':<44} | {export_s:12.2f} | {megabytes:.0f} MB")
    rate_service, rate_api, rate_sql = (
        args.posts / service_s,
        args.posts / api_s,
        args.posts / sql_s,
    )
    print(
        f"{'posting, service (draft + post) lines/s':<44} | {rate_service:12.0f} | "
        f"{'SQL single-row INSERT':<36} | {rate_sql:10.0f} | {rate_sql / rate_service:5.1f}x slower"
    )
    print(
        f"{'posting, API (POST + POST post/) lines/s':<44} | {rate_api:12.0f} | "
        f"{'':<36} | {rate_sql:10.0f} | {rate_sql / rate_api:5.1f}x slower"
    )
    print("data generation: " + ", ".join(f"{k} {v:.1f} s" for k, v in gen.items()))
    verdict = "met" if a95 < GOAL_OPEN_MS else "MISSED"
    print(
        f"goal: resident opens a published monthly statement p95 < {GOAL_OPEN_MS:.0f} ms -> {verdict} ({a95:.1f} ms)"
    )
    verdict = "met" if va < GOAL_VERIFY_S else "MISSED"
    print(
        f"goal: verify the whole chain server-side < {GOAL_VERIFY_S:.0f} s -> {verdict} ({va:.2f} s)"
    )
    verdict = "met" if vq < GOAL_VERIFY_S else "MISSED"
    print(
        f"goal: verify the latest statement from the last witnessed checkpoint < {GOAL_VERIFY_S:.0f} s -> {verdict} ({vq:.3f} s, {quick_checked:,} lines)"
    )
    verdict = "met" if vo < GOAL_VERIFY_S else "MISSED"
    print(f"goal: verify the whole chain offline < {GOAL_VERIFY_S:.0f} s -> {verdict} ({vo:.2f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000, help="posted lines (1000000)")
    parser.add_argument("--years", type=int, default=10, help="years of lines (10)")
    parser.add_argument("--runs", type=int, default=200, help="timed opens (200)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed opens first (20)")
    parser.add_argument("--verify-runs", type=int, default=3, help="timed verifications (3)")
    parser.add_argument("--posts", type=int, default=500, help="lines posted each way (500)")
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
        with tempfile.TemporaryDirectory(prefix="linli-bench-disclosure-") as media:
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
