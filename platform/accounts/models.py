"""Users, their role grants and invitations (in every schema: public for platform admins,
each firm's schema for its people)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from core.history import audited

from .choices import InvitationChannel, Language, Role


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


@audited(
    what="a user account",
    exclude=["password", "last_login", "date_joined", "language", "elder_mode", "sms_urgent"],
)
class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with their e-mail address. Lives in one schema only."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.ZH_HANS)
    elder_mode = models.BooleanField(default=False)
    # urgent notices (red escalations, published statements) also by SMS to `phone`
    sms_urgent = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)  # Django admin access only
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when staff created the account for someone (e.g. an elderly resident).
    created_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set only on a firm's support identity: the platform admin (public schema user id) who
    # acts in this firm under a running support grant (tenants.support). Such an account has no
    # password and no role grants; what it may do comes from the grant, request by request.
    platform_user_id = models.BigIntegerField(null=True, blank=True, unique=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


@audited(what="a role grant", exclude=["created_at"])
class RoleGrant(models.Model):
    """A role held by a user, with its scope. The estates work fills estate/unit scope;
    access ends when `ends_on` has passed (e.g. a committee member's term)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=20, choices=Role.choices)
    estate_id = models.BigIntegerField(null=True, blank=True)
    unit_id = models.BigIntegerField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "estate_id", "unit_id"],
                name="unique_role_grant",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class Invitation(models.Model):
    """A one-time link to set a password. Only the token's hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(
        max_length=10, choices=InvitationChannel.choices, default=InvitationChannel.EMAIL
    )
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation for {self.user_id}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
