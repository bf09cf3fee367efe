from __future__ import annotations

from django.contrib import admin

from .models import RoleGrant, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    list_display = ("email", "full_name", "is_active", "date_joined")
    search_fields = ("email", "full_name")


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin[RoleGrant]):
    list_display = ("user", "role", "estate_id", "unit_id", "starts_on", "ends_on")
