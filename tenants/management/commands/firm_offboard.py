"""`manage.py firm_offboard <slug> --reason ...` — start offboarding one firm: suspend it, write
its export and one handover archive per estate into the platform's storage (tenants.offboarding).
For a firm whose offboarding was started from the console and whose archives are not written
yet (the task still queued, or failing), it writes them here."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.exceptions import DomainError
from tenants.choices import OffboardingStatus
from tenants.models import Firm, Offboarding
from tenants.offboarding import DEFAULT_GRACE_DAYS, Actor, offboarding_start, offboarding_write


class Command(BaseCommand):
    help = "Suspend a firm and write its archives (firm-wide, and one per estate's committee)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--reason", default="", help="required to start")
        parser.add_argument("--grace-days", type=int, default=DEFAULT_GRACE_DAYS)

    def handle(self, *args: Any, **o: Any) -> None:
        firm = Firm.all_objects.exclude(schema_name="public").filter(slug=o["slug"]).first()
        if firm is None:
            raise CommandError(f"no firm with slug {o['slug']!r}")
        pending = Offboarding.objects.filter(firm=firm).exclude(status=OffboardingStatus.READY)
        try:
            if pending.exists():  # started from the console; its archives not yet written
                record = pending.get()
                self.stdout.write(f"{firm.slug}: writing the archives of its offboarding")
                offboarding_write(offboarding_id=record.pk)
                record.refresh_from_db()
            else:
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
