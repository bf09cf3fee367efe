"""Shapes of the committee API: filings (备案) as their submitter and the platform see them,
the estate's roster and its public history."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committee.choices import RosterChange
from committee.models import Filing, RosterEvent
from estates.choices import CommitteePosition
from estates.models import CommitteeMembership
from tenants.choices import FiledBy, FilingStatus
from tenants.models import CommitteeFiling

MAX_MEMBERS = 50


class MemberSerializer(serializers.Serializer[Any]):
    """One filed member: name as filed, the holder's e-mail, position."""

    full_name = serializers.CharField(max_length=100)
    email = serializers.EmailField(max_length=254)
    position = serializers.ChoiceField(choices=CommitteePosition.choices)


@extend_schema_field(
    {
        "type": "string",
        "description": "JSON array of members: [{full_name, email, position}]",
        "example": '[{"full_name": "张三", "email": "zhang@example.com", "position": "chair"}]',
    }
)
class MembersField(serializers.Field):  # type: ignore[type-arg]
    """The members of a multipart form: one JSON text (a list in a JSON body works too)."""

    def to_internal_value(self, data: Any) -> list[dict[str, str]]:
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError as exc:
                raise serializers.ValidationError(_("成员列表格式有误。")) from exc
        if not isinstance(data, list):
            raise serializers.ValidationError(_("成员列表格式有误。"))
        if not data:
            raise serializers.ValidationError(_("请填写业委会成员。"))
        if len(data) > MAX_MEMBERS:
            raise serializers.ValidationError(_("成员最多 %(count)d 位。") % {"count": MAX_MEMBERS})
        members = MemberSerializer(data=data, many=True)
        if not members.is_valid():
            raise serializers.ValidationError(members.errors)
        return list(members.validated_data)

    def to_representation(self, value: Any) -> Any:
        return value


class FilingCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1)
    number = serializers.CharField(max_length=60)
    street_authority = serializers.CharField(max_length=100)
    housing_authority = serializers.CharField(max_length=100)
    election_date = serializers.DateField()
    filed_on = serializers.DateField()
    term_start = serializers.DateField()
    term_end = serializers.DateField()
    members = MembersField()
    receipt = serializers.FileField(help_text="the scanned filing receipt: JPG, PNG or PDF")


class FilingSerializer(serializers.ModelSerializer[CommitteeFiling]):
    """A filing as its submitter (and the platform) read it; never the receipt itself."""

    members = MemberSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=FilingStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    submitted_as = serializers.ChoiceField(choices=FiledBy.choices, read_only=True)
    filed_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = CommitteeFiling
        fields = [
            "id",
            "estate_id",
            "estate_name",
            "number",
            "street_authority",
            "housing_authority",
            "election_date",
            "filed_on",
            "term_start",
            "term_end",
            "members",
            "submitted_by_name",
            "submitted_as",
            "status",
            "status_label",
            "reason",
            "filed_late",
            "created_at",
            "reviewed_at",
        ]
        read_only_fields = fields


class PlatformFilingSerializer(FilingSerializer):
    """A filing in the platform's review queue: which firm, who reviewed it, where the receipt
    is (served to platform admins only)."""

    firm_name = serializers.CharField(source="firm.name", read_only=True)
    firm_slug = serializers.CharField(source="firm.slug", read_only=True)
    reviewed_by_name = serializers.SerializerMethodField()
    receipt_type = serializers.CharField(read_only=True)
    receipt_url = serializers.SerializerMethodField()

    class Meta(FilingSerializer.Meta):
        fields = [
            *FilingSerializer.Meta.fields,
            "firm_name",
            "firm_slug",
            "reviewed_by_name",
            "receipt_type",
            "receipt_url",
        ]
        read_only_fields = fields

    def get_reviewed_by_name(self, filing: CommitteeFiling) -> str:
        user = filing.reviewed_by
        return (user.full_name or user.email) if user else ""

    def get_receipt_url(self, filing: CommitteeFiling) -> str:
        return f"/api/v1/platform/filings/{filing.pk}/receipt/"


class FilingRejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class SeatSerializer(serializers.ModelSerializer[CommitteeMembership]):
    """A seat on the public roster: name as filed, position, term, the filing that seated it.
    No contact details: residents read this."""

    full_name = serializers.SerializerMethodField()
    position = serializers.ChoiceField(choices=CommitteePosition.choices, read_only=True)
    position_label = serializers.CharField(source="get_position_display", read_only=True)
    confirmed = serializers.BooleanField(read_only=True)
    filing_number = serializers.SerializerMethodField()

    class Meta:
        model = CommitteeMembership
        fields = [
            "id",
            "full_name",
            "position",
            "position_label",
            "term_start",
            "term_end",
            "confirmed",
            "filing_number",
            "ended_on",
        ]
        read_only_fields = fields

    def get_full_name(self, seat: CommitteeMembership) -> str:
        return seat.full_name or seat.user.full_name

    def get_filing_number(self, seat: CommitteeMembership) -> str:
        return seat.filing.number if seat.filing else ""


class LocalFilingSerializer(serializers.ModelSerializer[Filing]):
    class Meta:
        model = Filing
        fields = [
            "number",
            "street_authority",
            "housing_authority",
            "election_date",
            "filed_on",
            "term_start",
            "term_end",
            "confirmed_at",
        ]
        read_only_fields = fields


class RosterSerializer(serializers.Serializer[Any]):
    """The estate's committee today and what the reader may do about it."""

    estate = serializers.IntegerField()
    estate_name = serializers.CharField()
    filing = LocalFilingSerializer(allow_null=True)
    seats = SeatSerializer(many=True)
    filing_pending = serializers.BooleanField(help_text="a filing waits for the platform")
    can_file = serializers.BooleanField(help_text="the reader may submit the next filing")
    filed_as = serializers.ChoiceField(choices=FiledBy.choices, allow_null=True)
    can_resign = serializers.BooleanField(help_text="the reader is the chair")


class RosterEventSerializer(serializers.ModelSerializer[RosterEvent]):
    kind = serializers.ChoiceField(choices=RosterChange.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    position_label = serializers.SerializerMethodField()

    class Meta:
        model = RosterEvent
        fields = [
            "id",
            "kind",
            "kind_label",
            "member_name",
            "position",
            "position_label",
            "filing_number",
            "term_start",
            "term_end",
            "recorded_by",
            "at",
        ]
        read_only_fields = fields

    def get_position_label(self, event: RosterEvent) -> str:
        if not event.position:
            return ""
        return str(dict(CommitteePosition.choices).get(event.position, event.position))
