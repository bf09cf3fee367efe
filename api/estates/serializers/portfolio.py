"""Estates, buildings, units, common areas, and a resident's own units."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.capabilities import JOIN_REVIEW
from estates.choices import UnitUse
from estates.models import (
    Building,
    CommonArea,
    Estate,
    Unit,
)

from ._common import caps


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
        return estate.join_code if JOIN_REVIEW in caps(self) else ""


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
    manager = serializers.IntegerField(source="manager_id", allow_null=True, required=False)
    manager_name = serializers.CharField(
        source="manager.full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CommonArea
        fields = ["id", "estate", "name", "description", "manager", "manager_name"]
        read_only_fields = ["id"]


class CommonAreaUpdateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=50, required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    manager = serializers.IntegerField(allow_null=True, required=False)


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
