from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.choices import FIRM_ROLES
from accounts.models import User
from accounts.selectors import mask_phone
from api.auth.serializers import ActiveRolesField


class FirmUserSerializer(serializers.ModelSerializer[User]):
    roles = ActiveRolesField()
    phone = serializers.SerializerMethodField()
    invitation_pending = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "phone",
            "roles",
            "is_active",
            "invitation_pending",
            "date_joined",
        ]
        read_only_fields = fields

    def get_phone(self, user: User) -> str:
        return mask_phone(user.phone) if user.phone else ""

    def get_invitation_pending(self, user: User) -> bool:
        pending = getattr(user, "invitation_pending", None)
        if pending is None:
            pending = user.invitations.filter(
                accepted_at__isnull=True, revoked_at__isnull=True
            ).exists()
        return bool(pending) and not user.has_usable_password()


class UserInviteSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    role = serializers.ChoiceField(choices=[(r.value, r.label) for r in FIRM_ROLES])
    phone = serializers.RegexField(
        r"^\+?[0-9 -]{5,20}$", required=False, allow_blank=True, default=""
    )
