from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tenants.models import Firm
from tenants.policies import SLUG_MAX
from tenants.services import url_for_firm


class FirmSerializer(serializers.ModelSerializer[Firm]):
    # optional: "" when none was given, so not `format: email`
    contact_email = serializers.CharField(read_only=True)
    domain = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Firm
        fields = [
            "id",
            "name",
            "slug",
            "schema_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "provisioning_status",
            "provisioning_error",
            "domain",
            "url",
            "admin_email",
            "created_at",
        ]
        read_only_fields = fields

    def get_domain(self, firm: Firm) -> str:
        domains = list(firm.domains.all())
        return domains[0].domain if domains else ""

    def get_url(self, firm: Firm) -> str:
        return url_for_firm(firm)


class FirmCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=200)
    slug = serializers.CharField(max_length=SLUG_MAX)
    contact_name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    contact_phone = serializers.RegexField(
        r"^\+?[0-9 -]{5,20}$", required=False, allow_blank=True, default=""
    )
    admin_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    admin_email = serializers.EmailField()


class SlugAvailabilitySerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    available = serializers.BooleanField()
    reason = serializers.CharField(allow_blank=True)
