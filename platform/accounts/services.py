"""Every write about users: keyword-only, typed, one transaction each."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from core.db import current_schema
from outbox.services import outbox_send

from . import emails
from .choices import FIRM_ROLES, InvitationChannel, Role
from .exceptions import (
    CannotDeactivateSelf,
    EmailTaken,
    HolderAccount,
    InvitationInvalid,
    ResetLinkInvalid,
    RoleNotAllowed,
    WeakPassword,
)
from .models import Invitation, RoleGrant, User
from .tasks import SEND_INVITATION


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _allowed_roles() -> set[str]:
    if current_schema() == "public":
        return {Role.PLATFORM_ADMIN}
    return {str(r) for r in FIRM_ROLES}


def _check_password(password: str, user: User | None) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise WeakPassword(fields={"password": list(exc.messages)}) from exc


@transaction.atomic
def user_create(
    *,
    email: str,
    role: str,
    full_name: str = "",
    phone: str = "",
    password: str | None = None,
    created_by: User | None = None,
    estate_id: int | None = None,
    unit_id: int | None = None,
) -> User:
    """Create a user holding one role in the current schema. Without a password the account
    can only be entered through an invitation."""
    if role not in _allowed_roles():
        raise RoleNotAllowed(fields={"role": [gettext("不能在此授予该角色。")]})
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(fields={"email": [EmailTaken.default_detail]})
    user = User.objects.create_user(
        email, password=None, full_name=full_name, phone=phone, created_by=created_by
    )
    if password:
        _check_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
    RoleGrant.objects.create(
        user=user, role=role, estate_id=estate_id, unit_id=unit_id, granted_by=created_by
    )
    return user


@transaction.atomic
def invitation_issue(
    *,
    user: User,
    invited_by: User | None,
    base_url: str,
    firm_name: str,
    channel: str = InvitationChannel.EMAIL,
) -> str:
    """Revoke open invitations of `user`, issue a new one and e-mail it after commit.
    Returns the invitation link."""
    now = timezone.now()
    Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    raw = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user,
        token_hash=_hash_token(raw),
        channel=channel,
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.LINLI_INVITATION_DAYS),
    )
    link = f"{base_url.rstrip('/')}/invite/{raw}"
    if channel == InvitationChannel.EMAIL:
        outbox_send(
            task=SEND_INVITATION,
            kwargs={
                "to": user.email,
                "link": link,
                "firm_name": firm_name,
                "full_name": user.full_name,
                "language": user.language,
            },
            inline=True,
        )
    return link


def invitation_resend(*, user: User, by: User, base_url: str, firm_name: str) -> str:
    """A fresh invitation for an account someone else manages (never a seated committee
    member's: see holder_account_guard)."""
    holder_account_guard(user=user, by=by)
    return invitation_issue(user=user, invited_by=by, base_url=base_url, firm_name=firm_name)


SUPPORT_INVITES = (Role.MANAGER, Role.STAFF)
SUPPORT_EMAIL_DOMAIN = "support.linli.invalid"  # .invalid: no mail ever reaches it


@transaction.atomic
def support_identity(*, platform_user_id: int, platform_email: str) -> User:
    """The firm's account for a platform admin acting under support access (current schema):
    made on first entry, no password (no login but through a support ticket), no role grants
    (the running grant gives its role per request). Firm records it writes name it."""
    found = User.objects.select_for_update().filter(platform_user_id=platform_user_id).first()
    with translation.override(settings.LANGUAGE_CODE):  # a stored name, in the firm's language
        name = gettext("平台支持 %(email)s") % {"email": platform_email}
    if found is not None:
        if found.full_name != name:
            found.full_name = name
            found.save(update_fields=["full_name"])
        return found
    return User.objects.create_user(
        f"platform-{platform_user_id}@{SUPPORT_EMAIL_DOMAIN}",
        password=None,
        full_name=name,
        platform_user_id=platform_user_id,
    )


def user_invite(
    *,
    email: str,
    full_name: str,
    role: str,
    invited_by: User | None,
    base_url: str,
    firm_name: str,
    phone: str = "",
) -> User:
    if getattr(invited_by, "platform_user_id", None) is not None and role not in SUPPORT_INVITES:
        # support access onboards the firm's staff; it never makes admins, committee members,
        # residents or auditors (who would outlive the grant with more than it gives)
        raise RoleNotAllowed(fields={"role": [gettext("支持访问只能邀请项目经理和物业员工。")]})
    with transaction.atomic():
        user = user_create(
            email=email, full_name=full_name, role=role, phone=phone, created_by=invited_by
        )
        invitation_issue(user=user, invited_by=invited_by, base_url=base_url, firm_name=firm_name)
    return user


def invitation_get(*, raw_token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("user").filter(token_hash=_hash_token(raw_token)).first()
    )
    if invitation is None or not invitation.is_usable or not invitation.user.is_active:
        raise InvitationInvalid()
    return invitation


@transaction.atomic
def invitation_accept(*, raw_token: str, password: str, full_name: str = "") -> User:
    invitation = invitation_get(raw_token=raw_token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationInvalid()
    user = invitation.user
    if full_name:
        user.full_name = full_name
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "full_name"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def password_reset_request(*, email: str, base_url: str, site_name: str) -> None:
    """E-mail a reset link if an active account with a password exists. Says nothing either
    way, so the endpoint cannot be used to find out who has an account."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{base_url.rstrip('/')}/reset-password/{uid}/{token}"
    emails.send_password_reset_email(
        to=user.email, link=link, site_name=site_name, language=user.language
    )


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, password: str) -> User:
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
        user = User.objects.select_for_update().get(pk=pk, is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as exc:
        raise ResetLinkInvalid() from exc
    if not default_token_generator.check_token(user, token):
        raise ResetLinkInvalid()
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    Token.objects.filter(user=user).delete()
    return user


def _holds_committee_seat(user: User) -> bool:
    # committee builds on accounts, so its selector is imported where it is needed
    from committee.selectors import confirmed_seats

    return bool(confirmed_seats().filter(user_id=user.pk).exists())


def holder_account_guard(*, user: User, by: User) -> None:
    """HolderAccount when someone else (on a firm's host: the firm) reaches for the account of
    a seated committee member: the supervised firm never deactivates its supervisors or
    re-sends their invitation (which would revoke the one they hold)."""
    if by.pk != user.pk and _holds_committee_seat(user):
        raise HolderAccount()


@transaction.atomic
def user_deactivate(*, user: User, by: User) -> User:
    if user.pk == by.pk:
        raise CannotDeactivateSelf()
    holder_account_guard(user=user, by=by)
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    return user


@transaction.atomic
def user_reactivate(*, user: User, by: User) -> User:
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    full_name: str | None = None,
    language: str | None = None,
    elder_mode: bool | None = None,
    sms_urgent: bool | None = None,
) -> User:
    changed: list[str] = []
    if full_name is not None:
        user.full_name, changed = full_name, [*changed, "full_name"]
    if language is not None:
        user.language, changed = language, [*changed, "language"]
    if elder_mode is not None:
        user.elder_mode, changed = elder_mode, [*changed, "elder_mode"]
    if sms_urgent is not None:
        user.sms_urgent, changed = sms_urgent, [*changed, "sms_urgent"]
    if changed:
        user.save(update_fields=changed)
    return user


def token_issue(*, user: User) -> str:
    token, _ = Token.objects.get_or_create(user=user)
    return str(token.key)


def token_revoke(*, user: User) -> None:
    Token.objects.filter(user=user).delete()


@transaction.atomic
def platform_admin_ensure(*, email: str, password: str, full_name: str = "") -> tuple[User, bool]:
    """Create a platform admin in the public schema, or reset the password of an existing one.
    Returns (user, created)."""
    if current_schema() != "public":
        raise RoleNotAllowed("Platform admins live in the public schema only.")
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        user = user_create(
            email=email, role=Role.PLATFORM_ADMIN, full_name=full_name, password=password
        )
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        return user, True
    _check_password(password, existing)
    existing.set_password(password)
    existing.is_active = True
    existing.save(update_fields=["password", "is_active"])
    RoleGrant.objects.get_or_create(user=existing, role=Role.PLATFORM_ADMIN)
    return existing, False


@transaction.atomic
def password_set(*, user: User, password: str) -> User:
    """Set a password directly (demo data, admin tools); revokes open invitations."""
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(revoked_at=timezone.now())
    return user
