"""Test settings: real PostgreSQL and Redis, separate Redis databases from development."""

from __future__ import annotations

import os

from .base import *  # noqa: F403
from .base import REDIS_URL, logging_config, redis_db

# Three Redis databases from this base (cache, broker, results): separate runs on one machine
# (e.g. two sessions) pick different bases so one run's cache.clear() never hits the other.
_BASE = int(os.environ.get("LINLI_TEST_REDIS_DB_BASE", "11"))

DEBUG = False
# Argon2 still, with the cheapest parameters: the suite hashes many passwords.
PASSWORD_HASHERS = ["core.hashers.FastArgon2PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("CACHE_URL", redis_db(REDIS_URL, _BASE)),
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": "linli-test",
    }
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", redis_db(REDIS_URL, _BASE + 1))
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", redis_db(REDIS_URL, _BASE + 2))
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
STORAGES = {
    "default": {"BACKEND": "core.storage.FirmFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING_CONFIG = None if os.environ.get("LINLI_TEST_QUIET_LOGS") else "logging.config.dictConfig"

# Readable log lines unless LINLI_LOG_FORMAT=json (config.logs).
LINLI_LOG_FORMAT = os.environ.get("LINLI_LOG_FORMAT", "text")
LOGGING = logging_config(LINLI_LOG_FORMAT)
