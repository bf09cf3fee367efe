"""The join QR code page, claims, and their review (with the people a claim may be)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from estates import selectors
from estates.choices import JoinRelation, JoinStatus
from estates.models import JoinRequest
from estates.phones import normalize_phone

from ._common import PHONE, masking_of


class JoinCandidateSerializer(serializers.Serializer[Any]):
    """An existing person with the claim's phone, for the approver to compare side by side."""

    id = serializers.IntegerField()
    full_name = serializers.CharField()
    phone = serializers.CharField()
    has_account = serializers.BooleanField()
    unit_labels = serializers.ListField(child=serializers.CharField())


class JoinRequestListSerializer(serializers.ListSerializer[Any]):
    """Looks up the candidates of a whole page at once (no query per row)."""

    def to_representation(self, data: Any) -> list[Any]:
        rows = list(data.all() if hasattr(data, "all") else data)
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            pending = [r.phone for r in rows if r.status == JoinStatus.PENDING]
            found = selectors.person_candidates(user=request.user, phones=pending)
            self._context = {**self._context, "candidates": found}
        return super().to_representation(rows)


class JoinRequestSerializer(serializers.ModelSerializer[JoinRequest]):
    unit_label = serializers.CharField(source="unit.label", read_only=True)
    phone = serializers.SerializerMethodField()
    candidates = serializers.SerializerMethodField()

    class Meta:
        model = JoinRequest
        fields = [
            "id",
            "estate",
            "unit",
            "unit_label",
            "full_name",
            "phone",
            "email",
            "relation",
            "status",
            "decided_at",
            "note",
            "created_at",
            "candidates",
        ]
        read_only_fields = fields
        list_serializer_class = JoinRequestListSerializer

    def get_phone(self, request: JoinRequest) -> str:
        return masking_of(self).phone(request.phone)

    @extend_schema_field(JoinCandidateSerializer(many=True))
    def get_candidates(self, join_request: JoinRequest) -> list[dict[str, Any]]:
        """People in the approver's scope with the same phone (pending claims only): the
        approver decides whether the claimant is one of them."""
        if join_request.status != JoinStatus.PENDING:
            return []
        found = self.context.get("candidates")
        if found is None:
            request = self.context.get("request")
            if request is None or not request.user.is_authenticated:
                return []
            found = selectors.person_candidates(user=request.user, phones=[join_request.phone])
        masking = masking_of(self)
        return [
            {
                "id": p.pk,
                "full_name": p.full_name,
                "phone": masking.phone(p.phone),
                "has_account": p.user_id is not None,
                "unit_labels": sorted(
                    {link.unit.label for link in (*p.owner_records.all(), *p.occupancies.all())}
                ),
            }
            for p in found.get(normalize_phone(join_request.phone) or join_request.phone, [])
        ]


class JoinApproveSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="One of the request's candidates; null: a new person. Left out: the person "
        "with the same phone and name, if exactly one.",
    )


class JoinRejectSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class JoinUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField()


class JoinBuildingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    units = JoinUnitSerializer(many=True)


class JoinInfoSerializer(serializers.Serializer[Any]):
    estate_name = serializers.CharField()
    address = serializers.CharField()
    buildings = JoinBuildingSerializer(many=True)


class JoinSubmitSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    full_name = serializers.CharField(max_length=100)
    phone = serializers.RegexField(PHONE)
    email = serializers.EmailField()
    relation = serializers.ChoiceField(choices=JoinRelation.choices)
