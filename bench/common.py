"""Django set-up every bench shares: settings for a scratch database, the platform migrated
with the firm template, and filler firms made by an in-database copy of the template.

(bench/scratch.py creates and drops the scratch database itself.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def setup_django(
    url: str,
    *,
    media_root: str | None = None,
    redis_db: int | None = None,
    queue: str | None = None,
    settings_module: str = "config.settings.local",
) -> str | None:
    """Django on the scratch database `url`, with production's DEBUG=False (no query log).

    With `redis_db`, the cache, broker and result backend use that Redis database of
    REDIS_URL's server, and Celery the queue `queue`: nothing reaches a developer's worker.
    Returns the broker URL (or None)."""
    for path in (str(ROOT / "platform"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    if media_root is not None:
        os.environ["LINLI_MEDIA_ROOT"] = media_root
    # No e-mails printed to the console, no INFO log lines between the figures.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ.setdefault("LINLI_LOG_LEVEL", "WARNING")
    broker = None
    if redis_db is not None:
        redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
        broker = f"{redis}/{redis_db}"
        os.environ["CACHE_URL"] = broker
        os.environ["CELERY_BROKER_URL"] = broker
        os.environ["CELERY_RESULT_BACKEND"] = broker
    if queue is not None:
        os.environ["LINLI_CELERY_QUEUE"] = queue
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: time what production does
    return broker


def migrate_platform(*, verbosity: int = 0) -> None:
    """`manage.py migrate` (public schema, firms), plus the firm template schema."""
    from django.conf import settings
    from django.core.management import call_command
    from django_tenants.utils import schema_exists

    from core.db import use_public_schema

    call_command("migrate", interactive=False, verbosity=verbosity)
    template = settings.TENANT_BASE_SCHEMA
    if not schema_exists(template):
        from tenants.management.commands.migrate import template_ensure

        template_ensure(template, verbosity=verbosity)
    use_public_schema()


# Filler firms only have to exist (rows in tenants_firm/tenants_domain, a schema with the same
# tables, indexes, constraints, identity sequences (set past the copied rows) and rows as a new
# firm's): an in-database copy of the
# template, table by table, takes a fraction of either app path (~0.3 s) and does not slow down
# as the catalogs grow. Installed in the bench database only (dropped at the end).
FILLER_FUNCTION = """
CREATE OR REPLACE FUNCTION public.bench_filler_copy(src text, dst text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r record;
    fks text[] := '{}';
BEGIN
    EXECUTE format('CREATE SCHEMA %I', dst);
    FOR r IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = src AND c.relkind = 'r' ORDER BY c.relname
    LOOP
        EXECUTE format('CREATE TABLE %I.%I (LIKE %I.%I INCLUDING ALL)', dst, r.relname, src,
                       r.relname);
        EXECUTE format('INSERT INTO %I.%I OVERRIDING SYSTEM VALUE SELECT * FROM %I.%I', dst,
                       r.relname, src, r.relname);
    END LOOP;
    -- identity columns: LIKE gives each copy a fresh sequence starting at 1, while the rows
    -- (django_migrations, content types, permissions) were copied with their ids
    FOR r IN
        SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = dst AND c.relkind = 'r' AND a.attidentity <> '' AND NOT a.attisdropped
    LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1,'
                       ' false) FROM %I.%I', quote_ident(dst) || '.' || quote_ident(r.relname),
                       r.attname, r.attname, dst, r.relname);
    END LOOP;
    -- foreign keys, printed relative to src so that they point into dst when re-created there
    PERFORM set_config('search_path', quote_ident(src), true);
    FOR r IN
        SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) AS def
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = src AND con.contype = 'f' ORDER BY con.conname
    LOOP
        fks := fks || format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.relname, r.conname, r.def);
    END LOOP;
    PERFORM set_config('search_path', quote_ident(dst), true);
    FOR i IN 1 .. coalesce(array_length(fks, 1), 0) LOOP
        EXECUTE fks[i];
    END LOOP;
    PERFORM set_config('search_path', 'public', true);
END $$;
"""


def install_filler_function() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FILLER_FUNCTION)


def sql_filler(slug: str) -> Any:
    """A ready firm whose schema is an in-database copy of the template (see FILLER_FUNCTION;
    install_filler_function() first)."""
    from django.conf import settings
    from django.db import connection, transaction

    from core.db import use_public_schema
    from tenants.choices import ProvisioningStatus
    from tenants.models import Domain, Firm
    from tenants.policies import firm_host, schema_name_for

    use_public_schema()
    with transaction.atomic():
        firm = Firm.all_objects.create(
            name=f"填充 {slug} 物业", slug=slug, schema_name=schema_name_for(slug),
            admin_email=f"admin@{slug}.test", provisioning_status=ProvisioningStatus.READY,
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT public.bench_filler_copy(%s, %s)",
                [settings.TENANT_BASE_SCHEMA, firm.schema_name],
            )
        Domain.objects.create(
            domain=firm_host(slug, settings.BASE_DOMAIN), tenant=firm, is_primary=True
        )
    use_public_schema()
    return firm


def schema_shape(schema: str) -> tuple[int, int, int, int]:
    """(tables, indexes, constraints, rows in django_migrations) of a schema."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE c.relkind = 'r'),"
            " count(*) FILTER (WHERE c.relkind = 'i') FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s",
            [schema],
        )
        tables, indexes = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM pg_constraint con JOIN pg_namespace n"
            " ON n.oid = con.connamespace WHERE n.nspname = %s",
            [schema],
        )
        (constraints,) = cursor.fetchone()
        cursor.execute(f'SELECT count(*) FROM "{schema}".django_migrations')
        (migrations,) = cursor.fetchone()
    return tables, indexes, constraints, migrations


def check_filler(slug: str) -> tuple[int, int, int, int]:
    """The copy must look like a real new firm: same shape as the template, or exit."""
    from django.conf import settings

    from tenants.policies import schema_name_for

    copy = schema_shape(schema_name_for(slug))
    template = schema_shape(settings.TENANT_BASE_SCHEMA)
    if copy != template:
        raise SystemExit(f"filler copy {copy} differs from the template {template}")
    return copy
