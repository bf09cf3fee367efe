from __future__ import annotations

from django.contrib import admin

from .models import Domain, Firm


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin[Firm]):
    list_display = ("name", "slug", "schema_name", "status", "provisioning_status", "created_at")


admin.site.register(Domain)
