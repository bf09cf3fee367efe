"""core: the shared kernel. Base models, DomainError, the clock, money, firm-aware storage and
logging. No business rules live here."""

from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # django-pgtrigger teaches makemigrations and Django's migrate about triggers (its
        # ready() runs first: it is listed before core). django-tenants replaces `migrate`
        # with migrate_schemas, which keeps Django's plain autodetector; give it the same one,
        # or `manage.py check` fails with commands.E001 and the two could disagree.
        from django.core.management.commands import makemigrations
        from django_tenants.management.commands.migrate_schemas import MigrateSchemasCommand

        MigrateSchemasCommand.autodetector = makemigrations.Command.autodetector
