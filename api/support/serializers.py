from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from tenants.models import (
    SUPPORT_MAX_HOURS,
    SUPPORT_PREAPPROVAL_MAX_DAYS,
    SupportGrant,
    SupportPreapproval,
)
from tenants.support import is_running


class SupportGrantSerializer(serializers.ModelSerializer[SupportGrant]):
    """A request for support access as the firm's admins and the platform see it. `running` is
    true while the grant is active and not yet expired."""

    firm_name = serializers.CharField(source="firm.name", read_only=True)
    firm_slug = serializers.CharField(source="firm.slug", read_only=True)
    running = serializers.SerializerMethodField()

    class Meta:
        model = SupportGrant
        fields = [
            "id",
            "firm",
            "firm_name",
            "firm_slug",
            "requested_by_email",
            "reason",
            "hours",
            "status",
            "running",
            "decided_by_name",
            "decided_at",
            "expires_at",
            "revoked_at",
            "preapproval",
            "created_at",
        ]
        read_only_fields = fields

    def get_running(self, grant: SupportGrant) -> bool:
        return is_running(grant, timezone.now())


class SupportRequestSerializer(serializers.Serializer[dict[str, object]]):
    firm = serializers.IntegerField(min_value=1, max_value=2**62)
    reason = serializers.CharField(max_length=500, trim_whitespace=True)
    hours = serializers.IntegerField(min_value=1, max_value=SUPPORT_MAX_HOURS)


class SupportPreapprovalSerializer(serializers.ModelSerializer[SupportPreapproval]):
    """A firm admin's pre-approval of support requests; `open` while it still grants."""

    open = serializers.SerializerMethodField()

    class Meta:
        model = SupportPreapproval
        fields = [
            "id",
            "max_hours",
            "valid_until",
            "note",
            "created_by_name",
            "created_at",
            "ended_at",
            "ended_by_name",
            "open",
        ]
        read_only_fields = fields

    def get_open(self, found: SupportPreapproval) -> bool:
        return found.ended_at is None and found.valid_until > timezone.now()


class SupportPreapproveSerializer(serializers.Serializer[dict[str, object]]):
    max_hours = serializers.IntegerField(min_value=1, max_value=SUPPORT_MAX_HOURS)
    days = serializers.IntegerField(min_value=1, max_value=SUPPORT_PREAPPROVAL_MAX_DAYS)
    note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", trim_whitespace=True
    )


class SupportTicketSerializer(serializers.Serializer[dict[str, object]]):
    """A one-time ticket to enter the firm (valid two minutes) and the firm-host page that
    redeems it."""

    ticket = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class SupportEnterSerializer(serializers.Serializer[dict[str, object]]):
    ticket = serializers.CharField(max_length=1000)


class SupportActingSerializer(serializers.Serializer[dict[str, object]]):
    """The support access the current request acts under (on the firm host)."""

    grant = serializers.IntegerField(source="pk", read_only=True)
    expires_at = serializers.DateTimeField(read_only=True)
    requested_by_email = serializers.EmailField(read_only=True)
    reason = serializers.CharField(read_only=True)
