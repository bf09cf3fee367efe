"""Staff assignments and committee terms."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from estates.choices import CommitteePosition
from estates.models import (
    CommitteeMembership,
    StaffAssignment,
)


class StaffAssignmentSerializer(serializers.ModelSerializer[StaffAssignment]):
    user_email = serializers.EmailField(source="user.email", read_only=True)
    user_name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = StaffAssignment
        fields = ["id", "estate", "user", "user_email", "user_name", "role", "since"]
        read_only_fields = ["id", "user_email", "user_name", "since"]


class StaffAssignSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    user = serializers.IntegerField()
    role = serializers.ChoiceField(choices=[("manager", "manager"), ("staff", "staff")])


class CommitteeMembershipSerializer(serializers.ModelSerializer[CommitteeMembership]):
    user_email = serializers.EmailField(source="user.email", read_only=True)
    user_name = serializers.CharField(source="user.full_name", read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = CommitteeMembership
        fields = [
            "id",
            "estate",
            "user",
            "user_email",
            "user_name",
            "position",
            "term_start",
            "term_end",
            "active",
        ]
        read_only_fields = fields

    def get_active(self, membership: CommitteeMembership) -> bool:
        today = timezone.localdate()
        return membership.term_start <= today <= membership.term_end


class CommitteeAddSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    user = serializers.IntegerField(required=False)
    email = serializers.EmailField(required=False)
    full_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    position = serializers.ChoiceField(choices=CommitteePosition.choices)
    term_start = serializers.DateField()
    term_end = serializers.DateField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("user") and not attrs.get("email"):
            raise serializers.ValidationError({"email": [_("请填写邮箱或选择用户。")]})
        return attrs


class CommitteeEndSerializer(serializers.Serializer[Any]):
    on = serializers.DateField()
