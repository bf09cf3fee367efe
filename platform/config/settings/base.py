"""Settings shared by every environment. Everything configurable comes from the environment
with a safe development default; production.py refuses the unsafe defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parents[3]  # repository root
DATA_DIR = Path(os.environ.get("LINLI_DATA_DIR", BASE_DIR / ".linli"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "dev-insecure-linli-secret-key-change-me-0123456789"
)
DEBUG = env_bool("DJANGO_DEBUG", False)

# Firms live at <slug>.<BASE_DOMAIN>; the platform console at BASE_DOMAIN itself.
BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost")
SITE_SCHEME = os.environ.get("LINLI_SITE_SCHEME", "http")
SITE_PORT = os.environ.get("LINLI_SITE_PORT", "8000")
ALLOWED_HOSTS = [
    BASE_DOMAIN,
    f".{BASE_DOMAIN}",
    *filter(None, os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")),
]

# --- apps --------------------------------------------------------------------------------
# `tenants` comes before django_tenants so its `migrate` command (which also keeps the firm
# template schema migrated) wins over django-tenants' own.
SHARED_APPS = [
    # first: its ready() patches the migration autodetector that core.ready() hands on
    "pgtrigger",
    "tenants",
    "django_tenants",
    "billing",
    "witness",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "core",
    "accounts",
    "sms",
    "outbox",
]
# Apps whose tables exist in every firm's schema. accounts/auth/sessions/tokens are in both
# lists: platform admins live in the public schema, firm users in their firm's schema.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "rest_framework.authtoken",
    "core",
    "accounts",
    "estates",
    "notifications",
    "deadlines",
    "complaints",
    "committee",
    "disclosure",
    "scoring",
    "supervision",
    "responsibilities",
    "notices",
    "votes",
    "outbox",
    "audit",
    "exports",
    "pgtrigger",
    "pghistory",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Firm"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
# One `SET search_path` per connection and schema, not one per query: django-tenants 4.0.1
# forgets the cached path on set_tenant/set_schema (every request and task), on ROLLBACK and
# on ROLLBACK TO SAVEPOINT (which undo a SET). Safe with session pooling only, as before
# (tests/test_isolation.py: test_search_path_*).
TENANT_LIMIT_SET_CALLS = True
# New firms run the migrations (default) or are cloned from a template schema kept migrated by
# `manage.py migrate` (LINLI_FIRM_CREATION=clone). bench/onboarding measured both: cloning wins
# on an empty database (0.45 s vs 0.60 s) but is 3.7x slower at 200 firms (3.6 s vs 1.0 s),
# because django-tenants' clone walks information_schema, which grows with every schema.
TENANT_BASE_SCHEMA = "firm_template"
TENANT_CREATION_FAKES_MIGRATIONS = os.environ.get("LINLI_FIRM_CREATION", "migrate") == "clone"
# `manage.py migrate` / `migrate_schemas`: skip every schema whose django_migrations already
# holds the whole migration graph (read once from the files), migrate the others one by one
# (or `--parallel N` forked processes), a failing firm not stopping the rest and named at the
# end (tenants/migrating.py; bench/migrate: 500 current firms in seconds instead of minutes).
# `--executor=standard|multiprocessing` still picks django-tenants' own.
GET_EXECUTOR_FUNCTION = "tenants.migrating.get_executor"

MIDDLEWARE = [
    # outermost: a request id and one log line per request (config.logs), then counts and
    # times (config.metrics), for every answer, the firm middleware's own included
    "config.logs.RequestLogMiddleware",
    "config.metrics.RequestMetricsMiddleware",
    "tenants.middleware.FirmMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.static.WhiteNoiseMiddleware",  # whitenoise, its scan kept per process
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from Accept-Language (default zh-hans); an authenticated API request then
    # switches to the user's saved language (api.authentication). FirmMiddleware runs first
    # (the schema decides whose users exist) and picks the language itself for its answers.
    "django.middleware.locale.LocaleMiddleware",
    # NUL bytes, poisoned or too deep JSON, oversized bodies: refused before any view.
    "api.guards.RequestGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # who acts, from where: the context every audited change carries (audit.context)
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "config.urls_public"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # templates live in their app (accounts/templates/accounts/emails/)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- data ---------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/linli")
# Persistent connections (60 s), each checked before a request reuses it: after a database
# restart (or a failover) a worker thread's old connection is dead, and without the check its
# next request would be a 500 (tests/ops/test_fault_postgres_restart.py).
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
DATABASES["default"]["ENGINE"] = "django_tenants.postgresql_backend"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_db(url: str, db: int) -> str:
    """The same Redis server as `url` on another logical database."""
    base = url.rsplit("/", 1)[0] if url.count("/") >= 3 else url.rstrip("/")
    return f"{base}/{db}"


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("CACHE_URL", redis_db(REDIS_URL, 1)),
        # Every key carries the firm's schema: firm A can never read firm B's cache.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": "linli",
    }
}

# --- auth ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Host-only cookies: a session made at firm-a.example never travels to firm-b.example.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_TRUSTED_ORIGINS = [
    f"{SITE_SCHEME}://{BASE_DOMAIN}" + (f":{SITE_PORT}" if SITE_PORT else ""),
    f"{SITE_SCHEME}://*.{BASE_DOMAIN}" + (f":{SITE_PORT}" if SITE_PORT else ""),
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
LINLI_INVITATION_DAYS = int(os.environ.get("LINLI_INVITATION_DAYS", "7"))
LINLI_LOGIN_RATE = os.environ.get("LINLI_LOGIN_RATE", "10/min")
# How many reverse proxies in front of the app append to X-Forwarded-For. Throttles take the
# client address from there (the entry the outermost trusted proxy wrote); with 0, only from
# REMOTE_ADDR. A client can write anything into X-Forwarded-For, so never trust more proxies
# than there are.
LINLI_TRUSTED_PROXIES = int(os.environ.get("LINLI_TRUSTED_PROXIES", "0"))

# --- i18n ---------------------------------------------------------------------------------
# Server strings are gettext with the Simplified-Chinese text as the source: zh-hans needs no
# catalogue, English comes from `locale/en/LC_MESSAGES/django.po` (api, config, core, tenants)
# and each app's own `<app>/locale/`. dev.py compiles the .mo files (CONTRIBUTING "Translation").
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static and files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
FRONTEND_DIST = BASE_DIR / "frontend" / "dist"
STATICFILES_DIRS = [FRONTEND_DIST] if FRONTEND_DIST.exists() else []
WHITENOISE_USE_FINDERS = True
# Vite names every built asset after its content (assets/<name>-<8-character hash>.js): such a
# file never changes, so browsers keep it for good; index.html itself is never cached (spa()).
# The build writes .br and .gz copies next to each asset (frontend/vite.config.ts) and
# whitenoise serves the smallest the browser accepts.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/static/assets/.+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("LINLI_MEDIA_ROOT", DATA_DIR / "media"))

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "cn-north-1")
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
# Every firm's files sit under a prefix named after its schema (core.storage).
STORAGES = {
    "default": {
        "BACKEND": "core.storage.FirmS3Storage"
        if AWS_STORAGE_BUCKET_NAME
        else "core.storage.FirmFileSystemStorage",
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- e-mail -------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "邻里 Linli <no-reply@linli.local>")

# --- SMS (platform/sms) ------------------------------------------------------------------
# "console" (default: messages go to the log) or "aliyun" (Aliyun SMS SendSms).
LINLI_SMS_BACKEND = os.environ.get("LINLI_SMS_BACKEND", "console")
LINLI_SMS_PHONE_RATE = os.environ.get("LINLI_SMS_PHONE_RATE", "5/hour")
LINLI_SMS_ADDRESS_RATE = os.environ.get("LINLI_SMS_ADDRESS_RATE", "20/hour")
LINLI_SMS_ALIYUN_ENDPOINT = os.environ.get(
    "LINLI_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/"
)
LINLI_SMS_ALIYUN_REGION = os.environ.get("LINLI_SMS_ALIYUN_REGION", "cn-hangzhou")
LINLI_SMS_ALIYUN_ACCESS_KEY_ID = os.environ.get("LINLI_SMS_ALIYUN_ACCESS_KEY_ID", "")
LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET = os.environ.get("LINLI_SMS_ALIYUN_ACCESS_KEY_SECRET", "")
LINLI_SMS_ALIYUN_SIGN_NAME = os.environ.get("LINLI_SMS_ALIYUN_SIGN_NAME", "")
# our template name -> the provider's approved template code
LINLI_SMS_TEMPLATES = {
    "login_code": os.environ.get("LINLI_SMS_TEMPLATE_LOGIN_CODE", ""),
    "urgent_notice": os.environ.get("LINLI_SMS_TEMPLATE_URGENT_NOTICE", ""),
}

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    # HasCapability first (403), then the lapse gate (402 for a locked firm's management)
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasCapability", "api.lapse.LapseGate"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FirstRendererFallback",
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": LINLI_LOGIN_RATE,
        "password_reset": "5/hour",
        "sms_phone": LINLI_SMS_PHONE_RATE,
        "sms_address": LINLI_SMS_ADDRESS_RATE,
    },
    "NUM_PROXIES": LINLI_TRUSTED_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Linli 邻里 API",
    "DESCRIPTION": "The only HTTP surface of Linli. Firm endpoints answer on <slug>.<BASE_DOMAIN>,"
    " platform endpoints on BASE_DOMAIN.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_URLCONF": "config.urls_openapi",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "accounts.choices.Role",
        "ActingSideEnum": "notices.choices.PEOPLE_SIDES",
        "NoticeSideEnum": "notices.choices.Side",
        "NoticeKindEnum": "notices.choices.Kind",
        "NoticeManualKindEnum": "notices.choices.MANUAL_KIND_CHOICES",
        "FirmStatusEnum": "tenants.choices.FirmStatus",
        "ProvisioningStatusEnum": "tenants.choices.ProvisioningStatus",
        "RequestKindEnum": "complaints.choices.Kind",
        "RequestStatusEnum": "complaints.choices.Status",
        "ColourEnum": "complaints.choices.Colour",
        "ChannelEnum": "complaints.choices.Channel",
        "InputChannelEnum": "complaints.choices.PEOPLE_CHANNELS",
        "ClockStateEnum": "complaints.choices.ClockState",
        "OccupancyKindEnum": "estates.choices.OccupancyKind",
        "JoinStatusEnum": "estates.choices.JoinStatus",
        "ImportStatusEnum": "estates.choices.ImportStatus",
        "CategoryEnum": "complaints.choices.Category",
        "LineKindEnum": "disclosure.choices.LineKind",
        "LineCategoryEnum": "disclosure.choices.ALL_CATEGORIES",
        "LineStatusEnum": "disclosure.choices.LineStatus",
        "LineAttachmentKindEnum": "disclosure.choices.AttachmentKind",
        "StatementKindEnum": "disclosure.choices.StatementKind",
        "StatementStatusEnum": "disclosure.choices.StatementStatus",
        "FundMovementKindEnum": "disclosure.choices.FundMovementKind",
        "SubscriptionStatusEnum": "billing.choices.SubscriptionStatus",
        "CollectionMethodEnum": "billing.choices.CollectionMethod",
        "RoundStatusEnum": "supervision.choices.RoundStatus",
        "RectificationStatusEnum": "supervision.choices.RectificationStatus",
        "ServiceLineEnum": "supervision.choices.ServiceLine",
        "InspectionResultEnum": "supervision.choices.Result",
        "ScheduleFrequencyEnum": "supervision.choices.Frequency",
        "RectificationEventKindEnum": "supervision.choices.EventKind",
        "EvidenceStageEnum": "supervision.choices.PhotoStage",
        "FilingStatusEnum": "tenants.choices.FilingStatus",
        "FiledByEnum": "tenants.choices.FiledBy",
        "RosterChangeEnum": "committee.choices.RosterChange",
        "VoteMatterKindEnum": "votes.choices.MatterKind",
        "VoteStatusEnum": "votes.choices.VoteStatus",
        "VoteMatterEnum": "votes.choices.Matter",
        "BallotChannelEnum": "votes.choices.Channel",
        "BallotStatusEnum": "votes.choices.BallotStatus",
        "TopicStatusEnum": "votes.choices.TopicStatus",
        "DecisionStatusEnum": "votes.choices.DecisionStatus",
        "DecisionEntryKindEnum": "votes.choices.DecisionEntryKind",
    },
}

# --- Celery (tenant-schemas-celery: every task carries the schema it was sent from) -------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", redis_db(REDIS_URL, 2))
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("LINLI_CELERY_QUEUE", "linli")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # clocks (red/yellow/green escalation) and timers (auto-close): one sweep per firm with
    # something due (Firm.next_due_at <= now), and once a day every firm as a safety net
    "deadlines-sweep": {"task": "deadlines.sweep_due_firms", "schedule": 60.0},
    "deadlines-sweep-all": {
        "task": "deadlines.sweep_all_firms",
        "schedule": crontab(hour=4, minute=7),
    },
    # hot topics (热点议题): daily suggestions from the last 90 days, per firm
    "complaints-hot-topics": {
        "task": "complaints.refresh_hot_topics_all_firms",
        "schedule": crontab(hour=3, minute=17),
    },
}

# The outbox (platform/outbox): rows left by a broker or SMTP outage are handed to Celery again
# by this drain; delivered rows are kept a week. A row being run is not run again before
# LINLI_OUTBOX_CLAIM_SECONDS (a killed worker's row runs again after that).
LINLI_OUTBOX_CLAIM_SECONDS = int(os.environ.get("LINLI_OUTBOX_CLAIM_SECONDS", "900"))
CELERY_BEAT_SCHEDULE["outbox-drain"] = {
    "task": "outbox.drain",
    "schedule": float(os.environ.get("LINLI_OUTBOX_DRAIN_SECONDS", "15")),
}
CELERY_BEAT_SCHEDULE["outbox-prune"] = {
    "task": "outbox.prune",
    "schedule": crontab(hour=4, minute=47),
}

# --- billing (Stripe; see README "Billing") -----------------------------------------------
# The secret key and the webhook endpoint's signing secret; empty = billing not configured
# (checkout and portal answer 503). STRIPE_API_BASE points the client elsewhere (tests: a local
# stand-in server).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
BILLING_CURRENCY = os.environ.get("LINLI_BILLING_CURRENCY", "cny")
BILLING_TRIAL_DAYS = int(os.environ.get("LINLI_BILLING_TRIAL_DAYS", "30"))
BILLING_GRACE_DAYS = int(os.environ.get("LINLI_BILLING_GRACE_DAYS", "14"))
BILLING_PRORATION_BEHAVIOR = os.environ.get("LINLI_BILLING_PRORATION", "create_prorations")
CELERY_BEAT_SCHEDULE["billing-quantity-sync"] = {
    "task": "billing.sync_quantities_all_firms",
    "schedule": crontab(hour=2, minute=37),
}


# --- logging: the firm's schema and the request id on every line (config.logs) -------------
# LINLI_LOG_FORMAT: "json" (one object per line, the default) or "text" (readable; the default
# of config.settings.local and test). One line per request (linli.request) and per task
# (linli.task).
def logging_config(log_format: str) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "firm": {"()": "core.logging.FirmContextFilter"},
            "request_id": {"()": "config.logs.RequestIdFilter"},
        },
        "formatters": {
            "json": {"()": "config.logs.JsonFormatter"},
            "text": {"()": "config.logs.ReadableFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["firm", "request_id"],
                "formatter": "text" if log_format == "text" else "json",
            }
        },
        "root": {"handlers": ["console"], "level": os.environ.get("LINLI_LOG_LEVEL", "INFO")},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }


LINLI_LOG_FORMAT = os.environ.get("LINLI_LOG_FORMAT", "json")
LOGGING = logging_config(LINLI_LOG_FORMAT)

# --- metrics (config.metrics): GET /metrics with "Authorization: Bearer <token>"; no token = 404
LINLI_METRICS_TOKEN = os.environ.get("LINLI_METRICS_TOKEN", "")
LINLI_METRICS_QUEUES = [
    q.strip()
    for q in os.environ.get("LINLI_METRICS_QUEUES", CELERY_TASK_DEFAULT_QUEUE).split(",")
    if q.strip()
]

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "development")
