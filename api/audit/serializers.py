"""The audit log's entries, as the reader sees them (audit.selectors.Entry)."""

from __future__ import annotations

from rest_framework import serializers


class AuditChangeSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="field name; an estate's settings as a dotted path")
    before = serializers.CharField(allow_null=True)
    after = serializers.CharField(allow_null=True)


class AuditEntrySerializer(serializers.Serializer):
    key = serializers.CharField(help_text="stable id of the entry: kind, row, action")
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    object_id = serializers.IntegerField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]
    action = serializers.CharField(
        help_text="created | changed | deleted; support access: requested | granted | "
        "declined | revoked | expired"
    )
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="api | task | system (no user) | platform"
    )
    actor_id = serializers.IntegerField(allow_null=True)
    actor_name = serializers.CharField()
    actor_roles = serializers.ListField(child=serializers.CharField())
    request_id = serializers.CharField()
    task = serializers.CharField()
    estate_id = serializers.IntegerField(allow_null=True)
    estate_name = serializers.CharField()
    support_grant = serializers.IntegerField(
        allow_null=True, help_text="made by the platform's staff under this support access"
    )
    changes = AuditChangeSerializer(many=True)
