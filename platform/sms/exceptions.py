from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError


class SmsCodeInvalid(DomainError):
    """Wrong, expired, used up or locked: one answer for all, so nothing is learnt from it."""

    code = "sms_code_invalid"
    status = 400
    default_detail = _("验证码不正确或已失效，请重新获取。")


class SmsSendFailed(Exception):
    """The provider refused or could not be reached (never shown to the person asking)."""
