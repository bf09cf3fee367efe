"""Migrating many firm schemas: skip the ones that are current, isolate the ones that fail.

django-tenants' executors run Django's whole `migrate` command once per schema. With nothing
pending that still reads the schema's history, renders the project state of every migration,
diffs the models against it and sends post_migrate (content types and permissions for every
model): about half a second per schema, four minutes for 500 firms (bench/migrate). And the
standard executor stops at the first firm that fails, leaving the rest unvisited.

`SkipCurrentExecutor` (codename `skip-current`, the default of `manage.py migrate` and
`migrate_schemas` through `GET_EXECUTOR_FUNCTION` in the settings) does instead:

1. once: the migration graph from the files (`MigrationLoader(None)`: no database), i.e. the set
   of migrations a current schema has recorded (every node of the graph: each node is an
   ancestor of a leaf, so it is what `migrate` with no target would apply);
2. per schema, one query: its `django_migrations` rows. A schema is *current* when every node
   is among them (a squashed migration counts as recorded when all it replaces are, as Django's
   loader does). Current schemas are skipped: `migrate` would apply nothing there. What a
   skipped run would still have done is post_migrate, which creates the content types and
   permissions of models added by migrations; those were created by the run that applied the
   migrations (no app here listens to post_migrate otherwise; pgtrigger's install-on-migrate
   is off), so skipping it is sound;
3. the other schemas go through django-tenants' own `run_migrations` (Django's `migrate`,
   unchanged), one after another or in `--parallel N` forked processes, each firm on its own:
   an exception in one firm is recorded and the next firm goes on. On PostgreSQL every
   migration is one transaction (they are `atomic`), so a failing firm keeps every migration
   before the failing one and none of the failing one; every other firm is migrated fully;
4. at the end the failed firms are named (slug, schema, the migrations still pending there and
   the error) and the command exits non-zero.

Targeted runs (an app label or migration name, --fake, --fake-initial, --plan, --check,
--prune) go to django-tenants' standard executor unchanged: "current" means "at the leaves".
`--executor=standard|multiprocessing|subprocess` still picks django-tenants' own executors.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors import get_executor as tenants_get_executor
from django_tenants.migration_executors.base import MigrationExecutor, run_migrations

Key = tuple[str, str]

CODENAME = "skip-current"
# options that aim `migrate` at something other than "every migration applied"
TARGETED_OPTIONS = ("app_label", "migration_name", "fake", "fake_initial", "plan", "prune")


@dataclass(frozen=True)
class MigrationGraph:
    """What a current schema has recorded, computed once from the migration files."""

    nodes: frozenset[Key]
    replacements: tuple[tuple[Key, frozenset[Key]], ...]  # squash -> the migrations it replaces

    def recorded(self, rows: Iterable[Key]) -> set[Key]:
        applied = set(rows)
        for squash, replaced in self.replacements:
            if replaced <= applied:
                applied.add(squash)
        return applied

    def pending(self, rows: Iterable[Key]) -> list[Key]:
        """The graph's migrations a schema with these django_migrations rows has not applied."""
        return sorted(self.nodes - self.recorded(rows))


def migration_graph() -> MigrationGraph:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return MigrationGraph(
        nodes=frozenset(loader.graph.nodes),
        replacements=tuple(
            (key, frozenset(migration.replaces)) for key, migration in loader.replacements.items()
        ),
    )


def recorded_migrations(
    schemas: Sequence[str], *, database: str = "default"
) -> dict[str, set[Key]]:
    """Each schema's django_migrations rows (a schema without the table: no rows)."""
    connection = connections[database]
    result: dict[str, set[Key]] = {schema: set() for schema in schemas}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relname = 'django_migrations' AND c.relkind = 'r'"
            " AND n.nspname = ANY(%s)",
            [list(schemas)],
        )
        with_table = [row[0] for row in cursor.fetchall()]
        for schema in with_table:
            quoted = connection.ops.quote_name(schema)
            # a schema name read from pg_namespace, quoted as an identifier
            cursor.execute(f"SELECT app, name FROM {quoted}.django_migrations")  # noqa: S608
            result[schema] = {(app, name) for app, name in cursor.fetchall()}
    return result


def pending_by_schema(
    schemas: Sequence[str], *, graph: MigrationGraph | None = None, database: str = "default"
) -> dict[str, list[Key]]:
    """{schema: its pending migrations} for the schemas that are not current."""
    graph = graph or migration_graph()
    rows = recorded_migrations(schemas, database=database)
    pending = {schema: graph.pending(rows[schema]) for schema in schemas}
    return {schema: keys for schema, keys in pending.items() if keys}


@dataclass
class Failure:
    schema: str
    error: str
    pending: list[Key]
    firm: str = ""


