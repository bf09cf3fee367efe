#!/bin/sh
# One image, several roles. Usage: docker run linli web|worker|beat|migrate|manage ARGS...
set -eu

role="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$role" in
  web)
    # gunicorn (pinned in pyproject.toml); settings in infra/gunicorn.conf.py, from the
    # environment (PORT, WEB_CONCURRENCY, WEB_THREADS, FORWARDED_ALLOW_IPS...).
    exec gunicorn -c "${LINLI_GUNICORN_CONF:-infra/gunicorn.conf.py}" config.wsgi:application "$@"
    ;;
  worker)
    exec celery -A config.celery worker -l "${CELERY_LOG_LEVEL:-info}" \
      --concurrency "${CELERY_CONCURRENCY:-4}" "$@"
    ;;
  beat)
    # Exactly one beat per deployment, or periodic tasks run twice.
    exec celery -A config.celery beat -l "${CELERY_LOG_LEVEL:-info}" \
      --schedule "${LINLI_DATA_DIR:-/data}/celerybeat-schedule" "$@"
    ;;
  migrate)
    # django-tenants' migrate: the public schema, every firm schema and the firm template.
    exec python manage.py migrate --noinput "$@"
    ;;
  manage)
    exec python manage.py "$@"
    ;;
  *)
    exec "$role" "$@"
    ;;
esac
