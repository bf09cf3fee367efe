from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tenants.models import Firm, FirmDeletion, Offboarding
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


class ArchiveSerializer(serializers.Serializer[Any]):
    """An archive in the platform's storage."""

    name = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()


class HandoverSerializer(ArchiveSerializer):
    """One estate's archive for its committee."""

    estate_id = serializers.IntegerField()
    estate_code = serializers.CharField()
    estate_name = serializers.CharField()


class FirmDeletionSerializer(serializers.ModelSerializer[FirmDeletion]):
    class Meta:
        model = FirmDeletion
        fields = ["id", "deleted_at", "deleted_by_email", "schema_name", "tables", "files"]
        read_only_fields = fields


class OffboardingSerializer(serializers.ModelSerializer[Offboarding]):
    firm_archive = serializers.SerializerMethodField()
    handovers = HandoverSerializer(many=True, read_only=True)
    deletion = serializers.SerializerMethodField()

    @extend_schema_field(ArchiveSerializer(allow_null=True))
    def get_firm_archive(self, record: Offboarding) -> dict[str, Any] | None:
        """None until the task has written the archives (`status` ready)."""
        return ArchiveSerializer(record.firm_archive).data if record.firm_archive else None

    class Meta:
        model = Offboarding
        fields = [
            "id",
            "firm",
            "reason",
            "started_by_email",
            "started_at",
            "grace_until",
            "status",
            "error",
            "archived_at",
            "firm_archive",
            "handovers",
            "deletion",
        ]
        read_only_fields = fields

    @extend_schema_field(FirmDeletionSerializer(allow_null=True))
    def get_deletion(self, record: Offboarding) -> dict[str, Any] | None:
        deletion = FirmDeletion.objects.filter(offboarding=record).first()
        return FirmDeletionSerializer(deletion).data if deletion else None


class OffboardStartSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)
    grace_days = serializers.IntegerField(min_value=0, max_value=365, default=30)
