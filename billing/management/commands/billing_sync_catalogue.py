"""Create or update the catalogue (billing/catalogue.json) in Stripe, idempotently."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from billing.catalogue import CATALOGUE, catalogue_sync, load


class Command(BaseCommand):
    help = "Create or update the Stripe products and prices from billing/catalogue.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(CATALOGUE))
        parser.add_argument("--currency", default=None, help="default: LINLI_BILLING_CURRENCY")

    def handle(self, *args: Any, **options: Any) -> None:
        report = catalogue_sync(catalogue=load(Path(options["file"])), currency=options["currency"])
        self.stdout.write(f"product: {report.product}")
        for what in ("created", "replaced", "unchanged"):
            for key in getattr(report, what):
                self.stdout.write(f"price {key}: {what}")
