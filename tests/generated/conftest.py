"""Shared fixtures of the generated suites: the world (see world.py), built once per module in
an outer transaction that is rolled back at the module's end. Each test then runs in its own
savepoint (pytest-django's `db`), so a case that writes leaves nothing for the next one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test import override_settings

from .world import World, build


@pytest.fixture(scope="module")
def world(cast, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    media = tmp_path_factory.mktemp("generated-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build(cast)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()


def fingerprint(schemas: list[str]) -> str:
    """One digest of every row of every table of the firm schemas (sessions and tokens
    excepted: a login writes those). Equal digests: nothing was written."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT n.nspname, c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(%s) AND c.relkind = 'r'
              AND c.relname NOT IN ('django_session', 'authtoken_token', 'django_migrations')
            ORDER BY 1, 2
            """,
            [schemas],
        )
        tables = cursor.fetchall()
        parts = [
            f"(SELECT md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{schema}"."{table}" t)'
            for schema, table in tables
        ]
        cursor.execute("SELECT md5(" + " || ".join(parts) + ")")
        return str(cursor.fetchone()[0])
