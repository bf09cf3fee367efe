"""tenants/migrating.py: `manage.py migrate` skips the firm schemas that are current, migrates
the others, and a firm whose migration fails neither stops nor spoils the others and is named."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands import migrate_schemas
from django_tenants.migration_executors import StandardExecutor

from tenants import migrating
from tenants.migrating import MigrationGraph, SkipCurrentExecutor


def _harmless() -> tuple[str, str]:
    """A leaf migration (nothing depends on it) of a public-only app: in a firm schema the
    router skips its operations, so applying it again only records it."""
    from django.apps import apps
    from django.conf import settings

    tenant_labels = {
        config.label for config in apps.get_app_configs() if config.name in settings.TENANT_APPS
    }
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.graph.leaf_nodes()):
        if key[0] not in tenant_labels:
            return key
    raise AssertionError("no leaf migration of a public-only app")


HARMLESS = _harmless()


def _options() -> dict[str, Any]:
    parser = migrate_schemas.Command().create_parser("manage.py", "migrate_schemas")
    return vars(parser.parse_args(["--tenant", "--noinput", "-v", "1"]))


def _rows(schema: str) -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT app, name FROM "{schema}".django_migrations')
        return {(app, name) for app, name in cursor.fetchall()}


def _forget(schema: str, key: tuple[str, str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s', list(key)
        )
        assert cursor.rowcount == 1


def _failing_when_reapplied() -> tuple[str, str]:
    """A leaf migration (nothing depends on it) of our own apps that creates a table or a
    column: applied a second time it fails (the table or column exists)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.graph.leaf_nodes()):
        migration = loader.graph.nodes[key]
        names = {type(op).__name__ for op in migration.operations}
        if key[0] in {"complaints", "estates", "votes", "notices"} and names & {
            "CreateModel",
            "AddField",
        }:
            return key
    raise AssertionError("no leaf migration that creates something")


def test_manage_py_migrate_uses_the_skipping_executor() -> None:
    assert migrate_schemas.GET_EXECUTOR_FUNCTION is migrating.get_executor
    assert migrating.get_executor(None) is SkipCurrentExecutor
    assert migrating.get_executor("standard") is StandardExecutor  # --executor still works


def test_a_squash_counts_as_applied_when_all_it_replaces_are() -> None:
    graph = MigrationGraph(
        nodes=frozenset({("a", "0001_squashed_0002"), ("a", "0003")}),
        replacements=((("a", "0001_squashed_0002"), frozenset({("a", "0001"), ("a", "0002")})),),
    )
    assert graph.pending([("a", "0001"), ("a", "0002"), ("a", "0003")]) == []
    assert graph.pending([("a", "0001"), ("a", "0003")]) == [("a", "0001_squashed_0002")]
    assert graph.pending([("a", "0001_squashed_0002")]) == [("a", "0003")]


@pytest.mark.django_db
def test_current_schemas_are_skipped(cast, monkeypatch, capsys) -> None:
    schemas = [cast.a.schema, cast.b.schema]
    assert migrating.pending_by_schema(schemas) == {}
    calls: list[str] = []
    monkeypatch.setattr(migrating, "run_migrations", lambda *a, **k: calls.append(a[3]))
    SkipCurrentExecutor((), _options()).run_migrations(schemas)
    assert calls == []  # Django's migrate never ran for them
    assert "2 of 2 schemas current (skipped), 0 to migrate" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_schema_missing_one_migration_is_migrated_and_only_it(cast, capsys) -> None:
    _forget(cast.b.schema, HARMLESS)
    assert migrating.pending_by_schema([cast.a.schema, cast.b.schema]) == {
        cast.b.schema: [HARMLESS]
    }
    SkipCurrentExecutor((), _options()).run_migrations([cast.a.schema, cast.b.schema])
    out = capsys.readouterr().out
    assert "1 of 2 schemas current (skipped), 1 to migrate" in out
    assert f"{cast.b.schema}] === Starting migration" in out
    assert f"{cast.a.schema}] === Starting migration" not in out
    assert HARMLESS in _rows(cast.b.schema)
    assert migrating.pending_by_schema([cast.a.schema, cast.b.schema]) == {}


@pytest.mark.django_db
def test_a_failing_firm_is_named_and_the_others_are_migrated(cast) -> None:
    failing = _failing_when_reapplied()
    _forget(cast.b.schema, failing)  # its table/column exists: applying it again fails
    _forget(cast.a.schema, HARMLESS)
    before_b = _rows(cast.b.schema)
    with pytest.raises(CommandError) as caught:
        # the failing firm first: the one after it must still be migrated
        SkipCurrentExecutor((), _options()).run_migrations([cast.b.schema, cast.a.schema])
    message = str(caught.value)
    assert "migrations failed in 1 firm(s); 1 migrated fully" in message
    assert f"firm {cast.b.slug} (schema {cast.b.schema})" in message
    assert f"still pending: {failing[0]}.{failing[1]}" in message
    assert cast.a.slug not in message
    # the other firm is current; the failing one is exactly as before (its migration rolled
    # back as a whole, nothing recorded)
    assert migrating.pending_by_schema([cast.a.schema]) == {}
    assert _rows(cast.b.schema) == before_b
    assert migrating.pending_by_schema([cast.b.schema]) == {cast.b.schema: [failing]}
    assert connection.schema_name == "public"  # type: ignore[attr-defined]
