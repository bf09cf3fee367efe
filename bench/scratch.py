"""What every bench shares: a scratch database beside the one in DATABASE_URL, created before
the run and dropped after it, so a bench never touches development or test data."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse, urlunparse


def bench_url(url: str, db_name: str) -> str:
    """The same server as `url`, another database."""
    return urlunparse(urlparse(url)._replace(path="/" + db_name))


def pg_admin_connect(url: str) -> Any:
    """An autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE)."""
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    kwargs: dict[str, Any] = {
        "dbname": "postgres",
        "user": cfg.get("USER") or "postgres",
        "autocommit": True,
    }
    for key, name in (("HOST", "host"), ("PORT", "port"), ("PASSWORD", "password")):
        if cfg.get(key):
            kwargs[name] = str(cfg[key])
    return psycopg.connect(**kwargs)


def recreate_database(url: str, name: str) -> None:
    with pg_admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    with pg_admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
