"""`manage.py create_platform_admin --email a@b --password ...` — no prompts.

The password may also come from LINLI_ADMIN_PASSWORD. Re-running resets the password."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tenants.utils import schema_context

from accounts.services import platform_admin_ensure
from core.exceptions import DomainError


class Command(BaseCommand):
    help = "Create (or reset the password of) a platform admin, without prompts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", default=os.environ.get("LINLI_ADMIN_PASSWORD", ""))
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["password"]:
            raise CommandError("Give --password or set LINLI_ADMIN_PASSWORD.")
        try:
            with schema_context("public"):
                user, created = platform_admin_ensure(
                    email=options["email"], password=options["password"], full_name=options["name"]
                )
        except DomainError as exc:
            raise CommandError(f"{exc.detail} {exc.fields or ''}".strip()) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} platform admin {user.email}"))
