#!/bin/sh
# One image, several roles. Usage: docker run linli web|worker|beat|migrate|manage ARGS...
set -eu

role="${1:-web}"
[ "$#" -gt 0 ] && shift

case "$role" in
  web)
    if python -c "import gunicorn" 2>/dev/null; then
      exec gunicorn config.wsgi:application \
        --bind "0.0.0.0:${PORT:-8000}" \
        --workers "${WEB_CONCURRENCY:-4}" \
        --access-logfile - \
        --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-*}" "$@"
    fi
    # gunicorn is not a dependency in pyproject.toml yet (see infra/README.md): until it is,
    # fall back to Django's single-process server so the image still starts.
    echo "docker-entrypoint: gunicorn is not installed; using manage.py runserver (NOT for production)" >&2
    exec python manage.py runserver "0.0.0.0:${PORT:-8000}" --noreload "$@"
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
