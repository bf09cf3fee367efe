"""`manage.py create_firm --name 示例物业 --slug demo --admin-email a@b.c` — onboard a firm."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import DomainError
from tenants.services import FirmInput, firm_onboard, url_for_firm


class Command(BaseCommand):
    help = "Onboard a firm: schema, domain and first admin with an invitation link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--slug", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", default="")
        parser.add_argument("--contact-name", default="")
        parser.add_argument("--contact-email", default="")
        parser.add_argument("--contact-phone", default="")

    def handle(self, *args: Any, **o: Any) -> None:
        data = FirmInput(
            name=o["name"],
            slug=o["slug"],
            admin_email=o["admin_email"],
            admin_name=o["admin_name"],
            contact_name=o["contact_name"],
            contact_email=o["contact_email"],
            contact_phone=o["contact_phone"],
        )
        try:
            firm = firm_onboard(data=data, provision="now")
        except DomainError as exc:
            fields = "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in exc.fields.items())
            raise CommandError(f"[{exc.code}] {exc.detail} {fields}".strip()) from exc
        self.stdout.write(self.style.SUCCESS(f"Firm {firm.name} is ready at {url_for_firm(firm)}"))
        self.stdout.write(f"An invitation was e-mailed to {firm.admin_email}.")
