"""Development settings: `python3 dev.py run`."""

from __future__ import annotations

import os

from config.sentry import init_sentry

from .base import *  # noqa: F403
from .base import SENTRY_DSN, SENTRY_ENVIRONMENT, logging_config

DEBUG = True
init_sentry(SENTRY_DSN, environment=SENTRY_ENVIRONMENT)

# Readable log lines unless LINLI_LOG_FORMAT=json (config.logs).
LINLI_LOG_FORMAT = os.environ.get("LINLI_LOG_FORMAT", "text")
LOGGING = logging_config(LINLI_LOG_FORMAT)
