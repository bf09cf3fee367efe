from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.choices import Language, Role
from accounts.models import RoleGrant, User
from accounts.selectors import active_grants, user_capabilities
from api.support.serializers import SupportActingSerializer


class RoleGrantSerializer(serializers.ModelSerializer[RoleGrant]):
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = RoleGrant
        fields = ["role", "estate_id", "unit_id"]
        ref_name = "Role"


@extend_schema_field(RoleGrantSerializer(many=True))
class ActiveRolesField(serializers.Field):  # type: ignore[type-arg]
    """A user's roles in force today (expired committee terms etc. left out)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, user: User) -> list[dict[str, Any]]:
        return RoleGrantSerializer(active_grants(user=user), many=True).data  # type: ignore[return-value]


class MeSerializer(serializers.ModelSerializer[User]):
    roles = ActiveRolesField()
    capabilities = serializers.SerializerMethodField()
    host_kind = serializers.SerializerMethodField()
    has_phone = serializers.SerializerMethodField(help_text="a phone to send urgent SMS to")
    support = serializers.SerializerMethodField(
        help_text="the support access this session acts under (a platform admin in the firm)"
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "roles",
            "capabilities",
            "language",
            "elder_mode",
            "sms_urgent",
            "has_phone",
            "host_kind",
            "support",
        ]
        read_only_fields = fields

    def _host_kind(self) -> str:
        from api.hosts import host_kind

        return host_kind(self.context.get("request"))

    def get_capabilities(self, user: User) -> list[str]:
        return sorted(user_capabilities(user=user, host_kind=self._host_kind()))

    def get_host_kind(self, user: User) -> str:
        return self._host_kind()

    def get_has_phone(self, user: User) -> bool:
        return bool(user.phone)

    @extend_schema_field(SupportActingSerializer(allow_null=True))
    def get_support(self, user: User) -> dict[str, Any] | None:
        grant = getattr(user, "_linli_support_grant", None)
        return SupportActingSerializer(grant).data if grant is not None else None  # type: ignore[return-value]


class SessionSerializer(serializers.Serializer[Any]):
    """Who is signed in, if anyone: `user` is null for a visitor (never a 401, so a browser's
    console stays quiet on the login page)."""

    user = MeSerializer(allow_null=True)


class MeUpdateSerializer(serializers.Serializer[Any]):
    full_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    elder_mode = serializers.BooleanField(required=False)
    sms_urgent = serializers.BooleanField(required=False)


class LoginSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, max_length=128)


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(read_only=True)


class PasswordResetSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer[Any]):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)
    password = serializers.CharField(trim_whitespace=False, max_length=128)


class InvitationInfoSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    firm_name = serializers.CharField()
    expires_at = serializers.DateTimeField()


class InvitationAcceptSerializer(serializers.Serializer[Any]):
    password = serializers.CharField(trim_whitespace=False, max_length=128)
    full_name = serializers.CharField(max_length=100, required=False, allow_blank=True)


class PhoneField(serializers.CharField):
    """A mainland mobile number in any usual spelling, returned as 11 digits."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=20, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        from django.utils.translation import gettext as _

        from sms.phones import normalize

        phone = normalize(super().to_internal_value(data))
        if phone is None:
            raise serializers.ValidationError(_("请输入有效的手机号码。"))
        return phone


class SmsCodeRequestSerializer(serializers.Serializer[Any]):
    phone = PhoneField()


class SmsLoginSerializer(serializers.Serializer[Any]):
    phone = PhoneField()
    code = serializers.RegexField(
        r"^\d{6}$", max_length=6, error_messages={"invalid": _lazy("请输入 6 位数字验证码。")}
    )
