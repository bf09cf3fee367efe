from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.capabilities import JOIN_REVIEW
from accounts.selectors import user_capabilities
from api.hosts import host_kind
from estates import selectors
from estates.choices import CommitteePosition, JoinRelation, JoinStatus, OccupancyKind, UnitUse
from estates.importing import import_progress
from estates.models import (
    Building,
    CommitteeMembership,
    CommonArea,
    Estate,
    ImportJob,
    JoinRequest,
    Person,
    StaffAssignment,
    Unit,
)
from estates.phones import normalize_phone

PHONE = r"^\+?[0-9 -]{5,20}$"


def _caps(serializer: serializers.Field[Any, Any, Any, Any]) -> frozenset[str]:
    request = serializer.context.get("request")
    if request is None or not request.user.is_authenticated:
        return frozenset()
    return user_capabilities(user=request.user, host_kind=host_kind(request))


def _masking(serializer: serializers.Field[Any, Any, Any, Any]) -> selectors.PeopleMasking:
    """The reader's view of phones and ID numbers (`selectors.PeopleMasking`, which the exports
    apply too)."""
    given = serializer.context.get("masking")
    if isinstance(given, selectors.PeopleMasking):
        return given
    return selectors.PeopleMasking.for_capabilities(_caps(serializer))


class EstateSerializer(serializers.ModelSerializer[Estate]):
    building_count = serializers.IntegerField(read_only=True, default=0)
    unit_count = serializers.IntegerField(read_only=True, default=0)
    join_code = serializers.SerializerMethodField()

    class Meta:
        model = Estate
        fields = [
            "id",
            "name",
            "code",
            "address",
            "city",
            "district",
            "total_floor_area",
            "household_count",
            "handover_date",
            "contract_start",
            "contract_end",
            "settings",
            "join_code",
            "building_count",
            "unit_count",
            "created_at",
        ]
        read_only_fields = fields

    def get_join_code(self, estate: Estate) -> str:
        # Only people who run the estate see the code behind the join QR.
        return estate.join_code if JOIN_REVIEW in _caps(self) else ""


class EstateWriteSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    code = serializers.RegexField(r"^[A-Za-z0-9-]{1,20}$", max_length=20)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=50, required=False, allow_blank=True)
    district = serializers.CharField(max_length=50, required=False, allow_blank=True)
    total_floor_area = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False
    )
    household_count = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False)
    handover_date = serializers.DateField(required=False, allow_null=True)
    contract_start = serializers.DateField(required=False, allow_null=True)
    contract_end = serializers.DateField(required=False, allow_null=True)
    settings = serializers.DictField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("contract_start"), attrs.get("contract_end")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"contract_end": [_("合同结束日期不能早于开始日期。")]}
            )
        return attrs


class BuildingSerializer(serializers.ModelSerializer[Building]):
    unit_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Building
        fields = ["id", "estate", "name", "floors", "unit_count"]
        read_only_fields = ["id", "unit_count"]


class OwnerBriefSerializer(serializers.Serializer[Any]):
    person_id = serializers.IntegerField()
    full_name = serializers.CharField(source="person.full_name")
    share = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text='Percent, as a decimal string: "50.00".'
    )


class UnitSerializer(serializers.ModelSerializer[Unit]):
    building_name = serializers.CharField(source="building.name", read_only=True)
    estate_code = serializers.CharField(source="estate.code", read_only=True)
    owners = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = [
            "id",
            "estate",
            "estate_code",
            "building",
            "building_name",
            "number",
            "floor",
            "area",
            "use",
            "owners",
        ]
        read_only_fields = ["id", "estate", "estate_code", "building_name", "owners"]

    @extend_schema_field(OwnerBriefSerializer(many=True))
    def get_owners(self, unit: Unit) -> list[dict[str, Any]]:
        # Through the brief's DecimalField: the share is a decimal string, as documented.
        return OwnerBriefSerializer(unit.owner_records.all(), many=True).data  # type: ignore[return-value]


class UnitWriteSerializer(serializers.Serializer[Any]):
    building = serializers.IntegerField()
    number = serializers.CharField(max_length=20)
    floor = serializers.IntegerField(min_value=-10, max_value=200, required=False, default=0)
    area = serializers.DecimalField(
        max_digits=9, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("99999")
    )
    use = serializers.ChoiceField(
        choices=UnitUse.choices, required=False, default=UnitUse.RESIDENTIAL
    )


