"""tenants: the SHARED app that knows firms. A `Firm` is a property-management company with
its own PostgreSQL schema; `Domain` maps `<slug>.<BASE_DOMAIN>` to it. Owns onboarding
(`firm_onboard`), provisioning (schema creation by cloning a kept-migrated template), suspension
and the host-routing middleware."""

from __future__ import annotations

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Firms"
