"""Backing up one firm (its schema, its public rows and its files) and restoring it.

An operator's tool (`manage.py firm_backup` / `firm_restore`), never reached from a request.
A backup is a directory:

    manifest.json   the firm's row and domains, the schema, every table's row count, and the
                    sha256 of every other file in the backup
    schema.dump     `pg_dump --format=custom --schema=<schema>` (tables, sequences, triggers)
    files/...       the firm's files, as the firm-aware storage names them

A restore refuses to overwrite anything: the target slug, schema and domain must be free. It
restores under the same schema name into another database, or under a new slug (and schema)
beside the live firm: the dump is first restored into a scratch database, its schema renamed
there and dumped again, so the live database never sees the old schema name. Other firms are
never read or written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import psycopg
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django_tenants.utils import schema_context
from psycopg import sql

from core.db import use_public_schema

from .choices import ProvisioningStatus
from .models import Domain, Firm
from .policies import firm_host, schema_name_for

FORMAT = 1
DUMP = "schema.dump"
FILES = "files"
MANIFEST = "manifest.json"


class BackupFailed(Exception):
    """An operator's error (bad directory, taken slug, tool failure): the command prints it."""


@dataclass(frozen=True)
class RestoredFirm:
    slug: str
    schema_name: str
    tables: int
    rows: int
    files: int


def database_url() -> str:
    """The URL of the database Django is connected to (the test database under pytest)."""
    url = urlparse(str(settings.DATABASE_URL))
    return urlunparse(url._replace(path="/" + str(settings.DATABASES["default"]["NAME"])))


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/" + name))


def _run(args: list[str]) -> None:
    # pg_dump/pg_restore with our own arguments (paths and the configured URL), no shell.
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupFailed(f"{args[0]} failed: {result.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_rows(url: str, schema: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in `schema`, sorted: what a backup and its restore compare."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with psycopg.connect(url) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
                [schema],
            )
        ]
        for table in tables:
            query = sql.SQL("SELECT * FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
            rows = conn.execute(query).fetchall()
            out[table] = sorted(rows, key=repr)
    return out


def _storage_names(prefix: str = "") -> Iterator[str]:
    if prefix and not default_storage.exists(prefix):
        return
    try:
        dirs, files = default_storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{prefix}/{name}" if prefix else name
    for d in sorted(dirs):
        yield from _storage_names(f"{prefix}/{d}" if prefix else d)


def _row(instance: Firm | Domain) -> dict[str, Any]:
    return {f.column: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def firm_backup(*, slug: str, directory: Path) -> dict[str, Any]:
    """Write a backup of the firm `slug` into `directory` (created; must be empty)."""
    firm = Firm.objects.filter(slug=slug).first()
    if firm is None or firm.schema_name == "public":
        raise BackupFailed(f"no ready firm with slug {slug!r}")
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupFailed(f"{directory} is not empty")
    url = database_url()
    _run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--schema={firm.schema_name}",
            f"--file={directory / DUMP}",
            f"--dbname={url}",
        ]
    )
    files: dict[str, str] = {}
    with schema_context(firm.schema_name):
        for name in _storage_names():
            target = directory / FILES / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            files[name] = _sha256(target)
    counts = {table: len(rows) for table, rows in table_rows(url, firm.schema_name).items()}
    manifest = {
        "format": FORMAT,
        "slug": firm.slug,
        "schema_name": firm.schema_name,
        "firm": _row(firm),
        "domains": [_row(d) for d in Domain.objects.filter(tenant=firm)],
        "tables": counts,
        "dump_sha256": _sha256(directory / DUMP),
        "files": files,
    }
    (directory / MANIFEST).write_text(
        json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), "utf-8"
    )
    return manifest


