"""Firms and their domains (public schema)."""

from __future__ import annotations

from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

from .choices import FirmStatus, ProvisioningStatus


class ProvisionedFirmManager(models.Manager["Firm"]):
    """Only firms whose schema exists. django-tenants iterates `Firm.objects` (migrations,
    tenant commands), so a pending or failed firm must never be listed there."""

    def get_queryset(self) -> models.QuerySet[Firm]:
        return super().get_queryset().filter(provisioning_status=ProvisioningStatus.READY)


class Firm(TenantMixin):
    """A property-management firm: one PostgreSQL schema holding all of its data.

    The row is written before its schema exists (status `pending`) so onboarding progress is
    visible; it becomes `ready` in the same transaction that creates the schema.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=40, unique=True)
    contact_name = models.CharField(max_length=100, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    admin_email = models.EmailField(blank=True)
    admin_name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=FirmStatus.choices, default=FirmStatus.ACTIVE)
    provisioning_status = models.CharField(
        max_length=20, choices=ProvisioningStatus.choices, default=ProvisioningStatus.PENDING
    )
    provisioning_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    provisioned_at = models.DateTimeField(null=True, blank=True)
    # The earliest moment something in this firm's schema is due (a clock's yellow point or due
    # time, a timer): beat sends a sweep only to firms with next_due_at <= now. Kept by the
    # deadlines engine (`tenants.fanout`); it may be early (one idle sweep), never late.
    next_due_at = models.DateTimeField(null=True, blank=True)

    auto_create_schema = False  # the onboarding service creates it, inside its transaction
    auto_drop_schema = False

    all_objects: models.Manager[Firm] = models.Manager()
    objects = ProvisionedFirmManager()

    class Meta:
        ordering = ["-created_at"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(
                fields=["next_due_at"],
                condition=models.Q(next_due_at__isnull=False),
                name="firm_next_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"


class Domain(DomainMixin):
    """A host name that routes to a firm (or to the public platform site)."""

    def __str__(self) -> str:
        return self.domain
