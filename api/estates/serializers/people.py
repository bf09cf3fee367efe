"""Owners and occupants, their unit links and logins."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from estates.choices import OccupancyKind
from estates.models import Person

from ._common import PHONE, masking_of


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
        return masking_of(self).phone(person.phone)

    def get_id_number(self, person: Person) -> str:
        return masking_of(self).id_number(person.id_number)

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
