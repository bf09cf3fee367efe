from __future__ import annotations

from core.exceptions import Conflict, DomainError, NotFound, ValidationFailed


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status = 400
    default_detail = "邮箱或密码不正确。 E-mail or password is incorrect."


class EmailTaken(Conflict):
    code = "email_taken"
    default_detail = "该邮箱已有账号。 An account with this e-mail already exists."


class InvitationInvalid(NotFound):
    code = "invitation_invalid"
    default_detail = "邀请链接无效或已过期。 This invitation link is invalid or has expired."


class ResetLinkInvalid(ValidationFailed):
    code = "reset_link_invalid"
    default_detail = "重置链接无效或已过期。 This reset link is invalid or has expired."


class WeakPassword(ValidationFailed):
    code = "weak_password"
    default_detail = "密码不符合要求。 The password is not strong enough."


class RoleNotAllowed(ValidationFailed):
    code = "role_not_allowed"
    default_detail = "不能授予该角色。 This role cannot be granted here."


class CannotDeactivateSelf(Conflict):
    code = "cannot_deactivate_self"
    default_detail = "不能停用自己的账号。 You cannot deactivate your own account."
