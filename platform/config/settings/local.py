"""Development settings: `python3 dev.py run`."""

from __future__ import annotations

from config.sentry import init_sentry

from .base import *  # noqa: F403
from .base import SENTRY_DSN, SENTRY_ENVIRONMENT

DEBUG = True
init_sentry(SENTRY_DSN, environment=SENTRY_ENVIRONMENT)