def _read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupFailed(f"{directory / MANIFEST} cannot be read: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupFailed(f"unknown backup format {manifest.get('format')!r}")
    if _sha256(directory / DUMP) != manifest["dump_sha256"]:
        raise BackupFailed(f"{DUMP} does not match the manifest")
    for name, digest in manifest["files"].items():
        path = directory / FILES / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupFailed(f"file {name} is missing or does not match the manifest")
    return manifest


def _insert(conn: psycopg.Connection[Any], table: str, row: dict[str, Any]) -> int:
    columns = [c for c in row if c != "id"]
    query = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
        sql.Identifier(table),
        sql.SQL(", ").join(sql.Identifier(c) for c in columns),
        sql.SQL(", ").join(sql.Placeholder() for _ in columns),
    )
    found = conn.execute(query, [row[c] for c in columns]).fetchone()
    assert found is not None
    return int(found[0])


def _restore_renamed(dump: Path, old: str, new: str, url: str) -> None:
    """Restore `old` from `dump` into the database at `url` as schema `new`, through a scratch
    database on the same server (created and dropped here)."""
    scratch = f"linli_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
    scratch_url = _with_database(url, scratch)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            _run(
                [
                    "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={scratch_url}",
                    str(dump),
                ]
            )
            with psycopg.connect(scratch_url, autocommit=True) as conn:
                conn.execute(
                    sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(
                        sql.Identifier(old), sql.Identifier(new)
                    )
                )
            renamed = Path(tmp) / "renamed.dump"
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--schema={new}",
                    f"--file={renamed}",
                    f"--dbname={scratch_url}",
                ]
            )
            _restore(renamed, url)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(scratch))
            )


def _restore(dump: Path, url: str) -> None:
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url}",
            str(dump),
        ]
    )


def firm_restore(
    *, directory: Path, as_slug: str | None = None, url: str | None = None
) -> RestoredFirm:
    """Restore the backup in `directory` as a new ready firm (`as_slug`, default the original
    slug) into the database at `url` (default: Django's). Nothing existing is overwritten."""
    manifest = _read_manifest(directory)
    url = url or database_url()
    slug = as_slug or manifest["slug"]
    schema = schema_name_for(slug)
    host = firm_host(slug, settings.BASE_DOMAIN)
    with psycopg.connect(url) as conn:
        taken = conn.execute(
            "SELECT 1 FROM tenants_firm WHERE slug = %s OR schema_name = %s "
            "UNION ALL SELECT 1 FROM pg_namespace WHERE nspname = %s "
            "UNION ALL SELECT 1 FROM tenants_domain WHERE domain = %s",
            [slug, schema, schema, host],
        ).fetchone()
    if taken:
        raise BackupFailed(f"slug {slug!r}, schema {schema!r} or host {host!r} is taken")

    if schema == manifest["schema_name"]:
        _restore(directory / DUMP, url)
    else:
        _restore_renamed(directory / DUMP, manifest["schema_name"], schema, url)

    with psycopg.connect(url) as conn:  # one transaction: the firm and its domain
        firm = dict(manifest["firm"])
        firm.update(slug=slug, schema_name=schema, provisioning_status=ProvisioningStatus.READY)
        firm_id = _insert(conn, "tenants_firm", firm)
        for domain in manifest["domains"]:
            row = dict(domain, tenant_id=firm_id)
            if as_slug and domain["domain"] == firm_host(manifest["slug"], settings.BASE_DOMAIN):
                row["domain"] = host
            elif as_slug:
                continue  # another firm's custom host cannot be shared
            _insert(conn, "tenants_domain", row)

    # The files go to this process's storage (LINLI_MEDIA_ROOT or the S3 bucket): run the
    # command with the target deployment's settings.
    restored_files = 0
    with schema_context(schema):
        for name in manifest["files"]:
            if default_storage.exists(name):
                raise BackupFailed(f"file {name} already exists in {schema}")
            with (directory / FILES / name).open("rb") as f:
                saved = default_storage.save(name, File(f))
            if saved != name:
                raise BackupFailed(f"file {name} was saved as {saved}")
            restored_files += 1
    use_public_schema()
    rows = sum(manifest["tables"].values())
    return RestoredFirm(
        slug=slug,
        schema_name=schema,
        tables=len(manifest["tables"]),
        rows=rows,
        files=restored_files,
    )
