"""`manage.py firm_backup <slug> <dir>` — back up one firm: its schema, its row, its files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tenants.backup import BackupFailed, firm_backup


class Command(BaseCommand):
    help = "Back up one firm (schema dump, firm row and domains, files) into an empty directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            manifest = firm_backup(slug=o["slug"], directory=o["directory"])
        except BackupFailed as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['slug']} ({manifest['schema_name']}): "
                f"{len(manifest['tables'])} tables, {rows} rows, {len(manifest['files'])} files "
                f"-> {o['directory']}"
            )
        )
