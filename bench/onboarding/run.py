#!/usr/bin/env python3
"""How long does it take to onboard one firm: migrate a fresh schema, or clone the template?

    python3 dev.py bench onboarding [--n 7] [--sizes 0,200] [--filler-mode migrate] [--keep]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/linli .venv/bin/python bench/onboarding/run.py

Times `tenants.services.firm_onboard(data=FirmInput(...), provision="now")` end to end (pending
row, schema, domain, first admin with invitation, `ready`) with the real app set, for both
creation paths, at each size (number of firms that already exist):

* migrate: `TENANT_CREATION_FAKES_MIGRATIONS = False` -> CREATE SCHEMA + `migrate_schemas`
* clone:   `TENANT_CREATION_FAKES_MIGRATIONS = True`  -> clone `TENANT_BASE_SCHEMA`
  (kept migrated by `manage.py migrate`) with django-tenants' `clone_schema` SQL function,
  then `migrate_schemas --fake`

Everything happens in a dedicated database (`<name>_bench`, from DATABASE_URL with the
database name swapped), created and migrated here and dropped at the end unless --keep.
Each timed firm is deleted (schema dropped) right after it is timed, so the number of existing
firms stays exactly at the size for every sample; the two modes alternate so drift (other load
on the machine) hits both alike.

The filler firms between sizes are, by default, made by an in-database copy of the template
(table by table: same tables, indexes, constraints and rows; `--filler-mode sql`), checked
against the template. Through the app they would dominate the run: the migrate path takes ~1 s
per firm, and the clone path gets slower as firms accumulate (django-tenants' `clone_schema`
function reads the catalogs through information_schema views, whose cost grows with the number
of schemas): 200 clone fillers alone take over ten minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.scratch import bench_url, drop_database, recreate_database  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/linli"
MODES = ("migrate", "clone")
FILLER_MODES = ("sql", *MODES)


@dataclass
class Sample:
    size: int
    mode: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p90(self) -> float:  # nearest rank
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]

    @property
    def min(self) -> float:
        return min(self.seconds)


def migrate_platform() -> None:
    from django.conf import settings

    settings.TENANT_CREATION_FAKES_MIGRATIONS = True  # migrate also creates the template
    common.migrate_platform()


def onboard(slug: str, mode: str):  # type: ignore[no-untyped-def]
    from django.conf import settings
    from django.db import connection

    from tenants.services import FirmInput, firm_onboard

    settings.TENANT_CREATION_FAKES_MIGRATIONS = mode == "clone"
    connection.set_schema_to_public()
    return firm_onboard(
        data=FirmInput(
            name=f"基准 {slug} 物业", slug=slug, admin_email=f"admin@{slug}.test",
            admin_name="管理员", contact_name="联系人", contact_phone="13912345678",
        ),
        provision="now",
    )  # fmt: skip


def delete_firm(firm) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    connection.set_schema_to_public()
    firm.delete(force_drop=True)


def timed(slug: str, mode: str) -> float:
    from django.db import connection

    t0 = time.perf_counter()
    firm = onboard(slug, mode)
    seconds = time.perf_counter() - t0
    with connection.cursor() as cursor:  # the path really taken: a clone copies the template
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s",
            [firm.schema_name],
        )
        (tables,) = cursor.fetchone()
    if tables == 0:
        raise SystemExit(f"{slug}: no tables in {firm.schema_name}")
    delete_firm(firm)
    return seconds


def measure(size: int, n: int, warmup: int, log) -> dict[str, Sample]:  # type: ignore[no-untyped-def]
    samples = {mode: Sample(size, mode) for mode in MODES}
    for i in range(warmup):
        for mode in MODES:
            timed(f"warm-{mode[0]}-{size}-{i}", mode)
    for i in range(n):
        order = MODES if i % 2 == 0 else tuple(reversed(MODES))
        for mode in order:
            samples[mode].seconds.append(timed(f"b-{mode[0]}-{size}-{i}", mode))
        log(f"  {size:>4} firms, round {i + 1}/{n}: " + ", ".join(
            f"{m} {samples[m].seconds[-1]:.3f} s" for m in MODES))  # fmt: skip
    return samples


def make_fillers(start: int, stop: int, mode: str, log) -> float:  # type: ignore[no-untyped-def]
    """Firms number `start` .. `stop - 1`, kept (they are the existing firms)."""

    if mode == "sql":
        common.install_filler_function()
    t0 = time.perf_counter()
    for i in range(start, stop):
        slug = f"filler-{i:04d}"
        if mode == "sql":
            common.sql_filler(slug)
        else:
            onboard(slug, mode)
        if i == start and mode == "sql":  # the copy must look like a real new firm
            copy = common.check_filler(slug)
            log(f"  filler schema = template: {copy[0]} tables, {copy[1]} indexes, "
                f"{copy[2]} constraints, {copy[3]} migration rows")  # fmt: skip
        if (i + 1) % 50 == 0 or i + 1 == stop:
            log(f"  fillers: {i + 1}/{stop} ({time.perf_counter() - t0:.0f} s)")
    return time.perf_counter() - t0


def app_set_summary() -> str:
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = %s",
            [settings.TENANT_BASE_SCHEMA],
        )
        (tables,) = cursor.fetchone()
        cursor.execute(f'SELECT count(*) FROM "{settings.TENANT_BASE_SCHEMA}".django_migrations')
        (migrations,) = cursor.fetchone()
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    apps = ", ".join(a.rsplit(".", 1)[-1] for a in settings.TENANT_APPS)
    return (
        f"firm schema: {tables} tables from {migrations} migrations ({apps}); "
        f"PostgreSQL {version}; {os.cpu_count()} CPUs"
    )


def report(results: list[dict[str, Sample]], fillers: list[tuple[int, str, float]]) -> None:
    print()
    print("Seconds per new firm: firm_onboard(provision='now'): schema, domain, admin, invitation")
    print(app_set_summary())
    print()
    header = (
        f"{'existing firms':>14} | {'mode':<7} | {'n':>2} | {'median':>7} | {'p90':>7} | {'min':>7}"
    )
    print(header)
    print("-" * len(header))
    for by_mode in results:
        for mode in MODES:
            s = by_mode[mode]
            print(f"{s.size:>14} | {mode:<7} | {len(s.seconds):>2} | {s.median:>7.3f} | "
                  f"{s.p90:>7.3f} | {s.min:>7.3f}")  # fmt: skip
    print()
    winners = []
    for by_mode in results:
        ratio = by_mode["clone"].median / by_mode["migrate"].median
        winners.append("clone" if ratio < 1 else "migrate")
        print(f"clone/migrate (median) at {by_mode['clone'].size:>4} existing firms: {ratio:.2f}"
              f"  -> {winners[-1]} faster")  # fmt: skip
    for count, mode, seconds in fillers:
        print(f"{count} filler firms ({mode}) took {seconds:.1f} s "
              f"({seconds / count:.3f} s each)")  # fmt: skip
    print()
    largest = results[-1]
    best = winners[-1]
    other = "migrate" if best == "clone" else "clone"
    factor = largest[other].median / largest[best].median
    setting = "clone (TENANT_CREATION_FAKES_MIGRATIONS=True)" if best == "clone" else (
        "migrate (TENANT_CREATION_FAKES_MIGRATIONS=False)")  # fmt: skip
    if len(set(winners)) == 1:
        print(f"Faster: {best} at every size ({factor:.1f}x at {largest[best].size} firms).")
    else:
        print(f"Faster: {best} once firms accumulate ({factor:.1f}x at {largest[best].size} "
              f"firms); {other} only at the smaller sizes.")  # fmt: skip
    print(f"Recommendation: LINLI_FIRM_CREATION={setting}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=7, help="timed firms per mode and size (7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed firms per mode first (1)")
    parser.add_argument(
        "--sizes", default="0,200", help="numbers of existing firms to time at (0,200)"
    )
    parser.add_argument(
        "--filler-mode",
        choices=FILLER_MODES,
        default="sql",
        help="how filler firms are made: sql (in-database copy of the template, fast; default),"
        " or through the app: migrate, clone (slow: ~1 s and ~1-6 s per firm)",
    )
    parser.add_argument("--db-name", default="", help="database to use (<name>_bench)")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args(argv)
    sizes = sorted({int(x) for x in args.sizes.split(",") if x.strip()})

    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    db_name = args.db_name or (urlparse(base).path.lstrip("/") or "linli") + "_bench"
    if db_name == urlparse(base).path.lstrip("/"):
        raise SystemExit("refusing to use the DATABASE_URL database itself: it is dropped")
    url = bench_url(base, db_name)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    log(f"database {db_name}: create and migrate")
    recreate_database(base, db_name)
    try:
        common.setup_django(url)
        t0 = time.perf_counter()
        migrate_platform()
        log(f"  migrated in {time.perf_counter() - t0:.1f} s")
        results = []
        fillers: list[tuple[int, str, float]] = []
        existing = 0
        for i, size in enumerate(sizes):
            if size > existing:
                log(f"creating filler firms {existing}..{size - 1} ({args.filler_mode})")
                seconds = make_fillers(existing, size, args.filler_mode, log)
                fillers.append((size - existing, args.filler_mode, seconds))
                existing = size
            log(f"timing {args.n} firms per mode at {size} existing firms")
            results.append(measure(size, args.n, args.warmup if i == 0 else 0, log))
        report(results, fillers)
    finally:
        if args.keep:
            log(f"\nkept database {db_name}")
        else:
            drop_database(base, db_name)
            log(f"\ndropped database {db_name}")
    log(f"total {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
