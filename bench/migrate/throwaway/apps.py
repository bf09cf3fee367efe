from django.apps import AppConfig


class ThrowawayConfig(AppConfig):
    """A bench-only app (bench/migrate/settings.py): its migrations are written at run time
    into a scratch folder, so a "new migration" can appear between two `migrate` runs. It is in
    no settings module but the bench's: no user's schema ever gets its table."""

    name = "bench.migrate.throwaway"
    label = "bench_throwaway"
    default_auto_field = "django.db.models.BigAutoField"
