"""`manage.py firm_offboard_delete <slug>` — once the grace period is over, drop an offboarded
firm's schema and files and record the deletion (tenants.offboarding)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import DomainError
from tenants.models import Offboarding
from tenants.offboarding import Actor, offboarding_delete


class Command(BaseCommand):
    help = "Delete an offboarded firm's schema and files after its grace period (recorded)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")

    def handle(self, *args: Any, **o: Any) -> None:
        record = Offboarding.objects.filter(firm__slug=o["slug"]).first()
        if record is None:
            raise CommandError(f"no offboarding of a firm with slug {o['slug']!r}")
        try:
            deletion = offboarding_delete(offboarding=record, by=Actor())
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.detail}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{deletion.slug}: schema {deletion.schema_name} dropped ({deletion.tables} "
                f"tables), {deletion.files} files removed, recorded as deletion {deletion.pk}"
            )
        )
