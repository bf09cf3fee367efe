from __future__ import annotations

from typing import Any

from rest_framework import serializers

from responsibilities.choices import Party
from responsibilities.models import Revision
from responsibilities.services import DETAIL_MAX, MATTER_MAX


class DutyItemSerializer(serializers.Serializer[Any]):
    matter = serializers.CharField(max_length=MATTER_MAX)
    party = serializers.ChoiceField(choices=Party.choices)
    detail = serializers.CharField(
        max_length=DETAIL_MAX, required=False, allow_blank=True, default=""
    )


class RevisionSerializer(serializers.ModelSerializer[Revision]):
    items = DutyItemSerializer(many=True, read_only=True)
    proposed_by_name = serializers.CharField(source="proposed_by.full_name", read_only=True)
    decided_by_name = serializers.CharField(
        source="decided_by.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Revision
        fields = [
            "id",
            "estate",
            "number",
            "items",
            "note",
            "status",
            "proposed_side",
            "proposed_by_name",
            "proposed_at",
            "decided_by_name",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class ListQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class OverviewSerializer(serializers.Serializer[Any]):
    """An estate's list: the version in force, the pending proposal (for the two sides), the
    history, and what the reader may do."""

    estate = serializers.IntegerField()
    current = RevisionSerializer(allow_null=True)
    pending = RevisionSerializer(allow_null=True)
    history = RevisionSerializer(many=True)
    side = serializers.ChoiceField(choices=["firm", "committee"], allow_null=True)
    can_propose = serializers.BooleanField()
    can_decide = serializers.BooleanField()


class ProposeSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    items = DutyItemSerializer(many=True, allow_empty=False)  # at most MAX_ITEMS: the service
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DeclineSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500)
