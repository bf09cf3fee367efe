"""`manage.py outbox` — the outbox for an operator: totals, the given-up rows of each schema by
task (with the last error), and `--retry-dead` to make them due again once the cause is fixed.

    manage.py outbox                       # pending / dead totals, dead rows per schema and task
    manage.py outbox --retry-dead          # every schema
    manage.py outbox --retry-dead --schema firm_acme --task notifications.deliver_email
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from outbox.models import OutboxMessage
from outbox.selectors import backlog, dead_by_task, schemas_with_table
from outbox.services import revive_dead


class Command(BaseCommand):
    help = "Show the outbox backlog and given-up rows; --retry-dead makes those due again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--retry-dead", action="store_true")
        parser.add_argument("--schema", help="only this schema (public or a firm's)")
        parser.add_argument("--task", help="only rows of this task name")

    def handle(self, *args: Any, **o: Any) -> None:
        schemas = schemas_with_table()
        if o["schema"]:
            if o["schema"] not in schemas:
                raise CommandError(f"no outbox in schema {o['schema']!r}")
            schemas = [o["schema"]]
        totals = backlog()
        self.stdout.write(f"pending {totals['pending']}, dead {totals['dead']} (all schemas)")
        revived = 0
        for schema in schemas:
            with schema_context(schema):
                dead = dead_by_task()
                for task, count in dead.items():
                    if o["task"] and task != o["task"]:
                        continue
                    last = (
                        OutboxMessage.objects.filter(task=task, dead_at__isnull=False)
                        .order_by("-dead_at")
                        .values_list("last_error", flat=True)
                        .first()
                    )
                    self.stdout.write(f"{schema}\t{task}\tdead {count}\t{(last or '')[:200]}")
                if o["retry_dead"] and dead:
                    revived += revive_dead(task=o["task"])
        if o["retry_dead"]:
            self.stdout.write(self.style.SUCCESS(f"{revived} rows due again"))
