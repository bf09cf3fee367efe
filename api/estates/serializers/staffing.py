"""Staff assignments and committee terms."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from estates.models import (
    CommitteeMembership,
    StaffAssignment,
)
from estates.selectors import scope_for


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
    user_email = serializers.SerializerMethodField()
    user_name = serializers.CharField(source="user.full_name", read_only=True)
    active = serializers.SerializerMethodField()
    confirmed = serializers.SerializerMethodField()
    filing_number = serializers.CharField(source="filing.number", read_only=True, default="")

    class Meta:
        model = CommitteeMembership
        fields = [
            "id",
            "estate",
            "user",
            "user_email",
            "user_name",
            "full_name",
            "position",
            "term_start",
            "term_end",
            "ended_on",
            "end_reason",
            "active",
            "confirmed",
            "filing_number",
        ]
        read_only_fields = fields

    def get_user_email(self, seat: CommitteeMembership) -> str:
        """A member's address is for the firm's roles and the committee of the estate, not for
        residents, who see names, positions, term and filing number only (blank here)."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return ""
        return seat.user.email if scope_for(user=user).sees_estate_in_full(seat.estate_id) else ""

    def get_active(self, membership: CommitteeMembership) -> bool:
        today = timezone.localdate()
        ended = membership.ended_on is not None and membership.ended_on <= today
        return membership.term_start <= today <= membership.term_end and not ended

    def get_confirmed(self, membership: CommitteeMembership) -> bool:
        """Seated by a filing the platform confirmed (supervision powers)."""
        return membership.filing_id is not None
