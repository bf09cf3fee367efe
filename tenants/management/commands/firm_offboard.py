"""`manage.py firm_offboard <slug> --reason ...` — start offboarding one firm: suspend it, write
its export and one handover archive per estate into the platform's storage (tenants.offboarding)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import DomainError
from tenants.models import Firm
from tenants.offboarding import DEFAULT_GRACE_DAYS, Actor, offboarding_start


class Command(BaseCommand):
    help = "Suspend a firm and write its archives (firm-wide, and one per estate's committee)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--grace-days", type=int, default=DEFAULT_GRACE_DAYS)

    def handle(self, *args: Any, **o: Any) -> None:
        firm = Firm.all_objects.exclude(schema_name="public").filter(slug=o["slug"]).first()
        if firm is None:
            raise CommandError(f"no firm with slug {o['slug']!r}")
        try:
            record = offboarding_start(
                firm=firm, by=Actor(), reason=o["reason"], grace_days=o["grace_days"]
            )
        except DomainError as exc:
            raise CommandError(f"{exc.code}: {exc.detail}") from exc
        self.stdout.write(f"firm {record.firm_archive['sha256']}  {record.firm_archive['name']}")
        for handover in record.handovers:
            self.stdout.write(f"{handover['estate_code']} {handover['sha256']}  {handover['name']}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{firm.slug} suspended, {len(record.handovers)} estate archives; "
                f"its data may be deleted from {record.grace_until.isoformat()}"
            )
        )
