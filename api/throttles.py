"""Login and password-reset throttling: per host (the cache key carries the schema), per
client address (and e-mail for logins).

The client address is DRF's `get_ident`: REMOTE_ADDR, or with `LINLI_TRUSTED_PROXIES` = n > 0
the n-th X-Forwarded-For entry from the end (the one our outermost proxy wrote). A raw
X-Forwarded-For is never trusted, so a new header value never buys new attempts.
"""

from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class LoginThrottle(SimpleRateThrottle):
    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        data = request.data if isinstance(request.data, dict) else {}
        email = str(data.get("email", "")).strip().lower()
        # hashed: whatever was typed, the key stays short and printable
        digest = hashlib.sha256(email.encode()).hexdigest()[:32]
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:{digest}",
        }


class PasswordResetThrottle(SimpleRateThrottle):
    scope = "password_reset"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _phone_digest(request: Request) -> str:
    from sms.phones import normalize

    data = request.data if isinstance(request.data, dict) else {}
    raw = str(data.get("phone", ""))
    phone = normalize(raw) or raw.strip()
    return hashlib.sha256(phone.encode()).hexdigest()[:32]


class SmsPhoneThrottle(SimpleRateThrottle):
    """Codes asked for one phone number, from anywhere (whether or not it has an account)."""

    scope = "sms_phone"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": _phone_digest(request)}


class SmsAddressThrottle(SimpleRateThrottle):
    """Codes asked from one client address, for any numbers."""

    scope = "sms_address"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SmsLoginThrottle(SimpleRateThrottle):
    """Sign-in attempts with a code: per client address and phone, at the login rate."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:sms:{_phone_digest(request)}",
        }
