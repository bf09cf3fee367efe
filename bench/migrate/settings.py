"""bench/migrate's settings: development settings plus the bench-only app `bench_throwaway` in
every firm schema, its migrations read from the scratch folder LINLI_BENCH_MIGRATIONS (written by
bench/migrate/run.py between runs)."""

import os
import sys

from config.settings.local import *  # noqa: F403
from config.settings.local import INSTALLED_APPS, TENANT_APPS

_folder = os.environ["LINLI_BENCH_MIGRATIONS"]
if _folder not in sys.path:
    sys.path.insert(0, _folder)

TENANT_APPS = [*TENANT_APPS, "bench.migrate.throwaway"]
INSTALLED_APPS = [*INSTALLED_APPS, "bench.migrate.throwaway"]
MIGRATION_MODULES = {"bench_throwaway": "bench_throwaway_migrations"}
# django-tenants' multiprocessing executor: processes (bench/migrate's --parallel)
TENANT_MULTIPROCESSING_MAX_PROCESSES = int(os.environ.get("LINLI_TENANT_MULTIPROCESSING", "2"))
