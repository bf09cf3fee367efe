from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from notices.choices import MANUAL_KIND_CHOICES, Kind
from notices.models import Notice
from notices.services import BODY_MAX, TITLE_MAX


class RetractionSerializer(serializers.Serializer[Any]):
    by_name = serializers.CharField(source="by.full_name")
    at = serializers.DateTimeField()
    reason = serializers.CharField()


class NoticeSerializer(serializers.ModelSerializer[Notice]):
    estate_name = serializers.CharField(source="estate.name", read_only=True)
    # a system notice has no author
    author_name = serializers.CharField(source="author.full_name", read_only=True, allow_null=True)
    retraction = serializers.SerializerMethodField()
    read_count = serializers.IntegerField(read_only=True)
    read_by_me = serializers.BooleanField(read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = [
            "id",
            "estate",
            "estate_name",
            "side",
            "kind",
            "title",
            "body",
            "pinned",
            "expires_on",
            "author_name",
            "link",
            "published_at",
            "edited_at",
            "retraction",
            "read_count",
            "read_by_me",
            "actions",
        ]
        read_only_fields = fields

    @extend_schema_field(RetractionSerializer(allow_null=True))
    def get_retraction(self, notice: Notice) -> dict[str, Any] | None:
        found = getattr(notice, "retraction", None)
        return RetractionSerializer(found).data if found is not None else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, notice: Notice) -> list[str]:
        """What the reader may do: edit (the firm side, its own notices), retract (the side that
        published it), while the notice is not retracted."""
        side_for = self.context.get("side_for")
        if side_for is None or getattr(notice, "retraction", None) is not None:
            return []
        if side_for(notice.estate_id) != notice.side:
            return []
        return ["edit", "retract"] if notice.side == "firm" else ["retract"]


class NoticeCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    title = serializers.CharField(max_length=TITLE_MAX)
    body = serializers.CharField(max_length=BODY_MAX)
    kind = serializers.ChoiceField(
        choices=MANUAL_KIND_CHOICES, required=False, default=Kind.GENERAL
    )
    pinned = serializers.BooleanField(required=False, default=False)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class NoticeEditSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=TITLE_MAX, required=False)
    body = serializers.CharField(max_length=BODY_MAX, required=False)
    kind = serializers.ChoiceField(choices=MANUAL_KIND_CHOICES, required=False)
    pinned = serializers.BooleanField(required=False)
    expires_on = serializers.DateField(required=False, allow_null=True)


class RetractSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)
