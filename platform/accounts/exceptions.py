from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, DomainError, Forbidden, NotFound, ValidationFailed


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status = 400
    default_detail = _("邮箱或密码不正确。")


class EmailTaken(Conflict):
    code = "email_taken"
    default_detail = _("该邮箱已有账号。")


class InvitationInvalid(NotFound):
    code = "invitation_invalid"
    default_detail = _("邀请链接无效或已过期。")


class ResetLinkInvalid(ValidationFailed):
    code = "reset_link_invalid"
    default_detail = _("重置链接无效或已过期。")


class WeakPassword(ValidationFailed):
    code = "weak_password"
    default_detail = _("密码不符合要求。")


class RoleNotAllowed(ValidationFailed):
    code = "role_not_allowed"
    default_detail = _("不能授予该角色。")


class CannotDeactivateSelf(Conflict):
    code = "cannot_deactivate_self"
    default_detail = _("不能停用自己的账号。")


class HolderAccount(Forbidden):
    """A committee member's account belongs to its holder: the firm they supervise cannot
    deactivate it or re-send its invitation."""

    code = "holder_account"
    default_detail = _("业委会成员的账号属于本人，物业不能停用或重发邀请。")
