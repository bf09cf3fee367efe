#!/usr/bin/env python3
"""How long do the preview and the import of a 10,000-unit estate take, and how much memory?

    python3 dev.py bench import [--units 10000] [--buildings 20] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/import/run.py

Everything happens in a scratch database (`linli_bench_import`: DATABASE_URL with the database
name swapped), created and migrated here and dropped at the end unless --keep. One firm is
onboarded with `tenants.services.firm_onboard(data=FirmInput(...), provision="now")` and the
work runs inside its schema, with development settings (config.settings.local) and files in a
temporary folder.

The generated .xlsx has a Buildings sheet (20 buildings) and one Units row per unit, each with
an owner (own phone number) and, every other unit, a renting tenant: 10,000 units, 15,000
people, 10,000 owner records, 5,000 occupancies (40,020 rows written).

Figures printed:

* preview: `import_preview` (read + check the whole file, match with the estate, store the
  file and the job; writes nothing to the portfolio)
* import: `import_commit` (queues: > 2,000 rows) + `import_run` (what the Celery task runs:
  re-read, check, plan, bulk writes, one transaction), split into its phases
* re-import: the same file again (everything unchanged: nothing written)
* memory: tracemalloc peak of preview and import, each measured in a separate pass (on a
  second estate) so the tracing does not slow the timed pass; ru_maxrss of the process
* baseline, same run: the same 10,000 unit rows inserted into a scratch table with COPY and
  with executemany, and the ratio of the import to each

Goal: the import under 30 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import drop_database, recreate_database, scratch_urls  # noqa: E402

DB_NAME = "linli_bench_import"
GOAL_SECONDS = 30.0


def setup_django(url: str, media_root: str) -> None:
    common.setup_django(url, media_root=media_root)


def migrate_and_onboard():  # type: ignore[no-untyped-def]
    from tenants.services import FirmInput, firm_onboard

    common.migrate_platform()
    return firm_onboard(
        data=FirmInput(
            name="基准导入物业", slug="bench-import", admin_email="admin@bench-import.test",
            admin_name="管理员",
        ),
        provision="now",
    )  # fmt: skip


def make_file(units: int, buildings: int) -> bytes:
    """An .xlsx in the import layout, written like the tests' files (openpyxl write-only)."""
    from openpyxl import Workbook

    from estates.importing.columns import (
        BUILDING_COLUMNS,
        BUILDINGS_SHEET,
        UNIT_COLUMNS,
        UNITS_SHEET,
    )

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(BUILDINGS_SHEET)
    sheet.append([c.header for c in BUILDING_COLUMNS])
    for b in range(1, buildings + 1):
        sheet.append([f"{b}号楼", 50, None])
    sheet = workbook.create_sheet(UNITS_SHEET)
    sheet.append([c.header for c in UNIT_COLUMNS])
    for i in range(units):
        floor, position = divmod(i // buildings, 10)
        tenant = i % 2 == 1
        sheet.append([
            f"{i % buildings + 1}号楼", f"{floor + 1}{position + 1:02d}", floor + 1,
            round(60 + (i * 7) % 90 + (i % 100) / 100, 2), "住宅",
            f"业主{i:05d}", f"13{i:09d}", None, 100,
            f"租户{i:05d}" if tenant else None, f"15{i:09d}" if tenant else None,
            "租户" if tenant else None, None,
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unit_rows(units: int, buildings: int) -> list[tuple[Any, ...]]:
    """The same unit rows as the file, as a plain insert would take them."""
    from decimal import Decimal

    rows = []
    for i in range(units):
        floor, position = divmod(i // buildings, 10)
        area = Decimal(str(round(60 + (i * 7) % 90 + (i % 100) / 100, 2)))
        rows.append(
            (
                f"{i % buildings + 1}号楼",
                f"{floor + 1}{position + 1:02d}",
                floor + 1,
                area,
                "residential",
            )
        )
    return rows


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def traced(fn: Callable[[], Any]) -> tuple[Any, int]:
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


class PhaseClock:
    """Times the import's phases by wrapping the service module's helpers."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, module: Any, name: str, label: str) -> None:
        original = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t0

        setattr(module, name, wrapper)


def new_estate(code: str):  # type: ignore[no-untyped-def]
    from estates.services import estate_create

    return estate_create(by=None, name=f"基准小区 {code}", code=code, city="杭州")


def check_done(job, expected: dict[str, int], kind: str = "created") -> None:  # type: ignore[no-untyped-def]
    if job.status != "done":
        raise SystemExit(f"import {job.pk} ended {job.status}: {job.errors[:3]}")
    got = {k: job.summary[k][kind] for k in expected}
    if got != expected:
        raise SystemExit(f"unexpected {kind} counts {got}, wanted {expected}")


def baseline(rows: list[tuple[Any, ...]]) -> tuple[float, float]:
    """COPY and executemany of the unit rows into a scratch table (in the firm's schema)."""
    from django.db import connection, transaction

    ddl = (
        "CREATE TABLE bench_units (id bigserial PRIMARY KEY, building text NOT NULL,"
        " number text NOT NULL, floor smallint NOT NULL, area numeric(9, 2) NOT NULL,"
        " use text NOT NULL, UNIQUE (building, number))"
    )
    columns = "(building, number, floor, area, use)"
    with connection.cursor() as cursor:
        cursor.execute(ddl)

    def copy() -> None:
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY bench_units {columns} FROM STDIN") as stream,
        ):
            for row in rows:
                stream.write_row(row)

    def executemany() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO bench_units {columns} VALUES (%s, %s, %s, %s, %s)", rows
            )

    _, copy_s = timed(copy)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE bench_units")
    _, many_s = timed(executemany)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_units")
        (count,) = cursor.fetchone()
        cursor.execute("DROP TABLE bench_units")
    if count != len(rows):
        raise SystemExit(f"baseline inserted {count} rows, not {len(rows)}")
    return copy_s, many_s


def run(units: int, buildings: int, log: Callable[[str], None]) -> None:
    from django_tenants.utils import schema_context

    from estates.importing import import_commit, import_preview, import_run, services

    firm = migrate_and_onboard()
    log(f"firm {firm.schema_name} ready; generating the file")
    content, gen_s = timed(lambda: make_file(units, buildings))
    tenants = units // 2
    expected = {
        "buildings": buildings,
        "units": units,
        "people": units + tenants,
        "owner_records": units,
        "occupancies": tenants,
    }
    writes = sum(expected.values())
    rows = buildings + units
    log(f"  {rows:,} rows, {len(content) / 1024:,.0f} KB .xlsx, generated in {gen_s:.1f} s")

    clock = PhaseClock()
    clock.wrap(services, "_check", "read + check")
    clock.wrap(services, "plan_import", "match + plan")
    clock.wrap(services, "apply_plan", "bulk writes")

    with schema_context(firm.schema_name):
        estate = new_estate("BENCH1")
        log("timing the preview")
        job, preview_s = timed(
            lambda: import_preview(estate=estate, filename="bench.xlsx", content=content, user=None)
        )
        if job.errors:
            raise SystemExit(f"preview found errors: {job.errors[:3]}")
        preview_phases = dict(clock.seconds)
        clock.seconds.clear()

        log("timing the import (commit -> queued, then import_run as the task would)")

        def do_import():  # type: ignore[no-untyped-def]
            queued = import_commit(job=job, user=None)
            if queued.status != "queued":
                raise SystemExit(f"expected a queued job, got {queued.status}")
            return import_run(job_id=queued.pk)

        done, import_s = timed(do_import)
        check_done(done, expected)
        import_phases = dict(clock.seconds)
        clock.seconds.clear()

        log("timing a re-import of the same file (all unchanged)")
        again = import_preview(estate=estate, filename="bench.xlsx", content=content, user=None)
        redone, reimport_s = timed(
            lambda: import_run(job_id=import_commit(job=again, user=None).pk)
        )
        check_done(redone, expected, kind="unchanged")

        log("measuring memory (tracemalloc, separate pass on a second estate)")
        other = new_estate("BENCH2")
        job2, preview_peak = traced(
            lambda: import_preview(estate=other, filename="bench.xlsx", content=content, user=None)
        )
        done2, import_peak = traced(
            lambda: import_run(job_id=import_commit(job=job2, user=None).pk)
        )
        # Same phone numbers, same firm: the people of estate 1 are matched, not created.
        check_done(done2, {**expected, "people": 0})

        log("baseline: the same unit rows with COPY and executemany")
        copy_s, many_s = baseline(unit_rows(units, buildings))

    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    mb = 1024 * 1024

    def phases(seconds: dict[str, float]) -> str:
        return ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())

    print()
    print(
        f"Import of a generated estate: {units:,} units in {buildings} buildings, "
        f"{units:,} owners, {tenants:,} tenants -> {writes:,} rows written; "
        f"{os.cpu_count()} CPUs"
    )
    print(f"file: {rows:,} data rows, {len(content) / 1024:,.0f} KB .xlsx")
    print()
    print(f"{'step':<12} | {'seconds':>8} | {'rows/s':>8} | {'tracemalloc peak':>16} | phases")
    print("-" * 100)
    print(f"{'preview':<12} | {preview_s:>8.2f} | {rows / preview_s:>8,.0f} | "
          f"{preview_peak / mb:>13.1f} MB | {phases(preview_phases)}")  # fmt: skip
    print(f"{'import':<12} | {import_s:>8.2f} | {rows / import_s:>8,.0f} | "
          f"{import_peak / mb:>13.1f} MB | {phases(import_phases)}")  # fmt: skip
    print(f"{'re-import':<12} | {reimport_s:>8.2f} | {rows / reimport_s:>8,.0f} | "
          f"{'':>16} | all unchanged, nothing written")  # fmt: skip
    print()
    print(f"ru_maxrss (process peak): {maxrss_mb:,.0f} MB")
    print(f"baseline, {units:,} unit rows into a scratch table: COPY {copy_s:.3f} s, "
          f"executemany {many_s:.3f} s")  # fmt: skip
    print(f"ratio import / COPY: {import_s / copy_s:,.0f}x; import / executemany: "
          f"{import_s / many_s:,.1f}x (the import also reads and checks the file and writes "
          f"{writes - units:,} more rows)")  # fmt: skip
    verdict = "met" if import_s < GOAL_SECONDS else "MISSED"
    print(f"goal: import under {GOAL_SECONDS:.0f} s -> {verdict} ({import_s:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=10_000, help="units in the file (10000)")
    parser.add_argument("--buildings", type=int, default=20, help="buildings (20)")
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
        with tempfile.TemporaryDirectory(prefix="linli-bench-import-") as media:
            setup_django(url, media)
            run(args.units, args.buildings, log)
    finally:
        if args.keep:
            log(f"\nkept database {args.db_name}")
        else:
            drop_database(base, args.db_name)
            log(f"\ndropped database {args.db_name}")
    log(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