def _migrate_one(
    args: tuple[Any, ...], options: dict[str, Any], item: tuple[int, int, str], *, forked: bool
) -> tuple[str, str | None]:
    idx, count, schema = item
    try:
        run_migrations(
            args, options, CODENAME, schema, allow_atomic=not forked, idx=idx, count=count
        )
    except Exception as exc:  # one firm's failure must not stop the others
        if int(options.get("verbosity", 1)) >= 2:
            traceback.print_exc()
        database = options.get("database") or "default"
        connection: Any = connections[database]
        if connection.in_atomic_block:  # the failed migration rolled back to its savepoint
            connection.set_schema_to_public()
        else:  # a broken session must not reach the next firm
            connection.close()
            connection.set_schema_to_public()
        return schema, f"{type(exc).__name__}: {exc}".strip()
    return schema, None


def _fork_pool(processes: int) -> Any:
    context = multiprocessing.get_context("fork")
    return context.Pool(processes=processes)


class SkipCurrentExecutor(MigrationExecutor):
    codename = CODENAME

    def run_migrations(self, tenants: Iterable[str] | None = None) -> None:
        schemas = list(tenants or [])
        if not schemas:
            return
        if any(self.options.get(name) for name in TARGETED_OPTIONS) or self.options.get(
            "check_unapplied"
        ):
            tenants_get_executor("standard")(self.args, self.options).run_migrations(schemas)
            return
        database = self.options.get("database") or self.TENANT_DB_ALIAS
        verbosity = int(self.options.get("verbosity", 1))
        pending = pending_by_schema(schemas, database=database)
        todo = [schema for schema in schemas if schema in pending]
        if verbosity >= 1 and len(schemas) > 1:
            self._say(
                f"[{CODENAME}] {len(schemas) - len(todo)} of {len(schemas)} schemas current"
                f" (skipped), {len(todo)} to migrate"
            )
        if not todo:
            return
        # public first and alone: the firms' rows live there
        if self.PUBLIC_SCHEMA_NAME in todo:
            todo.remove(self.PUBLIC_SCHEMA_NAME)
            run_migrations(self.args, self.options, CODENAME, self.PUBLIC_SCHEMA_NAME)
        if not todo:
            return
        results = self._run(todo)
        failed = [schema for schema, error in results if error is not None]
        if not failed:
            return
        errors = dict(results)
        still = pending_by_schema(failed, database=database)
        failures = [Failure(s, errors[s] or "", still.get(s, [])) for s in failed]
        raise CommandError(self.report(failures, migrated=len(todo) - len(failed)))

    def _run(self, todo: list[str]) -> list[tuple[str, str | None]]:
        parallel = int(
            self.options.get("parallel") or getattr(settings, "TENANT_MIGRATION_PARALLEL", 1) or 1
        )
        items = [(idx, len(todo), schema) for idx, schema in enumerate(todo)]
        if len(todo) == 1:  # one firm (onboarding, --schema): its own exception, unwrapped
            run_migrations(self.args, self.options, CODENAME, todo[0])
            return [(todo[0], None)]
        if parallel <= 1:
            return [_migrate_one(self.args, self.options, item, forked=False) for item in items]
        connections.close_all()  # the forked workers open their own
        pool = _fork_pool(min(parallel, len(todo)))
        try:
            return list(
                pool.imap_unordered(
                    _call_migrate_one, [(self.args, self.options, item) for item in items]
                )
            )
        finally:
            pool.close()
            pool.join()

    def report(self, failures: list[Failure], *, migrated: int) -> str:
        from tenants.models import Firm

        slugs = dict(
            Firm.all_objects.filter(schema_name__in=[f.schema for f in failures]).values_list(
                "schema_name", "slug"
            )
        )
        lines = [f"migrations failed in {len(failures)} firm(s); {migrated} migrated fully:"]
        for failure in failures:
            failure.firm = slugs.get(failure.schema, "")
            pending = ", ".join(f"{app}.{name}" for app, name in failure.pending) or "none"
            lines.append(
                f"  firm {failure.firm or '?'} (schema {failure.schema}): {failure.error}"
                f" | still pending: {pending}"
            )
        return "\n".join(lines)

    def _say(self, message: str) -> None:
        sys.stdout.write(message + "\n")
        sys.stdout.flush()

    def run_multi_type_migrations(self, tenants: Any) -> None:  # not used: one firm type
        tenants_get_executor("standard")(self.args, self.options).run_multi_type_migrations(tenants)


def _call_migrate_one(payload: tuple[Any, ...]) -> tuple[str, str | None]:
    args, options, item = payload
    return _migrate_one(args, options, item, forked=True)


def get_executor(codename: str | None = None) -> type[MigrationExecutor]:
    """GET_EXECUTOR_FUNCTION: `skip-current` unless an executor is named (--executor or the
    EXECUTOR environment variable, as django-tenants reads it)."""
    codename = codename or os.environ.get("EXECUTOR") or CODENAME
    if codename == CODENAME:
        return SkipCurrentExecutor
    return tenants_get_executor(codename)
