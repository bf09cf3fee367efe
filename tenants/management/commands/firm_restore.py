"""`manage.py firm_restore <dir> [--as <new-slug>] [--database URL]` — restore one firm."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.backup import BackupFailed, firm_restore


class Command(BaseCommand):
    help = (
        "Restore a firm backed up by firm_backup, as a new ready firm. Refuses a slug, schema "
        "or host that is taken; --as restores beside the live firm under another slug."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--as", dest="as_slug", default=None, help="restore under this slug")
        parser.add_argument(
            "--database", default=None, help="target database URL (default: DATABASE_URL)"
        )

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            firm = firm_restore(directory=o["directory"], as_slug=o["as_slug"], url=o["database"])
        except BackupFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {firm.slug} ({firm.schema_name}): {firm.tables} tables, "
                f"{firm.rows} rows, {firm.files} files"
            )
        )
