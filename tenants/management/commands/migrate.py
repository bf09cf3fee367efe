"""`manage.py migrate`: django-tenants' migrate_schemas, then keep the platform ready.

After migrating the public schema and every provisioned firm it (1) makes sure the public
tenant and its BASE_DOMAIN domain exist and (2) creates or migrates the template schema that
new firms are cloned from, so a clone is never behind the migrations.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand
from django_tenants.utils import schema_exists

from core.db import use_public_schema


class Command(MigrateSchemasCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        super().handle(*args, **options)
        targeted = options.get("schema_name") or options.get("app_label") or options.get("fake")
        if targeted or options.get("plan") or options.get("check_unapplied"):
            return
        from tenants.services import public_tenant_ensure

        public_tenant_ensure()
        template = getattr(settings, "TENANT_BASE_SCHEMA", "")
        if template and settings.TENANT_CREATION_FAKES_MIGRATIONS:
            template_ensure(template, verbosity=options.get("verbosity", 1))


def template_ensure(template: str, *, verbosity: int = 0) -> None:
    if not schema_exists(template):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{template}"')
    call_command(
        "migrate_schemas", tenant=True, schema_name=template, interactive=False, verbosity=verbosity
    )
    use_public_schema()
