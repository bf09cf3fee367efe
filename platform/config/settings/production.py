"""Production settings: refuse to start with development secrets."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from config.sentry import init_sentry

from .base import *  # noqa: F403
from .base import SECRET_KEY, SENTRY_DSN, SENTRY_ENVIRONMENT

DEBUG = False
if SECRET_KEY.startswith("dev-insecure"):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 30
SITE_SCHEME = "https"
SITE_PORT = ""
init_sentry(SENTRY_DSN, environment=SENTRY_ENVIRONMENT)
