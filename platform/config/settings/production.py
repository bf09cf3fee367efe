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
# Every firm answers on <slug>.<BASE_DOMAIN>, all of them HTTPS only.
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header allows a submission to the browsers' preload list; submitting is the operator's act.
SECURE_HSTS_PRELOAD = True
# Plain HTTP is redirected to HTTPS (behind the proxy: X-Forwarded-Proto above), except the
# probes, which the load balancer and the orchestrator call over plain HTTP inside the network.
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^(healthz|readyz|metrics)$"]
SITE_SCHEME = "https"
SITE_PORT = ""
init_sentry(SENTRY_DSN, environment=SENTRY_ENVIRONMENT)
