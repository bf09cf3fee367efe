"""What every bench shares: a scratch database beside the one in DATABASE_URL, created before
the run and dropped after it, so a bench never touches development or test data."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse, urlunparse

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/linli"
# residents' repair descriptions, for benches that submit requests
REPAIR_DESCRIPTIONS = [
    "卫生间水管漏水，楼下天花板渗水",
    "客厅灯不亮",
    "厨房下水道堵塞",
    "阳台门关不上",
    "卧室墙面渗水发霉",
    "门铃没有声音",
    "窗户玻璃裂了一条缝",
    "热水器打不着火",
    "马桶一直漏水",
    "空调外机支架松动",
]


def bench_url(url: str, db_name: str) -> str:
    """The same server as `url`, another database."""
    return urlunparse(urlparse(url)._replace(path="/" + db_name))


def scratch_urls(db_name: str) -> tuple[str, str]:
    """(DATABASE_URL, the scratch database's URL); refuses to name DATABASE_URL's own database,
    since the scratch one is dropped."""
    base = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if db_name == urlparse(base).path.lstrip("/"):
        raise SystemExit("refusing to use the DATABASE_URL database itself: it is dropped")
    return base, bench_url(base, db_name)


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
