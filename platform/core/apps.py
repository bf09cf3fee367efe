"""core: the shared kernel. Base models, DomainError, the clock, money, firm-aware storage and
logging. No business rules live here."""

from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
