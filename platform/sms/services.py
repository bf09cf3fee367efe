"""Login codes by SMS: issue one to a phone that has an account in this firm, check it.

A code is 6 digits, kept only as an HMAC in the firm's cache (keys carry the schema), valid for
5 minutes, used once, and gone after 5 wrong attempts. Asking for a code looks the same whether
or not the number has an account; a second request within 60 seconds sends nothing new."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

from django.conf import settings
from django.core.cache import cache

from accounts.models import User
from core.db import current_schema

from .backends import get_backend
from .exceptions import SmsCodeInvalid, SmsSendFailed
from .selectors import user_for_phone

logger = logging.getLogger(__name__)

CODE_TTL = 5 * 60
RESEND_AFTER = 60
MAX_ATTEMPTS = 5


def clock() -> float:
    return time.time()


def _key(phone: str) -> str:
    return f"sms:login:{phone}"


def _attempts_key(phone: str) -> str:
    return f"sms:login:{phone}:attempts"


def _digest(phone: str, code: str) -> str:
    message = f"{current_schema()}:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def login_code_request(*, phone: str) -> None:
    """Send a login code to `phone` (canonical form) if it is one person's number in this
    firm. Returns nothing either way."""
    user = user_for_phone(phone=phone)
    if user is None:
        return
    entry = cache.get(_key(phone))
    if entry and clock() - entry["issued"] < RESEND_AFTER:
        return
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(
        _key(phone),
        {"digest": _digest(phone, code), "issued": clock(), "user": user.pk},
        timeout=CODE_TTL,
    )
    cache.delete(_attempts_key(phone))
    try:
        get_backend().send(phone, "login_code", {"code": code})
    except SmsSendFailed:
        logger.warning("sms: the login code to %s*** could not be sent", phone[:3], exc_info=True)
        cache.delete(_key(phone))


def login_code_verify(*, phone: str, code: str) -> User:
    """The user the code was sent to; the code is used up. SmsCodeInvalid when it is wrong,
    expired, used, locked after too many wrong attempts, or was never sent."""
    entry = cache.get(_key(phone))
    if not entry or clock() - entry["issued"] > CODE_TTL:
        raise SmsCodeInvalid()
    cache.add(_attempts_key(phone), 0, timeout=CODE_TTL)
    attempts = cache.incr(_attempts_key(phone))
    if attempts > MAX_ATTEMPTS:
        cache.delete(_key(phone))
        raise SmsCodeInvalid()
    if not hmac.compare_digest(entry["digest"], _digest(phone, code)):
        if attempts >= MAX_ATTEMPTS:
            cache.delete(_key(phone))
        raise SmsCodeInvalid()
    if not cache.delete(_key(phone)):  # someone else used it a moment ago
        raise SmsCodeInvalid()
    cache.delete(_attempts_key(phone))
    user = User.objects.filter(pk=entry["user"], is_active=True).first()
    if user is None or user_for_phone(phone=phone) != user:
        raise SmsCodeInvalid()
    return user