class UnitUpdateSerializer(serializers.Serializer[Any]):
    number = serializers.CharField(max_length=20, required=False)
    floor = serializers.IntegerField(min_value=-10, max_value=200, required=False)
    area = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("99999"),
        required=False,
    )
    use = serializers.ChoiceField(choices=UnitUse.choices, required=False)


class CommonAreaSerializer(serializers.ModelSerializer[CommonArea]):
    class Meta:
        model = CommonArea
        fields = ["id", "estate", "name", "description"]
        read_only_fields = ["id"]


class UnitLinkSerializer(serializers.Serializer[Any]):
    unit_id = serializers.IntegerField(source="unit.id")
    unit_label = serializers.CharField(source="unit.label")
    since = serializers.DateField(allow_null=True)
    until = serializers.DateField(allow_null=True)


class OwnerLinkOutSerializer(UnitLinkSerializer):
    share = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text='Percent, as a decimal string: "50.00".'
    )


class OccupancyOutSerializer(UnitLinkSerializer):
    kind = serializers.ChoiceField(choices=OccupancyKind.choices)


class PersonSerializer(serializers.ModelSerializer[Person]):
    phone = serializers.SerializerMethodField()
    # Not `format: email`: a person recorded without an address has "" here.
    email = serializers.CharField(read_only=True, help_text='An e-mail address, or "".')
    id_number = serializers.SerializerMethodField()
    has_account = serializers.SerializerMethodField()
    assisted = serializers.SerializerMethodField()
    owned_units = OwnerLinkOutSerializer(source="owner_records", many=True, read_only=True)
    occupied_units = OccupancyOutSerializer(source="occupancies", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "full_name",
            "phone",
            "email",
            "id_number",
            "has_account",
            "assisted",
            "owned_units",
            "occupied_units",
        ]
        read_only_fields = fields

    def get_phone(self, person: Person) -> str:
        return _masking(self).phone(person.phone)

    def get_id_number(self, person: Person) -> str:
        return _masking(self).id_number(person.id_number)

    def get_has_account(self, person: Person) -> bool:
        return person.user_id is not None

    def get_assisted(self, person: Person) -> bool:
        return person.assisted_by_id is not None


class PersonWriteSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=100)
    phone = serializers.RegexField(PHONE, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    id_number = serializers.RegexField(
        r"^[0-9Xx]{15,18}$", required=False, allow_blank=True, default=""
    )


class PersonUpdateSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=100, required=False)
    phone = serializers.RegexField(PHONE, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    id_number = serializers.RegexField(r"^[0-9Xx]{15,18}$", required=False, allow_blank=True)


class LinkOwnerSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    share = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        required=False,
        allow_null=True,
        default=None,
    )
    since = serializers.DateField(required=False, allow_null=True)


class LinkOccupantSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=OccupancyKind.choices, default=OccupancyKind.OCCUPANT)
    since = serializers.DateField(required=False, allow_null=True)


class EndLinkSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    on = serializers.DateField(required=False, allow_null=True)


class CreateAccountSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    assisted = serializers.BooleanField(default=False)


class AccountCreatedSerializer(serializers.Serializer[Any]):
    person = PersonSerializer()
    invitation_link = serializers.CharField(allow_blank=True)


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
        return _masking(self).phone(request.phone)

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
        masking = _masking(self)
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


class ImportJobSerializer(serializers.ModelSerializer[ImportJob]):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "estate",
            "filename",
            "status",
            "total_rows",
            "processed_rows",
            "errors",
            "summary",
            "progress",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField())
    def get_progress(self, job: ImportJob) -> dict[str, Any]:
        return import_progress(job=job)


class ImportUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()

    def validate_file(self, value: Any) -> Any:
        if value.size > 20 * 1024 * 1024:
            raise serializers.ValidationError(_("文件不能超过 20 MB。"))
        return value


class HomeUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    estate_id = serializers.IntegerField()
    unit_label = serializers.CharField(source="label")
    estate_name = serializers.CharField(source="estate.name")
    estate_address = serializers.CharField(source="estate.address")
    building_name = serializers.CharField(source="building.name")
    number = serializers.CharField()
    floor = serializers.IntegerField()
    area = serializers.DecimalField(max_digits=9, decimal_places=2)
    use = serializers.CharField()
    owners = serializers.SerializerMethodField()
    occupants = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_owners(self, unit: Unit) -> list[str]:
        return [o.person.full_name for o in unit.owner_records.all() if o.until is None]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_occupants(self, unit: Unit) -> list[str]:
        return [o.person.full_name for o in unit.occupancies.all() if o.until is None]
