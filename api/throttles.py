"""Login and password-reset throttling: per host (the cache key carries the schema), per
client address (and e-mail for logins).

The client address is DRF's `get_ident`: REMOTE_ADDR, or with `LINLI_TRUSTED_PROXIES` = n > 0
the n-th X-Forwarded-For entry from the end (the one our outermost proxy wrote). A raw
X-Forwarded-For is never trusted, so a new header value never buys new attempts.

The counts live in the cache (Redis). While the cache cannot be reached the throttles let
requests through and log a warning (`linli.throttle`): a Redis outage must not lock every user
out of signing in (sessions are in the database, so everything else works on), and an outage
is not something a client can cause. tests/ops/test_fault_redis_outage.py signs in with Redis
stopped. SMS codes themselves live in the cache: sending and checking a code still fails then.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

logger = logging.getLogger("linli.throttle")

CACHE_UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class RateThrottle(SimpleRateThrottle):
    """DRF's throttle, open while the cache is unreachable (see the module docstring)."""

    def allow_request(self, request: Request, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except CACHE_UNREACHABLE:
            logger.warning("throttle %s: cache unreachable, not counted", self.scope, exc_info=True)
            return True


class LoginThrottle(RateThrottle):
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


class PasswordResetThrottle(RateThrottle):
    scope = "password_reset"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _phone_digest(request: Request) -> str:
    from sms.phones import normalize

    data = request.data if isinstance(request.data, dict) else {}
    raw = str(data.get("phone", ""))
    phone = normalize(raw) or raw.strip()
    return hashlib.sha256(phone.encode()).hexdigest()[:32]


class SmsPhoneThrottle(RateThrottle):
    """Codes asked for one phone number, from anywhere (whether or not it has an account)."""

    scope = "sms_phone"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": _phone_digest(request)}


class SmsAddressThrottle(RateThrottle):
    """Codes asked from one client address, for any numbers."""

    scope = "sms_address"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SmsLoginThrottle(RateThrottle):
    """Sign-in attempts with a code: per client address and phone, at the login rate."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:sms:{_phone_digest(request)}",
        }
